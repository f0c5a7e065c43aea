"""One person's challenge data for the privacy export: entries, check-ins and private notes."""

from __future__ import annotations

from typing import Any

from suar.accounts.models import User
from suar.challenges.models import Participant


def export_data(user: User) -> dict[str, Any]:
    entries = Participant.objects.filter(user=user).select_related("challenge")
    return {
        "challenges": [
            {
                "challenge": e.challenge.title,
                "joined_at": e.joined_at.isoformat(),
                "on_leaderboard": e.on_leaderboard,
                "check_ins": [
                    {"day": c.day.isoformat(), "note": c.note} for c in e.checkins.order_by("day")
                ],
            }
            for e in entries.prefetch_related("checkins").order_by("joined_at")
        ]
    }
