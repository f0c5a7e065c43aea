"""API endpoints of the polls app, mounted under /api/v1/polls/: the same rules as the pages."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from suar.polls import selectors, services
from suar.polls.access import visible_polls
from suar.polls.models import Poll
from suar.polls.services import AlreadyVoted

router = Router(tags=["polls"])


class OptionOut(Schema):
    id: int
    text: str


class PollOut(Schema):
    id: int
    question: str
    kind: str
    closes_at: datetime
    closed: bool
    group: str | None
    voted: bool
    options: list[OptionOut]


class VoteIn(Schema):
    options: list[int]


class OptionResultOut(Schema):
    id: int
    text: str
    votes: int
    percent: int


class ResultsOut(Schema):
    voters: int
    options: list[OptionResultOut]


class Error(Schema):
    detail: str


def _poll_out(poll: Poll, voted: bool) -> dict[str, object]:
    return {
        "id": poll.pk,
        "question": poll.question,
        "kind": poll.kind,
        "closes_at": poll.closes_at,
        "closed": poll.is_closed,
        "group": poll.group.name if poll.group else None,
        "voted": voted,
        "options": [{"id": o.pk, "text": o.text} for o in poll.options.all()],
    }


def _results_out(poll: Poll) -> dict[str, object]:
    results = selectors.results(poll)
    return {
        "voters": results.voters,
        "options": [
            {"id": r.option.pk, "text": r.option.text, "votes": r.votes, "percent": r.percent}
            for r in results.options
        ],
    }


@router.get("/", response=list[PollOut], auth=None)
def list_polls(request: HttpRequest) -> list[dict[str, object]]:
    polls = selectors.polls_for(request.user).prefetch_related("options")
    return [_poll_out(poll, bool(getattr(poll, "voted", False))) for poll in polls]


@router.post("/{pk}/vote", response={201: ResultsOut, 400: Error, 409: Error})
def vote(request: HttpRequest, pk: int, payload: VoteIn) -> Status[dict[str, object]]:
    poll = get_object_or_404(visible_polls(request.user), pk=pk)
    try:
        services.cast_ballot(actor=request.user, poll=poll, option_ids=payload.options)
    except AlreadyVoted as error:
        return Status(409, {"detail": " ".join(error.messages)})
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return Status(201, _results_out(poll))


@router.get("/{pk}/results", response={200: ResultsOut, 403: Error}, auth=None)
def results(request: HttpRequest, pk: int) -> Status[dict[str, object]]:
    """Results only after the caller voted or the poll closed, as on the page."""
    poll = get_object_or_404(visible_polls(request.user), pk=pk)
    if not (poll.is_closed or selectors.has_voted(request.user, poll)):
        return Status(403, {"detail": "Results appear after you vote or when the poll closes."})
    return Status(200, _results_out(poll))
