"""Role by page: each role gets exactly what it should, on pages and in the API, and private
or anonymous content never leaks (feeds, group pages, story pages, API JSON)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from suar.accounts.roles import Role
from suar.community.controls.models import Block
from suar.community.models import Story
from tests.community.factories import make_group, make_person, make_story

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "outsider", "blocked", "moderator"]
SECRET = "Rahasia keluarga"  # a named story in a private group, by the author
AUTHOR_NAMES = ("rina_w7", "Rina Wijaya")  # never next to her anonymous story


@dataclass
class World:
    clients: dict[str, Client]
    private_story: Story
    anonymous_story: Story


@pytest.fixture
def world(organisation) -> World:  # type: ignore[no-untyped-def]
    author = make_person(organisation, "rina_w7", display_name="Rina Wijaya")
    people = {
        "member": make_person(organisation, "putri"),
        "outsider": make_person(organisation, "sari"),
        "blocked": make_person(organisation, "budi"),
        "moderator": make_person(organisation, "mod", role=Role.MODERATOR),
    }
    private = make_group(
        organisation,
        "keluarga",
        private=True,
        members=(author, people["member"], people["blocked"]),
    )
    public = make_group(organisation, "terbuka", members=(author, *people.values()))
    Block.objects.create(blocker=author, blocked=people["blocked"])
    private_story = make_story(private, author, title=SECRET, body="Tetap di sini.")
    anonymous_story = make_story(
        public, author, title="Cerita tanpa nama", anonymous=True, pseudonym="Rusa Tenang"
    )
    clients = {"visitor": Client()}
    for role, user in people.items():
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        clients[role] = client
    return World(clients, private_story, anonymous_story)


def _expect(table: dict[str, int], role: str) -> int:
    return table.get(role, table.get("*", 0))


PAGES = {
    "/komunitas/": {"*": 200},
    "/komunitas/beranda/": {"visitor": 302, "*": 200},
    "/komunitas/g/pulih/keluarga/": {"member": 200, "blocked": 200, "*": 404},
    "/komunitas/g/pulih/terbuka/": {"*": 200},
    "/komunitas/g/pulih/keluarga/tulis/": {"visitor": 302, "member": 200, "blocked": 200, "*": 404},
    "/komunitas/kotak-balas/": {"visitor": 302, "moderator": 200, "*": 403},
    "/komunitas/pengaturan/": {"visitor": 302, "*": 200},
    "/komunitas/privasi/": {"*": 200},
    "/komunitas/privasi/ekspor/": {"visitor": 302, "*": 200},
    "/komunitas/bantuan/": {"*": 200},
    "/moderasi/": {"visitor": 302, "moderator": 200, "*": 403},
    "/": {"*": 200},
    "/api/v1/community/groups/mine": {"visitor": 401, "*": 200},
    "/api/v1/community/groups/pulih/keluarga/stories": {"member": 200, "blocked": 200, "*": 404},
    "/api/v1/community/groups/pulih/terbuka/stories": {"*": 200},
}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_it_should(world: World, role: str) -> None:
    client = world.clients[role]
    story_pages = {
        f"/komunitas/cerita/{world.private_story.pk}/": {"member": 200, "*": 404},
        f"/komunitas/cerita/{world.anonymous_story.pk}/": {"*": 200},
        f"/api/v1/community/stories/{world.private_story.pk}": {"member": 200, "*": 404},
        f"/api/v1/community/stories/{world.anonymous_story.pk}": {"*": 200},
    }
    for url, table in {**PAGES, **story_pages}.items():
        response = client.get(url)
        assert response.status_code == _expect(table, role), (url, role)
        body = response.content.decode()
        # The private story reaches its group's members only, and never the blocked person.
        assert (SECRET in body) == (role == "member" and url in _secret_pages(world)), (url, role)
        # Her name shows only beside her named story: never beside the anonymous one.
        if SECRET not in body and "keluarga" not in url:
            assert not any(name in body for name in AUTHOR_NAMES), (url, role)


def _secret_pages(world: World) -> set[str]:
    return {
        "/komunitas/beranda/",
        "/",
        "/komunitas/g/pulih/keluarga/",
        "/api/v1/community/groups/pulih/keluarga/stories",
        f"/komunitas/cerita/{world.private_story.pk}/",
        f"/api/v1/community/stories/{world.private_story.pk}",
    }


WRITES = {
    # (method, url template, body, json?) -> expected status per role
    "reply page": ("/komunitas/cerita/{private}/balas/", {"body": "Peluk!", "token": "x"}, False,
                   {"visitor": 302, "member": 302, "*": 403}),
    "reply api": ("/api/v1/community/stories/{private}/replies", {"body": "Peluk!"}, True,
                  {"visitor": 401, "member": 201, "*": 404}),
    "react api": ("/api/v1/community/stories/{private}/reactions", {"kind": "hug"}, True,
                  {"visitor": 401, "member": 200, "*": 403}),
    "story api": ("/api/v1/community/stories", {"group_id": "{group}", "title": "Hai",
                  "body": "Halo semua, salam kenal."}, True,
                  {"visitor": 401, "member": 201, "blocked": 201, "*": 404}),
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_every_write_is_permission_checked(world: World, role: str) -> None:
    client = world.clients[role]
    for action, (url, data, as_json, table) in WRITES.items():
        url = url.format(private=world.private_story.pk)
        data = {k: (world.private_story.group_id if v == "{group}" else v) for k, v in data.items()}
        if as_json:
            response = client.post(url, data, content_type="application/json")
        else:
            response = client.post(url, data)
        assert response.status_code == _expect(table, role), (action, role, response.content[:200])


def test_the_anonymous_story_api_names_only_the_pseudonym(world: World) -> None:
    data = (
        world.clients["member"].get(f"/api/v1/community/stories/{world.anonymous_story.pk}").json()
    )
    assert data["author"] == "Rusa Tenang"
    assert data["is_mine"] is False
    assert "author_id" not in data and "user" not in str(data.keys())
