"""Every adapter against the failures the issue names, in each platform's documented error
shape: a revoked token (401), a rate limit (429 with a reset time), a server error (5xx) and
rejected media. (Mastodon's are in test_mastodon_adapter.py.)"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import respx

from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.publisher import run_once

PDS = "https://pds.test/xrpc"
X = "https://api.x.com"
GRAPH = "https://graph.facebook.com/v21.0"
TIKTOK = "https://open.tiktokapis.com"
TIKTOK_OK = {"code": "ok", "message": "", "log_id": "1"}
Status, Kind = Publication.Status, Publication.ErrorKind


@dataclass
class Case:
    platform: str
    failing: tuple[str, str]  # the call that fails: method, URL
    response: dict[str, Any]  # respx .respond(**response)
    status: str
    kind: str
    reason: str  # the platform's words, shown to the person
    with_media: bool = False
    before: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # calls that work
    min_wait: float = 0.0  # seconds the platform asked us to wait


IG_QUOTA = ("GET", f"{GRAPH}/17841400000/content_publishing_limit", {"json": {"data": []}})
IG_CONTAINER = ("POST", f"{GRAPH}/17841400000/media", {"json": {"id": "c1"}})
IG_READY = ("GET", f"{GRAPH}/c1", {"json": {"status_code": "FINISHED"}})
TT_CREATOR = (
    "POST",
    f"{TIKTOK}/v2/post/publish/creator_info/query/",
    {"json": {"data": {"privacy_level_options": ["SELF_ONLY"]}, "error": TIKTOK_OK}},
)
BSKY_BLOB = (
    "POST",
    f"{PDS}/com.atproto.repo.uploadBlob",
    {"json": {"blob": {"$type": "blob", "ref": {"$link": "b"}, "mimeType": "image/png"}}},
)


def graph_error(code: int, message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": "OAuthException", "code": code}}


CASES = {
    # Bluesky (atproto XRPC errors: {"error": Name, "message": ...}).
    "bluesky-401": Case(
        "bluesky",
        ("POST", f"{PDS}/com.atproto.repo.createRecord"),
        {"status_code": 401, "json": {"error": "AuthenticationRequired", "message": "Bad token"}},
        Status.FAILED,
        Kind.AUTH,
        "AuthenticationRequired",
    ),
    "bluesky-429": Case(
        "bluesky",
        ("POST", f"{PDS}/com.atproto.repo.createRecord"),
        {
            "status_code": 429,
            "headers": {"ratelimit-reset": "in 900 s"},  # epoch seconds, set at run time
            "json": {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
        },
        Status.SCHEDULED,
        Kind.TRANSIENT,
        "RateLimitExceeded",
        min_wait=880,
    ),
    "bluesky-5xx": Case(  # the record key makes a retry safe: back in the queue, not unknown
        "bluesky",
        ("POST", f"{PDS}/com.atproto.repo.createRecord"),
        {"status_code": 502, "text": "Bad Gateway"},
        Status.SCHEDULED,
        Kind.TRANSIENT,
        "HTTP 502",
    ),
    "bluesky-media": Case(
        "bluesky",
        BSKY_BLOB[:2],
        {
            "status_code": 400,
            "json": {"error": "BlobTooLarge", "message": "This file is too large"},
        },
        Status.FAILED,
        Kind.CONTENT,
        "BlobTooLarge",
        with_media=True,
    ),
    # X (API v2 problem details).
    "x-401": Case(
        "x",
        ("POST", f"{X}/2/tweets"),
        {"status_code": 401, "json": {"title": "Unauthorized", "detail": "Unauthorized"}},
        Status.FAILED,
        Kind.AUTH,
        "Unauthorized",
    ),
    "x-media": Case(
        "x",
        ("POST", f"{X}/2/media/upload"),
        {
            "status_code": 400,
            "json": {
                "title": "Invalid Request",
                "detail": "One or more parameters to your request was invalid.",
                "type": "https://api.twitter.com/2/problems/invalid-request",
            },
        },
        Status.FAILED,
        Kind.CONTENT,
        "parameters to your request was invalid",
        with_media=True,
    ),
    # Facebook Pages (Graph: most failures are HTTP 400 with error.code).
    "facebook-429": Case(
        "facebook",
        ("POST", f"{GRAPH}/1001/feed"),
        {"status_code": 400, "json": graph_error(32, "Page request limit reached")},
        Status.SCHEDULED,
        Kind.TRANSIENT,
        "Page request limit reached",
        min_wait=3500,
    ),
    "facebook-5xx": Case(  # a create that may have happened: look it up, never post blind
        "facebook",
        ("POST", f"{GRAPH}/1001/feed"),
        {"status_code": 500, "json": graph_error(2, "An unexpected error has occurred.")},
        Status.UNKNOWN,
        Kind.UNKNOWN_OUTCOME,
        "unexpected error",
    ),
    "facebook-media": Case(
        "facebook",
        ("POST", f"{GRAPH}/1001/photos"),
        {"status_code": 400, "json": graph_error(324, "(#324) Requires upload file")},
        Status.FAILED,
        Kind.CONTENT,
        "Requires upload file",
        with_media=True,
    ),
    # Instagram.
    "instagram-401": Case(
        "instagram",
        IG_QUOTA[:2],
        {"status_code": 401, "json": graph_error(190, "Error validating access token")},
        Status.FAILED,
        Kind.AUTH,
        "Error validating access token",
        with_media=True,
    ),
    "instagram-429": Case(
        "instagram",
        IG_CONTAINER[:2],
        {
            "status_code": 429,
            "headers": {"Retry-After": "120"},
            "json": graph_error(4, "Application request limit reached"),
        },
        Status.SCHEDULED,
        Kind.TRANSIENT,
        "Application request limit reached",
        with_media=True,
        before=[IG_QUOTA],
        min_wait=119,
    ),
    "instagram-5xx": Case(
        "instagram",
        ("POST", f"{GRAPH}/17841400000/media_publish"),
        {"status_code": 503, "text": "Service Unavailable"},
        Status.UNKNOWN,
        Kind.UNKNOWN_OUTCOME,
        "HTTP 503",
        with_media=True,
        before=[IG_QUOTA, IG_CONTAINER, IG_READY],
    ),
    "instagram-media": Case(
        "instagram",
        IG_CONTAINER[:2],
        {
            "status_code": 400,
            "json": {
                "error": {
                    "message": "Invalid parameter",
                    "error_user_msg": "The aspect ratio is not supported.",
                    "type": "OAuthException",
                    "code": 100,
                    "error_subcode": 2207009,
                }
            },
        },
        Status.FAILED,
        Kind.CONTENT,
        "The aspect ratio is not supported.",
        with_media=True,
        before=[IG_QUOTA],
    ),
    # TikTok ({"error": {"code": ..., "message": ...}} on every answer).
    "tiktok-429": Case(
        "tiktok",
        TT_CREATOR[:2],
        {
            "status_code": 429,
            "json": {
                "error": {
                    "code": "rate_limit_exceeded",
                    "message": "API rate limit exceeded",
                    "log_id": "2",
                }
            },
        },
        Status.SCHEDULED,
        Kind.TRANSIENT,
        "rate_limit_exceeded",
        with_media=True,
        min_wait=50,
    ),
    "tiktok-5xx": Case(
        "tiktok",
        ("POST", f"{TIKTOK}/v2/post/publish/content/init/"),
        {"status_code": 500, "json": {"error": {"code": "internal_error", "message": "oops"}}},
        Status.UNKNOWN,
        Kind.UNKNOWN_OUTCOME,
        "internal_error",
        with_media=True,
        before=[TT_CREATOR],
    ),
    "tiktok-media": Case(
        "tiktok",
        ("POST", f"{TIKTOK}/v2/post/publish/status/fetch/"),
        {
            "status_code": 200,
            "json": {
                "data": {"status": "FAILED", "fail_reason": "picture_size_check_failed"},
                "error": TIKTOK_OK,
            },
        },
        Status.FAILED,
        Kind.CONTENT,
        "picture_size_check_failed",
        with_media=True,
        before=[
            TT_CREATOR,
            (
                "POST",
                f"{TIKTOK}/v2/post/publish/content/init/",
                {"json": {"data": {"publish_id": "p_9"}, "error": TIKTOK_OK}},
            ),
        ],
    ),
}


@respx.mock
@pytest.mark.parametrize("name", sorted(CASES))
def test_failure_is_classified_with_the_platforms_reason(
    name: str,
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    case = CASES[name]
    # No refresh token: a 401 cannot be cured by refreshing, so it must reach the person.
    account = make_account(case.platform, refresh_token="")
    for method, url, answer in case.before:
        respx.request(method, url).respond(**answer)
    response = dict(case.response)
    if response.get("headers", {}).get("ratelimit-reset") == "in 900 s":
        response["headers"] = {"ratelimit-reset": str(int(time.time()) + 900)}
    failing = respx.request(*case.failing).respond(**response)
    publication = make_publication(account, media=[image_file] if case.with_media else [])

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert failing.called
    assert (publication.status, publication.error_kind) == (case.status, case.kind)
    assert case.reason in publication.error_message
    if case.kind == Kind.AUTH:
        assert account.status == ConnectedAccount.Status.EXPIRED
    if case.min_wait:
        assert publication.next_attempt_at is not None
        wait = (publication.next_attempt_at - publication.updated_at).total_seconds()
        assert wait >= case.min_wait
        assert account.not_before is not None  # the whole account waits, not just this post
