"""Mastodon through Mastodon.py: upload media with its alt text, then post with an
Idempotency-Key, so that Mastodon itself makes a repeated create return the first status."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, BinaryIO

import httpx
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonIOError,
    MastodonNetworkError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)

from suar.publishing.adapters.base import (
    Adapter,
    AuthError,
    ContentError,
    Engagement,
    IncomingComment,
    NotSupported,
    PublishError,
    PublishResult,
    TransientError,
    UnknownOutcome,
    after,
    comparable,
    figure,
    fitted,
    html_to_text,
    http_client,
    media_path,
    parse_retry_after,
    parse_time,
    response_reason,
)
from suar.publishing.adapters.httpx_session import HttpxTransport, session_over

if TYPE_CHECKING:
    from suar.publishing.models import ConnectedAccount, Publication

MEDIA_POLLS = 10
# Every endpoint used here (instance_v2 at connect time is the newest) exists since 4.0.0;
# servers of other software that speak the Mastodon API (GoToSocial, Akkoma) have them too.
MINIMUM_VERSION = "4.0.0"
# Mastodon.py's default is 300 s; the publisher's lease must outlast one call (docs/publishing.md).
REQUEST_TIMEOUT = 30.0


def connect(
    base_url: str,
    *,
    access_token: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    client: httpx.Client | None = None,
) -> tuple[Mastodon, HttpxTransport]:
    """A Mastodon.py client that never sleeps in the worker (rate limits raise instead of
    waiting) and sends through Suar's shared httpx client."""
    client = client or http_client()
    session, transport = session_over(client)
    api = Mastodon(
        api_base_url=base_url,
        ratelimit_method="throw",
        request_timeout=REQUEST_TIMEOUT,
        session=session,
        # The oldest server Suar supports, given rather than probed: Mastodon.py 2.3's probe
        # recurses without end (two requests a level) when /api/v1/instance fails once, and
        # a given version also picks /api/v2/media (asynchronous processing) for uploads.
        mastodon_version=MINIMUM_VERSION,
        version_check_mode="created",
        user_agent=str(client.headers.get("user-agent", "Suar")),
    )
    # Set after construction, never passed to it: Mastodon.py's constructor reads a token
    # or client id that names an existing file *from that file*, and these values come from
    # whichever server a person typed in. A server answering "/path/to/secret_key" as its
    # token would otherwise be sent the first line of that file as a bearer token.
    api.access_token = access_token or None
    api.client_id = client_id
    api.client_secret = client_secret
    return api, transport


def _status_of(exc: MastodonAPIError) -> int | None:
    # Mastodon.py raises ('Mastodon API returned error', status, reason, error message).
    return exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None


def translate(
    exc: MastodonError,
    *,
    api: Mastodon | None = None,
    transport: HttpxTransport | None = None,
    creating: bool = False,
) -> PublishError:
    """Mastodon.py's exception as the Suar failure class it means (see docs/publishing.md).

    `creating` marks a status create: Mastodon deduplicates it by Idempotency-Key, so a
    server error or a lost answer is retried like any transient failure; only an answer that
    came back unreadable leaves the outcome unknown."""
    last = transport.last if transport is not None else None
    if isinstance(exc, MastodonRatelimitError) and last is not None and last.status_code < 400:
        # Mastodon.py also raises this for a rate-limit header it cannot parse, even on a
        # success: a repeated create is still harmless (Idempotency-Key).
        return TransientError(f"mastodon: {exc}")
    if isinstance(exc, MastodonRatelimitError):
        # Mastodon sends X-RateLimit-Reset (an ISO time, which Mastodon.py turns into epoch
        # seconds on the local clock); a proxy in front may add Retry-After instead.
        waits = [parse_retry_after(last)] if last is not None else []
        if api is not None and api.ratelimit_reset:
            waits.append(max(0.0, float(api.ratelimit_reset) - time.time()))
        known = [w for w in waits if w is not None]
        reason = response_reason(last) if last is not None else f"HTTP 429: {exc}"
        return TransientError(reason, retry_after=max(known) if known else None)
    if isinstance(exc, MastodonNetworkError):
        # Mastodon.py raises it while handling requests' error, which HttpxTransport raised
        # from httpx's: the chain still tells "never sent" from "sent, no answer". Both are
        # retried (the Idempotency-Key makes a repeat harmless); the words differ for people.
        origin = getattr(exc.__context__, "__cause__", None) or exc.__context__ or exc
        if isinstance(origin, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
            return TransientError(f"cannot reach mastodon: {origin}")
        return TransientError(f"no answer from mastodon: {origin!r}")
    if isinstance(exc, MastodonAPIError):
        status = _status_of(exc)
        if status is None:
            # No status: a 2xx whose body was not JSON (a proxy's page, a cut answer), or a
            # check of Mastodon.py's own (log_in: fewer scopes granted than asked for).
            message = f"mastodon: {str(exc.args[0])[:300]}"
            return UnknownOutcome(message) if creating else TransientError(message)
        detail = exc.args[3] if len(exc.args) > 3 and exc.args[3] else exc.args[2]
        reason = f"HTTP {status}: {detail}"
        if isinstance(exc, MastodonUnauthorizedError) or status == 403:
            return AuthError(reason)  # revoked token, or a scope Suar was not granted
        if isinstance(exc, MastodonServerError):
            wait = parse_retry_after(last) if last is not None else None
            return TransientError(reason, retry_after=wait)
        if status == 408:
            return TransientError(reason)
        # MastodonNotFoundError (the post or media is gone), 422 and other refusals.
        return ContentError(reason)
    if isinstance(exc, MastodonIllegalArgumentError | MastodonIOError):
        return ContentError(f"mastodon: {exc}")
    return UnknownOutcome(f"mastodon: {exc}") if creating else TransientError(f"mastodon: {exc}")


def aware(value: object) -> dt.datetime:
    """Mastodon.py parses timestamps into datetimes; anything else is parsed here."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return parse_time(value)


class MastodonAdapter(Adapter):
    platform = "mastodon"
    # Mastodon keeps Idempotency-Key for an hour and answers a repeat with the first status.
    idempotent_create = True

    def __init__(self, account: ConnectedAccount, client: httpx.Client | None = None) -> None:
        super().__init__(account, client)
        self.api, self.transport = connect(
            account.base_url.rstrip("/"), access_token=account.access_token, client=self.client
        )

    @contextmanager
    def calling(self, *, creating: bool = False) -> Iterator[None]:
        """Run Mastodon.py calls, raising Suar's failure classes instead of its own."""
        try:
            yield
        except MastodonError as exc:
            raise translate(exc, api=self.api, transport=self.transport, creating=creating) from exc

    def publish(self, publication: Publication) -> PublishResult:
        media_ids = self._upload_media(publication)
        with self.calling(creating=True):
            status = self.api.status_post(
                publication.text,
                media_ids=media_ids or None,
                visibility="public",
                idempotency_key=publication.idempotency_key,
            )
        return PublishResult(
            post_id=str(status["id"]), url=status.get("url") or status.get("uri") or ""
        )

    def _upload_media(self, publication: Publication) -> list[str]:
        done: list[str] = publication.progress.setdefault("media_ids", [])
        for item in publication.media[len(done) :]:
            path = media_path(item)
            mime = str(item.get("mime", ""))
            with path.open("rb") as handle:  # an image may be refitted; a video goes as is
                content: bytes | BinaryIO = handle
                if mime.startswith("image/"):
                    content, mime = fitted(handle.read(), mime, self.platform, path.name)
                with self.calling():
                    attachment = self.api.media_post(
                        content,
                        mime_type=mime,
                        description=str(item.get("alt_text", "")),
                        file_name=path.name,
                    )
            media_id = str(attachment["id"])
            if attachment.get("url") is None:  # 202 on /api/v2/media: still processing
                self._wait_for_media(media_id)
            done.append(media_id)
        return list(done)

    def _wait_for_media(self, media_id: str) -> None:
        for attempt in range(MEDIA_POLLS):
            try:
                with self.calling():
                    attachment = self.api.media(media_id)  # 206 while processing, 200 when done
            except ContentError as exc:  # 422: processing failed
                raise ContentError(f"Mastodon could not process the media: {exc}") from exc
            if attachment.get("url") is not None:
                return
            time.sleep(min(2.0, 0.2 * (attempt + 1)))
        raise TransientError("Mastodon is still processing the media", retry_after=30)

    def lookup(self, publication: Publication) -> PublishResult | None:
        with self.calling():
            account_id: Any = self.account.platform_account_id
            if not account_id:
                account_id = self.api.account_verify_credentials()["id"]
            statuses = self.api.account_statuses(
                account_id, limit=40, exclude_replies=True, exclude_reblogs=True
            )
        wanted = comparable(publication.text)
        earliest = publication.scheduled_at - dt.timedelta(minutes=5)
        for status in statuses:
            created = aware(status.get("created_at"))
            if created >= earliest and comparable(html_to_text(str(status["content"]))) == wanted:
                return PublishResult(post_id=str(status["id"]), url=status.get("url") or "")
        return None

    def fetch_engagement(self, publication: Publication) -> Engagement:
        # GET /api/v1/statuses/:id: the Status entity's counters. Mastodon has no reach or
        # impressions: only the author's server sees its own deliveries.
        with self.calling():
            status = self.api.status(publication.platform_post_id)
        return Engagement(
            likes=figure(status.get("favourites_count")),
            comments=figure(status.get("replies_count")),
            shares=figure(status.get("reblogs_count")),
            raw={
                key: status.get(key)
                for key in ("favourites_count", "replies_count", "reblogs_count")
            },
        )

    def fetch_comments(
        self, publication: Publication, *, since_id: str | None = None
    ) -> list[IncomingComment]:
        # GET /api/v1/statuses/:id/context: `descendants` is the whole reply tree, in
        # thread order; the account's own replies (its answers) are not comments to it.
        with self.calling():
            context = self.api.status_context(publication.platform_post_id)
        own = self.account.platform_account_id
        comments = [
            IncomingComment(
                platform_comment_id=str(status["id"]),
                text=html_to_text(str(status.get("content") or "")),
                created_at=aware(status.get("created_at")),
                author_handle=str((status.get("account") or {}).get("acct", "")),
                url=str(status.get("url") or status.get("uri") or ""),
                author_id=str((status.get("account") or {}).get("id", "")),
            )
            for status in context.get("descendants") or []
            if str((status.get("account") or {}).get("id", "")) != own or not own
        ]
        if since_id is not None and since_id.isdigit():
            # Mastodon ids are numeric and grow with time (snowflake-like); servers of other
            # software (Pleroma's flake ids) are filtered by position instead.
            comments = [
                c
                for c in comments
                if not c.platform_comment_id.isdigit() or int(c.platform_comment_id) > int(since_id)
            ]
            return after(comments, None)
        return after(comments, since_id)

    def hide_comment(self, publication: Publication, comment_id: str) -> None:
        raise NotSupported(
            "Mastodon has no way to hide a reply on your own post; block or report the "
            "account on the server instead"
        )

    def block_author(self, publication: Publication, comment: IncomingComment | str) -> None:
        # POST /api/v1/accounts/:id/block (scope write:blocks). Mastodon answers a repeat
        # with the same Relationship: blocking someone already blocked is a success.
        if isinstance(comment, IncomingComment):
            author_id, comment_id = comment.author_id, comment.platform_comment_id
        else:
            author_id, comment_id = "", comment
        try:
            with self.calling():
                if not author_id:  # GET /api/v1/statuses/:id names the reply's account
                    status = self.api.status(comment_id)
                    author_id = str((status.get("account") or {}).get("id", ""))
                if not author_id:
                    raise ContentError("Mastodon did not say who wrote this reply")
                if author_id == self.account.platform_account_id:
                    raise ContentError("this reply is the organisation's own: nothing to block")
                relationship = self.api.account_block(author_id)
        except AuthError as exc:
            if "outside the authorized scopes" in exc.message:
                raise AuthError(
                    "this Mastodon account was connected before Suar asked for permission to "
                    f"block (write:blocks): reconnect the account ({exc.message})"
                ) from exc
            raise
        if not relationship.get("blocking"):
            raise ContentError(f"Mastodon did not block the account: {dict(relationship)}")

    def refresh_token(self, account: ConnectedAccount) -> None:
        # Mastodon access tokens do not expire; a 401 means the person revoked Suar's access.
        super().refresh_token(account)
