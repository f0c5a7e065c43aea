"""API endpoints of the challenges app, mounted under /api/v1/challenges/."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from suar.challenges import selectors, services
from suar.challenges.access import visible_challenges
from suar.challenges.models import NOTE_MAX_LENGTH, Challenge, Participant
from suar.challenges.services import AlreadyCheckedIn

router = Router(tags=["challenges"])

HELP = {"phone": "119 ext. 8", "website": "https://healing119.id"}


class ChallengeOut(Schema):
    id: int
    title: str
    description: str
    starts_on: date
    ends_on: date
    length_days: int
    group: str | None


class ProgressOut(Schema):
    days_done: int
    length_days: int
    percent: int
    current_streak: int
    longest_streak: int
    checked_in_today: bool
    milestones_reached: list[int]
    next_milestone: int | None
    on_leaderboard: bool


class CheckInIn(Schema):
    note: str = ""


class CheckInOut(Schema):
    day: date
    progress: ProgressOut
    help: dict[str, str] | None = None


class Error(Schema):
    detail: str


def _challenge_out(challenge: Challenge) -> dict[str, object]:
    return {
        "id": challenge.pk,
        "title": challenge.title,
        "description": challenge.description,
        "starts_on": challenge.starts_on,
        "ends_on": challenge.ends_on,
        "length_days": challenge.length_days,
        "group": challenge.group.name if challenge.group else None,
    }


def _progress_out(participant: Participant) -> dict[str, object]:
    progress = selectors.progress_of(participant)
    return {
        "days_done": progress.days_done,
        "length_days": progress.length_days,
        "percent": progress.percent,
        "current_streak": progress.current_streak,
        "longest_streak": progress.longest_streak,
        "checked_in_today": progress.checked_in_today,
        "milestones_reached": list(progress.reached),
        "next_milestone": progress.next_milestone,
        "on_leaderboard": participant.on_leaderboard,
    }


@router.get("/", response=list[ChallengeOut], auth=None)
def list_challenges(request: HttpRequest) -> list[dict[str, object]]:
    return [_challenge_out(c) for c in selectors.challenges_for(request.user)]


@router.post("/{pk}/join", response=ProgressOut)
def join(request: HttpRequest, pk: int) -> dict[str, object]:
    challenge = get_object_or_404(visible_challenges(request.user), pk=pk)
    participant = services.join_challenge(actor=request.user, challenge=challenge)
    return _progress_out(participant)


@router.post("/{pk}/check-in", response={201: CheckInOut, 400: Error, 409: Error})
def check_in(request: HttpRequest, pk: int, payload: CheckInIn) -> Status[dict[str, object]]:
    challenge = get_object_or_404(visible_challenges(request.user), pk=pk)
    if len(payload.note) > NOTE_MAX_LENGTH:
        return Status(400, {"detail": f"The note is longer than {NOTE_MAX_LENGTH} characters."})
    try:
        result = services.check_in(actor=request.user, challenge=challenge, note=payload.note)
    except AlreadyCheckedIn as error:
        return Status(409, {"detail": " ".join(error.messages)})
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return Status(
        201,
        {
            "day": result.checkin.day,
            "progress": _progress_out(result.checkin.participant),
            "help": HELP if result.needs_help else None,
        },
    )


@router.get("/{pk}/progress", response={200: ProgressOut, 404: Error})
def progress(request: HttpRequest, pk: int) -> Status[dict[str, object]]:
    """The caller's own progress; nobody can read another person's."""
    challenge = get_object_or_404(visible_challenges(request.user), pk=pk)
    participant = selectors.participant_of(request.user, challenge)
    if participant is None:
        return Status(404, {"detail": "You have not joined this challenge."})
    return Status(200, _progress_out(participant))
