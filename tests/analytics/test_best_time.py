""" "Best time to post" comes from the organisation's own history, and says when there is
not enough of it instead of guessing."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import zoneinfo
from collections import defaultdict

from django.utils import timezone

from suar.analytics.best_time import MIN_POSTS, best_times
from suar.analytics.models import EngagementSnapshot, TrackedPost

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def post(organisation, n: int, published: dt.datetime, likes: int | None) -> None:  # type: ignore[no-untyped-def]
    row = TrackedPost.objects.create(
        organisation=organisation,
        platform="instagram",
        platform_post_id=f"b{n}",
        published_at=published,
    )
    if likes is not None:
        EngagementSnapshot.objects.create(
            post=row,
            taken_at=published + dt.timedelta(days=1),
            slot=published,
            source="api",
            likes=likes,
        )


def test_the_best_slots_are_those_with_the_highest_median(organisation) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(5)
    today = timezone.now().astimezone(JAKARTA).date()
    by_slot: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n in range(80):
        day = today - dt.timedelta(days=rng.randint(1, 200))
        hour = rng.choice([7, 8, 12, 19, 20, 21, 23])
        published = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59)), tzinfo=JAKARTA)
        # Evenings do better, on purpose, plus noise.
        likes = rng.randint(0, 50) + (120 if 19 <= hour <= 21 else 0)
        post(organisation, n, published, likes)
        by_slot[(published.weekday(), hour // 3)].append(likes)
    post(organisation, 999, timezone.now() - dt.timedelta(days=2), None)  # no figures: left out

    result = best_times(organisation)

    assert result.enough and result.posts_with_figures == 80
    medians = {slot: statistics.median(v) for slot, v in by_slot.items() if len(v) >= 2}
    expected = sorted(medians, key=lambda s: (-medians[s], -len(by_slot[s]), s))[:3]
    assert [(s.weekday, s.block) for s in result.best] == expected
    assert all(s.block in (6, 7) for s in result.best)  # 18:00-23:59
    for slot in result.slots:
        assert slot.posts == len(by_slot[(slot.weekday, slot.block)])


def test_with_too_little_history_there_is_no_advice(organisation) -> None:  # type: ignore[no-untyped-def]
    for n in range(MIN_POSTS - 1):
        post(organisation, n, timezone.now() - dt.timedelta(days=n + 1), 10)

    result = best_times(organisation)

    assert not result.enough and result.best == []
    assert result.posts_with_figures == MIN_POSTS - 1
