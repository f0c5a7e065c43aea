"""Mastodon (through Mastodon.py) at the HTTP level: media upload, Idempotency-Key, and
each failure class in the shapes Mastodon documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import parse_qs

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
    upload = media.calls.last.request
    assert upload.headers["Content-Type"].startswith("multipart/form-data")
    assert b'name="description"\r\n\r\nSebuah titik' in upload.content
    assert b'name="file"; filename="dot.png"' in upload.content
    sent = status.calls.last.request
    assert sent.headers["Idempotency-Key"] == publication.idempotency_key
    assert sent.headers["Authorization"] == "Bearer secret-access-mastodon"
    assert sent.headers["User-Agent"].startswith("Suar/")
    # Form fields, as Mastodon's POST /api/v1/statuses documents them (media_ids[] array).
    form = parse_qs(sent.content.decode())
    assert form["status"] == ["Halo dari Suar"]
    assert form["visibility"] == ["public"]
    assert form["media_ids[]"] == ["m1"]


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
    assert "secret-access-mastodon" not in publication.error_message
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
    # Posted now, as the lost attempt was: the lookup trusts only statuses from around the
    # scheduled time, and STATUS's own time is when pytest imported this module, which is
    # more than those minutes ago when the suite runs slowly.
    posted = {**STATUS, "created_at": dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")}
    respx.get(f"{BASE}/api/v1/accounts/109/statuses").respond(200, json=[posted])
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


@respx.mock
def test_429_with_mastodons_own_rate_limit_headers_waits_until_the_reset_without_sleeping(
    account: ConnectedAccount,
    make_publication: Callable[..., Publication],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    # Mastodon's throttle answer: no Retry-After, X-RateLimit-Reset as an ISO 8601 time.
    reset = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=20)
    respx.post(f"{BASE}/api/v1/statuses").respond(
        429,
        headers={
            "X-RateLimit-Limit": "300",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": reset.isoformat(timespec="microseconds").replace("+00:00", "Z"),
        },
        json={"error": "Too many requests"},
    )
    sleeps: list[float] = []
    real_sleep = time.sleep
    monkeypatch.setattr(time, "sleep", lambda s: sleeps.append(s) or real_sleep(min(s, 0.01)))
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert publication.status == Publication.Status.SCHEDULED
    assert "Too many requests" in publication.error_message
    assert publication.next_attempt_at is not None and account.not_before is not None
    assert (publication.next_attempt_at - publication.updated_at).total_seconds() >= 20 * 60 - 5
    assert account.not_before >= reset - dt.timedelta(seconds=5)
    assert not [s for s in sleeps if s >= 1], "the worker must never wait out a rate limit"


@respx.mock
def test_media_still_processing_is_polled_until_ready(
    account: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    # POST /api/v2/media answers 202 with url null while processing; GET /api/v1/media/:id
    # answers 206 until it is done, then 200 with the url.
    respx.post(f"{BASE}/api/v2/media").respond(
        202, json={"id": "m2", "type": "image", "url": None, "description": "Sebuah titik"}
    )
    polls = respx.get(f"{BASE}/api/v1/media/m2")
    polls.side_effect = [
        httpx.Response(206, json={"id": "m2", "type": "image", "url": None}),
        httpx.Response(200, json={"id": "m2", "type": "image", "url": f"{BASE}/m2.png"}),
    ]
    status = respx.post(f"{BASE}/api/v1/statuses").respond(200, json=STATUS)
    publication = make_publication(account, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert polls.call_count == 2
    assert parse_qs(status.calls.last.request.content.decode())["media_ids[]"] == ["m2"]


@respx.mock
def test_media_that_fails_processing_fails_the_post_with_the_reason(
    account: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    respx.post(f"{BASE}/api/v2/media").respond(202, json={"id": "m3", "type": "image", "url": None})
    respx.get(f"{BASE}/api/v1/media/m3").respond(
        422, json={"error": "Error processing thumbnail for uploaded media"}
    )
    create = respx.post(f"{BASE}/api/v1/statuses")
    publication = make_publication(account, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.FAILED
    assert publication.error_kind == Publication.ErrorKind.CONTENT
    assert "Error processing thumbnail" in publication.error_message
    assert not create.called


@respx.mock
def test_a_refused_connection_is_retried_later(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    respx.post(f"{BASE}/api/v1/statuses").mock(side_effect=httpx.ConnectError("refused"))
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.SCHEDULED
    assert publication.error_kind == Publication.ErrorKind.TRANSIENT
    assert "cannot reach mastodon" in publication.error_message


@respx.mock
def test_a_deleted_post_reads_back_as_a_content_error(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    from suar.publishing.adapters import ContentError, adapter_for

    respx.get(f"{BASE}/api/v1/statuses/111").respond(404, json={"error": "Record not found"})
    publication = make_publication(
        account, status=Publication.Status.PUBLISHED, platform_post_id="111"
    )

    with pytest.raises(ContentError, match="Record not found"):
        adapter_for(account).fetch_engagement(publication)


@respx.mock
def test_a_token_that_names_a_file_is_sent_as_it_is_never_read_from_disk(
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    tmp_path: object,
) -> None:
    # Mastodon.py's constructor reads a token that names an existing file from that file;
    # tokens come from whatever server a person typed in, so Suar never lets it.
    from pathlib import Path

    from suar.publishing.adapters import adapter_for

    secret = Path(str(tmp_path)) / "secret_key"
    secret.write_text("the-servers-secret-key\n")
    account = make_account("mastodon", access_token=str(secret))
    route = respx.get(f"{BASE}/api/v1/statuses/111").respond(
        200, json={"id": "111", "favourites_count": 1, "reblogs_count": 0, "replies_count": 0}
    )
    publication = make_publication(
        account, status=Publication.Status.PUBLISHED, platform_post_id="111"
    )

    adapter_for(account).fetch_engagement(publication)

    sent = route.calls.last.request.headers["Authorization"]
    assert sent == f"Bearer {secret}"
    assert "the-servers-secret-key" not in sent
