"""Connecting accounts: OAuth with state checked (Mastodon, X with PKCE), Bluesky app
passwords, reconnecting keeps the refresh token, and who may connect."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

import pytest
import respx
from django.test import Client

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.publishing.models import ConnectedAccount, MastodonApp
from suar.publishing.services import save_connected_account

INSTANCE = "https://mastodon.test"


@respx.mock
def test_mastodon_registers_an_app_then_connects_with_the_code(
    organiser: User, organisation: Organisation, login_as: Callable[[User], Client]
) -> None:
    apps = respx.post(f"{INSTANCE}/api/v1/apps").respond(
        200, json={"client_id": "cid", "client_secret": "csecret", "name": "Suar"}
    )
    token = respx.post(f"{INSTANCE}/oauth/token").respond(
        200, json={"access_token": "mast-token", "token_type": "Bearer", "scope": "read"}
    )
    respx.get(f"{INSTANCE}/api/v1/accounts/verify_credentials").respond(
        200, json={"id": "42", "acct": "pulih", "username": "pulih"}
    )
    respx.get(f"{INSTANCE}/api/v2/instance").respond(
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
    assert b"code=abc" in token.calls.last.request.content
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
    session = respx.post("https://bsky.social/xrpc/com.atproto.server.createSession").respond(
        200,
        json={
            "did": "did:plc:xyz",
            "handle": "pulih.bsky.social",
            "accessJwt": "aj",
            "refreshJwt": "rj",
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

    assert b"pulih.bsky.social" in session.calls.last.request.content
    account = ConnectedAccount.objects.get(platform="bluesky")
    assert (account.platform_account_id, account.refresh_token) == ("did:plc:xyz", "rj")
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
