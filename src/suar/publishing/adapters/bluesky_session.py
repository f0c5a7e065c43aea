"""The atproto SDK as Suar uses it: a client restored from the session Suar keeps encrypted,
refreshed only under Suar's refresh claim, and the SDK's exceptions as Suar's failure classes.

The session (access and refresh JWTs) lives in Suar's database, not in the SDK: each adapter
restores it with `login(session_string=...)`. Every refresh, whether the SDK decides on it
(15 minutes before the access JWT expires) or Suar does (after ExpiredToken), runs under the
account's refresh claim (`refresh_claim.py`), so two workers never rotate one refresh token;
`on_session_change` stores the rotated tokens.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpx
from atproto_client import Client, Session, SessionEvent
from atproto_client.exceptions import InvokeTimeoutError, LoginRequiredError, RequestErrorBase
from atproto_client.models.common import XrpcError
from atproto_client.request import Request
from atproto_core.exceptions import AtProtocolError
from atproto_server.auth.jwt import get_jwt_payload
from atproto_server.exceptions import InvalidTokenError
from django.utils import timezone
from pydantic import ValidationError

from suar.publishing.adapters.base import (
    AuthError,
    ContentError,
    PublishError,
    TransientError,
    UnknownOutcome,
    http_client,
    parse_retry_after,
)
from suar.publishing.adapters.refresh_claim import Claim, refresh_claim

if TYPE_CHECKING:
    from suar.publishing.models import ConnectedAccount

log = logging.getLogger("suar.publishing.bluesky")

DEFAULT_PDS = "https://bsky.social"
TIMEOUT = httpx.Timeout(30.0, connect=10.0, pool=10.0)
_AUTH_ERRORS = {"ExpiredToken", "InvalidToken", "AuthenticationRequired", "AuthMissing"}

_transport: httpx.HTTPTransport | None = None
_transport_lock = threading.Lock()


def shared_transport() -> httpx.HTTPTransport:
    """One connection pool for every SDK client (each adapter needs its own SDK client,
    since the SDK keeps the session on it)."""
    global _transport
    with _transport_lock:
        if _transport is None:
            _transport = httpx.HTTPTransport()
        return _transport


def _request(transport: httpx.BaseTransport | None = None) -> Request:
    """The SDK's HTTP layer on the shared pool (or a wrapper around it, as OAuth's DPoP
    transport), with Suar's timeouts and User-Agent."""
    request = Request(timeout=TIMEOUT, transport=transport or shared_transport())
    if user_agent := http_client().headers.get("user-agent"):
        request.add_additional_header("User-Agent", user_agent)
    return request


def jwt_expiry(token: str) -> dt.datetime | None:
    """When a session JWT expires (its `exp` claim; the signature is the PDS's business)."""
    try:
        exp = get_jwt_payload(token).exp
    except (AtProtocolError, ValueError):
        return None
    return dt.datetime.fromtimestamp(exp, tz=dt.UTC) if exp else None


def _reason(status: int, content: object) -> str:
    if isinstance(content, XrpcError):
        return f"HTTP {status}: {content.error} {content.message or ''}".strip()
    if isinstance(content, bytes):
        return f"HTTP {status}: {content.decode(errors='replace')[:300]}".strip()
    return f"HTTP {status}: {str(content or '')[:300]}".strip()


def _mismatch(exc: AtProtocolError) -> str:
    """Which fields of an answer did not match the lexicon; never the values (an answer can
    carry session tokens)."""
    cause = exc.__cause__
    if isinstance(cause, ValidationError):
        return "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
            for error in cause.errors()[:5]
        )
    return type(exc).__name__


def translate(exc: AtProtocolError, *, creating: bool = False) -> PublishError:
    """An atproto SDK exception as the Suar failure class it means (docs/publishing.md).

    Every create has a fixed record key, so a lost answer or a server error is retried like
    any transient failure: the PDS refuses a second record under the same key."""
    if isinstance(exc, RequestErrorBase):
        response = exc.response
        if response is None:  # NetworkError / InvokeTimeoutError raised from httpx's
            origin = exc.__cause__ or exc
            if not isinstance(exc, InvokeTimeoutError) and isinstance(
                origin, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
            ):
                return TransientError(f"cannot reach bluesky: {origin}")
            return TransientError(f"no answer from bluesky: {origin!r}")
        status = response.status_code
        reason = _reason(status, response.content)
        name = response.content.error if isinstance(response.content, XrpcError) else ""
        if status == 401 or name in _AUTH_ERRORS:  # atproto answers 400 ExpiredToken
            return AuthError(reason)
        if status == 429 or status >= 500:
            # ratelimit-reset is epoch seconds; Retry-After may come from a proxy.
            wait = parse_retry_after(httpx.Response(status, headers=response.headers))
            return TransientError(reason, retry_after=wait)
        if status == 403:
            return AuthError(reason)
        if status == 408:
            return TransientError(reason)
        return ContentError(reason)  # 400 InvalidRequest, BlobTooLarge, 413, RecordNotFound
    if isinstance(exc, LoginRequiredError | InvalidTokenError):
        return AuthError(f"the stored Bluesky session is not usable ({exc}): reconnect")
    # ModelError and the like: an answer that does not match the lexicon.
    message = f"bluesky sent an answer Suar cannot read: {_mismatch(exc)}"
    return UnknownOutcome(message) if creating else TransientError(message)


@contextmanager
def calling(*, creating: bool = False) -> Iterator[None]:
    """Run SDK calls, raising Suar's failure classes instead of atproto's."""
    try:
        yield
    except PublishError:
        raise
    except AtProtocolError as exc:
        raise translate(exc, creating=creating) from exc


class _SessionClient(Client):
    """The SDK's client, except that the refresh it decides on by itself goes through the
    owner's claimed refresh instead of rotating the token unilaterally."""

    def __init__(self, base_url: str, owner: StoredSession) -> None:
        super().__init__(base_url, request=_request())
        self._owner = owner

    def _refresh_and_set_session(self) -> Any:
        self._owner.refresh()

    def refresh_now(self) -> None:
        """com.atproto.server.refreshSession with the refresh JWT (the SDK's own code)."""
        super()._refresh_and_set_session()


class StoredSession:
    """One account's Bluesky session: an SDK client holding the tokens stored for it."""

    def __init__(self, account: ConnectedAccount) -> None:
        self.account = account
        self._client: _SessionClient | None = None
        self._restored = ""  # the access JWT the client holds
        self._claim: Claim | None = None

    @property
    def base(self) -> str:
        return (self.account.base_url or DEFAULT_PDS).rstrip("/")

    def client(self) -> Client:
        """The SDK client, restored again whenever the stored tokens changed."""
        if self._client is None:
            self._client = _SessionClient(self.base, self)
            self._client.on_session_change(self._changed)
        if self._restored != self.account.access_token:
            self._restore(self._client)
        return self._client

    def _restore(self, client: _SessionClient) -> None:
        if not self.account.access_token:
            raise AuthError("no Bluesky session is stored: reconnect with an app password")
        session = Session(
            handle=self.account.handle.lstrip("@"),
            did=self.account.platform_account_id,
            access_jwt=self.account.access_token,
            refresh_jwt=self.account.refresh_token,
            pds_endpoint=self.base,
        )
        # fetch_bsky_profile=False: restoring a session costs no request.
        client.login(session_string=session.encode(), fetch_bsky_profile=False)
        self._restored = self.account.access_token

    def _changed(self, event: SessionEvent, session: Session) -> None:
        if event is not SessionEvent.REFRESH:
            return  # IMPORT is our own restore; CREATE happens only when connecting
        claim = self._claim
        if claim is None:  # only if a later SDK refreshed some other way: keep its tokens
            log.warning("account %s: the SDK refreshed outside Suar's claim", self.account.pk)
            claim = Claim(self.account, timezone.now())
        claim.store(
            access_token=session.access_jwt,
            refresh_token=session.refresh_jwt,
            expires_at=jwt_expiry(session.refresh_jwt),  # renewed a week before, hourly pass
        )
        self._restored = session.access_jwt

    def refresh(self) -> None:
        """Rotate the tokens under the account's claim, or take the ones another worker
        stored while this one waited for the claim."""
        self.client()
        client = self._client
        assert client is not None
        with refresh_claim(self.account) as claim:
            self._restore(client)  # the newest stored session, whoever refreshed it
            if claim is None:
                return
            if not self.account.refresh_token:
                raise AuthError("no Bluesky refresh token: reconnect with an app password")
            self._claim = claim
            try:
                with calling():
                    client.refresh_now()
            finally:
                self._claim = None


def create_session(base_url: str, identifier: str, app_password: str) -> Session:
    """Log in with an app password (never stored: only the session tokens are kept)."""
    client = Client(base_url or DEFAULT_PDS, request=_request())
    with calling():
        client.login(login=identifier, password=app_password, fetch_bsky_profile=False)
    return Session.decode(client.export_session_string())
