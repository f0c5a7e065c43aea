"""Facebook Pages and Instagram (Graph API) at the HTTP level."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs

import pytest
import respx

from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.publisher import run_once

GRAPH = "https://graph.facebook.com/v21.0"


def form(request: object) -> dict[str, list[str]]:
    return parse_qs(request.content.decode())  # type: ignore[attr-defined]


@pytest.fixture
def page(make_account: Callable[..., ConnectedAccount]) -> ConnectedAccount:
    return make_account("facebook")


@pytest.fixture
def ig(make_account: Callable[..., ConnectedAccount]) -> ConnectedAccount:
    return make_account("instagram")


@respx.mock
def test_facebook_text_post_goes_to_the_page_feed(
    page: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    feed = respx.post(f"{GRAPH}/1001/feed").respond(200, json={"id": "1001_42"})
    publication = make_publication(page)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert publication.platform_post_id == "1001_42"
    assert form(feed.calls.last.request) == {"message": ["Halo dari Suar"]}
    assert feed.calls.last.request.headers["Authorization"] == "Bearer secret-access-facebook"


@respx.mock
def test_facebook_photo_carries_alt_text(
    page: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    photos = respx.post(f"{GRAPH}/1001/photos").respond(
        200, json={"id": "900", "post_id": "1001_43"}
    )
    publication = make_publication(page, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.platform_post_id == "1001_43"
    assert b'name="alt_text_custom"\r\n\r\nSebuah titik' in photos.calls.last.request.content


@respx.mock
def test_facebook_expired_token_code_190_is_an_auth_failure(
    page: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    respx.post(f"{GRAPH}/1001/feed").respond(
        400,
        json={
            "error": {
                "message": "Error validating access token: Session has expired",
                "type": "OAuthException",
                "code": 190,
                "error_subcode": 463,
            }
        },
    )
    publication = make_publication(page)

    run_once()

    publication.refresh_from_db()
    page.refresh_from_db()
    assert publication.status == Publication.Status.FAILED
    assert publication.error_kind == Publication.ErrorKind.AUTH
    assert "Session has expired" in publication.error_message
    assert page.status == ConnectedAccount.Status.EXPIRED


@respx.mock
def test_instagram_creates_a_container_then_publishes_it(
    ig: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    respx.get(f"{GRAPH}/17841400000/content_publishing_limit").respond(
        200, json={"data": [{"quota_usage": 2, "config": {"quota_total": 100}}]}
    )
    container = respx.post(f"{GRAPH}/17841400000/media").respond(200, json={"id": "c-1"})
    respx.get(f"{GRAPH}/c-1").respond(200, json={"status_code": "FINISHED", "id": "c-1"})
    publish = respx.post(f"{GRAPH}/17841400000/media_publish").respond(200, json={"id": "m-9"})
    respx.get(f"{GRAPH}/m-9").respond(200, json={"permalink": "https://instagram.com/p/abc/"})
    publication = make_publication(ig, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert publication.platform_url == "https://instagram.com/p/abc/"
    sent = form(container.calls.last.request)
    assert sent["caption"] == ["Halo dari Suar"]
    assert sent["alt_text"] == ["Sebuah titik"]
    assert "/publikasi/media/" in sent["image_url"][0]
    assert form(publish.calls.last.request) == {"creation_id": ["c-1"]}


@respx.mock
def test_instagram_waits_when_the_daily_publishing_limit_is_reached(
    ig: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    respx.get(f"{GRAPH}/17841400000/content_publishing_limit").respond(
        200, json={"data": [{"quota_usage": 100, "config": {"quota_total": 100}}]}
    )
    container = respx.post(f"{GRAPH}/17841400000/media")
    publication = make_publication(ig, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.SCHEDULED
    assert "publishing limit reached (100/100" in publication.error_message
    assert not container.called


@respx.mock
def test_instagram_media_rejection_fails_with_the_reason(
    ig: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    respx.get(f"{GRAPH}/17841400000/content_publishing_limit").respond(
        200, json={"data": [{"quota_usage": 0, "config": {"quota_total": 100}}]}
    )
    respx.post(f"{GRAPH}/17841400000/media").respond(
        400,
        json={
            "error": {
                "message": "Invalid parameter",
                "code": 100,
                "error_user_msg": "The aspect ratio is not supported.",
            }
        },
    )
    publication = make_publication(ig, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.FAILED
    assert publication.error_kind == Publication.ErrorKind.CONTENT
    assert "The aspect ratio is not supported." in publication.error_message
