"""Bluesky's side of connecting an account with atproto OAuth (https://atproto.com/specs/oauth):
Suar as a confidential client (its own signing key, private_key_jwt), or, when it runs on
127.0.0.1, as atproto's loopback development client (a public client, no key); which one,
and the client metadata, are in oauth_bluesky_client.py.

The flow: resolve the person's identity and authorization server (oauth_bluesky_identity.py),
push the authorization request (PAR) with PKCE, `state`, `login_hint` and a DPoP proof made
with a fresh per-session key, send the person to the server's page, and on the way back check
`state` and `iss`, exchange the code (DPoP, client assertion) and check that the tokens were
issued for the account the person named. The refresh (rotating the refresh token) is here
too; adapters/bluesky_oauth.py runs it under the account's refresh lease.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation
from suar.accounts.permissions import AnyUser
from suar.core.crypto import decrypt, encrypt
from suar.publishing import oauth_bluesky_identity as identity
from suar.publishing import oauth_dpop as dpop
from suar.publishing.adapters.base import AuthError, TransientError, http_client, response_reason
from suar.publishing.models import AuthMethod, ConnectedAccount
from suar.publishing.oauth import ConnectError
from suar.publishing.oauth_bluesky_client import (
    SCOPE,
    active_client_key,
    client_config,
    client_key,
    unavailable_reason,
)
from suar.publishing.services import save_connected_account

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
# When Suar renews a session it is not using. The token answer says when the access token
# ends, never the refresh token: the spec caps untrusted public clients' refresh tokens at
# 24 hours and confidential ones' at 180 days; 14 days is a floor any server should meet,
# so the hourly token pass (which renews what ends within 7 days) renews an idle confidential
# session weekly and an idle loopback one hourly.
RENEW_PUBLIC = dt.timedelta(days=1)
RENEW_CONFIDENTIAL = dt.timedelta(days=14)


# --- the token endpoint -------------------------------------------------------------------


@dataclass
class Tokens:
    did: str
    access_token: str
    refresh_token: str
    access_expires_at: dt.datetime | None
    renew_by: dt.datetime


def _authenticate(form: dict[str, str], *, client_id: str, kid: str, audience: str) -> None:
    form["client_id"] = client_id
    if kid:  # confidential: the same key and method for every request of the session
        form["client_assertion_type"] = ASSERTION_TYPE
        form["client_assertion"] = dpop.client_assertion(
            client_key(kid), kid=kid, client_id=client_id, audience=audience
        )


def _post(url: str, form: dict[str, str], key: dpop.PrivateKey) -> httpx.Response:
    """POST a form to the authorization server with DPoP (and its nonce)."""
    try:
        return dpop.send(
            lambda headers: http_client().post(url, data=form, headers=headers),
            key=key,
            method="POST",
            url=url,
        )
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        raise TransientError(f"cannot reach {urlsplit(url).netloc}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise TransientError(f"no answer from {urlsplit(url).netloc}: {exc!r}") from exc


def token_request(
    *,
    token_endpoint: str,
    issuer: str,
    client_id: str,
    kid: str,
    key: dpop.PrivateKey,
    form: dict[str, str],
) -> Tokens:
    """One token request (authorization_code or refresh_token), its answer checked: DPoP
    tokens, the `atproto` scope and the permissions Suar asked for, a DID in `sub`."""
    _authenticate(form, client_id=client_id, kid=kid, audience=issuer)
    response = _post(token_endpoint, form, key)
    if response.status_code == 429 or response.status_code >= 500:
        raise TransientError(response_reason(response))
    if response.status_code != 200:
        raise AuthError(response_reason(response))  # invalid_grant: spent, expired, revoked
    try:
        body = response.json()
    except ValueError as exc:
        raise TransientError("the token endpoint sent an unreadable answer") from exc
    if problem := _unusable(body):
        raise AuthError(f"the token answer is not usable: {problem}")
    now = timezone.now()
    seconds = body.get("expires_in")
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds <= 0:
        seconds = None  # not said: the 401 after expiry triggers the refresh instead
    return Tokens(
        did=str(body["sub"]),
        access_token=str(body["access_token"]),
        refresh_token=str(body.get("refresh_token") or ""),
        access_expires_at=now + dt.timedelta(seconds=int(seconds)) if seconds else None,
        renew_by=now + (RENEW_CONFIDENTIAL if kid else RENEW_PUBLIC),
    )


def _unusable(body: dict[str, Any]) -> str | None:
    if str(body.get("token_type", "")).lower() != "dpop":
        return "the tokens are not DPoP-bound"
    if not body.get("access_token"):
        return "no access token"
    if not identity.is_did(str(body.get("sub", ""))):
        return "no account DID in sub"
    scopes = str(body.get("scope") or "").split()
    if not set(SCOPE.split()) <= set(scopes):  # atproto's profile: always returned
        return f"the scope {' '.join(scopes)!r} lacks {SCOPE!r}"
    return None


def refresh(account: ConnectedAccount) -> Tokens:
    """Rotate the session's tokens (the caller holds the account's refresh lease)."""
    if not account.refresh_token or not account.dpop_private_key:
        raise AuthError("no Bluesky OAuth session is stored: reconnect")
    try:
        key = dpop.load_private_jwk(account.dpop_private_key)
    except ValueError as exc:
        raise AuthError(f"the stored DPoP key is not usable ({exc}): reconnect") from exc
    tokens = token_request(
        token_endpoint=account.oauth_token_endpoint,
        issuer=account.oauth_issuer,
        client_id=account.oauth_client_id,
        kid=account.oauth_client_kid,
        key=key,
        form={"grant_type": "refresh_token", "refresh_token": account.refresh_token},
    )
    if tokens.did != account.platform_account_id:
        raise AuthError("the refreshed tokens belong to another account: reconnect")
    if not tokens.refresh_token:
        tokens.refresh_token = account.refresh_token
    return tokens


# --- starting and finishing the connection ------------------------------------------------


def _resolvers(server: str) -> list[str]:
    return [server, identity.DEFAULT_RESOLVER] if server else [identity.DEFAULT_RESOLVER]


def begin(identifier: str, *, server: str, state: str) -> tuple[str, dict[str, Any]]:
    """Push the authorization request; the URL to send the person to, and what the callback
    needs (secrets encrypted, since it waits in the session)."""
    config = client_config()
    if config is None:
        raise ConnectError(unavailable_reason())
    identifier = identity.normalise_handle(identifier)
    who: identity.Identity | None = None
    if identifier:
        who = identity.resolve_identity(identifier, _resolvers(server))
        issuer = identity.authorization_server_of(who.pds)
    elif server:
        issuer = identity.authorization_server_for(server)
    else:
        raise ConnectError(_("Enter your Bluesky handle, for example name.bsky.social."))
    meta = identity.authorization_server_metadata(issuer)
    key = dpop.new_key()
    verifier, challenge = dpop.pkce_pair()
    kid = active_client_key().kid if config.confidential else ""
    form = {
        "response_type": "code",
        "redirect_uri": config.redirect_uri,
        "scope": SCOPE,
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    if identifier:
        form["login_hint"] = identifier  # as typed: people recognise their handle, not a DID
    _authenticate(form, client_id=config.client_id, kid=kid, audience=meta["issuer"])
    par = meta["pushed_authorization_request_endpoint"]
    try:
        response = _post(par, form, key)
    except TransientError:
        raise identity.unreachable(urlsplit(par).netloc) from None
    request_uri = _request_uri(response)
    query = urlencode({"client_id": config.client_id, "request_uri": request_uri})
    pending = {
        "issuer": meta["issuer"],
        "token_endpoint": meta["token_endpoint"],
        "did": who.did if who else "",
        "handle": who.handle if who else "",
        "pds": who.pds if who else "",
        "client_id": config.client_id,
        "redirect_uri": config.redirect_uri,
        "kid": kid,
        "secret": encrypt(json.dumps({"dpop": dpop.private_jwk_json(key), "pkce": verifier})),
    }
    return f"{meta['authorization_endpoint']}?{query}", pending


def _request_uri(response: httpx.Response) -> str:
    reason = response_reason(response)
    try:
        body = response.json() if response.status_code in (200, 201) else {}
    except ValueError:
        body = {}
    if not isinstance(body, dict) or not isinstance(body.get("request_uri"), str):
        raise ConnectError(
            _("Bluesky refused to start the sign-in: %(reason)s") % {"reason": reason}
        )
    if not response.headers.get("dpop-nonce"):
        # The profile makes server nonces mandatory; a server without them is not atproto's.
        raise ConnectError(
            _("Bluesky refused to start the sign-in: %(reason)s")
            % {"reason": "no DPoP-Nonce in the answer"}
        )
    return str(body["request_uri"])


@dataclass
class Connected:
    identity: identity.Identity
    tokens: Tokens
    dpop_key: str  # private JWK
    pending: dict[str, Any]


def complete(pending: dict[str, Any], params: Mapping[str, str]) -> Connected:
    """The callback: `iss` as pushed, the code exchanged, the account as expected."""
    if params.get("error"):
        if params["error"] == "access_denied":
            raise ConnectError(_("You did not allow Suar to use the Bluesky account."))
        raise ConnectError(
            _("Bluesky did not allow the connection: %(reason)s")
            % {"reason": params.get("error_description") or params["error"]}
        )
    if params.get("iss") != pending["issuer"]:
        # RFC 9207: an answer from another server than the one asked (a mix-up attack).
        raise ConnectError(
            _("This answer did not come from the server Suar asked. Please start again.")
        )
    if not params.get("code"):
        raise ConnectError(_("The platform sent no authorization code. Please start again."))
    try:
        secret = json.loads(decrypt(pending["secret"]))
        key = dpop.load_private_jwk(secret["dpop"])
    except (ValueError, KeyError, TypeError):  # SUAR_TOKEN_KEY changed meanwhile
        raise ConnectError(
            _("This connection link is not valid any more. Please start again.")
        ) from None
    try:
        tokens = token_request(
            token_endpoint=pending["token_endpoint"],
            issuer=pending["issuer"],
            client_id=pending["client_id"],
            kid=pending["kid"],
            key=key,
            form={
                "grant_type": "authorization_code",
                "code": params["code"],
                "redirect_uri": pending["redirect_uri"],
                "code_verifier": secret["pkce"],
            },
        )
    except (AuthError, TransientError) as exc:
        raise ConnectError(
            _("Bluesky did not complete the sign-in: %(reason)s") % {"reason": exc.message}
        ) from exc
    return Connected(_account_of(pending, tokens), tokens, secret["dpop"], pending)


def _account_of(pending: dict[str, Any], tokens: Tokens) -> identity.Identity:
    """Whose tokens these are, checked (the spec's critical step): the account named at the
    start, or, when the flow began with a server, an account that server speaks for."""
    if pending["did"]:
        if tokens.did != pending["did"]:
            raise ConnectError(
                _(
                    "Bluesky signed in a different account than @%(handle)s. Sign out of the "
                    "other account on Bluesky's page, or start again with its handle."
                )
                % {"handle": pending["handle"]}
            )
        return identity.Identity(pending["did"], pending["handle"], pending["pds"])
    who = identity.resolve_identity(tokens.did, [identity.DEFAULT_RESOLVER])
    if identity.authorization_server_of(who.pds) != identity.simple_origin(pending["issuer"]):
        raise ConnectError(
            _("The server that signed you in does not speak for the account %(did)s.")
            % {"did": tokens.did}
        )
    return who


def save_account(
    *, actor: AnyUser, organisation: Organisation, connected: Connected
) -> ConnectedAccount:
    """The account with its OAuth session, in one transaction (tokens encrypted)."""
    who, tokens, pending = connected.identity, connected.tokens, connected.pending
    with transaction.atomic():
        account = save_connected_account(
            actor=actor,
            organisation=organisation,
            platform="bluesky",
            handle=f"@{who.handle}" if not identity.is_did(who.handle) else who.handle,
            platform_account_id=who.did,
            base_url=who.pds,
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            expires_at=tokens.renew_by,
        )
        fields = {
            "auth_method": AuthMethod.OAUTH,
            "dpop_private_key": connected.dpop_key,
            "access_expires_at": tokens.access_expires_at,
            "oauth_issuer": pending["issuer"],
            "oauth_token_endpoint": pending["token_endpoint"],
            "oauth_client_id": pending["client_id"],
            "oauth_client_kid": pending["kid"],
        }
        if not tokens.refresh_token:
            fields["refresh_token"] = ""  # a stale app-password refresh JWT must not linger
        for name, value in fields.items():
            setattr(account, name, value)
        account.save(update_fields=[*fields, "updated_at"])
    return account
