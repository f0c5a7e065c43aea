"""Role by page for polls: a private group's poll stays inside it, results only after voting
(or closing), one ballot per person, creating only for organisers and moderators."""

from __future__ import annotations

import pytest

from tests.community.matrix import ROLES, World, build_world
from tests.community.matrix_runner import Read, Write, run_reads, run_writes

pytestmark = pytest.mark.django_db

INSIDE = {"member": 200, "blocked": 200, "*": 404}
EVERYONE = {"*": 200}

READS: list[Read] = [
    ("polls:poll_list", "/polling/", EVERYONE),
    ("polls:poll_create", "/polling/baru/", {"visitor": 302, "moderator": 200, "*": 403}),
    ("polls:poll_detail", "/polling/{private_poll}/", INSIDE),
    ("polls:poll_detail", "/polling/{public_poll}/", EVERYONE),
    ("api:polls/", "/api/v1/polls/", EVERYONE),
    ("api:polls/{pk}/results", "/api/v1/polls/{public_poll}/results", {"*": 403}),
    ("api:polls/{pk}/results", "/api/v1/polls/{private_poll}/results",
     {"member": 403, "blocked": 403, "*": 404}),
]  # fmt: skip

WRITES: list[Write] = [
    ("polls:poll_create", "post", "/polling/baru/",
     {"organisation": "{organisation}", "question": "Kapan kamu paling kuat?", "kind": "single",
      "options": "Pagi\nMalam", "closes_at": "2031-01-01T10:00"}, False,
     {"visitor": 302, "moderator": 302, "*": 403}),
    ("polls:vote", "post", "/polling/{public_poll}/pilih/", {"option": "{option}"}, False,
     {"visitor": 302, "*": 302}),
    ("polls:vote", "post", "/polling/{private_poll}/pilih/", {"option": "{option}"}, False,
     {"visitor": 302, "member": 302, "blocked": 302, "*": 404}),
    ("api:polls/{pk}/vote", "post", "/api/v1/polls/{public_poll}/vote", {"options": ["{option}"]},
     True, {"visitor": 401, "*": 201}),
]  # fmt: skip


@pytest.fixture
def world(organisation, settings, tmp_path) -> World:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return build_world(organisation)


@pytest.mark.parametrize("role", ROLES)
def test_every_poll_page_and_endpoint_answers_each_role(world: World, role: str) -> None:
    run_reads(world, role, READS)
    run_writes(world, role, WRITES)
