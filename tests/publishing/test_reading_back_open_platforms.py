"""Reading back figures and comments, and hiding a reply, on Mastodon, Bluesky and X, at the
HTTP level against each platform's documented response shapes."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import respx

from suar.publishing.adapters import AuthError, NotSupported, adapter_for
from suar.publishing.models import ConnectedAccount, Publication

MASTODON = "https://mastodon.test"
PDS = "https://pds.test"
X = "https://api.x.com"
DID = "did:plc:abc123"
POST_URI = f"at://{DID}/app.bsky.feed.post/3lpost"


@pytest.fixture
def published(
    make_publication: Callable[..., Publication],
) -> Callable[[ConnectedAccount, str], Publication]:
    def make(account: ConnectedAccount, post_id: str) -> Publication:
        return make_publication(
            account, status=Publication.Status.PUBLISHED, platform_post_id=post_id
        )

    return make


def mastodon_status(id_: str, acct: str, account_id: str, text: str, at: str) -> dict[str, object]:
    return {
        "id": id_,
        "created_at": at,
        "content": f"<p>{text}</p>",
        "url": f"{MASTODON}/@{acct}/{id_}",
        "account": {"id": account_id, "acct": acct},
    }


# --- Mastodon -------------------------------------------------------------------------------


@respx.mock
def test_mastodon_figures_come_from_the_status_and_reach_stays_unknown(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")
    respx.get(f"{MASTODON}/api/v1/statuses/111").respond(
        200,
        json={"id": "111", "favourites_count": 7, "reblogs_count": 2, "replies_count": 3},
    )

    figures = adapter_for(account).fetch_engagement(published(account, "111"))

    assert (figures.likes, figures.shares, figures.comments) == (7, 2, 3)
    assert figures.reach is None and figures.impressions is None  # not 0: Mastodon has none


@respx.mock
def test_mastodon_comments_are_the_threads_descendants_oldest_first_without_our_own(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")
    context = respx.get(f"{MASTODON}/api/v1/statuses/111/context").respond(
        200,
        json={
            "ancestors": [],
            "descendants": [
                mastodon_status("205", "sari@id.social", "7", "Makasih!", "2026-05-01T10:05:00Z"),
                mastodon_status("210", "pulih", "109", "Sama-sama", "2026-05-01T10:06:00Z"),
                mastodon_status(
                    "201", "budi", "8", "Kuat ya &amp; semangat", "2026-05-01T10:01:00Z"
                ),
            ],
        },
    )

    comments = adapter_for(account).fetch_comments(published(account, "111"))

    assert [c.platform_comment_id for c in comments] == ["201", "205"]
    assert comments[0].text == "Kuat ya & semangat"
    assert comments[1].author_handle == "sari@id.social"
    assert comments[1].url == f"{MASTODON}/@sari@id.social/205"
    assert comments[0].created_at.isoformat() == "2026-05-01T10:01:00+00:00"
    assert context.calls.last.request.headers["Authorization"] == "Bearer secret-access-mastodon"

    later = adapter_for(account).fetch_comments(published(account, "111"), since_id="201")
    assert [c.platform_comment_id for c in later] == ["205"]


def test_mastodon_cannot_hide_a_reply(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")
    with pytest.raises(NotSupported, match="no way to hide"):
        adapter_for(account).hide_comment(published(account, "111"), "205")


@respx.mock
def test_mastodon_revoked_token_is_an_auth_error(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("mastodon")
    respx.get(f"{MASTODON}/api/v1/statuses/111").respond(
        401, json={"error": "The access token was revoked"}
    )
    with pytest.raises(AuthError, match="revoked"):
        adapter_for(account).fetch_engagement(published(account, "111"))


# --- Bluesky --------------------------------------------------------------------------------


CID = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"


def bsky_post(uri: str, handle: str, did: str, text: str, at: str) -> dict[str, object]:
    """app.bsky.feed.defs#postView, as the AppView answers it."""
    return {
        "uri": uri,
        "cid": CID,
        "author": {"did": did, "handle": handle, "displayName": handle.split(".")[0]},
        "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": at},
        "replyCount": 0,
        "repostCount": 0,
        "likeCount": 0,
        "quoteCount": 0,
        "indexedAt": at,
        "labels": [],
    }


def bsky_reply(rkey: str, handle: str, did: str, text: str, at: str) -> dict[str, object]:
    return {
        "$type": "app.bsky.feed.defs#threadViewPost",
        "post": bsky_post(f"at://{did}/app.bsky.feed.post/{rkey}", handle, did, text, at),
        "replies": [],
    }


@respx.mock
def test_bluesky_figures_from_get_posts_count_quotes_as_shares(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    route = respx.get(f"{PDS}/xrpc/app.bsky.feed.getPosts").respond(
        200,
        json={
            "posts": [
                {
                    **bsky_post(
                        POST_URI, "pulih.bsky.social", DID, "Halo", "2026-05-01T10:00:00.000Z"
                    ),
                    "likeCount": 12,
                    "replyCount": 4,
                    "repostCount": 3,
                    "quoteCount": 1,
                }
            ]
        },
    )

    figures = adapter_for(account).fetch_engagement(published(account, POST_URI))

    assert route.calls.last.request.url.params["uris"] == POST_URI
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {account.access_token}"
    assert (figures.likes, figures.comments, figures.shares) == (12, 4, 4)
    assert figures.reach is None and figures.impressions is None


@respx.mock
def test_bluesky_comments_walk_the_whole_reply_tree(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    first = bsky_reply("3la", "sari.bsky.social", "did:plc:sari", "Peluk", "2026-05-01T10:01:00Z")
    ours = bsky_reply("3lb", "pulih.bsky.social", DID, "Makasih", "2026-05-01T10:02:00Z")
    nested = bsky_reply("3lc", "budi.bsky.social", "did:plc:budi", "Aku juga", "2026-05-01T10:03Z")
    ours["replies"] = [nested]
    gone = {"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://x", "notFound": True}
    first["replies"] = [ours, gone]
    root = {
        "$type": "app.bsky.feed.defs#threadViewPost",
        "post": bsky_post(POST_URI, "pulih.bsky.social", DID, "Halo", "2026-05-01T10:00:00Z"),
        "replies": [first],
    }
    thread = respx.get(f"{PDS}/xrpc/app.bsky.feed.getPostThread").respond(
        200, json={"thread": root}
    )

    comments = adapter_for(account).fetch_comments(published(account, POST_URI))

    params = thread.calls.last.request.url.params
    assert (params["uri"], params["depth"], params["parentHeight"]) == (POST_URI, "50", "0")
    assert [c.text for c in comments] == ["Peluk", "Aku juga"]
    assert comments[0].url == "https://bsky.app/profile/sari.bsky.social/post/3la"
    assert comments[1].author_handle == "budi.bsky.social"
    again = adapter_for(account).fetch_comments(
        published(account, POST_URI), since_id=comments[0].platform_comment_id
    )
    assert [c.text for c in again] == ["Aku juga"]


@respx.mock
def test_bluesky_hides_a_reply_through_the_threadgate_keeping_its_reply_rules(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    respx.get(f"{PDS}/xrpc/com.atproto.repo.getRecord").respond(
        200,
        json={
            "uri": f"at://{DID}/app.bsky.feed.threadgate/3lpost",
            "cid": CID,
            "value": {
                "$type": "app.bsky.feed.threadgate",
                "post": POST_URI,
                "allow": [{"$type": "app.bsky.feed.threadgate#followingRule"}],
                "createdAt": "2026-05-01T10:00:00Z",
            },
        },
    )
    put = respx.post(f"{PDS}/xrpc/com.atproto.repo.putRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.threadgate/3lpost", "cid": CID}
    )
    hurtful = "at://did:plc:troll/app.bsky.feed.post/3lz"

    adapter_for(account).hide_comment(published(account, POST_URI), hurtful)

    sent = json.loads(put.calls.last.request.content)
    assert sent["collection"] == "app.bsky.feed.threadgate" and sent["rkey"] == "3lpost"
    assert sent["swapRecord"] == CID
    assert sent["record"]["hiddenReplies"] == [hurtful]
    assert sent["record"]["allow"] == [{"$type": "app.bsky.feed.threadgate#followingRule"}]
    assert sent["record"]["post"] == POST_URI


@respx.mock
def test_bluesky_hiding_creates_the_threadgate_when_there_is_none(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    respx.get(f"{PDS}/xrpc/com.atproto.repo.getRecord").respond(
        400, json={"error": "RecordNotFound", "message": "Could not locate record"}
    )
    put = respx.post(f"{PDS}/xrpc/com.atproto.repo.putRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.threadgate/3lpost", "cid": CID}
    )

    adapter_for(account).hide_comment(published(account, POST_URI), "at://reply")

    record = json.loads(put.calls.last.request.content)["record"]
    assert "allow" not in record  # no allow list: everyone may still reply
    assert record["hiddenReplies"] == ["at://reply"]


@respx.mock
def test_bluesky_expired_session_is_an_auth_error(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    respx.get(f"{PDS}/xrpc/app.bsky.feed.getPosts").respond(
        400, json={"error": "ExpiredToken", "message": "Token has expired"}
    )
    with pytest.raises(AuthError):
        adapter_for(account).fetch_engagement(published(account, POST_URI))


# --- X --------------------------------------------------------------------------------------


@respx.mock
def test_x_figures_are_public_metrics_with_impressions(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("x")
    route = respx.get(f"{X}/2/tweets/1800").respond(
        200,
        json={
            "data": {
                "id": "1800",
                "text": "Halo",
                "edit_history_tweet_ids": ["1800"],
                "public_metrics": {
                    "retweet_count": 5,
                    "reply_count": 2,
                    "like_count": 40,
                    "quote_count": 1,
                    "bookmark_count": 3,
                    "impression_count": 900,
                },
            }
        },
    )

    figures = adapter_for(account).fetch_engagement(published(account, "1800"))

    assert route.calls.last.request.url.params["tweet.fields"] == "public_metrics"
    assert (figures.likes, figures.comments, figures.shares) == (40, 2, 6)
    assert figures.impressions == 900 and figures.reach is None


@respx.mock
def test_x_replies_come_from_a_conversation_search_after_since_id(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("x")
    route = respx.get(f"{X}/2/tweets/search/recent").respond(
        200,
        json={
            "data": [  # newest first, as X answers
                {
                    "id": "1830",
                    "text": "@pulih_x makasih",
                    "author_id": "2244",
                    "created_at": "2026-05-01T10:09:00.000Z",
                    "conversation_id": "1800",
                },
                {
                    "id": "1820",
                    "text": "@pulih_x semangat",
                    "author_id": "77",
                    "created_at": "2026-05-01T10:05:00.000Z",
                    "conversation_id": "1800",
                },
            ],
            "includes": {"users": [{"id": "77", "name": "Sari", "username": "sari"}]},
            "meta": {"newest_id": "1830", "oldest_id": "1820", "result_count": 2},
        },
    )

    comments = adapter_for(account).fetch_comments(published(account, "1800"), since_id="1810")

    params = route.calls.last.request.url.params
    assert params["query"] == "conversation_id:1800"
    assert params["since_id"] == "1810"
    assert [c.platform_comment_id for c in comments] == ["1820"]  # our own reply left out
    assert comments[0].author_handle == "sari"
    assert comments[0].url == "https://x.com/sari/status/1820"


@respx.mock
def test_x_hides_a_reply(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("x")
    route = respx.put(f"{X}/2/tweets/1820/hidden").respond(200, json={"data": {"hidden": True}})

    adapter_for(account).hide_comment(published(account, "1800"), "1820")

    assert json.loads(route.calls.last.request.content) == {"hidden": True}


@respx.mock
def test_x_plan_without_search_is_not_supported_rather_than_an_expired_account(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("x")
    respx.get(f"{X}/2/tweets/search/recent").respond(
        403,
        json={
            "title": "Client Forbidden",
            "detail": "When authenticating requests to the Twitter API v2 endpoints, you must "
            "use keys and tokens from a Twitter developer App that is attached to a Project.",
            "reason": "client-not-enrolled",
            "type": "https://api.twitter.com/2/problems/client-forbidden",
        },
    )
    with pytest.raises(NotSupported, match="client-not-enrolled"):
        adapter_for(account).fetch_comments(published(account, "1800"))


@respx.mock
def test_x_revoked_token_is_an_auth_error(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("x")
    respx.get(f"{X}/2/tweets/1800").respond(
        401, json={"title": "Unauthorized", "type": "about:blank", "status": 401}
    )
    with pytest.raises(AuthError, match="Unauthorized"):
        adapter_for(account).fetch_engagement(published(account, "1800"))
