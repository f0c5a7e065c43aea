"""Long-running workers: Mastodon's streaming API and Bluesky's Jetstream (both WebSocket).

Each resumes from its saved position: Mastodon by reading each hashtag's timeline after the
last status id before streaming again, Jetstream by reconnecting with `cursor`
(microseconds). The position is saved in the same transaction as the batch it ends, and a
replayed event is harmless (the unique key drops it), so a crash or a reconnect loses nothing
and counts nothing twice. The filter pass runs on a timer (see `refresh_seconds`), not after
every batch: it reads all of the campaign's rows.
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urlparse

import httpx
import orjson
from websockets.exceptions import WebSocketException

from suar.campaigns.events import CLOCK_SKEW
from suar.campaigns.filters import refresh_filters
from suar.campaigns.ingest import cursor_position
from suar.campaigns.models import Campaign, Interaction
from suar.campaigns.services import record_events

logger = logging.getLogger(__name__)

DEFAULT_SERVERS = {
    "mastodon": "https://mastodon.social",
    "bluesky": "wss://jetstream2.us-east.bsky.network/subscribe",
}
_TAGS = re.compile(r"<[^>]+>")
_WORD_TAG = re.compile(r"#(\w+)")
BATCH_EVENTS = 500
JETSTREAM_REWIND_US = 2_000_000  # re-read two seconds on reconnect: replays are free
# Mastodon ids are (milliseconds << 16): catching up rewinds 30 s, in case a status with a
# slightly older id reached the server after the newest one this worker saw.
MASTODON_REWIND_MS = 30_000
POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def mastodon_event(status: dict[str, object]) -> dict[str, object]:
    account = status.get("account") or {}
    reblog = status.get("reblog")
    tags = status.get("tags")
    event: dict[str, object] = {
        "platform": "mastodon",
        "id": str(status.get("id", "")),
        "action": "repost" if reblog else "post_with_hashtag",
        "account": str(account.get("acct", "")) if isinstance(account, dict) else "",
        "text": "" if reblog else html.unescape(_TAGS.sub(" ", str(status.get("content", "")))),
        "created_at": status.get("created_at") or _now(),
    }
    if isinstance(tags, list) and not reblog:
        event["tags"] = [t.get("name", "") for t in tags if isinstance(t, dict)]
    return event


def _rewound(status_id: str) -> str:
    if not status_id.isdigit() or int(status_id) < 1 << 40:
        return status_id  # not a time-based id: no rewinding
    return str(max(0, (int(status_id) >> 16) - MASTODON_REWIND_MS) << 16)


class StreamWorker:
    def __init__(
        self,
        campaign: Campaign,
        *,
        platform: str,
        server: str,
        token: str = "",
        flush_seconds: float = 2.0,
        refresh_seconds: float = 30.0,
    ) -> None:
        self.campaign = campaign
        self.platform = platform
        self.server = server.rstrip("/")
        self.token = token
        self.flush_seconds = flush_seconds
        self.refresh_seconds = refresh_seconds
        self.source = f"{platform}:{self.server}"[:300]
        self.pending: list[dict[str, object]] = []
        self.position = cursor_position(campaign, self.source)
        self.last_flush = time.monotonic()
        self.next_refresh = time.monotonic() + refresh_seconds
        self.unrefreshed = False
        self.seen = 0
        self.tags = list(campaign.hashtags)

    # Shared batching -------------------------------------------------------------------
    def add(self, event: dict[str, object], position: str) -> None:
        self.pending.append(event)
        self.position = position
        self.seen += 1
        if len(self.pending) >= BATCH_EVENTS or self._due():
            self.flush()

    def _due(self) -> bool:
        return time.monotonic() - self.last_flush >= self.flush_seconds

    def flush(self, *, final: bool = False) -> None:
        if self.pending or self._due() or final:
            events = self._resolve(self.pending) if self.platform == "bluesky" else self.pending
            recorded = record_events(
                campaign=self.campaign,
                events=events,
                source=self.platform,
                cursor_source=self.source,
                position=self.position,
                refresh=False,
            )
            self.unrefreshed |= bool(recorded.result.inserted or recorded.result.deletions)
            self.pending = []
        self.last_flush = time.monotonic()
        if self.unrefreshed and (final or time.monotonic() >= self.next_refresh):
            started = time.monotonic()
            refresh_filters(self.campaign)
            took = time.monotonic() - started
            # The pass reads every row of the campaign: keep it under a tenth of the time.
            self.next_refresh = time.monotonic() + max(self.refresh_seconds, 10 * took)
            self.unrefreshed = False

    def run(self, *, max_events: int | None = None, max_reconnects: int | None = None) -> int:
        attempts = 0
        try:
            while True:
                try:
                    stream = self._mastodon() if self.platform == "mastodon" else self._bluesky()
                    for _ in stream:
                        attempts = 0
                        if max_events and self.seen >= max_events:
                            return self.seen
                except (httpx.HTTPError, OSError, WebSocketException, ValueError) as exc:
                    logger.warning("%s stream: %s; reconnecting", self.platform, exc)
                self.flush()
                attempts += 1
                if max_reconnects is not None and attempts > max_reconnects:
                    return self.seen
                time.sleep(min(30.0, 0.2 * 2**attempts))
        finally:
            self.flush(final=True)

    # Mastodon --------------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _streaming_url(self, client: httpx.Client) -> str:
        """The instance names its streaming server; most serve it on their own host."""
        try:
            info = client.get(f"{self.server}/api/v2/instance")
            url = info.json()["configuration"]["urls"]["streaming"] if info.is_success else ""
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            url = ""
        if not url:
            parsed = urlparse(self.server)
            url = f"{'ws' if parsed.scheme == 'http' else 'wss'}://{parsed.netloc}"
        return f"{url.rstrip('/')}/api/v1/streaming"

    def _mastodon(self) -> Iterator[None]:
        from websockets.sync.client import connect

        with httpx.Client(headers=self._headers(), timeout=httpx.Timeout(10, read=60)) as client:
            streaming = self._streaming_url(client)
            # Catch up on what each hashtag got while we were away, oldest first.
            if self.position:
                since = _rewound(self.position)
                for tag in self.tags:
                    yield from self._mastodon_catch_up(client, tag, since)
        headers = self._headers()
        with connect(streaming, additional_headers=headers, open_timeout=10) as socket:
            for tag in self.tags:
                socket.send(orjson.dumps({"type": "subscribe", "stream": "hashtag", "tag": tag}))
            while True:
                try:
                    message = socket.recv(timeout=self.flush_seconds)
                except TimeoutError:
                    self.flush()
                    continue
                yield from self._mastodon_message(orjson.loads(message))

    def _mastodon_catch_up(self, client: httpx.Client, tag: str, since: str) -> Iterator[None]:
        while True:
            url = f"{self.server}/api/v1/timelines/tag/{tag}"
            page = client.get(url, params={"min_id": since, "limit": 40})
            page.raise_for_status()
            statuses = sorted(page.json(), key=lambda s: int(s["id"]))
            if not statuses:
                return
            for status in statuses:
                self.add(mastodon_event(status), max(self.position, str(status["id"]), key=_id))
                yield None
            since = str(statuses[-1]["id"])

    def _mastodon_message(self, message: dict[str, Any]) -> Iterator[None]:
        name, payload = message.get("event"), message.get("payload")
        if name == "update" and isinstance(payload, str):
            status = orjson.loads(payload)
            self.add(mastodon_event(status), max(self.position, str(status["id"]), key=_id))
            yield None
        elif name == "delete" and isinstance(payload, str):
            deletion: dict[str, object] = {
                "platform": "mastodon",
                "id": payload,
                "action": "delete",
                "created_at": _now(),
            }
            self.add(deletion, self.position)
            yield None

    # Bluesky Jetstream -----------------------------------------------------------------
    def _bluesky(self) -> Iterator[None]:
        from websockets.sync.client import connect

        query = [("wantedCollections", POST), ("wantedCollections", REPOST)]
        if self.position:
            query.append(("cursor", str(max(0, int(self.position) - JETSTREAM_REWIND_US))))
        with connect(f"{self.server}?{urlencode(query)}", open_timeout=10) as socket:
            while True:
                try:
                    message = socket.recv(timeout=self.flush_seconds)
                except TimeoutError:
                    self.flush()
                    continue
                if self._jetstream_event(orjson.loads(message)) is not None:
                    yield None

    def _jetstream_event(self, message: dict[str, Any]) -> dict[str, object] | None:
        commit = message.get("commit")
        time_us = str(message.get("time_us", "0"))
        if message.get("kind") != "commit" or not isinstance(commit, dict):
            return self._skip(time_us)
        did = str(message.get("did", ""))
        uri = f"at://{did}/{commit.get('collection')}/{commit.get('rkey')}"
        record = commit.get("record")
        record = record if isinstance(record, dict) else {}
        event: dict[str, object] = {"platform": "bluesky", "id": uri, "account": did}
        event["created_at"] = _bluesky_time(record.get("createdAt"), int(time_us))
        if commit.get("operation") == "delete":
            # Kept only if this campaign recorded the post or repost (resolved at flush).
            event.update(action="delete", created_at=_bluesky_time(None, int(time_us)))
            event["_needs"] = uri
        elif commit.get("operation") != "create":
            return self._skip(time_us)  # edits change nothing that is counted
        elif commit.get("collection") == POST and self._bluesky_tags(record):
            event.update(
                action="post_with_hashtag",
                text=str(record.get("text", "")),
                tags=self._bluesky_tags(record),
            )
        elif commit.get("collection") == REPOST:
            subject = record.get("subject")
            if not isinstance(subject, dict) or not subject.get("uri"):
                return self._skip(time_us)
            event["action"] = "repost"
            event["_needs"] = str(subject["uri"])
        else:
            return self._skip(time_us)
        self.add(event, time_us)
        return event

    def _skip(self, time_us: str) -> dict[str, object] | None:
        """Not for this campaign; the stream's position still moves past it."""
        if time_us != "0":
            self.position = time_us
        return None

    def _bluesky_tags(self, record: dict[str, Any]) -> list[str]:
        """Campaign hashtags of a post: #words in its text, tag facets, and its hidden tags."""
        found = {t.lower() for t in _WORD_TAG.findall(str(record.get("text", "")))}
        for facet in record.get("facets") or []:
            for feature in facet.get("features", []) if isinstance(facet, dict) else []:
                if isinstance(feature, dict) and feature.get("tag"):
                    found.add(str(feature["tag"]).lower())
        found |= {str(t).lower() for t in record.get("tags") or [] if isinstance(t, str)}
        return sorted(found & set(self.tags))

    def _resolve(self, events: list[dict[str, object]]) -> list[dict[str, object]]:
        """Keep reposts of, and deletions of, records this campaign holds (or gets now).

        Looked up in the database per batch, so the worker's memory does not grow with the
        campaign (a national day has millions of Bluesky posts).
        """
        needed = {str(e["_needs"]) for e in events if "_needs" in e}
        known = {str(e["id"]) for e in events if "_needs" not in e}
        # Reposts in this batch whose subject is known may themselves be un-reposted in it.
        lookup = sorted(needed - known)
        for start in range(0, len(lookup), 500):
            known.update(
                Interaction.objects.filter(
                    campaign=self.campaign,
                    platform="bluesky",
                    platform_event_id__in=lookup[start : start + 500],
                ).values_list("platform_event_id", flat=True)
            )
        kept: list[dict[str, object]] = []
        for event in events:
            needs = event.pop("_needs", None)
            if needs is None or needs in known:
                kept.append(event)
                if event.get("action") == "repost":
                    known.add(str(event["id"]))
        return kept


def _bluesky_time(created_at: object, time_us: int) -> str:
    """The post's own createdAt, unless the poster's clock is off by more than CLOCK_SKEW
    from the relay's (time_us); then the relay's time, which no client can set."""
    relay = datetime.fromtimestamp(time_us / 1e6, tz=UTC)
    if isinstance(created_at, str):
        try:
            claimed = datetime.fromisoformat(created_at)
        except ValueError:
            claimed = None
        if claimed and claimed.tzinfo and abs(claimed - relay) <= CLOCK_SKEW:
            return created_at
    return relay.isoformat()


def _id(value: str) -> int:
    return int(value) if value.isdigit() else 0
