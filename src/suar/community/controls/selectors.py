"""Reads of personal controls, and applying them to what a page shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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


def controls_for(user: AnyUser) -> Controls:
    if not user.is_authenticated:
        return Controls()
    settings = ControlSettings.objects.filter(user_id=user.pk).first()
    words = list(MutedWord.objects.filter(user_id=user.pk).values_list("phrase", flat=True))
    controls = Controls(muted_words=words)
    if settings is not None:
        controls.show_warned = settings.content_warnings == ControlSettings.WarningPreference.SHOW
        controls.daily_limit = settings.daily_limit_minutes
        if controls.daily_limit is not None:
            usage = DailyUsage.objects.filter(user_id=user.pk, day=timezone.localdate()).first()
            controls.minutes_today = usage.minutes if usage else 0
    return controls


def mark_muted(items: Iterable[object], controls: Controls, *fields: str) -> None:
    """Set `muted_word` on items whose text contains a muted word; the page collapses them."""
    for item in items:
        text = " ".join(str(getattr(item, name, "") or "") for name in fields).lower()
        item.muted_word = next((w for w in controls.muted_words if w in text), "")  # type: ignore[attr-defined]
