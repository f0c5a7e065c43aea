"""Reads for challenge pages: lists, one person's progress and the opt-in leaderboard."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from suar.accounts.permissions import AnyUser
from suar.challenges.access import visible_challenges
from suar.challenges.models import Challenge, CheckIn, Participant
from suar.challenges.streaks import Progress, local_day, progress


@dataclass(frozen=True)
class LeaderboardRow:
    name: str
    days_done: int


def challenges_for(user: AnyUser, *, limit: int = 50) -> QuerySet[Challenge]:
    return visible_challenges(user).order_by("-starts_on")[:limit]


def participant_of(user: AnyUser, challenge: Challenge) -> Participant | None:
    if not user.is_authenticated:
        return None
    return Participant.objects.filter(challenge=challenge, user=user).first()


def progress_of(participant: Participant) -> Progress:
    challenge = participant.challenge
    days = participant.checkins.values_list("day", flat=True)
    return progress(
        days,
        length_days=challenge.length_days,
        ends_on=challenge.ends_on,
        today=local_day(timezone.now()),
    )


def recent_checkins(participant: Participant, *, limit: int = 14) -> list[CheckIn]:
    return list(participant.checkins.order_by("-day")[:limit])


def leaderboard(challenge: Challenge, *, limit: int = 20) -> list[LeaderboardRow]:
    """Only people who opted in, by display name; everyone else is simply not listed."""
    rows = (
        Participant.objects.filter(challenge=challenge, on_leaderboard=True, user__is_active=True)
        .select_related("user")
        .annotate(days_done=Count("checkins"))
        .order_by("-days_done", "joined_at")[:limit]
    )
    return [LeaderboardRow(name=row.user.public_name, days_done=row.days_done) for row in rows]
