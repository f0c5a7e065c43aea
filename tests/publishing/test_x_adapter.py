"""X API v2 at the HTTP level: media upload with alt text, tweets, refresh, duplicates."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import respx

from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.publisher import run_once

API = "https://api.x.com"


@pytest.fixture
def account(make_account: Callable[..., ConnectedAccount]) -> ConnectedAccount:
    return make_account("x")


@respx.mock
def test_uploads_media_sets_alt_text_and_posts(
    account: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    respx.post(f"{API}/2/media/upload").respond(
        200, json={"data": {"id": "77", "media_key": "3_77"}}
    )
    alt = respx.post(f"{API}/2/media/metadata").respond(200, json={"data": {"id": "77"}})
    tweet = respx.post(f"{API}/2/tweets").respond(
        201, json={"data": {"id": "1850", "text": "Halo dari Suar"}}
    )
    publication = make_publication(account, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert publication.platform_url == "https://x.com/pulih_x/status/1850"
    assert json.loads(alt.calls.last.request.content)["metadata"]["alt_text"]["text"] == (
        "Sebuah titik"
    )
    assert json.loads(tweet.calls.last.request.content) == {
        "text": "Halo dari Suar",
        "media": {"media_ids": ["77"]},
    }


@respx.mock
def test_401_refreshes_with_the_refresh_token_then_posts(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    tweet = respx.post(f"{API}/2/tweets")
    tweet.side_effect = [
        respx.MockResponse(401, json={"title": "Unauthorized", "detail": "Unauthorized"}),
        respx.MockResponse(201, json={"data": {"id": "9", "text": "Halo dari Suar"}}),
    ]
    token = respx.post(f"{API}/2/oauth2/token").respond(
        200,
        json={"token_type": "bearer", "expires_in": 7200, "access_token": "fresh", "scope": "x"},
    )
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert b"grant_type=refresh_token" in token.calls.last.request.content
    assert account.access_token == "fresh"
    assert account.refresh_token == "secret-refresh-x"  # none sent back: the old one stays
    assert account.expires_at is not None


@respx.mock
def test_a_5xx_after_sending_is_an_unknown_outcome_not_a_blind_retry(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    respx.post(f"{API}/2/tweets").respond(500, json={"title": "Internal Error"})
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.UNKNOWN
    assert publication.error_kind == Publication.ErrorKind.UNKNOWN_OUTCOME


@respx.mock
def test_a_duplicate_refusal_finds_the_earlier_post(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    respx.post(f"{API}/2/tweets").respond(
        403,
        json={
            "detail": "You are not allowed to create a Tweet with duplicate content.",
            "title": "Forbidden",
        },
    )
    respx.get(f"{API}/2/users/2244/tweets").respond(
        200, json={"data": [{"id": "555", "text": "Halo dari Suar"}]}
    )
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert publication.platform_post_id == "555"


@respx.mock
def test_429_waits_for_the_rate_limit_reset(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    import time

    respx.post(f"{API}/2/tweets").respond(
        429,
        headers={"x-rate-limit-reset": str(int(time.time()) + 900)},
        json={"title": "Too Many Requests"},
    )
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.SCHEDULED
    assert publication.next_attempt_at is not None
    assert (publication.next_attempt_at - publication.updated_at).total_seconds() > 880


@pytest.mark.django_db(transaction=True)
@respx.mock
def test_two_workers_refreshing_at_once_rotate_the_refresh_token_once(
    account: ConnectedAccount,
) -> None:
    import threading
    import time

    from django.db import connection

    from suar.publishing.adapters import adapter_for

    def slow_token(request: object) -> respx.MockResponse:
        time.sleep(0.3)  # the other worker arrives while this refresh is in flight
        return respx.MockResponse(
            200,
            json={"expires_in": 7200, "access_token": "fresh", "refresh_token": "rotated"},
        )

    token = respx.post(f"{API}/2/oauth2/token").mock(side_effect=slow_token)
    errors: list[BaseException] = []
    seen: list[str] = []

    def worker() -> None:
        try:
            mine = ConnectedAccount.objects.get(pk=account.pk)
            adapter_for(mine).refresh_token(mine)
            seen.append(mine.access_token)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors, errors
    assert token.call_count == 1
    assert seen == ["fresh", "fresh"]
    account.refresh_from_db()
    assert (account.access_token, account.refresh_token) == ("fresh", "rotated")
