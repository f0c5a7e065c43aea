"""Reads for the Studio pages, scoped to the organisations where the person may compose."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from suar.accounts.models import Organisation
from suar.accounts.permissions import AnyUser, has_perm
from suar.accounts.roles import Perm
from suar.publishing.models import ConnectedAccount, Publication
from suar.studio.models import Comment, Delivery, Post, PostStatus


def studio_organisations(user: AnyUser) -> list[Organisation]:
    """Organisations whose Studio this person may use (composing is the entry capability)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Organisation.objects.all())
    orgs = Organisation.objects.filter(memberships__user=user).distinct()
    return [org for org in orgs if has_perm(user, Perm.COMPOSE_POSTS, org)]


def visible_posts(user: AnyUser) -> QuerySet[Post]:
    orgs = [org.pk for org in studio_organisations(user)]
    return (
        Post.objects.filter(organisation_id__in=orgs)
        .select_related("organisation", "author", "approved_by", "campaign")
        .prefetch_related(
            Prefetch(
                "deliveries",
                queryset=Delivery.objects.select_related("publication", "account", "variant"),
            )
        )
    )


def post_for_page(user: AnyUser, pk: int) -> Post:
    """One post with everything its page shows; raises Post.DoesNotExist outside the scope."""
    return (
        visible_posts(user)
        .prefetch_related(
            "media",
            "variants",
            "short_links",
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
        )
        .get(pk=pk)
    )


def current_deliveries(post: Post) -> list[Delivery]:
    """Deliveries of the post's current revision (older ones were cancelled)."""
    return [d for d in post.deliveries.all() if d.revision == post.revision]


def post_state(post: Post) -> str:
    """The state people see: the workflow status, or the publications' outcome once scheduled."""
    if post.status != PostStatus.SCHEDULED:
        return str(post.status)
    statuses = {d.publication.status for d in current_deliveries(post)}
    if Publication.Status.FAILED in statuses:
        return "failed"
    if Publication.Status.UNKNOWN in statuses or Publication.Status.PUBLISHING in statuses:
        return "publishing"
    if statuses and statuses <= {Publication.Status.PUBLISHED}:
        return "published"
    if statuses and Publication.Status.PUBLISHED in statuses:
        return "publishing"  # some accounts done, others still to come
    return "scheduled"


def connected_accounts(organisation: Organisation) -> list[ConnectedAccount]:
    return list(
        ConnectedAccount.objects.filter(
            organisation=organisation, status=ConnectedAccount.Status.CONNECTED
        ).order_by("platform", "handle")
    )


@dataclass
class Day:
    date: dt.date
    in_month: bool
    posts: list[Post] = field(default_factory=list)


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Day]]
    previous: tuple[int, int]
    next: tuple[int, int]


def calendar_month(user: AnyUser, year: int, month: int, zone: dt.tzinfo) -> Month:
    """A month grid (weeks from Monday) with posts on their local day; two queries in all."""
    cal = calendar.Calendar(firstweekday=0)
    dates = list(cal.itermonthdates(year, month))
    start = dt.datetime.combine(dates[0], dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(dates[-1] + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    by_day: dict[dt.date, list[Post]] = defaultdict(list)
    posts = (
        visible_posts(user)
        .filter(scheduled_at__gte=start, scheduled_at__lt=end)
        .order_by("scheduled_at", "pk")
    )
    for post in posts:
        assert post.scheduled_at is not None
        by_day[post.scheduled_at.astimezone(zone).date()].append(post)
    days = [Day(d, d.month == month, by_day.get(d, [])) for d in dates]
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    prev_year, prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    return Month(year, month, weeks, (prev_year, prev_month), (next_year, next_month))
