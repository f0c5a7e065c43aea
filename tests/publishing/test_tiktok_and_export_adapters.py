"""TikTok's Content Posting API at the HTTP level, and the Export bundle."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import respx

from suar.publishing.adapters.export import bundle_path
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.publisher import run_once

API = "https://open.tiktokapis.com"
OK = {"code": "ok", "message": "", "log_id": "1"}


@pytest.fixture
def tiktok(make_account: Callable[..., ConnectedAccount]) -> ConnectedAccount:
    return make_account("tiktok")


@respx.mock
def test_tiktok_photo_post_is_initialised_then_confirmed_by_status(
    tiktok: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    respx.post(f"{API}/v2/post/publish/creator_info/query/").respond(
        200, json={"data": {"privacy_level_options": ["SELF_ONLY"]}, "error": OK}
    )
    init = respx.post(f"{API}/v2/post/publish/content/init/").respond(
        200, json={"data": {"publish_id": "p_1"}, "error": OK}
    )
    respx.post(f"{API}/v2/post/publish/status/fetch/").respond(
        200,
        json={
            "data": {"status": "PUBLISH_COMPLETE", "publicaly_available_post_id": [7001]},
            "error": OK,
        },
    )
    publication = make_publication(tiktok, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert publication.platform_post_id == "7001"
    body = json.loads(init.calls.last.request.content)
    assert body["media_type"] == "PHOTO" and body["post_mode"] == "DIRECT_POST"
    assert body["post_info"]["privacy_level"] == "SELF_ONLY"  # unaudited apps post privately
    assert body["source_info"]["source"] == "PULL_FROM_URL"


@respx.mock
def test_tiktok_invalid_token_without_refresh_fails_as_auth(
    tiktok: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    respx.post(f"{API}/v2/post/publish/creator_info/query/").respond(
        401,
        json={"error": {"code": "access_token_invalid", "message": "The access token is invalid"}},
    )
    respx.post(f"{API}/v2/oauth/token/").respond(
        400, json={"error": "invalid_grant", "error_description": "Refresh token is invalid"}
    )
    publication = make_publication(tiktok, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.FAILED
    assert publication.error_kind == Publication.ErrorKind.AUTH
    assert "The access token is invalid" in publication.error_message


@respx.mock
def test_tiktok_unverified_domain_is_a_content_failure(
    tiktok: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    respx.post(f"{API}/v2/post/publish/creator_info/query/").respond(
        200, json={"data": {"privacy_level_options": ["PUBLIC_TO_EVERYONE"]}, "error": OK}
    )
    respx.post(f"{API}/v2/post/publish/content/init/").respond(
        403,
        json={
            "error": {
                "code": "url_ownership_unverified",
                "message": "Please verify the ownership of the domain",
            }
        },
    )
    publication = make_publication(tiktok, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.FAILED
    assert "verify the ownership" in publication.error_message


def test_export_writes_a_ready_to_post_bundle(
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
    settings: object,
    tmp_path: Path,
) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    account = make_account("export", access_token="", refresh_token="")
    publication = make_publication(account, text="Kamu tidak sendiri. #pulih", media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    with zipfile.ZipFile(bundle_path(publication)) as bundle:
        names = set(bundle.namelist())
        assert {"README.txt", "text.txt", "alt-text.txt", "manifest.json"} <= names
        assert "images/01-dot.png" in names
        assert "text-bluesky.txt" in names and "text-tiktok.txt" in names
        assert "text-instagram.txt" in names
        assert bundle.read("alt-text.txt").decode() == "images/01-dot.png: Sebuah titik\n"
