"""Connecting Bluesky with atproto OAuth, at the HTTP level: handle → DID → DID document →
PDS → protected-resource metadata → authorization server metadata → PAR (DPoP, nonce retry,
PKCE, client assertion) → the person's consent → callback (state, iss) → token request (DPoP,
client assertion) → the account stored with its tokens and DPoP key encrypted. And what is
refused: another account's tokens, a forged state, an answer from another server."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import respx
from django.db import connection
from django.test import Client

from suar.accounts.models import Organisation, User
from suar.publishing import oauth_dpop
from suar.publishing.models import ConnectedAccount, OAuthClientKey
from tests.publishing.bluesky_oauth_fakes import (
    CALLBACK,
    CLIENT_ID,
    DID,
    HANDLE,
    ISSUER,
    OTHER_DID,
    PDS,
    SITE,
    atproto_world,
    did_document,
    dpop_claims,
    form,
    s256,
    token_answer,
    verify_es256,
)


@pytest.fixture(autouse=True)
def public_site(settings: pytest.FixtureRequest) -> Iterator[None]:
    settings.SITE_URL = SITE  # type: ignore[attr-defined]
    oauth_dpop.NONCES.clear()  # every test meets the servers for the first time
    yield
    oauth_dpop.NONCES.clear()


def _start(client: Client, organisation: Organisation, **fields: str) -> httpx.URL:
    answer = client.post(
        "/publikasi/sambung/bluesky/",
        {"organisation": organisation.pk, "method": "oauth", **fields},
    )
    assert answer.status_code == 302, answer.content
    return httpx.URL(answer["Location"])


def _state(par: respx.Route) -> str:
    return form(par.calls.last.request)["state"]


def _jwks(client: Client) -> dict[str, dict[str, str]]:
    return {
        key["kid"]: key for key in client.get("/publikasi/oauth/bluesky/jwks.json").json()["keys"]
    }


@respx.mock
def test_signing_in_with_bluesky_connects_the_account_with_dpop_bound_tokens(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    world = atproto_world()
    client = login_as(organiser)

    authorize = _start(client, organisation, handle="@Pulih.test")

    # The person is sent to their server's page with nothing but the pushed request's handle.
    assert f"{authorize.scheme}://{authorize.host}{authorize.path}" == f"{ISSUER}/oauth/authorize"
    assert dict(authorize.params) == {
        "client_id": CLIENT_ID,
        "request_uri": "urn:ietf:params:oauth:request_uri:req-1",
    }
    # PAR: refused once for the nonce, then sent again with it, with the same DPoP key.
    assert world.par.call_count == 2
    (h1, first), (h2, second) = (dpop_claims(call.request) for call in world.par.calls)
    assert "nonce" not in first and second["nonce"] == "n-1"
    assert h1["jwk"] == h2["jwk"] and first["jti"] != second["jti"]
    assert (second["htm"], second["htu"]) == ("POST", f"{ISSUER}/oauth/par")
    assert "ath" not in second  # no access token yet
    pushed = form(world.par.calls.last.request)
    assert pushed["client_id"] == CLIENT_ID and pushed["redirect_uri"] == CALLBACK
    assert pushed["response_type"] == "code" and pushed["scope"] == "atproto transition:generic"
    assert pushed["code_challenge_method"] == "S256"
    assert pushed["login_hint"] == "pulih.test"  # the handle as typed, normalised
    assert len(pushed["state"]) >= 32 and "client_secret" not in pushed
    assert pushed["client_assertion_type"] == (
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    )
    kid = json.loads(oauth_dpop.b64url_decode(pushed["client_assertion"].split(".")[0]))["kid"]
    _header, assertion = verify_es256(pushed["client_assertion"], _jwks(client)[kid])
    assert assertion["iss"] == assertion["sub"] == CLIENT_ID and assertion["aud"] == ISSUER
    assert {"jti", "iat", "exp"} <= set(assertion)

    done = client.get(
        "/publikasi/sambung/bluesky/kembali/",
        {"state": _state(world.par), "iss": ISSUER, "code": "cod-1"},
        follow=True,
    )

    page = done.content.decode()
    assert "Connected Bluesky: @pulih.test." in page
    assert "at-1" not in page and "rt-1" not in page
    exchanged = form(world.token.calls.last.request)
    assert exchanged["grant_type"] == "authorization_code" and exchanged["code"] == "cod-1"
    assert s256(exchanged["code_verifier"]) == pushed["code_challenge"]
    assert exchanged["redirect_uri"] == CALLBACK and exchanged["client_id"] == CLIENT_ID
    verify_es256(exchanged["client_assertion"], next(iter(_jwks(client).values())))
    token_header, token_proof = dpop_claims(world.token.calls.last.request)
    assert token_header["jwk"] == h1["jwk"]  # the tokens are bound to the PAR's key
    assert token_proof["nonce"] == "n-1"  # remembered from the PAR answer: no extra trip
    assert world.token.call_count == 1

    account = ConnectedAccount.objects.get()
    assert (account.platform, account.handle, account.platform_account_id) == (
        "bluesky",
        "@pulih.test",
        DID,
    )
    assert account.auth_method == "oauth" and account.base_url == PDS
    assert (account.access_token, account.refresh_token) == ("at-1", "rt-1")
    assert (
        account.oauth_issuer == ISSUER and account.oauth_token_endpoint == f"{ISSUER}/oauth/token"
    )
    assert account.oauth_client_id == CLIENT_ID
    assert account.oauth_client_kid == OAuthClientKey.objects.get().kid
    assert account.access_expires_at is not None and account.expires_at is not None
    stored_key = json.loads(account.dpop_private_key)
    assert {k: stored_key[k] for k in ("kty", "crv", "x", "y")} == h1["jwk"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT access_token, refresh_token, dpop_private_key "
            "FROM publishing_connectedaccount WHERE id = %s",
            [account.pk],
        )
        raw = cursor.fetchone()
    assert all(value.startswith("fernet:") for value in raw)  # encrypted at rest
    assert "at-1" not in str(raw) and stored_key["d"] not in str(raw)


@pytest.mark.django_db
def test_the_client_metadata_document_has_the_shape_atproto_requires(client: Client) -> None:
    answer = client.get("/publikasi/oauth/bluesky/client-metadata.json")

    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    meta = answer.json()
    assert meta["client_id"] == CLIENT_ID  # exactly the URL it is served from
    assert meta["client_name"] == "Suar" and meta["client_uri"] == SITE
    assert meta["redirect_uris"] == [CALLBACK]
    assert meta["grant_types"] == ["authorization_code", "refresh_token"]
    assert meta["response_types"] == ["code"]
    assert meta["scope"] == "atproto transition:generic"
    assert meta["application_type"] == "web"
    assert meta["token_endpoint_auth_method"] == "private_key_jwt"
    assert meta["token_endpoint_auth_signing_alg"] == "ES256"
    assert meta["dpop_bound_access_tokens"] is True
    assert meta["jwks_uri"] == f"{SITE}/publikasi/oauth/bluesky/jwks.json" and "jwks" not in meta
    keys = client.get(meta["jwks_uri"].removeprefix(SITE)).json()["keys"]
    assert len(keys) == 1
    assert keys[0]["kty"] == "EC" and keys[0]["crv"] == "P-256" and keys[0]["alg"] == "ES256"
    assert "d" not in keys[0]  # the public half only
    assert client.get("/publikasi/oauth/bluesky/jwks.json").json()["keys"] == keys  # stable


@respx.mock
def test_tokens_issued_for_another_account_are_refused(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    # A malicious or confused server signs in someone else: the spec's critical check.
    world = atproto_world(token=[token_answer(sub=OTHER_DID)])
    client = login_as(organiser)
    _start(client, organisation, handle=HANDLE)

    page = client.get(
        "/publikasi/sambung/bluesky/kembali/",
        {"state": _state(world.par), "iss": ISSUER, "code": "c"},
        follow=True,
    ).content.decode()

    assert "Bluesky signed in a different account than @pulih.test" in page
    assert not ConnectedAccount.objects.exists()


@respx.mock
def test_a_callback_with_a_wrong_state_connects_nothing(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    world = atproto_world()
    client = login_as(organiser)
    _start(client, organisation, handle=HANDLE)

    page = client.get(
        "/publikasi/sambung/bluesky/kembali/",
        {"state": "forged-state", "iss": ISSUER, "code": "c"},
        follow=True,
    ).content.decode()

    assert "This connection link is not valid any more" in page
    assert not world.token.called and not ConnectedAccount.objects.exists()
    # The real state still works once, and only once.
    good = {"state": _state(world.par), "iss": ISSUER, "code": "c"}
    client.get("/publikasi/sambung/bluesky/kembali/", good)
    assert ConnectedAccount.objects.count() == 1
    again = client.get("/publikasi/sambung/bluesky/kembali/", good, follow=True)
    assert "This connection link is not valid any more" in again.content.decode()
    assert world.token.call_count == 1


@respx.mock
def test_an_answer_naming_another_server_is_refused(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    world = atproto_world()
    client = login_as(organiser)
    _start(client, organisation, handle=HANDLE)

    page = client.get(
        "/publikasi/sambung/bluesky/kembali/",
        {"state": _state(world.par), "iss": "https://evil.test", "code": "c"},
        follow=True,
    ).content.decode()

    assert "This answer did not come from the server Suar asked" in page
    assert not world.token.called and not ConnectedAccount.objects.exists()


@respx.mock
def test_a_refused_authorisation_says_so_and_connects_nothing(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    world = atproto_world()
    client = login_as(organiser)
    _start(client, organisation, handle=HANDLE)

    page = client.get(
        "/publikasi/sambung/bluesky/kembali/",
        {
            "state": _state(world.par),
            "iss": ISSUER,
            "error": "access_denied",
            "error_description": "Access denied",
        },
        follow=True,
    ).content.decode()

    assert "You did not allow Suar to use the Bluesky account." in page
    assert not world.token.called and not ConnectedAccount.objects.exists()


@respx.mock
def test_an_unknown_handle_says_so_in_the_persons_language(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    respx.get("https://nobody.test/.well-known/atproto-did").respond(404, text="Not found")
    resolve = respx.get("https://bsky.social/xrpc/com.atproto.identity.resolveHandle").respond(
        400, json={"error": "InvalidRequest", "message": "Unable to resolve handle"}
    )
    par = respx.post(f"{ISSUER}/oauth/par")
    client = login_as(organiser)
    client.cookies["suar_language"] = "id"

    page = client.post(
        "/publikasi/sambung/bluesky/",
        {"organisation": organisation.pk, "method": "oauth", "handle": "nobody.test"},
        follow=True,
    ).content.decode()

    assert "Tidak ada akun Bluesky @nobody.test" in page
    assert resolve.calls.last.request.url.params["handle"] == "nobody.test"
    assert not par.called


@respx.mock
def test_an_unreachable_server_says_so(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    world = atproto_world()
    world.resource.mock(side_effect=httpx.ConnectError("connection refused"))
    client = login_as(organiser)

    page = client.post(
        "/publikasi/sambung/bluesky/",
        {"organisation": organisation.pk, "method": "oauth", "handle": HANDLE},
        follow=True,
    ).content.decode()

    assert "Suar cannot reach pds.test right now" in page
    assert not world.par.called


@respx.mock
def test_a_handle_its_did_document_does_not_claim_is_refused(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    world = atproto_world()
    world.plc.respond(200, json=did_document(handle="someone-else.test"))
    client = login_as(organiser)

    page = client.post(
        "/publikasi/sambung/bluesky/",
        {"organisation": organisation.pk, "method": "oauth", "handle": HANDLE},
        follow=True,
    ).content.decode()

    assert "do not match" in page
    assert not world.par.called


@respx.mock
def test_a_handle_on_a_private_address_is_never_fetched(
    organiser: User,
    organisation: Organisation,
    login_as: Callable[[User], Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket

    def private(host: str, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 443))]

    monkeypatch.setattr(socket, "getaddrinfo", private)
    world = atproto_world()
    client = login_as(organiser)

    page = client.post(
        "/publikasi/sambung/bluesky/",
        {"organisation": organisation.pk, "method": "oauth", "handle": HANDLE},
        follow=True,
    ).content.decode()

    assert "Suar cannot reach pulih.test right now" in page
    assert not world.handle.called and not respx.calls  # nothing left this machine


@respx.mock
def test_starting_from_a_server_checks_that_it_speaks_for_the_account(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    # No handle: the person names their server; the DID arrives with the tokens and is
    # then resolved back to that same authorization server before it is trusted.
    world = atproto_world()
    client = login_as(organiser)

    _start(client, organisation, handle="", server="https://pds.test")
    pushed = form(world.par.calls.last.request)
    assert "login_hint" not in pushed
    client.get(
        "/publikasi/sambung/bluesky/kembali/",
        {"state": pushed["state"], "iss": ISSUER, "code": "c"},
    )

    account = ConnectedAccount.objects.get()
    assert (account.platform_account_id, account.handle) == (DID, "@pulih.test")
    assert world.plc.call_count == 1 and world.resource.call_count == 2


@respx.mock
def test_on_127_0_0_1_suar_is_atprotos_loopback_client(
    organiser: User,
    organisation: Organisation,
    login_as: Callable[[User], Client],
    settings: pytest.FixtureRequest,
) -> None:
    settings.SITE_URL = "http://127.0.0.1:8000"  # type: ignore[attr-defined]
    world = atproto_world()
    client = login_as(organiser)

    authorize = _start(client, organisation, handle=HANDLE)

    pushed = form(world.par.calls.last.request)
    loopback = "http://127.0.0.1:8000/publikasi/sambung/bluesky/kembali/"
    assert pushed["redirect_uri"] == loopback
    client_id = urlparse(pushed["client_id"])
    assert (client_id.scheme, client_id.netloc, client_id.path) == ("http", "localhost", "")
    assert parse_qs(client_id.query) == {
        "redirect_uri": [loopback],
        "scope": ["atproto transition:generic"],
    }
    assert authorize.params["client_id"] == pushed["client_id"]
    assert "client_assertion" not in pushed  # a public client: no key, no assertion
    assert client.get("/publikasi/oauth/bluesky/client-metadata.json").status_code == 404

    client.get(
        "/publikasi/sambung/bluesky/kembali/",
        {"state": pushed["state"], "iss": ISSUER, "code": "c"},
    )
    account = ConnectedAccount.objects.get()
    assert account.oauth_client_id == pushed["client_id"] and account.oauth_client_kid == ""
    assert "client_assertion" not in form(world.token.calls.last.request)


def test_without_a_usable_address_the_page_offers_the_app_password(
    organiser: User,
    organisation: Organisation,
    login_as: Callable[[User], Client],
    settings: pytest.FixtureRequest,
) -> None:
    settings.SITE_URL = "http://suar.lan:8000"  # type: ignore[attr-defined]
    client = login_as(organiser)

    page = client.get("/publikasi/").content.decode()
    refused = client.post(
        "/publikasi/sambung/bluesky/",
        {"organisation": organisation.pk, "method": "oauth", "handle": HANDLE},
        follow=True,
    ).content.decode()

    assert "needs this Suar on an https:// address" in page
    assert 'id="bluesky-app-password" open' in page
    assert "needs this Suar on an https:// address" in refused
    assert client.get("/publikasi/oauth/bluesky/client-metadata.json").status_code == 404


def test_the_connect_page_offers_sign_in_first_and_the_app_password_second(
    organiser: User, login_as: Callable[[User], Client]
) -> None:
    page = login_as(organiser).get("/publikasi/").content.decode()

    card = page[page.index('id="connect-bluesky"') :]
    assert card.index("Sign in with Bluesky") < card.index("Use an app password")
    assert 'id="bluesky-app-password">' in card  # folded away until asked for


@respx.mock
def test_reconnecting_with_an_app_password_forgets_the_oauth_session(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    import datetime as dt

    from tests.publishing.conftest import session_jwt

    world = atproto_world()
    client = login_as(organiser)
    _start(client, organisation, handle=HANDLE)
    client.get(
        "/publikasi/sambung/bluesky/kembali/",
        {"state": _state(world.par), "iss": ISSUER, "code": "c"},
    )
    access = session_jwt("aj", expires_in=dt.timedelta(hours=2), did=DID)
    respx.post(f"{PDS}/xrpc/com.atproto.server.createSession").respond(
        200,
        json={
            "did": DID,
            "handle": HANDLE,
            "accessJwt": access,
            "refreshJwt": session_jwt("rj", expires_in=dt.timedelta(days=90), did=DID),
        },
    )

    client.post(
        "/publikasi/sambung/bluesky/",
        {
            "organisation": organisation.pk,
            "method": "app_password",
            "identifier": HANDLE,
            "app_password": "abcd-efgh-ijkl-mnop",
            "service": PDS,
        },
    )

    account = ConnectedAccount.objects.get()  # the same row
    assert account.auth_method == "app_password" and account.access_token == access
    assert account.dpop_private_key == "" and account.oauth_issuer == ""
    assert account.access_expires_at is None


@respx.mock
def test_a_did_web_account_is_resolved_through_its_own_domain(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    world = atproto_world(token=[token_answer(sub="did:web:yayasan.test")])
    respx.get("https://yayasan.test/.well-known/atproto-did").respond(
        200, text="did:web:yayasan.test\n"
    )
    doc = respx.get("https://yayasan.test/.well-known/did.json").respond(
        200, json=did_document(did="did:web:yayasan.test", handle="yayasan.test")
    )
    client = login_as(organiser)

    _start(client, organisation, handle="yayasan.test")
    client.get(
        "/publikasi/sambung/bluesky/kembali/",
        {"state": _state(world.par), "iss": ISSUER, "code": "c"},
    )

    assert doc.called and not world.plc.called
    account = ConnectedAccount.objects.get()
    assert (account.platform_account_id, account.handle) == (
        "did:web:yayasan.test",
        "@yayasan.test",
    )
