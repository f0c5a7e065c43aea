"""What the queue needs to know about any item it holds: its text, group, author, status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from suar.accounts.models import User
from suar.community.models import Group, Reply, Story

PUBLISHED, HELD, HIDDEN = "published", "held", "hidden"


@dataclass(frozen=True)
class ItemContext:
    group: Group | None
    subject: User | None


def context_of(item: models.Model) -> ItemContext:
    if isinstance(item, User):
        return ItemContext(None, item)
    author = getattr(item, "author", None)
    participant = getattr(item, "participant", None)  # a challenge check-in's private note
    if participant is not None:
        return ItemContext(participant.challenge.group, participant.user)
    if isinstance(item, Story):
        return ItemContext(item.group, author)
    if isinstance(item, Reply):
        return ItemContext(item.story.group, author)
    session = getattr(item, "session", None)  # a Q&A question
    return ItemContext(getattr(session, "group", None), author)


def text_of(item: models.Model | None) -> str:
    """The text the safety engine analysed for this item: finding spans point into it."""
    if item is None:
        return ""
    if isinstance(item, User):
        return item.public_name
    if isinstance(item, Story):
        return f"{item.title}\n\n{item.body}"
    if isinstance(item, Reply):
        return item.body
    if hasattr(item, "note"):  # a challenge check-in
        return str(item.note)
    return str(getattr(item, "text", ""))


def has_status(item: models.Model | None) -> bool:
    return item is not None and hasattr(item, "status")


def set_status(item: models.Model, status: str, **extra: Any) -> None:
    fields = ["status"]
    item.status = status  # type: ignore[attr-defined]
    for name, value in extra.items():
        setattr(item, name, value)
        fields.append(name)
    item.save(update_fields=fields)


def is_anonymous(item: models.Model | None) -> bool:
    return bool(getattr(item, "anonymous", False))


def highlighted(
    text: str, findings: list[dict[str, Any]]
) -> list[tuple[str, dict[str, Any] | None]]:
    """The text cut into pieces, each with the finding that covers it (None: no finding).
    Overlapping spans: the earlier, then more severe one wins; templates escape each piece."""
    spans = sorted(
        (
            (int(f.get("start", 0)), int(f.get("end", 0)), f)
            for f in findings
            if 0 <= int(f.get("start", 0)) < int(f.get("end", 0)) <= len(text)
            # A whole-text finding (the trained model's) would mark everything: listed only.
            and not (int(f.get("start", 0)) == 0 and int(f.get("end", 0)) == len(text))
        ),
        key=lambda s: (s[0], -s[1]),
    )
    pieces: list[tuple[str, dict[str, Any] | None]] = []
    at = 0
    for start, end, finding in spans:
        if start < at:
            continue
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], finding))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces
