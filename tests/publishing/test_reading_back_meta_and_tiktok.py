"""Reading back figures and comments, and hiding a comment, on Facebook Pages, Instagram,
TikTok and the export bundle, at the HTTP level against the documented response shapes."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import parse_qs

import httpx
import pytest
import respx

from suar.publishing.adapters import AuthError, NotSupported, adapter_for
from suar.publishing.models import ConnectedAccount, Publication

GRAPH = "https://graph.facebook.com/v21.0"
TIKTOK = "https://open.tiktokapis.com"
EXPIRED = {
    "error": {
        "message": "Error validating access token: The user has not authorized application.",
        "type": "OAuthException",
        "code": 190,
        "error_subcode": 458,
        "fbtrace_id": "AbC",
    }
}


@pytest.fixture
def published(
    make_publication: Callable[..., Publication],
) -> Callable[..., Publication]:
    def make(account: ConnectedAccount, post_id: str, **extra: object) -> Publication:
        return make_publication(
            account, status=Publication.Status.PUBLISHED, platform_post_id=post_id, **extra
        )

    return make


# --- Facebook -------------------------------------------------------------------------------


@respx.mock
def test_facebook_figures_combine_the_post_and_its_insights(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")
    respx.get(f"{GRAPH}/1001_42").respond(
        200,
        json={
            "id": "1001_42",
            "reactions": {"data": [], "summary": {"total_count": 31}},
            "comments": {"data": [], "summary": {"order": "ranked", "total_count": 6}},
            "shares": {"count": 4},
        },
    )
    insights = respx.get(f"{GRAPH}/1001_42/insights").respond(
        200,
        json={
            "data": [
                {
                    "name": "post_total_media_view_unique",
                    "period": "lifetime",
                    "values": [{"value": 820}],
                    "id": "1001_42/insights/post_total_media_view_unique/lifetime",
                },
                {
                    "name": "post_media_view",
                    "period": "lifetime",
                    "values": [{"value": 1310}],
                    "id": "1001_42/insights/post_media_view/lifetime",
                },
            ],
            "paging": {},
        },
    )

    figures = adapter_for(page).fetch_engagement(published(page, "1001_42"))

    assert insights.calls.last.request.url.params["metric"] == (
        "post_total_media_view_unique,post_media_view"
    )
    assert (figures.likes, figures.comments, figures.shares) == (31, 6, 4)
    assert (figures.reach, figures.impressions) == (820, 1310)


@respx.mock
def test_facebook_missing_shares_and_refused_insights_stay_unknown(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")
    respx.get(f"{GRAPH}/1001_42").respond(
        200,
        json={
            "id": "1001_42",
            "reactions": {"data": [], "summary": {"total_count": 0}},
            "comments": {"data": [], "summary": {"total_count": 0}},
        },
    )
    respx.get(f"{GRAPH}/1001_42/insights").respond(
        400,
        json={
            "error": {
                "message": "(#100) The value must be a valid insights metric",
                "type": "OAuthException",
                "code": 100,
            }
        },
    )

    figures = adapter_for(page).fetch_engagement(published(page, "1001_42"))

    assert figures.likes == 0 and figures.comments == 0  # given as 0 by the platform
    assert figures.shares is None and figures.reach is None and figures.impressions is None
    assert "valid insights metric" in figures.raw["insights_error"]


@respx.mock
def test_facebook_comments_follow_the_cursor_and_leave_out_the_page_and_hidden_ones(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")

    def comment(id_: str, who: str, at: str, **extra: object) -> dict[str, object]:
        return {
            "id": f"1001_42_{id_}",
            "message": f"pesan {id_}",
            "created_time": at,
            "from": {"id": who, "name": f"Orang {who}"},
            "permalink_url": f"https://www.facebook.com/1001_42?comment_id={id_}",
            **extra,
        }

    pages = {
        None: {
            "data": [
                comment("1", "55", "2026-05-01T10:01:00+0000"),
                comment("2", "1001", "2026-05-01T10:02:00+0000"),  # the Page answering
            ],
            "paging": {
                "cursors": {"before": "QVFa", "after": "QVFb"},
                "next": f"{GRAPH}/1001_42/comments?access_token=never-followed&after=QVFb",
            },
        },
        "QVFb": {
            "data": [
                comment("3", "56", "2026-05-01T10:03:00+0000", is_hidden=True),
                comment("4", "57", "2026-05-01T10:04:00+0000"),
            ],
            "paging": {"cursors": {"before": "QVFc", "after": "QVFd"}},
        },
    }
    route = respx.get(f"{GRAPH}/1001_42/comments").mock(
        side_effect=lambda request: httpx.Response(200, json=pages[request.url.params.get("after")])
    )

    comments = adapter_for(page).fetch_comments(published(page, "1001_42"))

    assert [c.platform_comment_id for c in comments] == ["1001_42_1", "1001_42_4"]
    assert comments[0].author_handle == "Orang 55"
    assert comments[0].created_at.isoformat() == "2026-05-01T10:01:00+00:00"
    first, second = (call.request for call in route.calls)
    assert first.url.params["filter"] == "stream" and first.url.params["order"] == "chronological"
    assert second.url.params["after"] == "QVFb"
    assert "access_token" not in str(second.url)  # the token travels in the header only

    later = adapter_for(page).fetch_comments(published(page, "1001_42"), since_id="1001_42_1")
    assert [c.platform_comment_id for c in later] == ["1001_42_4"]


@respx.mock
def test_facebook_hides_a_comment(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")
    route = respx.post(f"{GRAPH}/1001_42_9").respond(200, json={"success": True})

    adapter_for(page).hide_comment(published(page, "1001_42"), "1001_42_9")

    assert parse_qs(route.calls.last.request.content.decode()) == {"is_hidden": ["true"]}


@respx.mock
def test_facebook_revoked_token_is_an_auth_error(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    page = make_account("facebook")
    respx.get(f"{GRAPH}/1001_42").respond(400, json=EXPIRED)
    with pytest.raises(AuthError, match="has not authorized"):
        adapter_for(page).fetch_engagement(published(page, "1001_42"))


# --- Instagram ------------------------------------------------------------------------------


@respx.mock
def test_instagram_figures_from_the_media_and_its_insights(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    ig = make_account("instagram")
    respx.get(f"{GRAPH}/1790").respond(
        200,
        json={"like_count": 52, "comments_count": 5, "media_product_type": "FEED", "id": "1790"},
    )
    insights = respx.get(f"{GRAPH}/1790/insights").respond(
        200,
        json={
            "data": [
                {"name": "reach", "period": "lifetime", "values": [{"value": 610}], "id": "a"},
                {"name": "views", "period": "lifetime", "values": [{"value": 990}], "id": "b"},
                {"name": "shares", "period": "lifetime", "values": [{"value": 8}], "id": "c"},
            ]
        },
    )

    figures = adapter_for(ig).fetch_engagement(published(ig, "1790"))

    assert insights.calls.last.request.url.params["metric"] == "reach,views,shares"
    assert (figures.likes, figures.comments, figures.shares) == (52, 5, 8)
    assert (figures.reach, figures.impressions) == (610, 990)


@respx.mock
def test_instagram_not_enough_viewers_leaves_insights_unknown_not_zero(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    ig = make_account("instagram")
    respx.get(f"{GRAPH}/1790").respond(200, json={"comments_count": 0, "id": "1790"})
    respx.get(f"{GRAPH}/1790/insights").respond(
        400,
        json={
            "error": {
                "message": "(#10) Not enough viewers for the media to show insights",
                "type": "OAuthException",
                "code": 10,
            }
        },
    )

    figures = adapter_for(ig).fetch_engagement(published(ig, "1790"))

    assert figures.likes is None  # like counts hidden by the owner: not given
    assert figures.comments == 0
    assert figures.reach is None and figures.impressions is None and figures.shares is None


@respx.mock
def test_instagram_comments_include_replies_but_not_our_own_answers(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    ig = make_account("instagram")  # handle @pulih_instagram
    respx.get(f"{GRAPH}/1790/comments").respond(
        200,
        json={
            "data": [
                {
                    "id": "c2",
                    "text": "Keren banget",
                    "timestamp": "2026-05-01T10:04:00+0000",
                    "username": "budi",
                    "hidden": False,
                },
                {
                    "id": "c1",
                    "text": "Makasih sudah berbagi",
                    "timestamp": "2026-05-01T10:01:00+0000",
                    "username": "sari",
                    "hidden": False,
                    "replies": {
                        "data": [
                            {
                                "id": "c1r",
                                "text": "Sama-sama!",
                                "timestamp": "2026-05-01T10:02:00+0000",
                                "username": "pulih_instagram",
                            }
                        ]
                    },
                },
            ]
        },
    )

    comments = adapter_for(ig).fetch_comments(published(ig, "1790"))

    assert [(c.platform_comment_id, c.author_handle) for c in comments] == [
        ("c1", "sari"),
        ("c2", "budi"),
    ]


@respx.mock
def test_instagram_hides_a_comment(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    ig = make_account("instagram")
    route = respx.post(f"{GRAPH}/c2").respond(200, json={"success": True})

    adapter_for(ig).hide_comment(published(ig, "1790"), "c2")

    assert parse_qs(route.calls.last.request.content.decode()) == {"hide": ["true"]}


@respx.mock
def test_instagram_revoked_token_is_an_auth_error(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    ig = make_account("instagram")
    respx.get(f"{GRAPH}/1790/comments").respond(401, json=EXPIRED)
    with pytest.raises(AuthError):
        adapter_for(ig).fetch_comments(published(ig, "1790"))


# --- TikTok ---------------------------------------------------------------------------------


@respx.mock
def test_tiktok_figures_from_the_video_query(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("tiktok")
    route = respx.post(f"{TIKTOK}/v2/video/query/").respond(
        200,
        json={
            "data": {
                "videos": [
                    {
                        "id": "7300",
                        "title": "Halo",
                        "like_count": 120,
                        "comment_count": 9,
                        "share_count": 14,
                        "view_count": 4100,
                    }
                ],
                "cursor": 0,
                "has_more": False,
            },
            "error": {"code": "ok", "message": "", "log_id": "2026"},
        },
    )

    figures = adapter_for(account).fetch_engagement(
        published(account, "7300", progress={"publish_id": "v_pub_1"})
    )

    assert json.loads(route.calls.last.request.content) == {"filters": {"video_ids": ["7300"]}}
    assert "like_count" in route.calls.last.request.url.params["fields"]
    assert (figures.likes, figures.comments, figures.shares) == (120, 9, 14)
    assert figures.impressions == 4100 and figures.reach is None


def test_tiktok_private_post_has_no_figures(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("tiktok")
    private = published(account, "v_pub_1", progress={"publish_id": "v_pub_1"})
    with pytest.raises(NotSupported, match="public posts"):
        adapter_for(account).fetch_engagement(private)


def test_tiktok_gives_no_comments_and_cannot_hide_them(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("tiktok")
    publication = published(account, "7300")
    with pytest.raises(NotSupported):
        adapter_for(account).fetch_comments(publication)
    with pytest.raises(NotSupported):
        adapter_for(account).hide_comment(publication, "c1")


@respx.mock
def test_tiktok_revoked_token_is_an_auth_error(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("tiktok")
    respx.post(f"{TIKTOK}/v2/video/query/").respond(
        401,
        json={
            "error": {
                "code": "access_token_invalid",
                "message": "The access token is invalid or not found in the request.",
                "log_id": "2026",
            }
        },
    )
    with pytest.raises(AuthError, match="access_token_invalid"):
        adapter_for(account).fetch_engagement(published(account, "7300"))


# --- Export ---------------------------------------------------------------------------------


def test_an_export_bundle_has_nothing_to_read_back(
    make_account: Callable[..., ConnectedAccount], published: Callable[..., Publication]
) -> None:
    account = make_account("export")
    publication = published(account, "pulih/key.zip")
    adapter = adapter_for(account)
    for call in (
        lambda: adapter.fetch_engagement(publication),
        lambda: adapter.fetch_comments(publication),
        lambda: adapter.hide_comment(publication, "1"),
    ):
        with pytest.raises(NotSupported, match="by hand"):
            call()
