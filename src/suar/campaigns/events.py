"""Turn one raw platform event (a dict from JSONL, CSV, a webhook or a stream) into a row."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from suar.campaigns.models import Action, Campaign, Interaction, Platform

PLATFORMS = frozenset(p.value for p in Platform)
ACTIONS = frozenset(a.value for a in Action)
DELETE_ACTIONS = frozenset({"delete", "unrepost"})
# Texts shorter than this are too generic ("#SuarHarapan") to call copies of each other.
MIN_TEXT_FOR_DUPLICATES = 20
_SPACES = re.compile(r"\s+")
_HASHTAG = re.compile(r"#(\w+)")

COUNTED = Interaction.Status.COUNTED.value
FILTERED = Interaction.Status.FILTERED.value
OUTSIDE = Interaction.Status.OUTSIDE_WINDOW.value


class BadEvent(ValueError):
    """The event cannot be read; the message says which field and why."""


@dataclass(frozen=True, slots=True)
class Row:
    platform: str
    event_id: str
    action: str
    account_hash: str
    text_hash: str
    occurred_at: datetime
    minute: int
    status: str
    reason: str


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


class EventReader:
    """Classifies events for one campaign; a pure function of the event and the campaign."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.key = hashlib.sha256(campaign.account_salt.encode()).digest()
        self.hashtags = frozenset(campaign.hashtags)
        self.starts_at = campaign.starts_at.astimezone(UTC)
        self.ends_at = campaign.ends_at.astimezone(UTC)
        self.counted = {p: campaign.counted_actions(p) for p in PLATFORMS}

    def hash_account(self, account: str) -> str:
        return hashlib.blake2b(account.lower().encode(), key=self.key, digest_size=16).hexdigest()

    def read(self, event: dict[str, object]) -> Row | DeletionRow:
        # The common names are read directly: this runs for every event of a national day.
        get = event.get
        platform = str(get("platform") or "").lower()
        if platform not in PLATFORMS:
            raise BadEvent(
                f"unknown platform {platform[:20]!r}" if platform else "missing platform"
            )
        event_id = get("id") or _first(event, "event_id", "platform_event_id")
        if not event_id or not isinstance(event_id, str | int) or len(str(event_id)) > 200:
            raise BadEvent("missing or too long id")
        event_id = str(event_id)
        action = str(get("action") or get("type") or "post_with_hashtag").lower()
        when = get("created_at") or _first(event, "occurred_at", "timestamp")
        occurred_at = parse_time(str(when) if when is not None else "")
        if action in DELETE_ACTIONS:
            return DeletionRow(platform, event_id, occurred_at)
        if action not in ACTIONS:
            raise BadEvent(f"unknown action {action[:30]!r}")
        account = get("account") or _first(event, "account_id", "author", "handle", "did")
        if not account:
            raise BadEvent("missing account")
        text = get("text") or get("content") or ""
        if not isinstance(text, str):
            raise BadEvent("text is not a string")
        status, reason = COUNTED, ""
        if not (self.starts_at <= occurred_at < self.ends_at):
            status = OUTSIDE
        elif action not in self.counted[platform]:
            status, reason = FILTERED, "action_not_counted"
        elif action == "post_with_hashtag" and text and not self._has_hashtag(text):
            status, reason = FILTERED, "no_hashtag"
        return Row(
            platform,
            event_id,
            action,
            self.hash_account(str(account)),
            text_hash(text) if text else "",
            occurred_at,
            int(occurred_at.timestamp()) // 60,
            status,
            reason,
        )

    def _has_hashtag(self, text: str) -> bool:
        if "#" not in text:
            return False
        return any(tag in self.hashtags for tag in _HASHTAG.findall(text.lower()))


def text_hash(text: str) -> str:
    normal = _SPACES.sub(" ", text).strip().lower()
    if len(normal) < MIN_TEXT_FOR_DUPLICATES:
        return ""
    return hashlib.blake2b(normal.encode(), digest_size=16).hexdigest()
