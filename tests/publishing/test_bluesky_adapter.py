"""Bluesky at the HTTP level: a record key fixed by the idempotency key, facets, alt text,
token refresh on ExpiredToken, lookup by record key."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import respx

from suar.publishing.adapters.bluesky import facets_for, tid_for
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.publisher import run_once

XRPC = "https://pds.test/xrpc"
DID = "did:plc:abc123"


@pytest.fixture
def account(make_account: Callable[..., ConnectedAccount]) -> ConnectedAccount:
    return make_account("bluesky")


def test_the_record_key_is_a_valid_tid_fixed_by_the_idempotency_key() -> None:
    first = tid_for("key-1", 1_764_000_000_000_000)
    assert first == tid_for("key-1", 1_764_000_000_000_000)
    assert first != tid_for("key-2", 1_764_000_000_000_000)
    assert len(first) == 13 and first[0] in "234567abcdefghij"
    assert set(first) <= set("234567abcdefghijklmnopqrstuvwxyz")


def test_facets_use_utf8_byte_offsets() -> None:
    facets = facets_for("Ayo 💪 #pulih https://suar.test/g/1")
    tag = next(f for f in facets if f["features"][0]["$type"].endswith("#tag"))
    link = next(f for f in facets if f["features"][0]["$type"].endswith("#link"))
    assert tag["index"] == {"byteStart": 9, "byteEnd": 15}
    assert tag["features"][0]["tag"] == "pulih"
    assert link["features"][0]["uri"] == "https://suar.test/g/1"


@respx.mock
def test_posts_with_rkey_facets_and_image_alt_text(
    account: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    blob = {"$type": "blob", "ref": {"$link": "bafk"}, "mimeType": "image/png", "size": 70}
    upload = respx.post(f"{XRPC}/com.atproto.repo.uploadBlob").respond(200, json={"blob": blob})
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.post/x", "cid": "bafyc"}
    )
    publication = make_publication(account, text="Kamu kuat #pulih", media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert upload.calls.last.request.headers["Content-Type"] == "image/png"
    body = json.loads(create.calls.last.request.content)
    rkey = tid_for(publication.idempotency_key, int(publication.scheduled_at.timestamp() * 1e6))
    assert body["rkey"] == rkey and body["repo"] == DID
    assert body["record"]["embed"]["images"] == [{"alt": "Sebuah titik", "image": blob}]
    assert body["record"]["facets"][0]["features"][0]["tag"] == "pulih"
    assert publication.platform_url == f"https://bsky.app/profile/{DID}/post/{rkey}"


@respx.mock
def test_an_expired_access_token_is_refreshed_and_the_post_retried(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord")
    create.side_effect = [
        respx.MockResponse(400, json={"error": "ExpiredToken", "message": "Token has expired"}),
        respx.MockResponse(200, json={"uri": f"at://{DID}/app.bsky.feed.post/y", "cid": "c"}),
    ]
    refresh = respx.post(f"{XRPC}/com.atproto.server.refreshSession").respond(
        200, json={"accessJwt": "new-access", "refreshJwt": "new-refresh", "did": DID}
    )
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert refresh.calls.last.request.headers["Authorization"] == "Bearer secret-refresh-bluesky"
    assert create.calls.last.request.headers["Authorization"] == "Bearer new-access"
    assert account.access_token == "new-access" and account.refresh_token == "new-refresh"


@respx.mock
def test_an_unknown_outcome_is_resolved_by_the_record_key(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord")
    respx.get(f"{XRPC}/com.atproto.repo.getRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.post/z", "cid": "c", "value": {}}
    )
    publication = make_publication(account)
    Publication.objects.filter(pk=publication.pk).update(status=Publication.Status.UNKNOWN)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert not create.called


@respx.mock
def test_a_record_not_found_means_post_now(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    respx.get(f"{XRPC}/com.atproto.repo.getRecord").respond(
        400, json={"error": "RecordNotFound", "message": "Could not locate record"}
    )
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.post/z", "cid": "c"}
    )
    publication = make_publication(account)
    Publication.objects.filter(pk=publication.pk).update(status=Publication.Status.UNKNOWN)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert create.call_count == 1


@respx.mock
def test_an_image_over_one_megabyte_is_re_encoded_to_fit_before_upload(
    account: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
    settings: object,
) -> None:
    import io
    import os
    from pathlib import Path

    from PIL import Image

    big = Path(settings.MEDIA_ROOT) / "studio" / "big.png"  # type: ignore[attr-defined]
    Image.frombytes("RGB", (900, 900), os.urandom(900 * 900 * 3)).save(big)  # noise: ~2.4 MB
    assert big.stat().st_size > 1_000_000
    upload = respx.post(f"{XRPC}/com.atproto.repo.uploadBlob").respond(
        200, json={"blob": {"$type": "blob", "ref": {"$link": "bafk"}, "mimeType": "image/jpeg"}}
    )
    respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.post/x", "cid": "c"}
    )
    publication = make_publication(account, media=[{**image_file, "path": "studio/big.png"}])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    sent = upload.calls.last.request
    assert sent.headers["Content-Type"] == "image/jpeg"
    assert len(sent.content) <= 1_000_000
    assert Image.open(io.BytesIO(sent.content)).format == "JPEG"


@respx.mock
def test_an_unreadable_image_fails_before_upload_with_the_reason(
    account: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
    settings: object,
) -> None:
    from pathlib import Path

    big = Path(settings.MEDIA_ROOT) / "studio" / "big.png"  # type: ignore[attr-defined]
    big.write_bytes(b"\x89PNG" + b"0" * 1_100_000)
    upload = respx.post(f"{XRPC}/com.atproto.repo.uploadBlob")
    publication = make_publication(account, media=[{**image_file, "path": "studio/big.png"}])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.FAILED
    assert publication.error_kind == Publication.ErrorKind.CONTENT
    assert "Bluesky accepts images up to 1,000,000 bytes" in publication.error_message
    assert not upload.called
