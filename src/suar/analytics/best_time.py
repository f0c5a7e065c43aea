"""When the organisation's own posts did best: weekday and time of day, from its history.

Each post counts once, with its latest interactions (likes + comments + shares). Slots are
three-hour blocks in the organisation's time zone. A slot is ranked only with enough posts
in it, and the whole advice only with enough posts with figures: below that the page says
how many more are needed instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dates import WEEKDAYS

from suar.accounts.models import Organisation
from suar.analytics.engagement import interactions_of, newest_snapshot_id, snapshots_by_post
from suar.analytics.models import TrackedPost
from suar.studio.timezones import studio_zone

HISTORY_DAYS = 365
BLOCK_HOURS = 3
MIN_POSTS = 10  # with figures, before any advice
MIN_PER_SLOT = 2
MAX_POSTS = 5000


@dataclass(frozen=True)
class Slot:
    weekday: int  # Monday = 0
    block: int  # 0 = 00:00-02:59, ... 7 = 21:00-23:59
    posts: int
    median: float  # median interactions per post

    @property
    def weekday_name(self) -> str:
        return str(WEEKDAYS[self.weekday])

    @property
    def hours(self) -> str:
        start = self.block * BLOCK_HOURS
        return f"{start:02d}:00-{start + BLOCK_HOURS - 1:02d}:59"


@dataclass
class BestTimes:
    posts_with_figures: int
    slots: list[Slot]  # every slot with at least one post
    best: list[Slot]  # up to three, best first, each with at least MIN_PER_SLOT posts
    enough: bool
    zone: str
    platform: str | None = None

    def cell(self, weekday: int, block: int) -> Slot | None:
        for slot in self.slots:
            if slot.weekday == weekday and slot.block == block:
                return slot
        return None


def best_times(organisation: Organisation, *, platform: str | None = None) -> BestTimes:
    zone = studio_zone(organisation)
    since = timezone.now() - dt.timedelta(days=HISTORY_DAYS)
    posts = TrackedPost.objects.filter(organisation=organisation, published_at__gte=since).order_by(
        "-published_at"
    )
    if platform:
        posts = posts.filter(platform=platform)
    rows = list(
        posts.annotate(latest=newest_snapshot_id()).values_list("pk", "published_at", "latest")[
            :MAX_POSTS
        ]
    )
    snapshots = snapshots_by_post((pk, latest) for pk, _, latest in rows)
    values: dict[tuple[int, int], list[int]] = {}
    counted = 0
    for pk, published_at, _latest in rows:
        assert published_at is not None  # filtered on published_at__gte
        value = interactions_of(snapshots.get(pk))
        if value is None:
            continue
        counted += 1
        local = published_at.astimezone(zone)
        values.setdefault((local.weekday(), local.hour // BLOCK_HOURS), []).append(value)
    slots = [
        Slot(weekday=w, block=b, posts=len(v), median=float(statistics.median(v)))
        for (w, b), v in sorted(values.items())
    ]
    enough = counted >= MIN_POSTS
    ranked = sorted(
        (s for s in slots if s.posts >= MIN_PER_SLOT),
        key=lambda s: (-s.median, -s.posts, s.weekday, s.block),
    )
    return BestTimes(
        posts_with_figures=counted,
        slots=slots,
        best=ranked[:3] if enough else [],
        enough=enough,
        zone=str(zone),
        platform=platform,
    )
