"""Blocking the author of a comment on the organisation's post, at the HTTP level against each
platform's documented shapes: Mastodon (POST /api/v1/accounts/:id/block) and Facebook Pages
(POST /{page-id}/blocked) block; X (Enterprise plan only), Instagram, TikTok and Export say
why they cannot, before any request. Also: the Mastodon app asks for write:blocks, and an app
registered before that is registered again."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import respx

from suar.publishing.adapters import (
    AuthError,
    ContentError,
    IncomingComment,
    NotSupported,
    adapter_for,
)
from suar.publishing.models import ConnectedAccount, MastodonApp, Publication

MASTODON = "https://mastodon.test"
GRAPH = "https://graph.facebook.com/v21.0"
X = "https://api.x.com"


@pytest.fixture
def published(
    make_publication: Callable[..., Publication],
) -> Callable[[ConnectedAccount, str], Publication]:
    def make(account: ConnectedAccount, post_id: str) -> Publication:
        return make_publication(
            account, status=Publication.Status.PUBLISHED, platform_post_id=post_id
        )

    return make


def reply(comment_id: str, author_id: str = "") -> IncomingComment:
    return IncomingComment(
        platform_comment_id=comment_id,
        text="goblok lo",
        created_at=dt.datetime(2026, 5, 1, 10, 1, tzinfo=dt.UTC),
        author_handle="troll",
        author_id=author_id,
    )


def relationship(account_id: str, *, blocking: bool) -> dict[str, object]:
    """Mastodon's Relationship entity (docs.joinmastodon.org/entities/Relationship)."""
    return {
        "id": account_id,
        "following": False,
        "showing_reblogs": False,
        "notifying": False,
        "languages": None,
        "followed_by": False,
        "blocking": blocking,
        "blocked_by": False,
        "muting": False,
        "muting_notifications": False,
        "requested": False,
        "requested_by": False,
        "domain_blocking": False,
        "endorsed": False,
        "note": "",
    }


# --- Mastodon -------------------------------------------------------------------------------


@respx.mock
def test_mastodon_blocks_the_replys_account_by_its_id(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")
    block = respx.post(f"{MASTODON}/api/v1/accounts/8/block").respond(
        200, json=relationship("8", blocking=True)
    )

    adapter_for(account).block_author(published(account, "111"), reply("301", author_id="8"))

    assert block.call_count == 1
    assert block.calls.last.request.headers["Authorization"] == "Bearer secret-access-mastodon"


@respx.mock
def test_blocking_someone_mastodon_already_blocks_is_a_success(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    """Mastodon answers a repeated block with the same Relationship (blocking: true)."""
    account = make_account("mastodon")
    block = respx.post(f"{MASTODON}/api/v1/accounts/8/block").respond(
        200, json=relationship("8", blocking=True)
    )
    adapter = adapter_for(account)
    publication = published(account, "111")

    adapter.block_author(publication, reply("301", author_id="8"))
    adapter.block_author(publication, reply("302", author_id="8"))

    assert block.call_count == 2  # no error the second time


@respx.mock
def test_mastodon_finds_the_author_from_the_reply_when_only_its_id_is_known(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")
    status = respx.get(f"{MASTODON}/api/v1/statuses/301").respond(
        200,
        json={
            "id": "301",
            "created_at": "2026-05-01T10:01:00Z",
            "content": "<p>goblok lo</p>",
            "account": {"id": "8", "acct": "troll@elsewhere.test"},
        },
    )
    block = respx.post(f"{MASTODON}/api/v1/accounts/8/block").respond(
        200, json=relationship("8", blocking=True)
    )

    adapter_for(account).block_author(published(account, "111"), "301")

    assert status.called and block.called


@respx.mock
def test_a_revoked_mastodon_token_is_an_auth_error(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")
    respx.post(f"{MASTODON}/api/v1/accounts/8/block").respond(
        401, json={"error": "The access token was revoked"}
    )

    with pytest.raises(AuthError, match="revoked"):
        adapter_for(account).block_author(published(account, "111"), reply("301", "8"))


@respx.mock
def test_an_account_connected_without_write_blocks_is_told_to_reconnect(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")
    respx.post(f"{MASTODON}/api/v1/accounts/8/block").respond(
        403, json={"error": "This action is outside the authorized scopes"}
    )

    with pytest.raises(AuthError, match=r"write:blocks.*reconnect the account"):
        adapter_for(account).block_author(published(account, "111"), reply("301", "8"))


@respx.mock
def test_a_mastodon_answer_that_is_not_a_block_is_refused(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")
    respx.post(f"{MASTODON}/api/v1/accounts/8/block").respond(
        200, json=relationship("8", blocking=False)
    )

    with pytest.raises(ContentError, match="did not block"):
        adapter_for(account).block_author(published(account, "111"), reply("301", "8"))


@respx.mock
def test_the_organisations_own_mastodon_account_is_never_blocked(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")  # platform_account_id 109

    with pytest.raises(ContentError, match="own"):
        adapter_for(account).block_author(published(account, "111"), reply("301", "109"))
    # respx.mock fails any request nobody mocked: none was sent.


@respx.mock
def test_mastodon_comments_carry_their_authors_account_id(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")
    respx.get(f"{MASTODON}/api/v1/statuses/111/context").respond(
        200,
        json={
            "ancestors": [],
            "descendants": [
                {
                    "id": "301",
                    "created_at": "2026-05-01T10:01:00Z",
                    "content": "<p>goblok lo</p>",
                    "url": f"{MASTODON}/@troll/301",
                    "account": {"id": "8", "acct": "troll"},
                }
            ],
        },
    )

    [comment] = adapter_for(account).fetch_comments(published(account, "111"))

    assert (comment.author_handle, comment.author_id) == ("troll", "8")


# --- Facebook Pages -------------------------------------------------------------------------


@respx.mock
def test_facebook_blocks_the_commenter_from_the_page(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")  # Page 1001
    blocked = respx.post(f"{GRAPH}/1001/blocked").respond(200, json={"5550001": True})

    adapter_for(page).block_author(published(page, "1001_42"), reply("1001_42_7", "5550001"))

    request = blocked.calls.last.request
    assert request.headers["Authorization"] == "Bearer secret-access-facebook"
    form = parse_qs(request.content.decode())
    assert json.loads(form["user"][0]) == ["5550001"]  # a list, JSON-encoded as Meta's SDK does


@respx.mock
def test_facebook_finds_the_commenter_when_only_the_comment_is_known(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")
    lookup = respx.get(f"{GRAPH}/1001_42_7").respond(
        200, json={"id": "1001_42_7", "from": {"id": "5550001", "name": "Orang 55"}}
    )
    blocked = respx.post(f"{GRAPH}/1001/blocked").respond(200, json={"5550001": True})

    adapter_for(page).block_author(published(page, "1001_42"), "1001_42_7")

    assert lookup.calls.last.request.url.params["fields"] == "from{id}"
    assert blocked.called


@respx.mock
def test_a_revoked_page_token_is_an_auth_error(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")
    respx.post(f"{GRAPH}/1001/blocked").respond(
        401,
        json={
            "error": {
                "message": "Error validating access token: The session has been invalidated.",
                "type": "OAuthException",
                "code": 190,
            }
        },
    )

    with pytest.raises(AuthError, match="code=190"):
        adapter_for(page).block_author(published(page, "1001_42"), reply("1001_42_7", "555"))


@respx.mock
def test_a_graph_answer_that_the_edge_is_gone_is_not_supported(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")
    respx.post(f"{GRAPH}/1001/blocked").respond(
        400,
        json={
            "error": {
                "message": "(#12) blocked is deprecated for versions v21.0 and higher",
                "type": "OAuthException",
                "code": 12,
            }
        },
    )

    with pytest.raises(NotSupported, match="no longer lets this app block"):
        adapter_for(page).block_author(published(page, "1001_42"), reply("1001_42_7", "555"))


@respx.mock
def test_a_graph_answer_that_blocks_nobody_is_refused(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")
    respx.post(f"{GRAPH}/1001/blocked").respond(200, json={"555": False})

    with pytest.raises(ContentError, match="did not block"):
        adapter_for(page).block_author(published(page, "1001_42"), reply("1001_42_7", "555"))


@respx.mock
def test_facebook_comments_carry_their_authors_id(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")
    respx.get(f"{GRAPH}/1001_42/comments").respond(
        200,
        json={
            "data": [
                {
                    "id": "1001_42_7",
                    "message": "goblok lo",
                    "created_time": "2026-05-01T10:01:00+0000",
                    "from": {"id": "5550001", "name": "Orang 55"},
                }
            ]
        },
    )

    [comment] = adapter_for(page).fetch_comments(published(page, "1001_42"))

    assert (comment.author_handle, comment.author_id) == ("Orang 55", "5550001")


# --- X: the endpoint is Enterprise-only -----------------------------------------------------


@respx.mock
def test_x_says_blocking_needs_its_enterprise_plan_without_asking(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("x")

    with pytest.raises(NotSupported, match="Enterprise"):
        adapter_for(account).block_author(published(account, "1790"), reply("1791", "99"))
    # respx.mock fails any request nobody mocked: POST /2/users/:id/blocking was not sent.


@respx.mock
def test_x_replies_carry_their_authors_user_id(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("x")
    respx.get(f"{X}/2/tweets/search/recent").respond(
        200,
        json={
            "data": [
                {
                    "id": "1791",
                    "text": "goblok lo",
                    "author_id": "99",
                    "created_at": "2026-05-01T10:01:00.000Z",
                    "conversation_id": "1790",
                }
            ],
            "includes": {"users": [{"id": "99", "username": "troll"}]},
            "meta": {"result_count": 1},
        },
    )

    [comment] = adapter_for(account).fetch_comments(published(account, "1790"))

    assert (comment.author_handle, comment.author_id) == ("troll", "99")


# --- Platforms without a block API ----------------------------------------------------------


@respx.mock
@pytest.mark.parametrize(
    ("platform", "reason"),
    [
        ("instagram", "Instagram's API has no way to block"),
        ("tiktok", "TikTok's APIs give no way to block"),
        ("export", "posted by hand"),
    ],
)
def test_platforms_without_a_block_api_say_so_before_any_request(
    platform: str,
    reason: str,
    make_account: Callable[..., ConnectedAccount],
    published: Callable[..., Publication],
) -> None:
    account = make_account(platform)
    adapter = adapter_for(account)

    with pytest.raises(NotSupported, match=reason):
        adapter.block_author(published(account, "m1"), reply("c1", "99"))
    assert reason in adapter.refusal_to_block()  # what the comments page shows beforehand


# --- Connecting Mastodon asks for write:blocks ----------------------------------------------


@pytest.fixture
def fresh_scope_cache() -> Iterator[None]:
    from suar.publishing import oauth_mastodon

    oauth_mastodon._COVERING.clear()
    yield
    oauth_mastodon._COVERING.clear()


@respx.mock
def test_an_app_registered_before_write_blocks_is_registered_again(
    db: None, fresh_scope_cache: None
) -> None:
    from suar.publishing.oauth_mastodon import authorize_url

    MastodonApp.objects.create(
        base_url=MASTODON,
        client_id="old-cid",
        client_secret="old-secret",
        redirect_uri="http://127.0.0.1:8000/publikasi/sambung/mastodon/kembali/",
    )
    # Doorkeeper refuses a scope the app was not registered with.
    probe = respx.post(f"{MASTODON}/oauth/token").respond(
        400,
        json={
            "error": "invalid_scope",
            "error_description": "The requested scope is invalid, unknown, or malformed.",
        },
    )
    apps = respx.post(f"{MASTODON}/api/v1/apps").respond(
        200, json={"client_id": "new-cid", "client_secret": "new-secret", "name": "Suar"}
    )
    respx.get(f"{MASTODON}/.well-known/oauth-authorization-server").respond(404)

    url = authorize_url(MASTODON, state="s", language="en")

    asked = parse_qs(probe.calls.last.request.content.decode())
    assert asked["grant_type"] == ["client_credentials"] and asked["client_id"] == ["old-cid"]
    assert "write:blocks" in asked["scope"][0].split()
    assert "write:blocks" in parse_qs(apps.calls.last.request.content.decode())["scopes"][0]
    query = parse_qs(urlparse(url).query)
    assert query["client_id"] == ["new-cid"]
    assert "write:blocks" in query["scope"][0].split()
    app = MastodonApp.objects.get()
    assert (app.client_id, app.client_secret) == ("new-cid", "new-secret")
    from django.db import connection

    with connection.cursor() as cursor:  # still encrypted at rest after the update
        cursor.execute("SELECT client_secret FROM publishing_mastodonapp")
        assert cursor.fetchone()[0].startswith("fernet:")


@respx.mock
def test_an_app_that_already_has_the_scopes_is_kept_and_the_probe_token_revoked(
    db: None, fresh_scope_cache: None
) -> None:
    from suar.publishing.oauth_mastodon import authorize_url

    MastodonApp.objects.create(
        base_url=MASTODON,
        client_id="cid",
        client_secret="csecret",
        redirect_uri="http://127.0.0.1:8000/publikasi/sambung/mastodon/kembali/",
    )
    respx.post(f"{MASTODON}/oauth/token").respond(
        200, json={"access_token": "app-token", "token_type": "Bearer", "scope": "write:blocks"}
    )
    revoke = respx.post(f"{MASTODON}/oauth/revoke").respond(200, json={})
    apps = respx.post(f"{MASTODON}/api/v1/apps")
    respx.get(f"{MASTODON}/.well-known/oauth-authorization-server").respond(404)

    url = authorize_url(MASTODON, state="s", language="en")
    authorize_url(MASTODON, state="t", language="en")  # known now: no second probe

    assert parse_qs(urlparse(url).query)["client_id"] == ["cid"]
    assert not apps.called
    assert parse_qs(revoke.calls.last.request.content.decode())["token"] == ["app-token"]
    assert revoke.call_count == 1


@respx.mock
def test_a_server_that_cannot_answer_the_probe_keeps_its_app(
    db: None, fresh_scope_cache: None
) -> None:
    from suar.publishing.oauth_mastodon import authorize_url

    MastodonApp.objects.create(
        base_url=MASTODON,
        client_id="cid",
        client_secret="csecret",
        redirect_uri="http://127.0.0.1:8000/publikasi/sambung/mastodon/kembali/",
    )
    respx.post(f"{MASTODON}/oauth/token").mock(side_effect=httpx.ConnectError("refused"))
    apps = respx.post(f"{MASTODON}/api/v1/apps")
    respx.get(f"{MASTODON}/.well-known/oauth-authorization-server").respond(404)

    url = authorize_url(MASTODON, state="s", language="en")

    assert parse_qs(urlparse(url).query)["client_id"] == ["cid"] and not apps.called
