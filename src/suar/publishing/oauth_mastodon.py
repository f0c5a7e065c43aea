"""Mastodon's side of connecting an account, through Mastodon.py: Suar registers its app on
each server on first use, sends the person to the server's authorization page, and exchanges
the code for a token. The state bookkeeping and saving the account are in oauth.py."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.db import transaction
from mastodon import Mastodon, MastodonError

from suar.publishing.adapters.base import PublishError, check_response, http_client
from suar.publishing.adapters.httpx_session import session_over
from suar.publishing.adapters.mastodon import REQUEST_TIMEOUT, connect, translate
from suar.publishing.models import MastodonApp
from suar.publishing.oauth_config import redirect_uri

# write:blocks lets a moderator block the author of a harassing reply (the comments page).
# Accounts connected before it was asked for must reconnect to block; they still publish.
SCOPES = ["read:accounts", "read:statuses", "write:statuses", "write:media", "write:blocks"]
# Apps (base URL, client id) this process has seen grant every scope in SCOPES.
_COVERING: set[tuple[str, str]] = set()


@dataclass
class Connected:
    """What the server says about the account that allowed Suar in."""

    access_token: str
    account_id: str
    acct: str
    max_chars: int | None


def mastodon_app(base_url: str) -> MastodonApp:
    """Suar's app on this server, registered on first use (POST /api/v1/apps), and again
    when it was registered before Suar asked for its present scopes: a server refuses an
    authorization request for a scope the app was not registered with."""
    existing = MastodonApp.objects.filter(base_url=base_url).first()
    if existing is not None and _covers_scopes(existing):
        return existing
    client_id, client_secret = _register(base_url)
    with transaction.atomic():
        if existing is not None:
            # Conditional on the old client id: when two people reconnect at once, the
            # first new registration is kept and the second one's is dropped.
            MastodonApp.objects.filter(pk=existing.pk, client_id=existing.client_id).update(
                client_id=client_id,
                client_secret=client_secret,  # encrypted by the field, as on save()
                redirect_uri=redirect_uri("mastodon"),
            )
            app = MastodonApp.objects.get(pk=existing.pk)
            _COVERING.add((app.base_url, app.client_id))
            return app
        app, _created = MastodonApp.objects.get_or_create(
            base_url=base_url,
            defaults={
                "client_id": client_id,
                "client_secret": client_secret,
                "redirect_uri": redirect_uri("mastodon"),
            },
        )
    _COVERING.add((app.base_url, app.client_id))
    return app


def _covers_scopes(app: MastodonApp) -> bool:
    """Whether the server grants this app every scope in SCOPES: a client-credentials token
    asked for them answers (`invalid_scope` when one is missing), and is revoked at once.
    Only a clear `invalid_scope` counts as no; anything else keeps the app that worked."""
    if (app.base_url, app.client_id) in _COVERING:
        return True
    client = http_client()
    credentials = {"client_id": app.client_id, "client_secret": app.client_secret}
    try:
        answer = client.post(
            f"{app.base_url}/oauth/token",
            data={**credentials, "grant_type": "client_credentials", "scope": " ".join(SCOPES)},
        )
    except httpx.HTTPError:
        return True  # cannot tell: the authorization page will say if a scope is missing
    try:
        body = answer.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    if answer.status_code >= 400:
        return body.get("error") != "invalid_scope"
    if token := body.get("access_token"):
        with contextlib.suppress(httpx.HTTPError):
            client.post(f"{app.base_url}/oauth/revoke", data={**credentials, "token": token})
    _COVERING.add((app.base_url, app.client_id))
    return True


def _register(base_url: str) -> tuple[str, str]:
    session, transport = session_over(http_client())
    try:
        client_id, client_secret = Mastodon.create_app(
            "Suar",
            scopes=SCOPES,
            redirect_uris=redirect_uri("mastodon"),
            website=settings.SITE_URL,
            api_base_url=base_url,
            request_timeout=REQUEST_TIMEOUT,
            session=session,
            user_agent=str(http_client().headers.get("user-agent", "Suar")),
        )
    except (MastodonError, KeyError, TypeError, ValueError) as exc:
        # create_app reads the answer without looking at its status: the server's own
        # words are in the response it got.
        if transport.last is not None:
            check_response(transport.last)
        if isinstance(exc, MastodonError):
            raise translate(exc, transport=transport) from exc
        raise PublishError(f"the server answered without an app: {exc!r}") from exc
    return str(client_id), str(client_secret)


def _client(app: MastodonApp) -> Mastodon:
    api, _transport = connect(
        app.base_url, client_id=app.client_id, client_secret=app.client_secret
    )
    return api


def authorize_url(base_url: str, *, state: str, language: str) -> str:
    """Where to send the person: Mastodon 4.3+ publishes its OAuth endpoints (RFC 8414),
    older servers use /oauth/authorize. The page opens in the person's language."""
    app = mastodon_app(base_url)
    try:
        url: str = _client(app).auth_request_url(
            redirect_uris=app.redirect_uri,
            scopes=SCOPES,
            state=state,
            lang=language,
            allow_http=app.base_url.startswith("http://"),
        )
    except MastodonError as exc:
        raise translate(exc) from exc
    return url


def exchange_code(base_url: str, code: str) -> Connected:
    """POST /oauth/token with the code, then who the token belongs to and the server's post
    length. Mastodon.py refuses a token that lacks a scope Suar asked for, so an account
    that would fail to post is never connected. Mastodon tokens neither expire nor come
    with a refresh token."""
    app = MastodonApp.objects.get(base_url=base_url)
    api = _client(app)
    try:
        access_token = api.log_in(
            code=code,
            redirect_uri=app.redirect_uri,
            scopes=SCOPES,
            allow_http=app.base_url.startswith("http://"),
        )
        me = api.account_verify_credentials()
    except MastodonError as exc:
        raise translate(exc) from exc
    return Connected(access_token, str(me["id"]), str(me["acct"]), _max_chars(api))


def _max_chars(api: Mastodon) -> int | None:
    """The server's own post length limit (instances differ: 500 is only the default),
    from GET /api/v2/instance."""
    try:
        value = api.instance_v2()["configuration"]["statuses"]["max_characters"]
    except (MastodonError, KeyError, TypeError, ValueError):
        return None  # the default applies; scheduling still checks against 500
    return int(value) if isinstance(value, int) and value > 0 else None
