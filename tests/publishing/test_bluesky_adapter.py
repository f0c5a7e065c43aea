"""Bluesky (through the atproto SDK) at the HTTP level: a record key fixed by the
idempotency key, facets, alt text, the session refreshed under Suar's claim, lookup by record
key. Answers follow the lexicons (com.atproto.repo.*, com.atproto.server.refreshSession)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
import respx
from django.db import connection

from suar.publishing.adapters.bluesky import facets_for, jwt_expiry, tid_for
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.publisher import run_once
from tests.publishing.conftest import session_jwt

XRPC = "https://pds.test/xrpc"
DID = "did:plc:abc123"
CID = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"
BLOB_CID = "bafkreibabalobzn6cd366ukcsjycp4yymjymgfxcv6xczmlgpemzkz3cfa"
POST_RECORD = {
    "$type": "app.bsky.feed.post",
    "text": "Halo dari Suar",
    "createdAt": "2026-05-01T10:00:00.000Z",
    "langs": ["id"],
}


def refreshed(access: str, refresh: str) -> dict[str, object]:
    """com.atproto.server.refreshSession's output (accessJwt, refreshJwt, handle, did)."""
    return {"accessJwt": access, "refreshJwt": refresh, "handle": "pulih.test", "did": DID}


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
    blob = {"$type": "blob", "ref": {"$link": BLOB_CID}, "mimeType": "image/png", "size": 70}
    upload = respx.post(f"{XRPC}/com.atproto.repo.uploadBlob").respond(200, json={"blob": blob})
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.post/x", "cid": CID}
    )
    publication = make_publication(account, text="Kamu kuat #pulih", media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED, publication.error_message
    sent = upload.calls.last.request
    assert sent.headers["Content-Type"] == "image/png"
    assert sent.headers["Authorization"] == f"Bearer {account.access_token}"
    body = json.loads(create.calls.last.request.content)
    rkey = tid_for(publication.idempotency_key, int(publication.scheduled_at.timestamp() * 1e6))
    assert body["rkey"] == rkey and body["repo"] == DID
    assert body["collection"] == "app.bsky.feed.post"
    [image] = body["record"]["embed"]["images"]
    assert image["alt"] == "Sebuah titik" and image["image"] == blob
    assert body["record"]["facets"][0]["features"][0]["tag"] == "pulih"
    assert body["record"]["text"] == "Kamu kuat #pulih" and body["record"]["langs"] == ["id"]
    assert publication.platform_url == f"https://bsky.app/profile/{DID}/post/{rkey}"


@respx.mock
def test_an_expired_access_token_is_refreshed_and_the_post_retried(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord")
    create.side_effect = [
        respx.MockResponse(400, json={"error": "ExpiredToken", "message": "Token has expired"}),
        respx.MockResponse(200, json={"uri": f"at://{DID}/app.bsky.feed.post/y", "cid": CID}),
    ]
    new_access = session_jwt("access-2", expires_in=dt.timedelta(hours=2))
    new_refresh = session_jwt("refresh-2", expires_in=dt.timedelta(days=90))
    refresh = respx.post(f"{XRPC}/com.atproto.server.refreshSession").respond(
        200, json=refreshed(new_access, new_refresh)
    )
    old_refresh = account.refresh_token
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED, publication.error_message
    assert refresh.call_count == 1
    assert refresh.calls.last.request.headers["Authorization"] == f"Bearer {old_refresh}"
    assert create.calls.last.request.headers["Authorization"] == f"Bearer {new_access}"
    assert (account.access_token, account.refresh_token) == (new_access, new_refresh)
    assert account.expires_at == jwt_expiry(new_refresh)  # when the session needs renewing
    assert account.refresh_claimed_until is None  # the claim is released


@respx.mock
def test_an_unknown_outcome_is_resolved_by_the_record_key(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord")
    get = respx.get(f"{XRPC}/com.atproto.repo.getRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.post/z", "cid": CID, "value": POST_RECORD}
    )
    publication = make_publication(account)
    Publication.objects.filter(pk=publication.pk).update(status=Publication.Status.UNKNOWN)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED, publication.error_message
    assert publication.platform_post_id == f"at://{DID}/app.bsky.feed.post/z"
    rkey = tid_for(publication.idempotency_key, int(publication.scheduled_at.timestamp() * 1e6))
    assert get.calls.last.request.url.params["rkey"] == rkey
    assert not create.called


@respx.mock
def test_a_record_not_found_means_post_now(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    respx.get(f"{XRPC}/com.atproto.repo.getRecord").respond(
        400, json={"error": "RecordNotFound", "message": "Could not locate record"}
    )
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.post/z", "cid": CID}
    )
    publication = make_publication(account)
    Publication.objects.filter(pk=publication.pk).update(status=Publication.Status.UNKNOWN)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED, publication.error_message
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
    blob = {"$type": "blob", "ref": {"$link": BLOB_CID}, "mimeType": "image/jpeg", "size": 9000}
    upload = respx.post(f"{XRPC}/com.atproto.repo.uploadBlob").respond(200, json={"blob": blob})
    respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.post/x", "cid": CID}
    )
    publication = make_publication(account, media=[{**image_file, "path": "studio/big.png"}])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED, publication.error_message
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


# --- the session: refreshed once, under Suar's claim ------------------------------------


def _published_post(make_publication: Callable[..., Publication], account: ConnectedAccount):  # type: ignore[no-untyped-def]
    return make_publication(
        account,
        status=Publication.Status.PUBLISHED,
        platform_post_id=f"at://{DID}/app.bsky.feed.post/3lpost",
    )


def _get_posts_answer() -> dict[str, object]:
    return {
        "posts": [
            {
                "uri": f"at://{DID}/app.bsky.feed.post/3lpost",
                "cid": CID,
                "author": {"did": DID, "handle": "pulih.test"},
                "record": POST_RECORD,
                "likeCount": 1,
                "replyCount": 0,
                "repostCount": 0,
                "quoteCount": 0,
                "indexedAt": "2026-05-01T10:00:00.000Z",
            }
        ]
    }


@respx.mock
def test_an_access_jwt_about_to_expire_is_refreshed_first_under_the_claim(
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The SDK refreshes by itself 15 minutes before the access JWT's `exp`: Suar's claim
    # takes that refresh over, and on_session_change stores the new tokens encrypted.
    soon = session_jwt("access-soon", expires_in=dt.timedelta(minutes=5))
    account = make_account("bluesky", access_token=soon)
    new_access = session_jwt("access-new", expires_in=dt.timedelta(hours=2))
    new_refresh = session_jwt("refresh-new", expires_in=dt.timedelta(days=90))
    refresh = respx.post(f"{XRPC}/com.atproto.server.refreshSession").respond(
        200, json=refreshed(new_access, new_refresh)
    )
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        200, json={"uri": f"at://{DID}/app.bsky.feed.post/y", "cid": CID}
    )
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED, publication.error_message
    assert refresh.call_count == 1
    assert create.calls.last.request.headers["Authorization"] == f"Bearer {new_access}"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT access_token, refresh_token FROM publishing_connectedaccount WHERE id = %s",
            [account.pk],
        )
        raw = cursor.fetchone()
    assert raw[0].startswith("fernet:") and raw[1].startswith("fernet:")  # encrypted at rest
    assert new_access not in str(raw) and new_refresh not in str(raw)
    account.refresh_from_db()
    assert (account.access_token, account.refresh_token) == (new_access, new_refresh)
    assert account.refresh_claimed_until is None
    # The SDK's own refresh went through Suar's claim, not around it.
    assert "outside Suar's claim" not in caplog.text


@respx.mock
def test_tokens_another_worker_just_refreshed_are_used_without_refreshing_again(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    from suar.publishing.adapters import adapter_for

    account = make_account("bluesky")
    adapter = adapter_for(account)  # holds the tokens as they were
    theirs = session_jwt("access-theirs", expires_in=dt.timedelta(hours=2))
    ConnectedAccount.objects.filter(pk=account.pk).update(access_token=theirs)  # the other one
    refresh = respx.post(f"{XRPC}/com.atproto.server.refreshSession")
    posts = respx.get(f"{XRPC}/app.bsky.feed.getPosts").respond(200, json=_get_posts_answer())

    adapter.refresh_token(adapter.account)
    adapter.fetch_engagement(_published_post(make_publication, account))

    assert not refresh.called  # a second rotation of the same refresh token never happens
    assert adapter.account.access_token == theirs
    assert posts.calls.last.request.headers["Authorization"] == f"Bearer {theirs}"


@respx.mock
def test_a_refresh_held_by_another_worker_postpones_the_post_without_failing_it(
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.utils import timezone

    from suar.publishing.adapters import refresh_claim

    monkeypatch.setattr(refresh_claim, "WAIT_SECONDS", 0.3)
    account = make_account(
        "bluesky", access_token=session_jwt("access-soon", expires_in=dt.timedelta(minutes=5))
    )
    held = timezone.now() + dt.timedelta(seconds=50)
    ConnectedAccount.objects.filter(pk=account.pk).update(refresh_claimed_until=held)
    refresh = respx.post(f"{XRPC}/com.atproto.server.refreshSession")
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord")
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert publication.status == Publication.Status.SCHEDULED
    assert "another worker is refreshing" in publication.error_message
    assert account.status == ConnectedAccount.Status.CONNECTED
    assert account.refresh_claimed_until == held  # the other worker's lease is left alone
    assert not refresh.called and not create.called


@respx.mock
def test_a_refused_refresh_expires_the_account_and_releases_the_claim(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        400, json={"error": "ExpiredToken", "message": "Token has expired"}
    )
    respx.post(f"{XRPC}/com.atproto.server.refreshSession").respond(
        400, json={"error": "ExpiredToken", "message": "Token has been revoked"}
    )
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert publication.status == Publication.Status.FAILED
    assert publication.error_kind == Publication.ErrorKind.AUTH
    assert "Token has been revoked" in publication.error_message
    assert account.refresh_token not in publication.error_message
    assert account.status == ConnectedAccount.Status.EXPIRED
    assert account.refresh_claimed_until is None


@respx.mock
def test_the_hourly_token_pass_renews_a_session_a_week_before_it_ends(
    make_account: Callable[..., ConnectedAccount],
) -> None:
    from django.utils import timezone

    from suar.publishing.publisher import refresh_expiring_tokens

    ending = session_jwt("refresh-ending", expires_in=dt.timedelta(days=3))
    account = make_account(
        "bluesky", refresh_token=ending, expires_at=timezone.now() + dt.timedelta(days=3)
    )
    new_refresh = session_jwt("refresh-new", expires_in=dt.timedelta(days=90))
    refresh = respx.post(f"{XRPC}/com.atproto.server.refreshSession").respond(
        200,
        json=refreshed(session_jwt("a", expires_in=dt.timedelta(hours=2)), new_refresh),
    )

    assert refresh_expiring_tokens() == 1
    assert refresh_expiring_tokens() == 0  # renewed: not due again

    account.refresh_from_db()
    assert refresh.call_count == 1
    assert refresh.calls.last.request.headers["Authorization"] == f"Bearer {ending}"
    assert account.refresh_token == new_refresh
    assert account.expires_at is not None
    assert account.expires_at > timezone.now() + dt.timedelta(days=80)


@pytest.mark.django_db(transaction=True)
@respx.mock
def test_two_workers_needing_a_refresh_at_once_rotate_the_token_once(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    import threading
    import time

    from suar.publishing.adapters import adapter_for

    account = make_account(
        "bluesky", access_token=session_jwt("access-soon", expires_in=dt.timedelta(minutes=5))
    )
    publication = _published_post(make_publication, account)
    new_access = session_jwt("access-new", expires_in=dt.timedelta(hours=2))

    def slow_refresh(request: object) -> respx.MockResponse:
        time.sleep(0.3)  # the other worker arrives while this refresh is in flight
        return respx.MockResponse(
            200,
            json=refreshed(new_access, session_jwt("r", expires_in=dt.timedelta(days=90))),
        )

    refresh = respx.post(f"{XRPC}/com.atproto.server.refreshSession").mock(side_effect=slow_refresh)
    posts = respx.get(f"{XRPC}/app.bsky.feed.getPosts").respond(200, json=_get_posts_answer())
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            mine = ConnectedAccount.objects.get(pk=account.pk)
            adapter_for(mine).fetch_engagement(Publication.objects.get(pk=publication.pk))
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
    assert refresh.call_count == 1
    assert posts.call_count == 2
    assert {call.request.headers["Authorization"] for call in posts.calls} == {
        f"Bearer {new_access}"
    }
