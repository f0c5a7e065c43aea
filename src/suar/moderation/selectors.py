"""Reads of the review queue: crisis first, then risk, then the longest waiting."""

from __future__ import annotations

from django.db.models import QuerySet

from suar.accounts.models import Membership, User
from suar.accounts.permissions import has_perm
from suar.accounts.roles import Perm
from suar.moderation.models import QueueItem


def moderated_organisation_ids(user: User) -> list[int]:
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    if user.is_superuser:
        return list(memberships.values_list("organisation_id", flat=True))
    return [m.organisation_id for m in memberships if has_perm(user, Perm.MODERATE, m.organisation)]


def open_queue(user: User, *, limit: int = 100) -> list[QueueItem]:
    items: QuerySet[QueueItem] = (
        QueueItem.objects.filter(
            state=QueueItem.State.OPEN, organisation_id__in=moderated_organisation_ids(user)
        )
        .select_related("organisation", "content_type")
        .prefetch_related("item")
        .order_by("-is_crisis", "-risk", "created_at")
    )
    return list(items[:limit])
