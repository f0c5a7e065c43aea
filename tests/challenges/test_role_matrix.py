"""Role by page for challenges: a private group's challenge stays inside it, check-ins and
progress are one's own, and a milestone card is only for the person who reached it."""

from __future__ import annotations

import pytest

from tests.community.matrix import ROLES, World, build_world
from tests.community.matrix_runner import Read, Write, run_reads, run_writes

pytestmark = pytest.mark.django_db

INSIDE = {"member": 200, "blocked": 200, "*": 404}
EVERYONE = {"*": 200}

READS: list[Read] = [
    ("challenges:challenge_list", "/tantangan/", EVERYONE),
    ("challenges:challenge_create", "/tantangan/baru/",
     {"visitor": 302, "moderator": 200, "*": 403}),
    ("challenges:challenge_detail", "/tantangan/{private_challenge}/", INSIDE),
    ("challenges:challenge_detail", "/tantangan/{public_challenge}/", EVERYONE),
    ("challenges:card", "/tantangan/{public_challenge}/kartu/7/",
     {"visitor": 302, "member": 200, "*": 403}),
    ("challenges:card", "/tantangan/{private_challenge}/kartu/7/",
     {"visitor": 302, "member": 403, "blocked": 403, "*": 404}),
    ("api:challenges/", "/api/v1/challenges/", EVERYONE),
    ("api:challenges/{pk}/progress", "/api/v1/challenges/{public_challenge}/progress",
     {"visitor": 401, "member": 200, "*": 404}),
    ("api:challenges/{pk}/progress", "/api/v1/challenges/{private_challenge}/progress",
     {"visitor": 401, "*": 404}),
]  # fmt: skip

WRITES: list[Write] = [
    ("challenges:challenge_create", "post", "/tantangan/baru/",
     {"organisation": "{organisation}", "title": "7 hari jalan pagi", "description": "",
      "starts_on": "2031-01-01", "length_days": "7"}, False,
     {"visitor": 302, "moderator": 302, "*": 403}),
    ("challenges:join", "post", "/tantangan/{private_challenge}/ikut/", {}, False,
     {"visitor": 302, "member": 302, "blocked": 302, "*": 404}),
    ("challenges:join", "post", "/tantangan/{public_challenge}/ikut/", {}, False,
     {"visitor": 302, "*": 302}),
    ("challenges:check_in", "post", "/tantangan/{public_challenge}/lapor/", {"note": "Hari ini"},
     False, {"visitor": 302, "*": 302}),
    ("challenges:leaderboard_opt_in", "post", "/tantangan/{public_challenge}/papan-peringkat/",
     {"show": "1"}, False, {"visitor": 302, "*": 302}),
    ("api:challenges/{pk}/join", "post", "/api/v1/challenges/{private_challenge}/join", None,
     True, {"visitor": 401, "member": 200, "blocked": 200, "*": 404}),
    ("api:challenges/{pk}/check-in", "post", "/api/v1/challenges/{public_challenge}/check-in",
     {"note": ""}, True, {"visitor": 401, "member": 201, "*": 400}),
]  # fmt: skip


@pytest.fixture
def world(organisation, settings, tmp_path) -> World:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return build_world(organisation)


@pytest.mark.parametrize("role", ROLES)
def test_every_challenge_page_and_endpoint_answers_each_role(world: World, role: str) -> None:
    run_reads(world, role, READS)
    run_writes(world, role, WRITES)


def test_the_leaderboard_names_nobody_who_did_not_opt_in(world: World) -> None:
    page = world.clients["outsider"].get(f"/tantangan/{world.public_challenge.pk}/")
    assert "Putri" not in page.content.decode()
