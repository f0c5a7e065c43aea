"""Community health for a date range: how fast stories get a first reply, what waits, who
takes part, how much harassment the screening held, how fast crisis alerts were answered,
challenge participation and Q&A questions answered. Only counts leave this module."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from suar.accounts.models import Organisation
from suar.analytics.period import Period
from suar.challenges.models import Challenge, CheckIn, Participant
from suar.community.models import Reaction, Reply, Status, Story
from suar.moderation.models import QueueItem
from suar.polls.models import Ballot
from suar.qa.models import Question

# A story waiting longer than this without a reply counts as unanswered.
UNANSWERED_AFTER = dt.timedelta(hours=24)
MAX_ROWS = 100_000


def median_minutes(deltas: list[dt.timedelta]) -> float | None:
    if not deltas:
        return None
    return round(statistics.median(d.total_seconds() for d in deltas) / 60, 1)


def p90_minutes(deltas: list[dt.timedelta]) -> float | None:
    """The 90th percentile (nearest rank): nine in ten were faster than this."""
    if not deltas:
        return None
    ordered = sorted(d.total_seconds() for d in deltas)
    rank = max(1, -(-9 * len(ordered) // 10))  # ceil(0.9 n)
    return round(ordered[rank - 1] / 60, 1)


@dataclass
class Health:
    stories: int
    replied: int
    first_reply_median_min: float | None
    first_reply_p90_min: float | None
    replied_within_day: int
    unanswered: int  # stories in the range still without a reply after 24 h
    active_members: int
    posts_screened: int  # stories + replies + questions written in the range
    harassment_held: int
    crisis_alerts: int
    crisis_contacted: int
    crisis_response_median_min: float | None
    crisis_waiting: int
    crisis_source: str  # "alerts" (moderation.CrisisAlert) or "queue" (crisis queue items)
    challenges_running: int
    challenge_participants: int  # joined one of the org's challenges in the range
    challenge_active: int  # checked in at least once in the range
    checkins: int
    questions: int
    questions_answered: int

    @property
    def harassment_rate(self) -> float | None:
        return self.harassment_held / self.posts_screened if self.posts_screened else None

    @property
    def answered_share(self) -> float | None:
        return self.questions_answered / self.questions if self.questions else None


def _between(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start_at, f"{field}__lt": period.end_at})


def _crisis(organisation: Organisation, period: Period) -> tuple[int, int, float | None, int, str]:
    try:
        alert_model = apps.get_model("moderation", "CrisisAlert")
    except LookupError:
        alert_model = None
    if alert_model is not None:
        rows = list(
            alert_model.objects.filter(_between("created_at", period), organisation=organisation)
            .order_by()
            .values_list("created_at", "first_contact_at")[:MAX_ROWS]
        )
        source = "alerts"
    else:
        rows = list(
            QueueItem.objects.filter(
                _between("created_at", period), organisation=organisation, is_crisis=True
            )
            .order_by()
            .values_list("created_at", "decided_at")[:MAX_ROWS]
        )
        source = "queue"
    answered = [contact - created for created, contact in rows if contact is not None]
    return len(rows), len(answered), median_minutes(answered), len(rows) - len(answered), source


def community_health(organisation: Organisation, period: Period) -> Health:
    now = timezone.now()
    stories = list(
        Story.objects.filter(_between("created_at", period), group__organisation=organisation)
        .exclude(status=Status.DELETED)
        .order_by()
        .values_list("created_at", "first_reply_at", "status")[:MAX_ROWS]
    )
    deltas = [first - created for created, first, _ in stories if first is not None]
    unanswered = sum(
        1
        for created, first, status in stories
        if first is None and status == Status.PUBLISHED and now - created > UNANSWERED_AFTER
    )
    replies = Reply.objects.filter(
        _between("created_at", period), story__group__organisation=organisation
    )
    questions = Question.objects.filter(
        _between("created_at", period), session__organisation=organisation
    )
    people: set[int] = set()
    for queryset, field in (
        (Story.objects.filter(group__organisation=organisation), "author_id"),
        (replies, "author_id"),
        (Reaction.objects.filter(story__group__organisation=organisation), "user_id"),
        (questions, "author_id"),
        (
            CheckIn.objects.filter(participant__challenge__organisation=organisation),
            "participant__user_id",
        ),
        (Ballot.objects.filter(poll__organisation=organisation), "user_id"),
    ):
        people.update(
            queryset.filter(_between("created_at", period))
            .exclude(**{f"{field}__isnull": True})
            .order_by()
            .values_list(field, flat=True)
            .distinct()[:MAX_ROWS]
        )
    screened_types = [ContentType.objects.get_for_model(m) for m in (Story, Reply, Question)]
    harassment = QueueItem.objects.filter(
        _between("created_at", period),
        organisation=organisation,
        category=QueueItem.Category.HARASSMENT,
        content_type__in=screened_types,
    ).count()
    crisis_total, contacted, crisis_median, waiting, source = _crisis(organisation, period)
    challenges = Challenge.objects.filter(
        organisation=organisation, starts_on__lte=period.end
    ).only("starts_on", "length_days")
    running = sum(1 for c in challenges[:MAX_ROWS] if c.ends_on >= period.start)
    checkins = CheckIn.objects.filter(
        participant__challenge__organisation=organisation,
        day__gte=period.start,
        day__lte=period.end,
    )
    story_count = len(stories)
    return Health(
        stories=story_count,
        replied=len(deltas),
        first_reply_median_min=median_minutes(deltas),
        first_reply_p90_min=p90_minutes(deltas),
        replied_within_day=sum(1 for d in deltas if d <= UNANSWERED_AFTER),
        unanswered=unanswered,
        active_members=len(people),
        posts_screened=story_count + replies.count() + questions.count(),
        harassment_held=harassment,
        crisis_alerts=crisis_total,
        crisis_contacted=contacted,
        crisis_response_median_min=crisis_median,
        crisis_waiting=waiting,
        crisis_source=source,
        challenges_running=running,
        challenge_participants=Participant.objects.filter(
            _between("joined_at", period), challenge__organisation=organisation
        ).count(),
        challenge_active=checkins.values("participant_id").distinct().count(),
        checkins=checkins.count(),
        questions=questions.exclude(status=Question.Status.REJECTED).count(),
        questions_answered=questions.exclude(answer="").count(),
    )
