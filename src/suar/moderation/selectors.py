"""Reads of the review queue (crisis first, then risk band, then the longest waiting), the
item page, the audit log and the moderators' dashboard figures."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from suar.accounts.models import User
from suar.moderation.access import moderated_organisation_ids, queue_scope
from suar.moderation.models import (
    Appeal,
    AuditEntry,
    CrisisAlert,
    Decision,
    Notice,
    QueueItem,
    Report,
    Sanction,
)

QUEUE_ORDER = ("-is_crisis", "-priority", "created_at", "id")
PAGE_SIZE = 25


def _attach_items(entries: list[QueueItem]) -> None:
    """Load the queued objects with one query per kind (not one per entry), with what the
    cards show (group, session, author), and put each on its entry's `item` cache."""
    by_type: dict[int, list[QueueItem]] = defaultdict(list)
    for entry in entries:
        by_type[entry.content_type_id].append(entry)
    related = {
        "story": ("group", "author"),
        "reply": ("story__group", "author"),
        "question": ("session", "author"),
    }
    for type_id, group in by_type.items():
        content_type = ContentType.objects.get_for_id(type_id)
        model = content_type.model_class()
        assert model is not None
        objects: QuerySet[Any] = model._default_manager.all()
        if content_type.model in related:
            objects = objects.select_related(*related[content_type.model])
        found = objects.in_bulk([e.object_id for e in group])
        for entry in group:
            # The GenericForeignKey's cache: entry.item now costs no query.
            entry._state.fields_cache["item"] = found.get(entry.object_id)


def open_queue(user: User, *, limit: int = 100) -> list[QueueItem]:
    entries = list(
        QueueItem.objects.filter(queue_scope(user), state=QueueItem.State.OPEN)
        .select_related("organisation", "content_type")
        .order_by(*QUEUE_ORDER)[:limit]
    )
    _attach_items(entries)
    return entries


def queue_page(user: User, *, page: int | str = 1, category: str = "") -> Page[QueueItem]:
    """One page of the open queue: a fixed number of queries whatever the backlog."""
    entries = QueueItem.objects.filter(queue_scope(user), state=QueueItem.State.OPEN)
    if category == "crisis":
        entries = entries.filter(is_crisis=True)
    elif category:
        entries = entries.filter(category=category)
    paginator = Paginator(
        entries.select_related("organisation", "content_type").order_by(*QUEUE_ORDER), PAGE_SIZE
    )
    result = paginator.get_page(page)
    _attach_items(list(result.object_list))
    return result


def item_page(entry: QueueItem) -> dict[str, Any]:
    """What the item page shows besides the item: reports, the person's history here."""
    reports = list(entry.reports.order_by("created_at"))
    history: dict[str, Any] = {"warnings": 0, "sanctions": []}
    if entry.subject_id is not None:
        history["warnings"] = Decision.objects.filter(
            subject_id=entry.subject_id,
            organisation=entry.organisation,
            action=Decision.Action.WARN,
            overturned_at__isnull=True,
        ).count()
        history["sanctions"] = list(
            Sanction.objects.filter(
                user_id=entry.subject_id, organisation=entry.organisation, lifted_at__isnull=True
            ).order_by("-starts_at")[:5]
        )
    alerts = list(entry.crisis_alerts.select_related("first_contact_by"))
    return {"reports": reports, "history": history, "alerts": alerts}


def audit_log(user: User, *, page: int | str = 1, action: str = "") -> Page[AuditEntry]:
    entries = AuditEntry.objects.filter(
        organisation_id__in=moderated_organisation_ids(user)
    ).select_related("organisation")
    if action:
        entries = entries.filter(action__startswith=action)
    return Paginator(entries.order_by("-created_at", "-id"), 50).get_page(page)


def open_appeals(user: User) -> list[Appeal]:
    return list(
        Appeal.objects.filter(
            state=Appeal.State.OPEN,
            decision__organisation_id__in=moderated_organisation_ids(user),
        )
        .select_related("decision__queue_item", "decision__moderator", "decision__organisation")
        .order_by("created_at")[:100]
    )


def my_notices(user: User) -> list[Notice]:
    return list(
        Notice.objects.filter(recipient=user)
        .select_related("decision", "decision__appeal", "organisation")
        .order_by("-created_at")[:100]
    )


def group_queue_count(user: User) -> int | None:
    """Open items in the groups this person moderates; None when they moderate none."""
    from suar.moderation.access import moderated_group_ids

    groups = moderated_group_ids(user)
    if not groups:
        return None
    return QueueItem.objects.filter(
        group_id__in=groups, is_crisis=False, state=QueueItem.State.OPEN
    ).count()


def unread_notice_count(user: User) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def open_alert_count(user: User) -> int:
    return CrisisAlert.objects.filter(
        organisation_id__in=moderated_organisation_ids(user), first_contact_at__isnull=True
    ).count()


# ---- dashboard ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    days: int
    queue_size: int
    crisis_waiting: int
    decisions: int
    median_decision_minutes: float | None
    alerts: int
    alerts_contacted: int
    alerts_waiting: int
    median_response_minutes: float | None
    slowest_response_minutes: float | None
    posts: int
    harassment: int
    reports: int
    open_appeals: int

    @property
    def harassment_rate(self) -> float | None:
        """Share of posts (stories, replies, questions) found to be harassment."""
        return self.harassment / self.posts if self.posts else None

    @property
    def harassment_percent(self) -> str:
        rate = self.harassment_rate
        return "—" if rate is None else f"{rate * 100:.1f}%"


def _minutes(values: list[timedelta]) -> list[float]:
    return [v.total_seconds() / 60 for v in values]


def dashboard(organisation_ids: list[int], *, days: int = 30) -> Figures:
    """The moderators' figures over the last `days` days, for these organisations."""
    since = timezone.now() - timedelta(days=days)
    in_orgs = models.Q(organisation_id__in=organisation_ids)
    open_items = QueueItem.objects.filter(in_orgs, state=QueueItem.State.OPEN)
    decided = list(
        QueueItem.objects.filter(in_orgs, decided_at__gte=since)
        .values_list("created_at", "decided_at")
        .order_by("-decided_at")[:20000]
    )
    waits = _minutes([d - c for c, d in decided if d is not None])
    alerts = list(
        CrisisAlert.objects.filter(in_orgs, created_at__gte=since).values_list(
            "created_at", "first_contact_at"
        )
    )
    responses = _minutes([f - c for c, f in alerts if f is not None])
    harassment = (
        Decision.objects.filter(in_orgs, created_at__gte=since, overturned_at__isnull=True)
        .filter(
            models.Q(label=Decision.Label.HARASSMENT)
            | models.Q(
                queue_item__category=QueueItem.Category.HARASSMENT,
                action__in=[a for a in Decision.Action.values if a != Decision.Action.APPROVE],
            )
        )
        .count()
    )
    return Figures(
        days=days,
        queue_size=open_items.count(),
        crisis_waiting=open_items.filter(is_crisis=True).count(),
        decisions=len(decided),
        median_decision_minutes=round(statistics.median(waits), 1) if waits else None,
        alerts=len(alerts),
        alerts_contacted=len(responses),
        alerts_waiting=CrisisAlert.objects.filter(in_orgs, first_contact_at__isnull=True).count(),
        median_response_minutes=round(statistics.median(responses), 1) if responses else None,
        slowest_response_minutes=round(max(responses), 1) if responses else None,
        posts=_posts(organisation_ids, since),
        harassment=harassment,
        reports=Report.objects.filter(
            queue_item__organisation_id__in=organisation_ids, created_at__gte=since
        ).count(),
        open_appeals=Appeal.objects.filter(
            state=Appeal.State.OPEN, decision__organisation_id__in=organisation_ids
        ).count(),
    )


def _posts(organisation_ids: list[int], since: Any) -> int:
    from suar.community.models import Reply, Story
    from suar.qa.models import Question

    return (
        Story.objects.filter(
            group__organisation_id__in=organisation_ids, created_at__gte=since
        ).count()
        + Reply.objects.filter(
            story__group__organisation_id__in=organisation_ids, created_at__gte=since
        ).count()
        + Question.objects.filter(
            session__organisation_id__in=organisation_ids, created_at__gte=since
        ).count()
    )
