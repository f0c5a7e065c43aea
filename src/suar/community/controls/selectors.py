"""Reads of personal controls, and applying them to what a page shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from suar.accounts.permissions import AnyUser
from suar.community.controls.models import ControlSettings, DailyUsage, MutedWord


@dataclass
class Controls:
    show_warned: bool = False
    muted_words: list[str] = field(default_factory=list)
    daily_limit: int | None = None
    minutes_today: int = 0

    @property
    def over_limit(self) -> bool:
        return self.daily_limit is not None and self.minutes_today >= self.daily_limit


def _sql() -> str:
    settings_table = ControlSettings._meta.db_table
    words_table = MutedWord._meta.db_table
    usage_table = DailyUsage._meta.db_table
    return " UNION ALL ".join(
        [
            f"SELECT 's', id, content_warnings, daily_limit_minutes FROM {settings_table} "  # noqa: S608
            "WHERE user_id = %s",
            f"SELECT 'w', id, phrase, NULL FROM {words_table} WHERE user_id = %s",  # noqa: S608
            f"SELECT 'd', id, '', minutes FROM {usage_table} WHERE user_id = %s AND day = %s",  # noqa: S608
        ]
    )


def controls_for(user: AnyUser) -> Controls:
    """The reader's settings, muted words and time today, in one query (every community
    page needs them; three ORM queries cost more than the rest of a small page)."""
    if not user.is_authenticated:
        return Controls()
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [user.pk, user.pk, user.pk, today])
        rows = cursor.fetchall()
    # Muted words in the order they were added: the first one found names a folded story.
    words = [text for kind, _pk, text, _n in sorted(rows, key=lambda row: row[1]) if kind == "w"]
    controls = Controls(muted_words=words)
    for kind, _pk, text, number in rows:
        if kind == "s":
            controls.show_warned = text == ControlSettings.WarningPreference.SHOW
            controls.daily_limit = number
    if controls.daily_limit is not None:
        controls.minutes_today = next((n for kind, _pk, _t, n in rows if kind == "d"), 0)
    return controls


def mark_muted(items: Iterable[object], controls: Controls, *fields: str) -> None:
    """Set `muted_word` on items whose text contains a muted word; the page collapses them."""
    for item in items:
        text = " ".join(str(getattr(item, name, "") or "") for name in fields).lower()
        item.muted_word = next((w for w in controls.muted_words if w in text), "")  # type: ignore[attr-defined]
