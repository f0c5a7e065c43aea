"""Long-running workers: Mastodon's hashtag stream (SSE) and Bluesky's Jetstream (WebSocket).

Each resumes from its saved position: Mastodon by reading the hashtag timeline after the last
status id before streaming again, Jetstream by reconnecting with `cursor` (microseconds). The
position is saved in the same transaction as the batch it ends, and a replayed event is
harmless (the unique key drops it), so a crash or a reconnect loses nothing and counts
nothing twice.
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson
from websockets.exceptions import WebSocketException

from suar.campaigns.ingest import cursor_position
from suar.campaigns.models import Campaign, Interaction
from suar.campaigns.services import record_events

logger = logging.getLogger(__name__)

DEFAULT_SERVERS = {
    "mastodon": "https://mastodon.social",
    "bluesky": "wss://jetstream2.us-east.bsky.network/subscribe",
}
_TAGS = re.compile(r"<[^>]+>")
BATCH_EVENTS = 500
JETSTREAM_REWIND_US = 2_000_000  # re-read two seconds on reconnect: replays are free
POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def mastodon_event(status: dict[str, object]) -> dict[str, object]:
    account = status.get("account") or {}
    reblog = status.get("reblog")
    return {
        "platform": "mastodon",
        "id": str(status.get("id", "")),
        "action": "repost" if reblog else "post_with_hashtag",
        "account": str(account.get("acct", "")) if isinstance(account, dict) else "",
        "text": "" if reblog else html.unescape(_TAGS.sub("", str(status.get("content", "")))),
        "created_at": status.get("created_at") or _now(),
    }


class StreamWorker:
    def __init__(
        self,
        campaign: Campaign,
        *,
        platform: str,
        server: str,
        token: str = "",
        flush_seconds: float = 2.0,
    ) -> None:
        self.campaign = campaign
        self.platform = platform
        self.server = server.rstrip("/")
        self.token = token
        self.flush_seconds = flush_seconds
        self.source = f"{platform}:{self.server}"[:300]
        self.pending: list[dict[str, object]] = []
        self.position = cursor_position(campaign, self.source)
        self.last_flush = time.monotonic()
        self.seen = 0
        self.tags = list(campaign.hashtags)
        # Bluesky reposts and deletes name a record: keep the ones this campaign recorded.
        self.known: set[str] = set()

    # Shared batching -------------------------------------------------------------------
    def add(self, event: dict[str, object], position: str) -> None:
        self.pending.append(event)
        self.position = position
        self.seen += 1
        if len(self.pending) >= BATCH_EVENTS or self._due():
            self.flush()

    def _due(self) -> bool:
        return time.monotonic() - self.last_flush >= self.flush_seconds

    def flush(self) -> None:
        if self.pending or self._due():
            record_events(
                campaign=self.campaign,
                events=self.pending,
                source=self.platform,
                cursor_source=self.source,
                position=self.position,
            )
            self.pending = []
        self.last_flush = time.monotonic()

    def run(self, *, max_events: int | None = None, max_reconnects: int | None = None) -> int:
        attempts = 0
        while True:
            try:
                stream = self._mastodon() if self.platform == "mastodon" else self._bluesky()
                for _ in stream:
                    attempts = 0
                    if max_events and self.seen >= max_events:
                        self.flush()
                        return self.seen
            except (httpx.HTTPError, OSError, WebSocketException) as exc:
                logger.warning("%s stream: %s; reconnecting", self.platform, exc)
            self.flush()
            attempts += 1
            if max_reconnects is not None and attempts > max_reconnects:
                return self.seen
            time.sleep(min(30.0, 0.2 * 2**attempts))

    # Mastodon --------------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _mastodon(self) -> Iterator[None]:
        tag = self.tags[0] if self.tags else ""
        with httpx.Client(headers=self._headers(), timeout=httpx.Timeout(10, read=90)) as client:
            # Catch up on what was posted while we were away, oldest first, then stream.
            while self.position:
                url = f"{self.server}/api/v1/timelines/tag/{tag}"
                page = client.get(url, params={"min_id": self.position, "limit": 40})
                page.raise_for_status()
                statuses = sorted(page.json(), key=lambda s: int(s["id"]))
                if not statuses:
                    break
                for status in statuses:
                    self.add(mastodon_event(status), str(status["id"]))
                    yield None
            url = f"{self.server}/api/v1/streaming/hashtag?{urlencode({'tag': tag})}"
            with client.stream("GET", url) as response:
                response.raise_for_status()
                event_name = ""
                for line in response.iter_lines():
                    if line.startswith("event:"):
                        event_name = line[6:].strip()
                    elif line.startswith("data:") and event_name:
                        yield from self._mastodon_data(event_name, line[5:].strip())
                    elif not line:
                        event_name = ""

    def _mastodon_data(self, name: str, data: str) -> Iterator[None]:
        if name == "update":
            status = orjson.loads(data)
            self.add(mastodon_event(status), max(self.position, str(status["id"]), key=_idkey))
            yield None
        elif name == "delete":
            deletion: dict[str, object] = {
                "platform": "mastodon",
                "id": data,
                "action": "delete",
                "created_at": _now(),
            }
            self.add(deletion, self.position)
            yield None

    # Bluesky Jetstream -----------------------------------------------------------------
    def _bluesky(self) -> Iterator[None]:
        from websockets.sync.client import connect

        if not self.known:
            self.known = set(
                Interaction.objects.filter(campaign=self.campaign, platform="bluesky").values_list(
                    "platform_event_id", flat=True
                )
            )
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
                event = self._jetstream_event(orjson.loads(message))
                if event is not None:
                    yield None

    def _jetstream_event(self, message: dict[str, Any]) -> dict[str, object] | None:
        commit = message.get("commit")
        time_us = str(message.get("time_us", "0"))
        if message.get("kind") != "commit" or not isinstance(commit, dict):
            return None
        did = str(message.get("did", ""))
        uri = f"at://{did}/{commit.get('collection')}/{commit.get('rkey')}"
        record = commit.get("record")
        record = record if isinstance(record, dict) else {}
        seen_at = datetime.fromtimestamp(int(time_us) / 1e6, tz=UTC).isoformat()
        event: dict[str, object] = {"platform": "bluesky", "id": uri, "account": did}
        event["created_at"] = record.get("createdAt") or seen_at
        if commit.get("operation") == "delete":
            if uri not in self.known:
                return self._skip(time_us)
            event.update(action="delete", created_at=seen_at)
        elif commit.get("collection") == POST and self._bluesky_has_tag(record):
            event.update(action="post_with_hashtag", text=str(record.get("text", "")))
        elif commit.get("collection") == REPOST:
            subject = record.get("subject")
            if not (isinstance(subject, dict) and subject.get("uri") in self.known):
                return self._skip(time_us)
            event["action"] = "repost"
        else:
            return self._skip(time_us)
        if event["action"] != "delete":
            self.known.add(uri)
        self.add(event, time_us)
        return event

    def _skip(self, time_us: str) -> dict[str, object] | None:
        """Not for this campaign; the stream's position still moves past it."""
        self.position = time_us
        return None

    def _bluesky_has_tag(self, record: dict[str, Any]) -> bool:
        text = str(record.get("text", "")).lower()
        if any(f"#{tag}" in text for tag in self.tags):
            return True
        for facet in record.get("facets") or []:
            for feature in facet.get("features", []):
                if str(feature.get("tag", "")).lower() in self.tags:
                    return True
        return False


def _idkey(value: str) -> int:
    return int(value) if value.isdigit() else 0
