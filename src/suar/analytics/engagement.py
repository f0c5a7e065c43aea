"""Reads of post figures: per post, per platform, per post kind and per publication day.

Every total keeps count of how many posts gave the figure, so a page can say "reach known
for 3 of 5 posts" instead of adding the missing ones up as zero.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation
from suar.analytics.models import INTERACTIONS, METRICS, EngagementSnapshot, TrackedPost
from suar.analytics.period import Period
from suar.publishing.limits import PLATFORM_LIMITS
from suar.studio.models import PostKind

MAX_POSTS = 5000
ALL = (*METRICS, "interactions")


def platform_name(key: str) -> str:
    limits = PLATFORM_LIMITS.get(key)
    return limits.name if limits else key.title() or _("Unknown platform")


def kind_name(key: str) -> str:
    if key in PostKind.values:
        return str(PostKind(key).label)
    return key or _("Kind not known")


@dataclass
class Metric:
    total: int | None = None  # None: no post in scope gives this figure
    known: int = 0  # how many posts give it
    posts: int = 0  # posts in scope

    def add(self, value: int | None) -> None:
        self.posts += 1
        if value is not None:
            self.known += 1
            self.total = (self.total or 0) + value

    @property
    def complete(self) -> bool:
        return self.known == self.posts


def interactions_of(snapshot: EngagementSnapshot | None) -> int | None:
    """Likes + comments + shares, of those the platform gives; None when it gives none."""
    if snapshot is None:
        return None
    values = [getattr(snapshot, name) for name in INTERACTIONS]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


@dataclass
class PostFigures:
    post: TrackedPost
    snapshot: EngagementSnapshot | None

    @property
    def interactions(self) -> int | None:
        return interactions_of(self.snapshot)

    def value(self, name: str) -> int | None:
        if name == "interactions":
            return interactions_of(self.snapshot)
        return getattr(self.snapshot, name) if self.snapshot else None


@dataclass
class Row:
    key: str
    label: str
    posts: int = 0
    with_figures: int = 0
    metrics: dict[str, Metric] = field(default_factory=lambda: {m: Metric() for m in ALL})
    # Sums over the posts that give both figures, for an honest engagement rate.
    _rate_interactions: int = 0
    _rate_impressions: int = 0

    def add(self, figures: PostFigures) -> None:
        self.posts += 1
        if figures.snapshot is not None:
            self.with_figures += 1
        for name in ALL:
            self.metrics[name].add(figures.value(name))
        interactions, impressions = figures.value("interactions"), figures.value("impressions")
        if interactions is not None and impressions:
            self._rate_interactions += interactions
            self._rate_impressions += impressions

    @property
    def interactions_per_post(self) -> float | None:
        metric = self.metrics["interactions"]
        return None if metric.total is None or not metric.known else metric.total / metric.known

    @property
    def engagement_rate(self) -> float | None:
        """Interactions per impression (as a fraction), over posts that give both."""
        if not self._rate_impressions:
            return None
        return self._rate_interactions / self._rate_impressions


@dataclass
class EngagementFigures:
    period: Period
    posts: list[PostFigures]
    totals: Row
    by_platform: list[Row]
    by_kind: list[Row]
    by_day: list[tuple[dt.date, int | None]]
    truncated: bool = False

    @property
    def platforms_without(self) -> dict[str, list[str]]:
        """platform name -> figures it gave for none of its posts in the range."""
        out: dict[str, list[str]] = {}
        for row in self.by_platform:
            missing = [m for m in METRICS if row.metrics[m].known == 0]
            if missing:
                out[row.label] = missing
        return out


def newest_snapshot_id() -> Subquery:
    """A subquery for annotating posts with their newest snapshot's id (indexed lookup)."""
    newest = EngagementSnapshot.objects.filter(post_id=OuterRef("pk")).order_by("-taken_at", "-pk")
    return Subquery(newest.values("pk")[:1])


def snapshots_by_post(pairs: Iterable[tuple[int, int | None]]) -> dict[int, EngagementSnapshot]:
    """(post id, newest snapshot id) pairs -> the snapshots, in one query."""
    wanted = {latest: pk for pk, latest in pairs if latest is not None}
    if not wanted:
        return {}
    return {wanted[s.pk]: s for s in EngagementSnapshot.objects.filter(pk__in=list(wanted))}


def latest_snapshots(post_ids: Iterable[int]) -> dict[int, EngagementSnapshot]:
    """The newest snapshot of each post, in two queries whatever the history's length."""
    ids = list(post_ids)
    if not ids:
        return {}
    pairs = (
        TrackedPost.objects.filter(pk__in=ids)
        .annotate(latest=newest_snapshot_id())
        .values_list("pk", "latest")
    )
    return snapshots_by_post(pairs)


def posts_in(organisation: Organisation, period: Period) -> list[TrackedPost]:
    """The range's posts, each annotated with `latest_snapshot_id`."""
    return list(
        TrackedPost.objects.filter(
            organisation=organisation,
            published_at__gte=period.start_at,
            published_at__lt=period.end_at,
        )
        .select_related("account")
        .annotate(latest_snapshot_id=newest_snapshot_id())
        .order_by("published_at", "pk")[: MAX_POSTS + 1]
    )


def engagement_figures(organisation: Organisation, period: Period) -> EngagementFigures:
    posts = posts_in(organisation, period)
    truncated = len(posts) > MAX_POSTS
    posts = posts[:MAX_POSTS]
    snapshots = snapshots_by_post((p.pk, p.latest_snapshot_id) for p in posts)  # type: ignore[attr-defined]
    figures = [PostFigures(post=p, snapshot=snapshots.get(p.pk)) for p in posts]
    totals = Row(key="all", label=_("All platforms"))
    platforms: dict[str, Row] = {}
    kinds: dict[str, Row] = {}
    daily: dict[dt.date, int | None] = defaultdict(lambda: None)
    for item in figures:
        totals.add(item)
        platform = item.post.platform
        platforms.setdefault(platform, Row(key=platform, label=platform_name(platform))).add(item)
        kinds.setdefault(item.post.kind, Row(key=item.post.kind, label=kind_name(item.post.kind)))
        kinds[item.post.kind].add(item)
        assert item.post.published_at is not None
        day = period.local_date(item.post.published_at)
        value = item.value("interactions")
        if value is not None:
            daily[day] = (daily[day] or 0) + value
    return EngagementFigures(
        period=period,
        posts=figures,
        totals=totals,
        by_platform=sorted(platforms.values(), key=lambda r: r.label),
        by_kind=sorted(kinds.values(), key=lambda r: r.label),
        by_day=[(day, daily.get(day)) for day in period.days],
        truncated=truncated,
    )


def post_history(post: TrackedPost, *, limit: int = 2000) -> list[EngagementSnapshot]:
    """A post's snapshots, oldest first: the time series of its figures."""
    return list(post.snapshots.order_by("taken_at", "pk")[:limit])
