"""Mastodon's side of connecting an account, through Mastodon.py: Suar registers its app on
each server on first use, sends the person to the server's authorization page, and exchanges
the code for a token. The state bookkeeping and saving the account are in oauth.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from mastodon import Mastodon, MastodonError

from suar.publishing.adapters.base import PublishError, check_response, http_client
from suar.publishing.adapters.httpx_session import session_over
from suar.publishing.adapters.mastodon import REQUEST_TIMEOUT, connect, translate
from suar.publishing.models import MastodonApp
from suar.publishing.oauth_config import redirect_uri

SCOPES = ["read:accounts", "read:statuses", "write:statuses", "write:media"]


@dataclass
class Connected:
    """What the server says about the account that allowed Suar in."""

    access_token: str
    account_id: str
    acct: str
    max_chars: int | None


def mastodon_app(base_url: str) -> MastodonApp:
    """Suar's app on this server, registered on first use (POST /api/v1/apps)."""
    existing = MastodonApp.objects.filter(base_url=base_url).first()
    if existing is not None:
        return existing
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
    with transaction.atomic():
        app, _created = MastodonApp.objects.get_or_create(
            base_url=base_url,
            defaults={
                "client_id": client_id,
                "client_secret": client_secret,
                "redirect_uri": redirect_uri("mastodon"),
            },
        )
    return app


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
