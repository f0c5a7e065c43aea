"""Connecting accounts: OAuth with state checked (Mastodon, X with PKCE), Bluesky app
passwords, reconnecting keeps the refresh token, and who may connect."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

import pytest
import respx
from django.test import Client
from django.utils import timezone

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.publishing.models import ConnectedAccount, MastodonApp
from suar.publishing.services import save_connected_account
from tests.publishing.conftest import session_jwt

INSTANCE = "https://mastodon.test"


@respx.mock
def test_mastodon_registers_an_app_then_connects_with_the_code(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    apps = respx.post(f"{INSTANCE}/api/v1/apps").respond(
        200, json={"client_id": "cid", "client_secret": "csecret", "name": "Suar"}
    )
    # Mastodon 4.3+ publishes its OAuth endpoints (RFC 8414 authorization server metadata).
    respx.get(f"{INSTANCE}/.well-known/oauth-authorization-server").respond(
        200,
        json={
            "issuer": f"{INSTANCE}/",
            "authorization_endpoint": f"{INSTANCE}/oauth/authorize",
            "token_endpoint": f"{INSTANCE}/oauth/token",
            "revocation_endpoint": f"{INSTANCE}/oauth/revoke",
            "scopes_supported": ["read", "write", "read:accounts", "write:media"],
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        },
    )
    token = respx.post(f"{INSTANCE}/oauth/token").respond(
        200,
        json={
            "access_token": "mast-token",
            "token_type": "Bearer",
            "scope": "read:accounts read:statuses write:statuses write:media write:blocks",
            "created_at": 1764000000,
        },
    )
    me = respx.get(f"{INSTANCE}/api/v1/accounts/verify_credentials").respond(
        200, json={"id": "42", "acct": "pulih", "username": "pulih"}
    )
    respx.get(f"{INSTANCE}/api/v2/instance/").respond(
        200,
        json={
            "domain": "mastodon.test",
            "configuration": {
                "statuses": {
                    "max_characters": 1000,
                    "max_media_attachments": 4,
                    "characters_reserved_per_url": 23,
                }
            },
        },
    )
    client = login_as(organiser)

    start = client.post(
        "/publikasi/sambung/mastodon/",
        {"organisation": organisation.pk, "instance": "mastodon.test"},
    )
    assert start.status_code == 302
    authorize = urlparse(start["Location"])
    query = parse_qs(authorize.query)
    assert start["Location"].startswith(f"{INSTANCE}/oauth/authorize?")
    assert query["client_id"] == ["cid"]
    assert query["response_type"] == ["code"]
    assert query["scope"] == ["read:accounts read:statuses write:statuses write:media write:blocks"]
    assert query["redirect_uri"] == ["http://127.0.0.1:8000/publikasi/sambung/mastodon/kembali/"]
    assert query["lang"] == ["en"]  # Mastodon's page in the person's language
    registered = parse_qs(apps.calls.last.request.content.decode())
    assert registered["client_name"] == ["Suar"]
    assert registered["redirect_uris"] == query["redirect_uri"]
    assert registered["scopes"] == query["scope"]
    assert apps.call_count == 1
    assert MastodonApp.objects.get().client_secret == "csecret"

    done = client.get(
        "/publikasi/sambung/mastodon/kembali/", {"code": "abc", "state": query["state"][0]}
    )

    assert done.status_code == 302
    account = ConnectedAccount.objects.get()
    assert account.handle == "@pulih@mastodon.test"
    assert account.access_token == "mast-token"
    assert account.max_chars == 1000  # this server allows more than the default 500
    exchanged = parse_qs(token.calls.last.request.content.decode())
    assert exchanged["grant_type"] == ["authorization_code"] and exchanged["code"] == ["abc"]
    assert exchanged["client_secret"] == ["csecret"]
    assert me.calls.last.request.headers["Authorization"] == "Bearer mast-token"
    page = client.get("/publikasi/")
    assert "@pulih@mastodon.test" in page.content.decode()
    assert "mast-token" not in page.content.decode()


@respx.mock
def test_a_callback_with_a_wrong_state_connects_nothing(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    respx.post(f"{INSTANCE}/api/v1/apps").respond(
        200, json={"client_id": "cid", "client_secret": "csecret"}
    )
    # A server older than 4.3 has no OAuth metadata: the default endpoints apply.
    respx.get(f"{INSTANCE}/.well-known/oauth-authorization-server").respond(
        404, json={"error": "Not Found"}
    )
    token = respx.post(f"{INSTANCE}/oauth/token")
    client = login_as(organiser)
    client.post(
        "/publikasi/sambung/mastodon/",
        {"organisation": organisation.pk, "instance": "mastodon.test"},
    )

    done = client.get(
        "/publikasi/sambung/mastodon/kembali/", {"code": "abc", "state": "forged"}, follow=True
    )

    assert "This connection link is not valid any more" in done.content.decode()
    assert not token.called
    assert not ConnectedAccount.objects.exists()


@respx.mock
def test_x_uses_pkce_and_sends_the_verifier_back(
    organiser: User,
    organisation: Organisation,
    login_as: Callable[[User], Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import base64
    import hashlib

    monkeypatch.setenv("SUAR_X_CLIENT_ID", "x-client")
    monkeypatch.setenv("SUAR_X_CLIENT_SECRET", "x-secret")
    token = respx.post("https://api.x.com/2/oauth2/token").respond(
        200,
        json={
            "access_token": "xa",
            "refresh_token": "xr",
            "expires_in": 7200,
            "token_type": "bearer",
            "scope": "tweet.write offline.access",
        },
    )
    respx.get("https://api.x.com/2/users/me").respond(
        200, json={"data": {"id": "2244", "username": "pulih", "name": "Pulih"}}
    )
    client = login_as(organiser)

    start = client.post("/publikasi/sambung/x/", {"organisation": organisation.pk})
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert "offline.access" in query["scope"][0]
    client.get("/publikasi/sambung/x/kembali/", {"code": "c1", "state": query["state"][0]})

    sent = parse_qs(token.calls.last.request.content.decode())
    verifier = sent["code_verifier"][0]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    assert challenge.rstrip(b"=").decode() == query["code_challenge"][0]
    account = ConnectedAccount.objects.get(platform="x")
    assert (account.access_token, account.refresh_token) == ("xa", "xr")
    assert account.expires_at is not None


@respx.mock
def test_bluesky_connects_with_an_app_password_and_keeps_only_the_session(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    access = session_jwt("aj", expires_in=dt.timedelta(hours=2), did="did:plc:xyz")
    refresh = session_jwt("rj", expires_in=dt.timedelta(days=90), did="did:plc:xyz")
    session = respx.post("https://bsky.social/xrpc/com.atproto.server.createSession").respond(
        200,
        json={
            "did": "did:plc:xyz",
            "handle": "pulih.bsky.social",
            "accessJwt": access,
            "refreshJwt": refresh,
            "active": True,
        },
    )
    client = login_as(organiser)

    client.post(
        "/publikasi/sambung/bluesky/",
        {
            "organisation": organisation.pk,
            "identifier": "@pulih.bsky.social",
            "app_password": "abcd-efgh-ijkl-mnop",
            "service": "",
        },
    )

    sent = json.loads(session.calls.last.request.content)
    assert sent == {"identifier": "pulih.bsky.social", "password": "abcd-efgh-ijkl-mnop"}
    account = ConnectedAccount.objects.get(platform="bluesky")
    assert (account.platform_account_id, account.refresh_token) == ("did:plc:xyz", refresh)
    assert account.access_token == access and account.handle == "@pulih.bsky.social"
    assert account.expires_at is not None  # the session's end, renewed a week before
    assert account.expires_at > timezone.now() + dt.timedelta(days=89)
    stored = ConnectedAccount.objects.filter(pk=account.pk).values_list(
        "access_token", "refresh_token", "handle", "base_url"
    )
    assert "abcd-efgh-ijkl-mnop" not in str(list(stored))


def test_reconnecting_keeps_the_refresh_token_when_none_is_sent(
    organiser: User, organisation: Organisation
) -> None:
    fields = {
        "actor": organiser,
        "organisation": organisation,
        "platform": "tiktok",
        "handle": "Pulih",
        "platform_account_id": "open-1",
    }
    first = save_connected_account(**fields, access_token="a1", refresh_token="r1")  # type: ignore[arg-type]
    again = save_connected_account(**fields, access_token="a2")  # type: ignore[arg-type]

    assert first.pk == again.pk
    again.refresh_from_db()
    assert (again.access_token, again.refresh_token) == ("a2", "r1")
    assert ConnectedAccount.objects.count() == 1


def test_a_moderator_cannot_connect_accounts(
    make_user: Callable[..., User], organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    client = login_as(make_user("mod", role=Role.MODERATOR))
    response = client.post(
        "/publikasi/sambung/export/", {"organisation": organisation.pk, "name": "IG manual"}
    )
    assert response.status_code == 403
    assert not ConnectedAccount.objects.exists()


def test_an_unconfigured_platform_says_so(
    organiser: User,
    organisation: Organisation,
    login_as: Callable[[User], Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SUAR_TIKTOK_CLIENT_KEY", raising=False)
    client = login_as(organiser)
    response = client.post(
        "/publikasi/sambung/tiktok/", {"organisation": organisation.pk}, follow=True
    )
    assert "This Suar has no tiktok app yet" in response.content.decode()


@respx.mock
def test_a_server_refusing_the_app_registration_says_why_and_saves_nothing(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    # Mastodon.py's create_app does not look at the status: Suar does, from the answer.
    respx.post(f"{INSTANCE}/api/v1/apps").respond(
        422, json={"error": "Validation failed: Redirect URI must be an absolute URI."}
    )
    client = login_as(organiser)

    page = client.post(
        "/publikasi/sambung/mastodon/",
        {"organisation": organisation.pk, "instance": "mastodon.test"},
        follow=True,
    ).content.decode()

    assert "Redirect URI must be an absolute URI" in page
    assert not MastodonApp.objects.exists()


@respx.mock
def test_a_refused_code_exchange_connects_nothing_and_says_why(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    respx.post(f"{INSTANCE}/api/v1/apps").respond(
        200, json={"client_id": "cid", "client_secret": "csecret"}
    )
    respx.get(f"{INSTANCE}/.well-known/oauth-authorization-server").respond(404)
    respx.post(f"{INSTANCE}/oauth/token").respond(
        400,
        json={
            "error": "invalid_grant",
            "error_description": "The provided authorization grant is invalid, expired, "
            "revoked, does not match the redirection URI used in the authorization request, "
            "or was issued to another client.",
        },
    )
    client = login_as(organiser)
    start = client.post(
        "/publikasi/sambung/mastodon/",
        {"organisation": organisation.pk, "instance": "mastodon.test"},
    )
    state = parse_qs(urlparse(start["Location"]).query)["state"][0]

    page = client.get(
        "/publikasi/sambung/mastodon/kembali/", {"code": "old", "state": state}, follow=True
    ).content.decode()

    assert "The connection failed" in page and "invalid_grant" in page
    assert "csecret" not in page
    assert not ConnectedAccount.objects.exists()


@respx.mock
def test_a_wrong_bluesky_app_password_says_so_and_connects_nothing(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    respx.post("https://bsky.social/xrpc/com.atproto.server.createSession").respond(
        401, json={"error": "AuthenticationRequired", "message": "Invalid identifier or password"}
    )
    client = login_as(organiser)

    page = client.post(
        "/publikasi/sambung/bluesky/",
        {
            "organisation": organisation.pk,
            "identifier": "pulih.bsky.social",
            "app_password": "salah-salah-salah-salah",
            "service": "",
        },
        follow=True,
    ).content.decode()

    assert "Bluesky did not accept this handle and app password" in page
    assert "Invalid identifier or password" in page
    assert "salah-salah" not in page
    assert not ConnectedAccount.objects.exists()


@respx.mock
def test_a_client_id_that_names_a_file_is_used_as_it_is(
    organiser: User,
    organisation: Organisation,
    login_as: Callable[[User], Client],
    tmp_path: object,
) -> None:
    from pathlib import Path

    secret = Path(str(tmp_path)) / "secret_key"
    secret.write_text("first-line-of-a-secret\nsecond\nhttps://evil.test\n")
    respx.post(f"{INSTANCE}/api/v1/apps").respond(
        200, json={"client_id": str(secret), "client_secret": "csecret"}
    )
    respx.get(f"{INSTANCE}/.well-known/oauth-authorization-server").respond(404)
    client = login_as(organiser)

    start = client.post(
        "/publikasi/sambung/mastodon/",
        {"organisation": organisation.pk, "instance": "mastodon.test"},
    )

    query = parse_qs(urlparse(start["Location"]).query)
    assert query["client_id"] == [str(secret)]
    assert start["Location"].startswith(f"{INSTANCE}/oauth/authorize?")
    assert "first-line-of-a-secret" not in start["Location"]
