"""Reads for poll pages: lists, whether someone voted, and the results."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet

from suar.accounts.permissions import AnyUser
from suar.polls.access import visible_polls
from suar.polls.models import Ballot, Option, Poll


@dataclass(frozen=True)
class OptionResult:
    option: Option
    votes: int
    percent: int  # share of the people who voted; with several answers they add up past 100


@dataclass(frozen=True)
class Results:
    voters: int
    options: list[OptionResult]


def polls_for(user: AnyUser, *, limit: int = 50) -> QuerySet[Poll]:
    polls = visible_polls(user).order_by("-created_at")
    if user.is_authenticated:
        polls = polls.annotate(voted=Exists(Ballot.objects.filter(poll=OuterRef("pk"), user=user)))
    return polls[:limit]


def has_voted(user: AnyUser, poll: Poll) -> bool:
    return user.is_authenticated and Ballot.objects.filter(poll=poll, user=user).exists()


def my_choices(user: AnyUser, poll: Poll) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        Option.objects.filter(ballots__poll=poll, ballots__user=user).values_list("pk", flat=True)
    )


def results(poll: Poll) -> Results:
    voters = poll.ballots.count()
    options = poll.options.annotate(votes=Count("ballots")).order_by("position", "pk")
    return Results(
        voters=voters,
        options=[
            OptionResult(
                option=option,
                votes=option.votes,
                percent=round(100 * option.votes / voters) if voters else 0,
            )
            for option in options
        ],
    )
