"""Role by page for the community: each role gets exactly what it should on every page and
API endpoint, and private or anonymous content never leaks (feeds, search, notifications,
the API). tests/community/test_matrix_coverage.py checks that no URL is left out."""

from __future__ import annotations

import pytest

from tests.community.matrix import ROLES, World, build_world
from tests.community.matrix_runner import Read, Write, run_reads, run_writes

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisation, settings, tmp_path) -> World:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return build_world(organisation)


SIGNED_IN = {"visitor": 302, "*": 200}
MODERATORS = {"visitor": 302, "moderator": 200, "*": 403}
PRIVATE_GROUP = {"member": 200, "blocked": 200, "*": 404}
PRIVATE_STORY = {"member": 200, "*": 404}
EVERYONE = {"*": 200}
API_SIGNED_IN = {"visitor": 401, "*": 200}

# Reads: (url name, url template, expected status per role). Every body is checked for leaks.
READS: list[Read] = [
    ("community:group_list", "/komunitas/", EVERYONE),
    ("community:feed", "/komunitas/beranda/", SIGNED_IN),
    ("community:search", "/komunitas/cari/?q=Rahasia", EVERYONE),
    ("community:search", "/komunitas/cari/?q=Rina", EVERYONE),
    ("community:search", "/komunitas/cari/?q=cerita", EVERYONE),
    ("community:notifications", "/komunitas/notifikasi/", SIGNED_IN),
    ("community:group_create", "/komunitas/grup-baru/", MODERATORS),
    ("community:group_detail", "/komunitas/g/pulih/keluarga/", PRIVATE_GROUP),
    ("community:group_detail", "/komunitas/g/pulih/terbuka/", EVERYONE),
    ("community:story_create", "/komunitas/g/pulih/keluarga/tulis/",
     {"visitor": 302, "member": 200, "blocked": 200, "*": 404}),
    ("community:story_create", "/komunitas/g/pulih/terbuka/tulis/", SIGNED_IN),
    ("community:group_join", "/komunitas/g/pulih/keluarga/gabung/", SIGNED_IN),
    ("community:group_edit", "/komunitas/g/pulih/terbuka/atur/",
     {"visitor": 302, "moderator": 200, "*": 403}),
    ("community:group_edit", "/komunitas/g/pulih/keluarga/atur/",
     {"visitor": 302, "member": 403, "blocked": 403, "*": 404}),
    ("community:invitation", "/komunitas/undangan/{invitation}/", SIGNED_IN),
    ("community:story_detail", "/komunitas/cerita/{private_story}/", {"member": 200, "*": 404}),
    ("community:story_detail", "/komunitas/cerita/{anonymous_story}/", EVERYONE),
    ("community:story_detail", "/komunitas/cerita/{member_story}/", EVERYONE),
    ("community:story_image", "/komunitas/cerita/{private_story}/gambar/", PRIVATE_STORY),
    ("community:help", "/komunitas/bantuan/", EVERYONE),
    ("community:inbox", "/komunitas/kotak-balas/", {"visitor": 302, "moderator": 200, "*": 403}),
    ("community:controls", "/komunitas/pengaturan/", SIGNED_IN),
    ("community:privacy", "/komunitas/privasi/", EVERYONE),
    ("community:export", "/komunitas/privasi/ekspor/", SIGNED_IN),
    ("community:delete_account", "/komunitas/privasi/hapus-akun/", SIGNED_IN),
    ("core:home", "/", EVERYONE),
    ("api:community/groups/mine", "/api/v1/community/groups/mine", API_SIGNED_IN),
    ("api:community/groups/{org}/{slug}/stories", "/api/v1/community/groups/pulih/keluarga/stories",
     {"member": 200, "blocked": 200, "*": 404}),
    ("api:community/groups/{org}/{slug}/stories", "/api/v1/community/groups/pulih/terbuka/stories",
     EVERYONE),
    ("api:community/stories/{story_id}", "/api/v1/community/stories/{private_story}",
     {"member": 200, "*": 404}),
    ("api:community/stories/{story_id}", "/api/v1/community/stories/{anonymous_story}", EVERYONE),
    ("api:community/stories/{story_id}", "/api/v1/community/stories/{member_story}", EVERYONE),
    ("api:community/feed", "/api/v1/community/feed", API_SIGNED_IN),
    ("api:community/search", "/api/v1/community/search?q=Rahasia", EVERYONE),
    ("api:community/search", "/api/v1/community/search?q=Rina", EVERYONE),
    ("api:community/notifications", "/api/v1/community/notifications", API_SIGNED_IN),
    ("api:community/me/export", "/api/v1/community/me/export", API_SIGNED_IN),
]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_every_read_answers_each_role_and_leaks_nothing(world: World, role: str) -> None:
    run_reads(world, role, READS)


def test_the_private_story_is_found_only_by_its_readers(world: World) -> None:
    search = "/komunitas/cari/?q=Rahasia"
    assert "Rahasia keluarga" in world.clients["member"].get(search).content.decode()
    for role in ("visitor", "outsider", "blocked", "moderator"):
        assert "Rahasia keluarga" not in world.clients[role].get(search).content.decode(), role


def test_notifications_name_the_pseudonym_never_the_person(world: World) -> None:
    page = world.clients["member"].get("/komunitas/notifikasi/").content.decode()
    assert "Rusa Tenang replied to your story" in page
    api = world.clients["member"].get("/api/v1/community/notifications").json()
    assert api[0]["text"].startswith("Rusa Tenang replied")


def test_the_anonymous_story_api_names_only_the_pseudonym(world: World) -> None:
    data = (
        world.clients["member"].get(f"/api/v1/community/stories/{world.anonymous_story.pk}").json()
    )
    assert data["author"] == "Rusa Tenang"
    assert data["is_mine"] is False
    assert "author_id" not in data and "user" not in str(data.keys())


# Writes: (url name, method, url template, body, as JSON, expected status per role).
WRITES: list[Write] = [
    ("community:story_create", "post", "/komunitas/g/pulih/keluarga/tulis/",
     {"title": "Hai", "body": "Halo semua, salam kenal dari aku.", "visibility": "group",
      "token": "w1"}, False, {"visitor": 302, "member": 302, "blocked": 302, "*": 404}),
    ("community:group_join", "post", "/komunitas/g/pulih/keluarga/gabung/", {}, False,
     {"visitor": 302, "*": 302}),
    ("community:group_leave", "post", "/komunitas/g/pulih/terbuka/keluar/", {}, False,
     {"visitor": 302, "*": 302}),
    ("community:group_follow", "post", "/komunitas/g/pulih/terbuka/ikuti/", {"follow": "0"},
     False, {"visitor": 302, "*": 302}),
    ("community:group_invite", "post", "/komunitas/g/pulih/terbuka/undang/", {}, False,
     {"visitor": 302, "moderator": 302, "*": 403}),
    ("community:group_invite", "post", "/komunitas/g/pulih/keluarga/undang/", {}, False,
     {"visitor": 302, "member": 403, "blocked": 403, "*": 404}),
    ("community:group_edit", "post", "/komunitas/g/pulih/terbuka/atur/",
     {"description": "Baru", "rules": "", "visibility": "public"}, False,
     {"visitor": 302, "moderator": 302, "*": 403}),
    ("community:group_create", "post", "/komunitas/grup-baru/",
     {"organisation": "{organisation}", "name": "Grup baru", "description": "Untuk semua",
      "visibility": "public"}, False, {"visitor": 302, "moderator": 302, "*": 403}),
    ("community:invitation", "post", "/komunitas/undangan/{invitation}/", {}, False,
     {"visitor": 302, "*": 302}),
    ("community:join_request_decide", "post", "/komunitas/permintaan/{join_request}/",
     {"approve": "1"}, False, {"visitor": 302, "moderator": 302, "*": 403}),
    ("community:reply_create", "post", "/komunitas/cerita/{private_story}/balas/",
     {"body": "Peluk untukmu", "token": "r1"}, False, {"visitor": 302, "member": 302, "*": 403}),
    ("community:reply_create", "post", "/komunitas/cerita/{anonymous_story}/balas/",
     {"body": "Semangat ya", "token": "r2"}, False, {"visitor": 302, "*": 302}),
    ("community:story_react", "post", "/komunitas/cerita/{private_story}/reaksi/",
     {"kind": "hug"}, False, {"visitor": 302, "member": 302, "*": 403}),
    ("community:story_delete", "post", "/komunitas/cerita/{private_story}/hapus/", {}, False,
     {"visitor": 302, "*": 403}),
    ("community:controls", "post", "/komunitas/pengaturan/",
     {"content_warnings": "hide", "muted_words": "sabu"}, False, {"visitor": 302, "*": 302}),
    ("community:block", "post", "/komunitas/blokir/{author}/", {}, False,
     {"visitor": 302, "*": 302}),
    ("community:mute", "post", "/komunitas/bisukan/{author}/", {}, False,
     {"visitor": 302, "*": 302}),
    ("community:tick", "post", "/komunitas/waktu/", {}, False, {"visitor": 302, "*": 200}),
    ("community:notifications_read", "post", "/komunitas/notifikasi/dibaca/", {}, False,
     {"visitor": 302, "*": 302}),
    ("community:delete_account", "post", "/komunitas/privasi/hapus-akun/", {"confirm": "ya"},
     False, {"visitor": 302, "*": 200}),
    ("api:community/stories", "post", "/api/v1/community/stories",
     {"group_id": "{private_group}", "title": "Hai", "body": "Halo semua, salam kenal."}, True,
     {"visitor": 401, "member": 201, "blocked": 201, "*": 404}),
    ("api:community/stories/{story_id}/replies", "post",
     "/api/v1/community/stories/{private_story}/replies", {"body": "Peluk dari sini"}, True,
     {"visitor": 401, "member": 201, "*": 404}),
    ("api:community/stories/{story_id}/reactions", "post",
     "/api/v1/community/stories/{private_story}/reactions", {"kind": "hug"}, True,
     {"visitor": 401, "member": 200, "*": 404}),
    ("api:community/stories/{story_id}", "delete", "/api/v1/community/stories/{private_story}",
     None, True, {"visitor": 401, "*": 404}),
    ("api:community/blocks", "post", "/api/v1/community/blocks", {"user_id": "{author}"}, True,
     {"visitor": 401, "*": 204}),
    ("api:community/mutes", "post", "/api/v1/community/mutes", {"user_id": "{author}"}, True,
     {"visitor": 401, "*": 204}),
    ("api:community/groups/{group_id}/join", "post",
     "/api/v1/community/groups/{private_group}/join", {}, True, {"visitor": 401, "*": 200}),
    ("api:community/groups/{group_id}/leave", "post",
     "/api/v1/community/groups/{public_group}/leave", None, True, {"visitor": 401, "*": 204}),
    ("api:community/groups/{group_id}/leave", "post",
     "/api/v1/community/groups/{private_group}/leave", None, True,
     {"visitor": 401, "member": 204, "blocked": 204, "*": 404}),
    ("api:community/groups/{group_id}/follow", "post",
     "/api/v1/community/groups/{public_group}/follow", {"follow": False}, True,
     {"visitor": 401, "*": 204}),
    ("api:community/notifications/read", "post", "/api/v1/community/notifications/read", None,
     True, {"visitor": 401, "*": 204}),
]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_every_write_is_permission_checked(world: World, role: str) -> None:
    run_writes(world, role, WRITES)
