"""A Bluesky account connected with atproto OAuth, through the atproto SDK: every XRPC call
the SDK makes carries `Authorization: DPoP <access token>` and a fresh DPoP proof (with
`ath`, the access token's hash), sent again once when the PDS asks for its new nonce.

The SDK takes an httpx transport (`Request(transport=...)`), so the DPoP headers are added in
a transport that wraps the shared connection pool: the SDK's own request building, response
parsing and errors stay as they are for app-password sessions, and no private SDK code is
touched. The SDK holds no session here (no `login`): Suar refreshes the tokens itself, under
the account's refresh lease, shortly before the access token ends or after a 401.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import httpx
from atproto_client import Client
from django.utils import timezone

from suar.publishing import oauth_dpop as dpop
from suar.publishing.adapters.base import AuthError
from suar.publishing.adapters.bluesky_session import DEFAULT_PDS, _request, shared_transport
from suar.publishing.adapters.refresh_claim import refresh_claim

if TYPE_CHECKING:
    from suar.publishing.models import ConnectedAccount

# Refresh this long before the access token ends: no call in flight outlives it (timeouts
# are 30 s), and the PDS's 401 on an expired token is the fallback.
EARLY = dt.timedelta(seconds=60)


class DPoPTransport(httpx.BaseTransport):
    """Adds the OAuth session's DPoP headers to each request the SDK sends."""

    def __init__(self, session: OAuthSession, inner: httpx.BaseTransport) -> None:
        self.session = session
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if dpop.origin(str(request.url)) != dpop.origin(self.session.base):
            # Only the account's own PDS sees its token: the SDK follows redirects, and a
            # redirect elsewhere must not carry the access token there.
            return self.inner.handle_request(request)
        request.read()  # the body is sent again if the PDS asks for its nonce
        body = request.content

        def transmit(headers: dict[str, str]) -> httpx.Response:
            # A copy: httpx builds a redirect from the original request, which must not
            # carry the token or a proof for another URL.
            signed = httpx.Request(
                request.method,
                request.url,
                headers={**request.headers, **headers},
                content=body,
                extensions=request.extensions,
            )
            response = self.inner.handle_request(signed)
            response.read()
            return response

        return dpop.send(
            transmit,
            key=self.session.key(),
            method=request.method,
            url=str(request.url),
            access_token=self.session.account.access_token,
        )

    def close(self) -> None:
        """The shared pool outlives every SDK client: nothing to close here."""


class OAuthSession:
    """One account's OAuth session: an SDK client whose requests carry DPoP."""

    def __init__(self, account: ConnectedAccount) -> None:
        self.account = account
        self._client: Client | None = None
        self._key: tuple[str, dpop.PrivateKey] | None = None

    @property
    def base(self) -> str:
        return (self.account.base_url or DEFAULT_PDS).rstrip("/")

    def key(self) -> dpop.PrivateKey:
        stored = self.account.dpop_private_key
        if not stored:
            raise AuthError("no Bluesky OAuth session is stored: reconnect")
        if self._key is None or self._key[0] != stored:
            try:
                self._key = (stored, dpop.load_private_jwk(stored))
            except ValueError as exc:
                raise AuthError(f"the stored DPoP key is not usable ({exc}): reconnect") from exc
        return self._key[1]

    def client(self) -> Client:
        if not self.account.access_token:
            raise AuthError("no Bluesky OAuth session is stored: reconnect")
        ends = self.account.access_expires_at
        if ends is not None and ends - EARLY <= timezone.now():
            self.refresh()
        if self._client is None:
            self._client = Client(
                self.base, request=_request(DPoPTransport(self, shared_transport()))
            )
        return self._client

    def refresh(self) -> None:
        """Rotate the tokens under the account's lease, or take those another worker stored
        while this one waited for it."""
        from suar.publishing.models import ConnectedAccount
        from suar.publishing.oauth_bluesky import refresh

        with refresh_claim(self.account) as claim:
            if claim is None:
                self.account.access_expires_at = (
                    ConnectedAccount.objects.filter(pk=self.account.pk)
                    .values_list("access_expires_at", flat=True)
                    .first()
                )
                return
            tokens = refresh(self.account)
            now = timezone.now()
            # One UPDATE while the lease is held: the rotated refresh token is never lost
            # between two writes.
            ConnectedAccount.objects.filter(pk=self.account.pk).update(
                access_token=tokens.access_token,
                refresh_token=tokens.refresh_token,
                access_expires_at=tokens.access_expires_at,
                expires_at=tokens.renew_by,
                updated_at=now,
            )
            self.account.access_token = tokens.access_token
            self.account.refresh_token = tokens.refresh_token
            self.account.access_expires_at = tokens.access_expires_at
            self.account.expires_at = tokens.renew_by
            self.account.updated_at = now
