"""Role by page for Q&A: sessions of a private group stay inside it (and with the
organisation's moderators), only the session's expert answers, only moderators decide, and
an anonymous question never names its asker, on pages and in the API."""

from __future__ import annotations

import pytest

from tests.community.matrix import ROLES, World, build_world
from tests.community.matrix_runner import Read, Write, run_reads, run_writes

pytestmark = pytest.mark.django_db

INSIDE = {"member": 200, "blocked": 200, "moderator": 200, "*": 404}
EVERYONE = {"*": 200}

READS: list[Read] = [
    ("qa:session_list", "/tanya-jawab/", EVERYONE),
    ("qa:session_create", "/tanya-jawab/baru/", {"visitor": 302, "moderator": 200, "*": 403}),
    ("qa:session_detail", "/tanya-jawab/{private_session}/", INSIDE),
    ("qa:session_detail", "/tanya-jawab/{public_session}/", EVERYONE),
    ("qa:live_fragment", "/tanya-jawab/{private_session}/langsung/", INSIDE),
    ("qa:live_fragment", "/tanya-jawab/{public_session}/langsung/", EVERYONE),
    ("qa:archive", "/tanya-jawab/{private_session}/arsip/", INSIDE),
    ("qa:archive", "/tanya-jawab/{public_session}/arsip/", EVERYONE),
    ("qa:moderation", "/tanya-jawab/{private_session}/moderasi/",
     {"visitor": 302, "moderator": 200, "outsider": 404, "*": 403}),
    ("qa:moderation", "/tanya-jawab/{public_session}/moderasi/",
     {"visitor": 302, "moderator": 200, "*": 403}),
    ("api:qa/sessions", "/api/v1/qa/sessions", EVERYONE),
    ("api:qa/sessions/{pk}", "/api/v1/qa/sessions/{private_session}", INSIDE),
    ("api:qa/sessions/{pk}", "/api/v1/qa/sessions/{public_session}", EVERYONE),
    ("api:qa/sessions/{pk}/queue", "/api/v1/qa/sessions/{public_session}/queue",
     {"visitor": 401, "moderator": 200, "*": 403}),
]  # fmt: skip

WRITES: list[Write] = [
    ("qa:session_create", "post", "/tanya-jawab/baru/",
     {"organisation": "{organisation}", "title": "Sesi baru", "description": "",
      "expert": "{expert}", "starts_at": "2031-01-01T10:00", "ends_at": "2031-01-01T11:00"},
     False, {"visitor": 302, "moderator": 302, "*": 403}),
    ("qa:ask", "post", "/tanya-jawab/{private_session}/tanya/",
     {"text": "Bagaimana cara tidur nyenyak?"}, False, {"visitor": 302, "outsider": 404, "*": 302}),
    ("qa:ask", "post", "/tanya-jawab/{public_session}/tanya/",
     {"text": "Apa tanda awal relapse?"}, False, {"visitor": 302, "*": 302}),
    ("qa:vote", "post", "/tanya-jawab/{public_session}/pertanyaan/{question}/dukung/", {},
     False, {"visitor": 302, "*": 302}),
    ("qa:answer", "post", "/tanya-jawab/{public_session}/pertanyaan/{question}/jawab/",
     {"text": "Tarik napas."}, False, {"visitor": 302, "*": 403}),
    ("qa:moderate", "post", "/tanya-jawab/{public_session}/pertanyaan/{question}/moderasi/",
     {"decision": "reject"}, False, {"visitor": 302, "moderator": 302, "*": 403}),
    ("qa:set_status", "post", "/tanya-jawab/{public_session}/status/", {"status": "ended"},
     False, {"visitor": 302, "moderator": 302, "*": 403}),
    ("qa:set_status", "post", "/tanya-jawab/{private_session}/status/", {"status": "ended"},
     False, {"visitor": 302, "moderator": 302, "outsider": 404, "*": 403}),
    ("api:qa/sessions/{pk}/questions", "post", "/api/v1/qa/sessions/{private_session}/questions",
     {"text": "Bagaimana cara tidur nyenyak?"}, True,
     {"visitor": 401, "outsider": 404, "*": 201}),
    ("api:qa/questions/{pk}/vote", "post", "/api/v1/qa/questions/{question}/vote", None, True,
     {"visitor": 401, "*": 200}),
    ("api:qa/questions/{pk}/answer", "post", "/api/v1/qa/questions/{question}/answer",
     {"text": "Tarik napas."}, True, {"visitor": 401, "*": 403}),
    ("api:qa/questions/{pk}/moderate", "post", "/api/v1/qa/questions/{question}/moderate",
     {"approve": False}, True, {"visitor": 401, "moderator": 200, "*": 403}),
]  # fmt: skip


@pytest.fixture
def world(organisation, settings, tmp_path) -> World:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return build_world(organisation)


@pytest.mark.parametrize("role", ROLES)
def test_every_qa_page_and_endpoint_answers_each_role(world: World, role: str) -> None:
    run_reads(world, role, READS)
    run_writes(world, role, WRITES)


def test_the_session_expert_may_answer(world: World) -> None:
    from django.test import Client

    client = Client()
    client.cookies["suar_language"] = "en"
    client.force_login(world.expert, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        f"/api/v1/qa/questions/{world.question.pk}/answer",
        {"text": "Tarik napas dalam."},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["asker"] == "Anonymous"
