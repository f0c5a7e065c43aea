"""Engagement per post, platform, post kind and day, checked against figures computed here
from the generated history itself (not with the code under test)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict

from suar.analytics.engagement import engagement_figures
from suar.analytics.period import parse_period
from tests.analytics.history import METRICS, generate

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def _expected(posts, start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=JAKARTA)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=JAKARTA)
    scoped = [p for p in posts if lo <= p.published_at < hi]
    totals = {m: [0, 0] for m in (*METRICS, "interactions")}  # sum, known
    platforms: dict[str, dict[str, list[int]]] = defaultdict(
        lambda: {m: [0, 0] for m in (*METRICS, "interactions")}
    )
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # posts, interactions, known
    days: dict[dt.date, int] = {}
    for p in scoped:
        latest = p.latest or {}
        parts = [latest.get(m) for m in ("likes", "comments", "shares")]
        given = [v for v in parts if v is not None]
        interactions = sum(given) if given else None
        kinds[p.kind][0] += 1
        for name, value in [*((m, latest.get(m)) for m in METRICS), ("interactions", interactions)]:
            if value is not None:
                for bucket in (totals, platforms[p.platform]):
                    bucket[name][0] += value
                    bucket[name][1] += 1
        if interactions is not None:
            kinds[p.kind][1] += interactions
            kinds[p.kind][2] += 1
            day = p.published_at.astimezone(JAKARTA).date()
            days[day] = days.get(day, 0) + interactions
    return scoped, totals, platforms, kinds, days


def test_totals_by_platform_kind_and_day_match_the_history(
    organisation, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    posts = generate(organisation)
    period = parse_period("", "", JAKARTA, default_days=30)
    scoped, totals, platforms, kinds, days = _expected(posts, period.start, period.end)
    assert 10 < len(scoped) < len(posts)  # the range really cuts the history

    with django_assert_max_num_queries(4):
        figures = engagement_figures(organisation, period)

    assert figures.totals.posts == len(scoped)
    assert figures.totals.with_figures == sum(1 for p in scoped if p.snapshots)
    for name, (total, known) in totals.items():
        metric = figures.totals.metrics[name]
        assert (metric.total, metric.known) == ((total if known else None), known), name
    got_platforms = {row.key: row for row in figures.by_platform}
    assert set(got_platforms) == {p.platform for p in scoped}
    for platform, expected in platforms.items():
        for name, (total, known) in expected.items():
            metric = got_platforms[platform].metrics[name]
            assert (metric.total, metric.known) == ((total if known else None), known)
    # Mastodon and Bluesky give no reach: missing, never added up as zero.
    for platform in ("mastodon", "bluesky"):
        if platform in got_platforms:
            assert got_platforms[platform].metrics["reach"].total is None
    for row in figures.by_kind:
        posts_n, interactions, known = kinds[row.key]
        assert row.posts == posts_n
        expected_avg = interactions / known if known else None
        assert row.interactions_per_post == expected_avg
    by_day = dict(figures.by_day)
    assert set(by_day) == set(period.days)
    for day in period.days:
        assert by_day[day] == days.get(day), day


def test_the_engagement_rate_uses_only_posts_that_give_both_figures(organisation) -> None:  # type: ignore[no-untyped-def]
    posts = generate(organisation, seed=3)
    period = parse_period("", "", JAKARTA, default_days=60)
    scoped, *_ = _expected(posts, period.start, period.end)
    interactions = impressions = 0
    for p in scoped:
        latest = p.latest
        if not latest or not latest["impressions"]:
            continue
        interactions += sum(latest[m] or 0 for m in ("likes", "comments", "shares"))
        impressions += latest["impressions"]

    figures = engagement_figures(organisation, period)

    assert figures.totals.engagement_rate == interactions / impressions


def test_an_empty_range_has_no_figures_rather_than_zeros(organisation) -> None:  # type: ignore[no-untyped-def]
    generate(organisation)
    period = parse_period("2001-01-01", "2001-01-31", JAKARTA)

    figures = engagement_figures(organisation, period)

    assert figures.totals.posts == 0
    assert all(m.total is None for m in figures.totals.metrics.values())
    assert all(value is None for _, value in figures.by_day)
