"""Mastodon at the HTTP level: media upload, Idempotency-Key, and each failure class."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import httpx
import pytest
import respx

from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.publisher import run_once

BASE = "https://mastodon.test"
STATUS = {
    "id": "111",
    "uri": f"{BASE}/users/pulih/statuses/111",
    "url": f"{BASE}/@pulih/111",
    "created_at": dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z"),
    "content": "<p>Halo dari Suar</p>",
}


@pytest.fixture
def account(make_account: Callable[..., ConnectedAccount]) -> ConnectedAccount:
    return make_account("mastodon")


@respx.mock
def test_posts_with_media_alt_text_and_idempotency_key(
    account: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    media = respx.post(f"{BASE}/api/v2/media").respond(
        200, json={"id": "m1", "type": "image", "url": f"{BASE}/m1.png"}
    )
    status = respx.post(f"{BASE}/api/v1/statuses").respond(200, json=STATUS)
    publication = make_publication(account, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert publication.platform_url == f"{BASE}/@pulih/111"
    assert b"Sebuah titik" in media.calls.last.request.content
    sent = status.calls.last.request
    assert sent.headers["Idempotency-Key"] == publication.idempotency_key
    assert sent.headers["Authorization"] == "Bearer secret-access-mastodon"
    assert json.loads(sent.content) == {
        "status": "Halo dari Suar",
        "visibility": "public",
        "media_ids": ["m1"],
    }


@respx.mock
def test_401_fails_visibly_and_marks_the_account_expired(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    respx.post(f"{BASE}/api/v1/statuses").respond(
        401, json={"error": "The access token was revoked"}
    )
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert publication.status == Publication.Status.FAILED
    assert publication.error_kind == Publication.ErrorKind.AUTH
    assert "The access token was revoked" in publication.error_message
    assert account.status == ConnectedAccount.Status.EXPIRED


@respx.mock
def test_429_retries_after_the_platforms_retry_after(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    respx.post(f"{BASE}/api/v1/statuses").respond(
        429, headers={"Retry-After": "600"}, json={"error": "Too many requests"}
    )
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert publication.status == Publication.Status.SCHEDULED
    assert publication.error_kind == Publication.ErrorKind.TRANSIENT
    assert publication.next_attempt_at is not None and account.not_before is not None
    wait = (publication.next_attempt_at - publication.updated_at).total_seconds()
    assert wait >= 599
    assert account.not_before >= publication.updated_at


@respx.mock
def test_5xx_is_retried_later_because_the_key_makes_a_retry_safe(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    respx.post(f"{BASE}/api/v1/statuses").respond(500, text="oops")
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.SCHEDULED
    assert publication.attempts == 1
    assert "HTTP 500" in publication.error_message


@respx.mock
def test_rejected_media_fails_with_the_platforms_reason(
    account: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    respx.post(f"{BASE}/api/v2/media").respond(
        422, json={"error": "Validation failed: File content type is invalid"}
    )
    publication = make_publication(account, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.FAILED
    assert publication.error_kind == Publication.ErrorKind.CONTENT
    assert "File content type is invalid" in publication.error_message


@respx.mock
def test_an_unknown_outcome_is_looked_up_before_any_retry(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    create = respx.post(f"{BASE}/api/v1/statuses")
    respx.get(f"{BASE}/api/v1/accounts/109/statuses").respond(200, json=[STATUS])
    publication = make_publication(account)
    Publication.objects.filter(pk=publication.pk).update(status=Publication.Status.UNKNOWN)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert publication.platform_post_id == "111"
    assert not create.called


@respx.mock
def test_a_timeout_while_sending_does_not_lose_the_post(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    respx.post(f"{BASE}/api/v1/statuses").mock(side_effect=httpx.ReadTimeout("slow"))
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.SCHEDULED  # same key: Mastodon dedups
    assert "no answer from mastodon" in publication.error_message
