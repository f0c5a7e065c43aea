"""Suar as an atproto OAuth client: its client_id (the URL of its client metadata document,
or atproto's loopback form on 127.0.0.1), that document, and the signing key a confidential
client authenticates with (private_key_jwt), published as a JWKS."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from suar.publishing import oauth_dpop as dpop
from suar.publishing.adapters.base import AuthError
from suar.publishing.models import OAuthClientKey
from suar.publishing.oauth_config import redirect_uri

SCOPE = "atproto transition:generic"
METADATA_PATH = "/publikasi/oauth/bluesky/client-metadata.json"
JWKS_PATH = "/publikasi/oauth/bluesky/jwks.json"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class ClientConfig:
    client_id: str
    redirect_uri: str
    confidential: bool


def client_config() -> ClientConfig | None:
    """How this Suar identifies itself, from SUAR_SITE_URL; None when atproto OAuth cannot
    work here (a client_id must be https without a port, or the loopback exception)."""
    site = urlsplit(settings.SITE_URL)
    callback = redirect_uri("bluesky")
    if site.scheme == "https" and site.hostname and site.port is None:
        return ClientConfig(f"{settings.SITE_URL}{METADATA_PATH}", callback, True)
    if site.scheme == "http" and site.hostname in LOOPBACK_HOSTS:
        # atproto's loopback client: redirect URIs must use an IP address, never "localhost".
        host = "[::1]" if site.hostname == "::1" else "127.0.0.1"
        port = f":{site.port}" if site.port else ""
        loopback = f"http://{host}{port}{urlsplit(callback).path}"
        query = urlencode({"redirect_uri": loopback, "scope": SCOPE})
        return ClientConfig(f"http://localhost?{query}", loopback, False)
    return None


def unavailable_reason() -> str:
    return _(
        "“Sign in with Bluesky” needs this Suar on an https:// address without a port "
        "(SUAR_SITE_URL), or on 127.0.0.1 to try it out. Use an app password meanwhile."
    )


# --- the client's key and public documents ------------------------------------------------


def active_client_key() -> OAuthClientKey:
    """The key new sessions are signed with, made on first use."""
    key = OAuthClientKey.objects.filter(retired_at__isnull=True).first()
    if key is None:
        private = dpop.new_key()
        key = OAuthClientKey.objects.create(
            kid=f"suar-{timezone.now():%Y%m%d}-{dpop.s256(json.dumps(dpop.public_jwk(private)))[:8]}",
            private_jwk=dpop.private_jwk_json(private),
        )
    return key


def client_key(kid: str) -> dpop.PrivateKey:
    stored = OAuthClientKey.objects.filter(kid=kid).first()
    if stored is None or not stored.private_jwk:
        raise AuthError("Suar's OAuth client key for this session is gone: reconnect")
    return dpop.load_private_jwk(stored.private_jwk)


def client_metadata() -> dict[str, Any]:
    """The document whose URL is the client_id (atproto "Client ID Metadata Document")."""
    config = client_config()
    assert config is not None and config.confidential
    return {
        "client_id": config.client_id,
        "client_name": "Suar",
        "client_uri": settings.SITE_URL,
        "redirect_uris": [config.redirect_uri],
        "grant_types": ["authorization_code", "refresh_token"],
        "scope": SCOPE,
        "response_types": ["code"],
        "application_type": "web",
        "token_endpoint_auth_method": "private_key_jwt",
        "token_endpoint_auth_signing_alg": "ES256",
        "jwks_uri": f"{settings.SITE_URL}{JWKS_PATH}",
        "dpop_bound_access_tokens": True,
    }


def jwks() -> dict[str, Any]:
    """The public halves of the keys sessions may be bound to (retired ones are left out)."""
    active_client_key()
    keys = []
    for stored in OAuthClientKey.objects.filter(retired_at__isnull=True):
        public = dpop.public_jwk(dpop.load_private_jwk(stored.private_jwk))
        keys.append({**public, "kid": stored.kid, "alg": "ES256", "use": "sig"})
    return {"keys": keys}
