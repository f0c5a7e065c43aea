"""A Bluesky account connected with atproto OAuth, in use: every XRPC call through the atproto
SDK carries `Authorization: DPoP` and a proof signed with the session's key (with `ath`), sent
again once for the PDS's nonce; tokens are refreshed (and the refresh token rotated) under the
account's refresh lease, before the access token ends or after a 401."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import respx
from django.db import connection
from django.utils import timezone

from suar.publishing import oauth_dpop
from suar.publishing.adapters.bluesky import tid_for
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.oauth_bluesky_client import active_client_key
from suar.publishing.publisher import refresh_expiring_tokens, run_once
from tests.publishing.bluesky_oauth_fakes import (
    CLIENT_ID,
    DID,
    ISSUER,
    PDS,
    SITE,
    dpop_claims,
    form,
    nonce_first,
    s256,
    token_answer,
)

XRPC = f"{PDS}/xrpc"
TOKEN = f"{ISSUER}/oauth/token"
CID = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"
BLOB_CID = "bafkreibabalobzn6cd366ukcsjycp4yymjymgfxcv6xczmlgpemzkz3cfa"


@pytest.fixture(autouse=True)
def fresh_nonces(settings: pytest.FixtureRequest) -> Iterator[None]:
    settings.SITE_URL = SITE  # type: ignore[attr-defined]
    oauth_dpop.NONCES.clear()
    yield
    oauth_dpop.NONCES.clear()


@pytest.fixture
def key() -> oauth_dpop.PrivateKey:
    return oauth_dpop.new_key()


@pytest.fixture
def account(
    make_account: Callable[..., ConnectedAccount], key: oauth_dpop.PrivateKey
) -> ConnectedAccount:
    return make_account(
        "bluesky",
        handle="@pulih.test",
        platform_account_id=DID,
        base_url=PDS,
        access_token="at-1",
        refresh_token="rt-1",
        auth_method="oauth",
        dpop_private_key=oauth_dpop.private_jwk_json(key),
        access_expires_at=timezone.now() + dt.timedelta(minutes=30),
        expires_at=timezone.now() + dt.timedelta(days=14),
        oauth_issuer=ISSUER,
        oauth_token_endpoint=TOKEN,
        oauth_client_id=CLIENT_ID,
        oauth_client_kid=active_client_key().kid,
    )


def _created(rkey: str = "x") -> respx.MockResponse:
    return respx.MockResponse(
        200,
        json={"uri": f"at://{DID}/app.bsky.feed.post/{rkey}", "cid": CID},
        headers={"DPoP-Nonce": "pds-n"},
    )


def _pds_nonce_demand() -> respx.MockResponse:
    # RFC 9449 §9: a resource server asks for its nonce with a 401 and WWW-Authenticate.
    return respx.MockResponse(
        401,
        json={"error": "use_dpop_nonce", "message": "Resource server requires nonce in DPoP proof"},
        headers={
            "WWW-Authenticate": 'DPoP error="use_dpop_nonce", '
            'error_description="Resource server requires nonce in DPoP proof"',
            "DPoP-Nonce": "pds-n",
        },
    )


@respx.mock
def test_create_record_carries_a_verified_dpop_proof_with_ath(
    account: ConnectedAccount,
    key: oauth_dpop.PrivateKey,
    make_publication: Callable[..., Publication],
) -> None:
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").mock(
        side_effect=[_pds_nonce_demand(), _created()]
    )
    publication = make_publication(account, text="Kamu kuat #pulih")

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED, publication.error_message
    assert create.call_count == 2  # once without the PDS's nonce, once with it
    first, second = (call.request for call in create.calls)
    for sent in (first, second):
        assert sent.headers["Authorization"] == "DPoP at-1"
        header, claims = dpop_claims(sent)  # signature checked with the header's key
        assert header["jwk"] == oauth_dpop.public_jwk(key)  # the session's own key
        assert claims["htm"] == "POST"
        assert claims["htu"] == f"{XRPC}/com.atproto.repo.createRecord"
        assert claims["ath"] == s256("at-1")
        assert abs(claims["iat"] - time.time()) < 60
    assert "nonce" not in dpop_claims(first)[1]
    assert dpop_claims(second)[1]["nonce"] == "pds-n"
    assert dpop_claims(first)[1]["jti"] != dpop_claims(second)[1]["jti"]
    assert first.content == second.content  # the same record, sent again
    body = json.loads(second.content)
    rkey = tid_for(publication.idempotency_key, int(publication.scheduled_at.timestamp() * 1e6))
    assert body["repo"] == DID and body["rkey"] == rkey
    assert body["record"]["text"] == "Kamu kuat #pulih"


@respx.mock
def test_blob_upload_and_reads_carry_dpop_and_reuse_the_remembered_nonce(
    account: ConnectedAccount,
    make_publication: Callable[..., Publication],
    image_file: dict[str, str],
) -> None:
    blob = {"$type": "blob", "ref": {"$link": BLOB_CID}, "mimeType": "image/png", "size": 70}
    upload = respx.post(f"{XRPC}/com.atproto.repo.uploadBlob").mock(
        side_effect=[
            _pds_nonce_demand(),
            respx.MockResponse(200, json={"blob": blob}, headers={"DPoP-Nonce": "pds-n"}),
        ]
    )
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").mock(side_effect=[_created()])
    publication = make_publication(account, media=[image_file])

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED, publication.error_message
    assert upload.call_count == 2 and create.call_count == 1  # the nonce was remembered
    assert upload.calls.last.request.headers["Content-Type"] == "image/png"
    assert upload.calls[0].request.content == upload.calls[1].request.content
    assert dpop_claims(create.calls.last.request)[1]["nonce"] == "pds-n"
    assert create.calls.last.request.headers["Authorization"] == "DPoP at-1"


@respx.mock
def test_an_access_token_about_to_end_is_refreshed_first_and_the_refresh_token_rotated(
    account: ConnectedAccount,
    key: oauth_dpop.PrivateKey,
    make_publication: Callable[..., Publication],
) -> None:
    ConnectedAccount.objects.filter(pk=account.pk).update(
        access_expires_at=timezone.now() + dt.timedelta(seconds=20)
    )
    token = respx.post(TOKEN).mock(
        side_effect=nonce_first("as-n", token_answer(access="at-2", refresh="rt-2"))
    )
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").mock(side_effect=[_created()])
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED, publication.error_message
    assert token.call_count == 2  # the authorization server's nonce, then the refresh
    sent = form(token.calls.last.request)
    assert sent["grant_type"] == "refresh_token" and sent["refresh_token"] == "rt-1"
    assert sent["client_id"] == CLIENT_ID
    assertion_kid = json.loads(oauth_dpop.b64url_decode(sent["client_assertion"].split(".")[0]))
    assert assertion_kid["kid"] == account.oauth_client_kid  # the key the session began with
    header, claims = dpop_claims(token.calls.last.request)
    assert header["jwk"] == oauth_dpop.public_jwk(key) and claims["nonce"] == "as-n"
    assert "ath" not in claims  # a token request carries no access token
    assert (account.access_token, account.refresh_token) == ("at-2", "rt-2")
    assert account.access_expires_at is not None
    assert account.access_expires_at > timezone.now() + dt.timedelta(minutes=50)
    assert account.refresh_claimed_until is None  # the lease is released
    assert create.calls.last.request.headers["Authorization"] == "DPoP at-2"
    assert dpop_claims(create.calls.last.request)[1]["ath"] == s256("at-2")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT access_token, refresh_token FROM publishing_connectedaccount WHERE id = %s",
            [account.pk],
        )
        raw = cursor.fetchone()
    assert raw[0].startswith("fernet:") and "rt-2" not in str(raw)


@respx.mock
def test_a_401_for_an_expired_token_refreshes_once_and_posts(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    expired = respx.MockResponse(
        401,
        json={"error": "invalid_token", "message": '"exp" claim timestamp check failed'},
        headers={"WWW-Authenticate": 'DPoP error="invalid_token"', "DPoP-Nonce": "pds-n"},
    )
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").mock(
        side_effect=[expired, _created()]
    )
    token = respx.post(TOKEN).mock(side_effect=[token_answer(access="at-2", refresh="rt-2")])
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED, publication.error_message
    assert token.call_count == 1 and create.call_count == 2
    assert create.calls.last.request.headers["Authorization"] == "DPoP at-2"


@respx.mock
def test_a_refused_refresh_expires_the_account_and_releases_the_lease(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    ConnectedAccount.objects.filter(pk=account.pk).update(
        access_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    respx.post(TOKEN).respond(
        400,
        json={"error": "invalid_grant", "error_description": "Refresh token replayed"},
        headers={"DPoP-Nonce": "as-n"},
    )
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord")
    publication = make_publication(account)

    run_once()

    publication.refresh_from_db()
    account.refresh_from_db()
    assert publication.status == Publication.Status.FAILED
    assert publication.error_kind == Publication.ErrorKind.AUTH
    assert "Refresh token replayed" in publication.error_message
    assert "rt-1" not in publication.error_message
    assert account.status == ConnectedAccount.Status.EXPIRED
    assert account.refresh_claimed_until is None
    assert not create.called


@respx.mock
def test_the_hourly_pass_renews_an_idle_oauth_session(account: ConnectedAccount) -> None:
    ConnectedAccount.objects.filter(pk=account.pk).update(
        expires_at=timezone.now() + dt.timedelta(days=6)
    )
    token = respx.post(TOKEN).mock(side_effect=[token_answer(access="at-2", refresh="rt-2")])

    assert refresh_expiring_tokens() == 1
    assert refresh_expiring_tokens() == 0  # renewed: not due again for a week

    account.refresh_from_db()
    assert token.call_count == 1 and account.refresh_token == "rt-2"
    assert account.expires_at is not None
    assert account.expires_at > timezone.now() + dt.timedelta(days=13)


@pytest.mark.django_db(transaction=True)
@respx.mock
def test_two_workers_needing_a_refresh_at_once_rotate_the_refresh_token_once(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    from suar.publishing.adapters import adapter_for

    ConnectedAccount.objects.filter(pk=account.pk).update(
        access_expires_at=timezone.now() + dt.timedelta(seconds=10)
    )
    publication = make_publication(
        account,
        status=Publication.Status.PUBLISHED,
        platform_post_id=f"at://{DID}/app.bsky.feed.post/3lpost",
    )

    def slow_refresh(request: object) -> respx.MockResponse:
        time.sleep(0.3)  # the other worker arrives while this refresh is in flight
        return token_answer(access="at-2", refresh="rt-2")

    token = respx.post(TOKEN).mock(side_effect=slow_refresh)
    posts = respx.get(f"{XRPC}/app.bsky.feed.getPosts").respond(
        200,
        json={
            "posts": [
                {
                    "uri": f"at://{DID}/app.bsky.feed.post/3lpost",
                    "cid": CID,
                    "author": {"did": DID, "handle": "pulih.test"},
                    "record": {
                        "$type": "app.bsky.feed.post",
                        "text": "Halo",
                        "createdAt": "2026-05-01T10:00:00.000Z",
                    },
                    "likeCount": 3,
                    "replyCount": 0,
                    "repostCount": 0,
                    "quoteCount": 0,
                    "indexedAt": "2026-05-01T10:00:00.000Z",
                }
            ]
        },
        headers={"DPoP-Nonce": "pds-n"},
    )
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
    assert token.call_count == 1  # a rotating refresh token is spent once, never twice
    assert form(token.calls.last.request)["refresh_token"] == "rt-1"
    assert posts.call_count == 2
    assert {call.request.headers["Authorization"] for call in posts.calls} == {"DPoP at-2"}
    stored = ConnectedAccount.objects.get(pk=account.pk)
    assert (stored.access_token, stored.refresh_token) == ("at-2", "rt-2")
    assert stored.refresh_claimed_until is None


@respx.mock
def test_a_redirect_to_another_host_never_carries_the_access_token(
    account: ConnectedAccount, make_publication: Callable[..., Publication]
) -> None:
    from suar.publishing.adapters import adapter_for

    respx.get(f"{XRPC}/app.bsky.feed.getPosts").respond(
        302, headers={"Location": "https://elsewhere.test/xrpc/app.bsky.feed.getPosts"}
    )
    elsewhere = respx.get("https://elsewhere.test/xrpc/app.bsky.feed.getPosts").respond(
        200, json={"posts": []}
    )
    publication = make_publication(
        account,
        status=Publication.Status.PUBLISHED,
        platform_post_id=f"at://{DID}/app.bsky.feed.post/3lpost",
    )

    with pytest.raises(Exception, match="no longer on Bluesky"):
        adapter_for(account).fetch_engagement(publication)

    sent = elsewhere.calls.last.request
    assert "Authorization" not in sent.headers and "DPoP" not in sent.headers
