"""Turn one raw platform event (a dict from JSONL, CSV, a webhook or a stream) into a row.

This runs for every event of a national campaign day, so `EventReader.read` is written for
speed (plain tuples, string fast paths); every rule it applies is stated in docs/campaigns.md.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from suar.campaigns.models import Action, Campaign, Interaction, Platform

PLATFORMS = frozenset(p.value for p in Platform)
ACTIONS = frozenset(a.value for a in Action)
DELETE_ACTIONS = frozenset({"delete", "unrepost"})
# Texts shorter than this are too generic ("#SuarHarapan") to call copies of each other.
MIN_TEXT_FOR_DUPLICATES = 20
# How far in the future of the receiving clock an event's time may be (clock skew).
CLOCK_SKEW = timedelta(minutes=5)
_HASHTAG = re.compile(r"#(\w+)")

COUNTED = Interaction.Status.COUNTED.value
FILTERED = Interaction.Status.FILTERED.value
OUTSIDE = Interaction.Status.OUTSIDE_WINDOW.value


class BadEvent(ValueError):
    """The event cannot be read; the message says which field and why."""


class Row(NamedTuple):
    """One interaction, in the column order of the bulk insert."""

    platform: str
    event_id: str
    action: str
    account_hash: int
    text_hash: int  # 0: no text long enough to compare
    occurred_at: str  # UTC, "YYYY-MM-DD HH:MM:SS[.ffffff]" (Django's SQLite form)
    minute: int  # minutes since the Unix epoch
    status: str
    reason: str

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.occurred_at).replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class DeletionRow:
    platform: str
    event_id: str
    occurred_at: datetime


def _first(event: dict[str, object], *names: str) -> str:
    for name in names:
        value = event.get(name)
        if value is not None and value != "":
            return str(value)
    return ""


def parse_time(value: str) -> datetime:
    """ISO 8601 (a trailing Z allowed) or Unix seconds; naive times are refused, not guessed."""
    if not value:
        raise BadEvent("missing created_at")
    try:
        if value[0].isdigit() and "-" not in value:
            return datetime.fromtimestamp(float(value), tz=UTC)
        moment = datetime.fromisoformat(value)
    except (ValueError, OverflowError) as exc:
        raise BadEvent(f"created_at is not a date and time: {value[:40]!r}") from exc
    if moment.tzinfo is None:
        raise BadEvent("created_at has no time zone (add Z or +07:00)")
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


def hash64(data: bytes, key: bytes = b"") -> int:
    """The first 8 bytes of a 16-byte BLAKE2b, as a signed 64-bit integer (a BIGINT column)."""
    digest = hashlib.blake2b(data, key=key, digest_size=16).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def text_hash(text: str) -> int:
    """Lower case, spaces collapsed; texts under 20 characters give 0 (never compared)."""
    return _lower_text_hash(text.lower())


def _lower_text_hash(lower: str) -> int:
    normal = " ".join(lower.split())
    if len(normal) < MIN_TEXT_FOR_DUPLICATES:
        return 0
    digest = hashlib.blake2b(normal.encode(), digest_size=16).digest()
    return int.from_bytes(digest[:8], "big", signed=True) or 1


_new_row = tuple.__new__  # Row(...) runs Python code per call; this builds the same tuple


class EventReader:
    """Classifies events for one campaign; a pure function of the event and the campaign.

    `received_at` is the receiving clock for live sources (webhook, streams): an event dated
    more than CLOCK_SKEW after it gets the receiving time instead (the sender's clock is
    wrong). Without it (file imports), `not_after` refuses events from the future.
    """

    def __init__(
        self,
        campaign: Campaign,
        *,
        received_at: datetime | None = None,
        not_after: datetime | None = None,
    ) -> None:
        self.campaign = campaign
        self.key = hashlib.sha256(campaign.account_salt.encode()).digest()
        self._keyed = hashlib.blake2b(key=self.key, digest_size=16)
        self.hashtags = frozenset(campaign.hashtags)
        self.starts_at = campaign.starts_at.astimezone(UTC)
        self.ends_at = campaign.ends_at.astimezone(UTC)
        self.counted = {p: campaign.counted_actions(p) for p in PLATFORMS}
        self.received_at = received_at
        limit = received_at or not_after
        self.latest = limit + CLOCK_SKEW if limit is not None else None

    def hash_account(self, account: str) -> int:
        """hash64(account, key), from a copy of a hasher already keyed (a third cheaper)."""
        hasher = self._keyed.copy()
        hasher.update(account.lower().encode())
        return int.from_bytes(hasher.digest()[:8], "big", signed=True)

    def read(self, event: dict[str, object]) -> Row | DeletionRow:
        # This runs for every event of a national day: the common shapes take fast paths
        # (names read directly, a canonical "…Z" time sliced rather than formatted).
        get = event.get
        platform = get("platform")
        if platform not in PLATFORMS:
            platform = str(platform or "").lower()
            if platform not in PLATFORMS:
                raise BadEvent(
                    f"unknown platform {platform[:20]!r}" if platform else "missing platform"
                )
        event_id = get("id")
        if type(event_id) is not str or not event_id or len(event_id) > 200:
            event_id = event_id or _first(event, "event_id", "platform_event_id")
            if not event_id or not isinstance(event_id, str | int) or len(str(event_id)) > 200:
                raise BadEvent("missing or too long id")
            event_id = str(event_id)
        action = get("action") or get("type") or "post_with_hashtag"
        if action not in ACTIONS:
            action = str(action).lower()
        when = get("created_at") or _first(event, "occurred_at", "timestamp")
        original = when if type(when) is str else str(when) if when is not None else ""
        occurred_at = parse_time(original)
        if self.latest is not None and occurred_at > self.latest:
            if self.received_at is None:
                raise BadEvent(
                    f"created_at {original[:40]} is in the future: check the exporting "
                    "system's clock"
                )
            occurred_at, original = self.received_at.astimezone(UTC), ""
        if action in DELETE_ACTIONS:
            return DeletionRow(str(platform), str(event_id), occurred_at)
        if action not in ACTIONS:
            raise BadEvent(f"unknown action {str(action)[:30]!r}")
        account = get("account") or _first(event, "account_id", "author", "handle", "did")
        if not account:
            raise BadEvent("missing account")
        text = get("text") or get("content") or ""
        if type(text) is not str:
            raise BadEvent("text is not a string")
        hasher = self._keyed.copy()
        hasher.update(str(account).lower().encode())
        account_hash = int.from_bytes(hasher.digest()[:8], "big", signed=True)
        lower = text.lower() if text else ""
        status, reason = COUNTED, ""
        if not (self.starts_at <= occurred_at < self.ends_at):
            status = OUTSIDE
        elif action not in self.counted[platform]:
            status, reason = FILTERED, "action_not_counted"
        elif (
            action == "post_with_hashtag"
            and (text or "tags" in event)
            and not self._has_hashtag(lower, get("tags"))
        ):
            status, reason = FILTERED, "no_hashtag"
        if len(original) == 20 and original[19] == "Z" and original[10] == "T":
            stored = f"{original[:10]} {original[11:19]}"
        else:
            stored = occurred_at.replace(tzinfo=None).isoformat(" ")
        return _new_row(
            Row,
            (
                platform,
                event_id,
                action,
                account_hash,
                _lower_text_hash(lower) if lower else 0,
                stored,
                int(occurred_at.timestamp()) // 60,
                status,
                reason,
            ),
        )

    def _has_hashtag(self, text: str, tags: object) -> bool:
        """A campaign hashtag in the (lower-cased) text as #word, or in the event's `tags` (a
        list, or in a CSV column words separated by spaces or commas)."""
        if isinstance(tags, str):
            tags = tags.replace(",", " ").split()
        if isinstance(tags, list) and any(
            str(t).lstrip("#").lower() in self.hashtags for t in tags
        ):
            return True
        if "#" not in text:
            return False
        return any(tag in self.hashtags for tag in _HASHTAG.findall(text))
