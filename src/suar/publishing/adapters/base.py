"""The one interface every platform adapter implements, and the failure classes it raises."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from django.conf import settings

from suar.core.crypto import redact
from suar.publishing.limits import limits_for

if TYPE_CHECKING:
    from suar.publishing.models import ConnectedAccount, Publication


@dataclass
class PublishResult:
    post_id: str
    url: str = ""
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class Engagement:
    """What a platform says of one published post; None where the platform gives no figure
    (never 0 in its place: a missing figure must stay visibly missing)."""

    likes: int | None = None
    comments: int | None = None
    shares: int | None = None  # reposts, retweets, boosts
    reach: int | None = None
    impressions: int | None = None  # or views, for video platforms
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class IncomingComment:
    """A comment or reply someone left on one of the organisation's published posts."""

    platform_comment_id: str
    text: str
    created_at: dt.datetime
    author_handle: str = ""
    url: str = ""
    # The author's own id on the platform (Mastodon account id, X user id, Facebook user id):
    # what blocking needs, since handles change and Facebook names are not unique.
    author_id: str = ""


class NotSupported(Exception):
    """The platform's API does not offer this (e.g. hiding a comment); the message says so."""


class PublishError(Exception):
    """Base of the failure classes; the message is the platform's reason, tokens redacted."""

    def __init__(self, message: str) -> None:
        super().__init__(redact(message)[:1000])

    @property
    def message(self) -> str:
        return str(self)


class TransientError(PublishError):
    """Nothing was posted; try again later (after `retry_after` seconds when the platform
    said so, e.g. a 429 with Retry-After)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthError(PublishError):
    """The token is expired or revoked: refresh it and retry, or the account must reconnect."""


class ContentError(PublishError):
    """The platform refused the text or media; a person must fix the post."""


class UnknownOutcome(PublishError):
    """The request may have reached the platform (timeout after sending, connection cut):
    look the post up before any retry."""


_client: httpx.Client | None = None
_client_lock = threading.Lock()


def http_client() -> httpx.Client:
    """One shared client (connection pooling) with timeouts: nothing waits forever."""
    global _client
    with _client_lock:
        if _client is None:
            _client = httpx.Client(
                timeout=httpx.Timeout(30.0, connect=10.0, pool=10.0),
                headers={"User-Agent": "Suar/0.1 (+https://github.com/suar)"},
                follow_redirects=False,
            )
        return _client


def parse_retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait from Retry-After (seconds or HTTP date) or a reset timestamp header."""
    value = response.headers.get("retry-after")
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
        except (TypeError, ValueError):
            pass
    for name in ("x-rate-limit-reset", "ratelimit-reset", "x-ratelimit-reset"):
        reset = response.headers.get(name)
        if reset:
            try:
                number = float(reset)
            except ValueError:
                try:
                    when = dt.datetime.fromisoformat(reset.replace("Z", "+00:00"))
                    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
                except ValueError:
                    continue
            # Epoch seconds (X) or seconds from now (IETF draft); tell them apart by size.
            return max(0.0, number - time.time()) if number > 1e9 else number
    return None


def response_reason(response: httpx.Response) -> str:
    """The platform's own words for a failure, from the usual JSON error shapes."""
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}: {response.text[:300]}"
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):  # Graph API, TikTok: the code says what kind of failure
            text = err.get("error_user_msg") or err.get("message") or err.get("code")
            code = f" (code={err['code']})" if err.get("code") not in (None, "") else ""
            return f"HTTP {response.status_code}: {text}{code}"
        if isinstance(err, str):  # Mastodon, atproto
            detail = body.get("message") or body.get("error_description") or ""
            return f"HTTP {response.status_code}: {err} {detail}".strip()
        if body.get("detail") or body.get("title"):  # X problem+json
            # X's `reason` (e.g. client-not-enrolled: the API tier lacks this endpoint)
            # tells a missing plan apart from a revoked token.
            reason = f" (reason={body['reason']})" if body.get("reason") else ""
            return f"HTTP {response.status_code}: {body.get('detail') or body.get('title')}{reason}"
        errors = body.get("errors")
        if isinstance(errors, list) and errors:
            first = errors[0]
            text = first.get("message") if isinstance(first, dict) else first
            return f"HTTP {response.status_code}: {text}"
    return f"HTTP {response.status_code}"


def check_response(response: httpx.Response, *, creating: bool = False) -> None:
    """Raise the failure class a response means; `creating` marks a non-idempotent create,
    where a 5xx may hide a post that was made."""
    status = response.status_code
    if status < 400:
        return
    reason = response_reason(response)
    if status == 401:
        raise AuthError(reason)
    if status == 429:
        raise TransientError(reason, retry_after=parse_retry_after(response))
    if status >= 500:
        if creating:  # even a gateway error can come after the platform made the post
            raise UnknownOutcome(reason)
        raise TransientError(reason, retry_after=parse_retry_after(response))
    if status == 403:
        raise AuthError(reason)
    if status == 408:
        raise TransientError(reason)
    raise ContentError(reason)


def figure(value: object) -> int | None:
    """A count as the platform gave it, or None when it gave none (never 0 in its place)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def parse_time(value: object) -> dt.datetime:
    """A platform timestamp as an aware datetime: ISO 8601 ("Z", "+00:00" or Graph's
    "+0000") or epoch seconds (TikTok); the epoch itself when the platform gave nothing."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value, tz=dt.UTC)
    text = str(value or "").strip()
    if not text:
        return dt.datetime.fromtimestamp(0, tz=dt.UTC)
    text = text.replace("Z", "+00:00")
    if re.search(r"[+-]\d{4}$", text):  # Graph API: 2026-05-01T10:00:00+0000
        text = f"{text[:-2]}:{text[-2:]}"
    parsed = dt.datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def after(comments: list[IncomingComment], since_id: str | None) -> list[IncomingComment]:
    """Oldest first, and only those after `since_id` when it is among them. Platforms
    without a native `since_id` (Facebook, Instagram, Bluesky) are filtered here."""
    ordered = sorted(comments, key=lambda c: c.created_at)
    if since_id is None:
        return ordered
    ids = [c.platform_comment_id for c in ordered]
    if since_id in ids:
        return ordered[ids.index(since_id) + 1 :]
    return ordered


def html_to_text(html: str) -> str:
    text = re.sub(r"<br\s*/?>|</p>\s*<p>", "\n", html)
    return unescape(re.sub(r"<[^>]+>", "", text))


def comparable(text: str) -> str:
    """Text reduced so a platform's rewriting (links shortened, HTML, spacing) still matches."""
    text = re.sub(r"https?://\S+", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()[:200]


def media_path(item: dict[str, Any]) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / str(item["path"])).resolve()
    if not path.is_relative_to(root):
        raise ContentError(f"media path outside the media folder: {item['path']}")
    if not path.is_file():
        raise ContentError(f"media file is missing: {item['path']}")
    return path


def fitted(data: bytes, mime: str, platform: str, name: str) -> tuple[bytes, str]:
    """The image re-encoded to the platform's formats and size cap (limits.py), if needed."""
    from suar.publishing.media_fit import CannotFit, fit_image

    try:
        return fit_image(data, mime, platform)
    except CannotFit as exc:
        limits = limits_for(platform)
        cap = f" up to {limits.max_image_bytes:,} bytes" if limits.max_image_bytes else ""
        raise ContentError(f"{limits.name} accepts images{cap}; {name}: {exc}") from exc


def media_public_url(publication: Publication, index: int) -> str:
    """Instagram and TikTok fetch media themselves: a signed URL on this Suar's public site."""
    from suar.publishing.public_media import public_media_url

    return public_media_url(publication.pk, index)


class Adapter(ABC):
    """Publishes to one platform for one connected account."""

    platform: str = ""
    # True when the platform itself deduplicates creates by our key (Mastodon's
    # Idempotency-Key, Bluesky's record key): a retry after an unknown outcome is safe.
    idempotent_create: bool = False

    def __init__(self, account: ConnectedAccount, client: httpx.Client | None = None) -> None:
        self.account = account
        self.client = client or http_client()

    @abstractmethod
    def publish(self, publication: Publication) -> PublishResult:
        """Post it; raise one of the failure classes otherwise."""

    @abstractmethod
    def lookup(self, publication: Publication) -> PublishResult | None:
        """Find the post if a previous attempt made it (after an unknown outcome)."""

    # Measurement (see suar.analytics): each adapter overrides what its platform's API offers.
    def fetch_engagement(self, publication: Publication) -> Engagement:
        """The post's current figures; raises AuthError when access was revoked."""
        raise NotSupported(f"{self.platform} gives no engagement figures through its API")

    def fetch_comments(
        self, publication: Publication, *, since_id: str | None = None
    ) -> list[IncomingComment]:
        """Comments on the post, oldest first, after `since_id` when given."""
        raise NotSupported(f"{self.platform} gives no comments through its API")

    def hide_comment(self, publication: Publication, comment_id: str) -> None:
        """Hide (or delete, where hiding does not exist) a comment on our own post."""
        raise NotSupported(f"{self.platform} does not let an account hide comments on its posts")

    # Why this platform's API cannot block a person, for the adapters that do not implement
    # block_author: its NotSupported says it, and the comments page shows it before anyone
    # tries. "{platform}" is filled in.
    block_refusal = "{platform} does not let an account block people through its API"

    def block_author(self, publication: Publication, comment: IncomingComment | str) -> None:
        """Block the author of a comment on our post from the organisation's account.

        `comment` is the comment as fetched, whose `author_id` says whom to block, or only
        its platform id (a comment stored before author ids were kept), from which the
        adapter looks the author up. Blocking someone already blocked is a success."""
        raise NotSupported(self.refusal_to_block())

    def refusal_to_block(self) -> str:
        """Why block_author cannot work on this platform (for adapters without it)."""
        return self.block_refusal.format(platform=self.platform)

    def refresh_token(self, account: ConnectedAccount) -> None:
        """Get a fresh access token with the refresh token and store it on `account`."""
        raise AuthError(f"{self.platform} tokens cannot be refreshed: reconnect the account")

    def request(self, method: str, url: str, *, creating: bool = False, **kwargs: Any) -> Any:
        """Send, classify failures, return the decoded JSON body (or {} when empty)."""
        try:
            response = self.client.request(method, url, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise TransientError(f"cannot reach {self.platform}: {exc}") from exc
        except httpx.TransportError as exc:
            # The request may have been sent: only a non-idempotent create is in doubt.
            if creating and not self.idempotent_create:
                raise UnknownOutcome(f"no answer from {self.platform}: {exc!r}") from exc
            raise TransientError(f"no answer from {self.platform}: {exc!r}") from exc
        check_response(response, creating=creating and not self.idempotent_create)
        if not response.content:
            return {}
        try:
            return response.json()
        except ValueError as exc:
            if creating:
                raise UnknownOutcome(f"{self.platform} sent an unreadable answer") from exc
            raise TransientError(f"{self.platform} sent an unreadable answer") from exc
