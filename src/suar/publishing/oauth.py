"""Connection flows: each platform's OAuth authorization-code flow (PKCE for X; atproto OAuth
for Bluesky in oauth_bluesky.py), Bluesky app passwords, and the `state` bookkeeping that ties
a callback to the person who started it."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlparse

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.publishing.adapters.base import PublishError, check_response, http_client
from suar.publishing.models import AuthMethod, ConnectedAccount
from suar.publishing.oauth_config import client_credentials, is_configured, redirect_uri
from suar.publishing.services import save_connected_account

SESSION_KEY = "publishing_oauth"
STATE_MAX_AGE = 15 * 60
OAUTH_PLATFORMS = ("mastodon", "bluesky", "x", "facebook", "tiktok")
# Publishing needs the first scopes of each list; the rest let the measurement read figures
# and comments and hide a hurtful comment (see docs/publishing.md, "Reading back").
X_SCOPES = "tweet.read tweet.write users.read media.write offline.access tweet.moderate.write"
FACEBOOK_SCOPES = ",".join(
    [
        "pages_show_list",
        "pages_manage_posts",
        "pages_read_engagement",
        "instagram_basic",
        "instagram_content_publish",
        "business_management",
        "read_insights",
        "pages_read_user_content",
        "pages_manage_engagement",
        "instagram_manage_insights",
        "instagram_manage_comments",
    ]
)
TIKTOK_SCOPES = "user.info.basic,video.publish,video.list"
GRAPH = "https://graph.facebook.com/v21.0"


class ConnectError(Exception):
    """A connection failed; the message is for the person (already translated)."""


@dataclass
class Pending:
    platform: str
    organisation_id: int
    user_id: int
    verifier: str = ""
    base_url: str = ""
    # What a platform's callback needs besides (Bluesky: the authorization server, the
    # expected account, the DPoP key and PKCE verifier, those two encrypted).
    extra: dict[str, Any] = field(default_factory=dict)


def _remember(request: HttpRequest, state: str, pending: Pending) -> None:
    flows: dict[str, Any] = request.session.get(SESSION_KEY, {})
    now = time.time()
    flows = {k: v for k, v in flows.items() if now - v["at"] < STATE_MAX_AGE}
    flows[state] = {**pending.__dict__, "at": now}
    request.session[SESSION_KEY] = flows


def take_pending(request: HttpRequest, platform: str, state: str) -> Pending:
    """The flow this callback belongs to; each state works once, for the same person."""
    flows: dict[str, Any] = request.session.get(SESSION_KEY, {})
    entry = flows.pop(state, None) if state else None
    request.session[SESSION_KEY] = flows
    if (
        entry is None
        or time.time() - entry["at"] > STATE_MAX_AGE
        or entry["platform"] != platform
        or entry["user_id"] != request.user.pk
    ):
        raise ConnectError(_("This connection link is not valid any more. Please start again."))
    entry.pop("at")
    return Pending(**entry)


def normalise_instance(value: str) -> str:
    value = value.strip().rstrip("/")
    if not value:
        raise ValidationError(_("Enter your Mastodon server, for example mastodon.social."))
    if "://" not in value:
        value = f"https://{value.lstrip('@').split('@')[-1]}"
    parsed = urlparse(value)
    if (
        parsed.scheme not in ("https", "http")
        or not parsed.hostname
        or parsed.path not in ("", "/")
    ):
        raise ValidationError(_("That does not look like a server address."))
    return f"{parsed.scheme}://{parsed.netloc}"


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def start(
    request: HttpRequest,
    platform: str,
    organisation: Organisation,
    *,
    instance: str = "",
    handle: str = "",
) -> str:
    """Remember the flow and return the platform's authorization URL to redirect to."""
    require_perm(request.user, Perm.CONNECT_ACCOUNTS, organisation)
    if platform not in OAUTH_PLATFORMS:
        raise ConnectError(_("This platform does not connect with OAuth."))
    if not is_configured(platform):
        raise ConnectError(
            _(
                "This Suar has no %(platform)s app yet: the operator must register one "
                "(see docs/publishing.md)."
            )
            % {"platform": platform}
        )
    state = secrets.token_urlsafe(32)
    pending = Pending(platform, organisation.pk, int(str(request.user.pk)))
    try:
        url = _authorize_url(platform, state, pending, instance, handle)
    except PublishError as exc:
        raise ConnectError(
            _("The server did not answer as expected: %(reason)s") % {"reason": exc.message}
        ) from exc
    _remember(request, state, pending)
    return url


def _authorize_url(platform: str, state: str, pending: Pending, instance: str, handle: str) -> str:
    redirect = redirect_uri(platform)
    if platform == "bluesky":
        from suar.publishing.oauth_bluesky import begin

        server = normalise_instance(instance) if instance.strip() else ""
        url, pending.extra = begin(handle, server=server, state=state)
        return url
    if platform == "mastodon":
        from suar.publishing.oauth_mastodon import authorize_url

        pending.base_url = normalise_instance(instance)
        language = (get_language() or "id").split("-")[0]
        return authorize_url(pending.base_url, state=state, language=language)
    client_id, _secret = client_credentials(platform)
    if platform == "x":
        pending.verifier, challenge = _pkce()
        query = {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect,
            "scope": X_SCOPES,
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        return f"https://x.com/i/oauth2/authorize?{urlencode(query)}"
    if platform == "facebook":
        query = {
            "client_id": client_id,
            "redirect_uri": redirect,
            "state": state,
            "scope": FACEBOOK_SCOPES,
            "response_type": "code",
        }
        return f"https://www.facebook.com/v21.0/dialog/oauth?{urlencode(query)}"
    query = {
        "client_key": client_id,
        "scope": TIKTOK_SCOPES,
        "response_type": "code",
        "redirect_uri": redirect,
        "state": state,
    }
    return f"https://www.tiktok.com/v2/auth/authorize/?{urlencode(query)}"


def finish(request: HttpRequest, platform: str) -> list[ConnectedAccount]:
    """Handle the callback: check state, exchange the code, save the account(s) encrypted."""
    pending = take_pending(request, platform, request.GET.get("state", ""))
    if platform == "bluesky":
        return [_finish_bluesky(request, pending)]
    if request.GET.get("error"):
        raise ConnectError(
            _("The platform did not allow the connection: %(reason)s")
            % {"reason": request.GET.get("error_description") or request.GET["error"]}
        )
    code = request.GET.get("code", "")
    if not code:
        raise ConnectError(_("The platform sent no authorization code. Please start again."))
    organisation = Organisation.objects.get(pk=pending.organisation_id)
    try:
        handler = {
            "mastodon": _finish_mastodon,
            "x": _finish_x,
            "facebook": _finish_facebook,
            "tiktok": _finish_tiktok,
        }[platform]
        return handler(request.user, organisation, pending, code)
    except PublishError as exc:
        raise ConnectError(
            _("The connection failed: %(reason)s") % {"reason": exc.message}
        ) from exc


def _finish_bluesky(request: HttpRequest, pending: Pending) -> ConnectedAccount:
    from suar.publishing.oauth_bluesky import complete, save_account

    organisation = Organisation.objects.get(pk=pending.organisation_id)
    connected = complete(pending.extra, request.GET)
    return save_account(actor=request.user, organisation=organisation, connected=connected)


def _post_json(url: str, **kwargs: Any) -> dict[str, Any]:
    response = http_client().post(url, **kwargs)
    check_response(response)
    body: dict[str, Any] = response.json()
    return body


def _get_json(url: str, **kwargs: Any) -> dict[str, Any]:
    response = http_client().get(url, **kwargs)
    check_response(response)
    body: dict[str, Any] = response.json()
    return body


def _expires(body: dict[str, Any]) -> dt.datetime | None:
    seconds = body.get("expires_in")
    return timezone.now() + dt.timedelta(seconds=int(seconds)) if seconds else None


def _finish_mastodon(
    actor: AnyUser, organisation: Organisation, pending: Pending, code: str
) -> list[ConnectedAccount]:
    from suar.publishing.oauth_mastodon import exchange_code

    connected = exchange_code(pending.base_url, code)
    account = save_connected_account(
        max_chars=connected.max_chars,
        actor=actor,
        organisation=organisation,
        platform="mastodon",
        handle=f"@{connected.acct}@{urlparse(pending.base_url).hostname}",
        platform_account_id=connected.account_id,
        base_url=pending.base_url,
        access_token=connected.access_token,
    )
    return [account]


def _finish_x(
    actor: AnyUser, organisation: Organisation, pending: Pending, code: str
) -> list[ConnectedAccount]:
    client_id, client_secret = client_credentials("x")
    token = _post_json(
        "https://api.x.com/2/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri("x"),
            "code_verifier": pending.verifier,
            "client_id": client_id,
        },
        auth=(client_id, client_secret) if client_secret else None,
    )
    me = _get_json(
        "https://api.x.com/2/users/me",
        headers={"Authorization": f"Bearer {token['access_token']}"},
    )["data"]
    account = save_connected_account(
        actor=actor,
        organisation=organisation,
        platform="x",
        handle=f"@{me['username']}",
        platform_account_id=str(me["id"]),
        access_token=token["access_token"],
        refresh_token=token.get("refresh_token", ""),
        expires_at=_expires(token),
    )
    return [account]


def _finish_facebook(
    actor: AnyUser, organisation: Organisation, pending: Pending, code: str
) -> list[ConnectedAccount]:
    """One Facebook Login connects every Page the person manages, and the Instagram
    professional account linked to each; Page tokens from a long-lived user token do not
    expire."""
    app_id, secret = client_credentials("facebook")
    short = _get_json(
        f"{GRAPH}/oauth/access_token",
        params={
            "client_id": app_id,
            "client_secret": secret,
            "redirect_uri": redirect_uri("facebook"),
            "code": code,
        },
    )
    long_lived = _get_json(
        f"{GRAPH}/oauth/access_token",
        params={
            "grant_type": "fb_exchange_token",
            "client_id": app_id,
            "client_secret": secret,
            "fb_exchange_token": short["access_token"],
        },
    )
    pages = _get_json(
        f"{GRAPH}/me/accounts",
        params={"fields": "id,name,access_token,instagram_business_account{id,username}"},
        headers={"Authorization": f"Bearer {long_lived['access_token']}"},
    )
    accounts = []
    for page in pages.get("data", []):
        accounts.append(
            save_connected_account(
                actor=actor,
                organisation=organisation,
                platform="facebook",
                handle=page["name"],
                platform_account_id=str(page["id"]),
                access_token=page["access_token"],
            )
        )
        if ig := page.get("instagram_business_account"):
            accounts.append(
                save_connected_account(
                    actor=actor,
                    organisation=organisation,
                    platform="instagram",
                    handle=f"@{ig.get('username', ig['id'])}",
                    platform_account_id=str(ig["id"]),
                    access_token=page["access_token"],
                )
            )
    if not accounts:
        raise ConnectError(_("No Facebook Page was shared with Suar. Choose a Page and retry."))
    return accounts


def _finish_tiktok(
    actor: AnyUser, organisation: Organisation, pending: Pending, code: str
) -> list[ConnectedAccount]:
    client_key, secret = client_credentials("tiktok")
    token = _post_json(
        "https://open.tiktokapis.com/v2/oauth/token/",
        data={
            "client_key": client_key,
            "client_secret": secret,
            "code": code,
            "grant_type": "authorization_code",
            "redirect_uri": redirect_uri("tiktok"),
        },
    )
    if token.get("error"):
        raise ConnectError(str(token.get("error_description") or token["error"]))
    info = _get_json(
        "https://open.tiktokapis.com/v2/user/info/",
        params={"fields": "open_id,display_name"},
        headers={"Authorization": f"Bearer {token['access_token']}"},
    )
    user = info.get("data", {}).get("user", {})
    account = save_connected_account(
        actor=actor,
        organisation=organisation,
        platform="tiktok",
        handle=user.get("display_name") or token["open_id"],
        platform_account_id=str(token["open_id"]),
        access_token=token["access_token"],
        refresh_token=token.get("refresh_token", ""),
        expires_at=_expires(token),
    )
    return [account]


def connect_bluesky(
    *,
    actor: AnyUser,
    organisation: Organisation,
    identifier: str,
    app_password: str,
    service: str = "",
) -> ConnectedAccount:
    """Bluesky with an app password, the alternative to atproto OAuth (a self-hosted PDS
    without OAuth, a Suar without a public https address, or a person's preference). The
    app password is revocable in the Bluesky app and never stored here."""
    from suar.publishing.adapters.bluesky_session import DEFAULT_PDS, create_session, jwt_expiry

    require_perm(actor, Perm.CONNECT_ACCOUNTS, organisation)
    base = normalise_instance(service) if service.strip() else DEFAULT_PDS
    try:
        session = create_session(base, identifier.strip().lstrip("@"), app_password.strip())
    except PublishError as exc:
        raise ConnectError(
            _("Bluesky did not accept this handle and app password: %(reason)s")
            % {"reason": exc.message}
        ) from exc
    with transaction.atomic():
        account = save_connected_account(
            actor=actor,
            organisation=organisation,
            platform="bluesky",
            handle=f"@{session.handle}",
            platform_account_id=session.did,
            base_url=base,
            access_token=session.access_jwt,
            refresh_token=session.refresh_jwt,
            # The refresh JWT's end: the hourly token pass renews the session a week before.
            expires_at=jwt_expiry(session.refresh_jwt),
        )
        # An account that used OAuth before keeps nothing of that session.
        ConnectedAccount.objects.filter(pk=account.pk).update(
            auth_method=AuthMethod.APP_PASSWORD,
            dpop_private_key="",
            access_expires_at=None,
            oauth_issuer="",
            oauth_token_endpoint="",
            oauth_client_id="",
            oauth_client_kid="",
        )
    account.refresh_from_db()
    return account


def connect_export(*, actor: AnyUser, organisation: Organisation, name: str) -> ConnectedAccount:
    from django.utils.text import slugify

    name = name.strip()
    if not name:
        raise ValidationError(_("Give the export a name, for example the account it is for."))
    return save_connected_account(
        actor=actor,
        organisation=organisation,
        platform="export",
        handle=name[:200],
        platform_account_id=slugify(name)[:200] or "export",
        access_token="",
    )
