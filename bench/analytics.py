"""Impact benchmark: how long the figures take for an organisation with a large history.

    uv run python bench/analytics.py                  # 5,000 posts x 8 snapshots, 200 links
    uv run python bench/analytics.py --posts 20000    # other sizes

On a fresh SQLite file in a temporary data dir it generates posts with snapshot histories,
link clicks over a year, sign-ups and stories, then times (median of 3): building the report
for 30 and 365 days (what the dashboard, PDF, CSV and API all read), rendering the dashboard
page, the PDF and the CSV, best time to post, and importing a 10,000-row Meta export; and
the click recorder's rate (clicks/s through the real short-link view). Generation is not
timed. SUAR_BENCH_PROFILE=1 prints a profile of building the 30-day report instead.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--snapshots", type=int, default=8)
    parser.add_argument("--links", type=int, default=200)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="suar-bench-analytics-")
    os.environ["SUAR_DATA_DIR"] = data
    os.environ.setdefault("SUAR_HTTPS", "0")
    os.environ.setdefault("SUAR_PLAIN_STATIC", "1")  # no collectstatic manifest needed
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    from suar.cli import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    report = run(args)
    for line in report:
        print(line)
    return 0


def run(args: argparse.Namespace) -> list[str]:
    import datetime as dt

    from django.conf import settings
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from suar.accounts.models import Membership, Organisation, User
    from suar.accounts.roles import Role
    from suar.analytics.best_time import best_times
    from suar.analytics.imports import import_export
    from suar.analytics.models import (
        EngagementSnapshot,
        LinkClickDay,
        Programme,
        SignUp,
        TrackedPost,
    )
    from suar.analytics.period import parse_period
    from suar.analytics.report import build_report
    from suar.studio.models import ShortLink
    from suar.studio.timezones import studio_zone

    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(1)
    org = Organisation.objects.create(name="Bench", slug="bench")
    user = User.objects.create(username="bench-organiser")
    Membership.objects.create(user=user, organisation=org, role=Role.ORGANISER)
    now = timezone.now()
    platforms = ["instagram", "facebook", "x", "mastodon", "bluesky"]
    generated = time.perf_counter()
    with transaction.atomic():
        posts = TrackedPost.objects.bulk_create(
            TrackedPost(
                organisation=org,
                platform=rng.choice(platforms),
                platform_post_id=f"b{n}",
                kind=rng.choice(["tip", "story", "quote", "resource"]),
                label=f"Post {n}",
                published_at=now - dt.timedelta(minutes=rng.randint(60, 60 * 24 * 365)),
            )
            for n in range(args.posts)
        )
        snaps = []
        for post in posts:
            assert post.published_at is not None
            for k in range(args.snapshots):
                taken = post.published_at + dt.timedelta(hours=6 * (k + 1))
                snaps.append(
                    EngagementSnapshot(
                        post=post,
                        taken_at=taken,
                        slot=taken.replace(minute=0, second=0, microsecond=0),
                        source="api",
                        likes=rng.randint(0, 500) * (k + 1),
                        comments=rng.randint(0, 50),
                        shares=rng.randint(0, 80),
                        reach=rng.randint(100, 9000)
                        if post.platform in ("instagram", "facebook")
                        else None,
                        impressions=rng.randint(100, 12000)
                        if post.platform != "mastodon"
                        else None,
                    )
                )
        EngagementSnapshot.objects.bulk_create(snaps, batch_size=5000)
        links = ShortLink.objects.bulk_create(
            ShortLink(organisation=org, code=f"bl{n}", target="/grup/") for n in range(args.links)
        )
        today = timezone.localdate()
        LinkClickDay.objects.bulk_create(
            (
                LinkClickDay(
                    link=link,
                    day=today - dt.timedelta(days=d),
                    source=rng.choice(["instagram", "facebook", "x", "whatsapp", "direct"]),
                    clicks=rng.randint(1, 40),
                    visitors=rng.randint(1, 30),
                )
                for link in links
                for d in range(0, 365, 3)
            ),
            batch_size=5000,
            ignore_conflicts=True,
        )
        programme = Programme.objects.create(
            organisation=org, kind="event", title="Acara", slug="acara"
        )
        SignUp.objects.bulk_create(
            SignUp(
                programme=programme,
                name=f"P{n}",
                contact="x",
                contact_method="other",
                link=rng.choice(links),
            )
            for n in range(2000)
        )
    generated = time.perf_counter() - generated
    zone = studio_zone(org)
    month = parse_period("", "", zone, default_days=30)
    year = parse_period("", "", zone, default_days=365)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.cookies["suar_language"] = "en"

    if os.environ.get("SUAR_BENCH_PROFILE"):
        import cProfile
        import pstats

        build_report(org, month)  # warm: URL conf, translations
        profile = Path(tempfile.mkdtemp()) / "report.prof"
        cProfile.runctx("build_report(org, month)", globals(), locals(), str(profile))
        pstats.Stats(str(profile)).sort_stats("cumulative").print_stats(25)
        return []

    def ms(fn: Callable[[], object]) -> str:
        return f"{timed(fn) * 1000:8.1f} ms"

    lines = [
        f"history: {args.posts:,} posts x {args.snapshots} snapshots, "
        f"{args.links} links x 122 days, 2,000 sign-ups (generated in {generated:.1f} s)",
        f"build_report 30 days:   {ms(lambda: build_report(org, month))}",
        f"build_report 365 days:  {ms(lambda: build_report(org, year))}",
        f"best time to post:      {ms(lambda: best_times(org))}",
        f"dashboard page 365 d:   {ms(lambda: client.get('/dampak/bench/?days=365'))}",
        f"PDF report 365 d:       {ms(lambda: client.get('/dampak/bench/laporan.pdf?days=365'))}",
        f"CSV report 365 d:       {ms(lambda: client.get('/dampak/bench/laporan.csv?days=365'))}",
    ]
    header = (
        "Post ID,Page ID,Page name,Description,Publish time,Permalink,Post type,"
        "Impressions,Reach,Reactions,Comments,Shares\n"
    )
    rows = "".join(
        f"9_{n},9,Bench,Post {n},03/{1 + n % 28:02d}/2026 {n % 24:02d}:00,"
        f"https://www.facebook.com/9/posts/{n},Photos,"
        f"{n % 9000},{n % 7000},{n % 500},{n % 50},{n % 80}\n"
        for n in range(10_000)
    )
    data = (header + rows).encode()
    started = time.perf_counter()
    outcome = import_export(actor=user, organisation=org, data=data, file_name="bench.csv")
    lines.append(
        f"import 10,000-row Meta export: {time.perf_counter() - started:6.2f} s "
        f"({outcome.imported:,} rows, {len(outcome.errors)} bad)"
    )
    visitor = Client(HTTP_USER_AGENT="Mozilla/5.0 bench")
    started = time.perf_counter()
    n_clicks = 2000
    for n in range(n_clicks):
        visitor.get(
            f"/studio/l/bl{n % args.links}/?s=instagram", REMOTE_ADDR=f"10.0.{n % 250}.{n % 200}"
        )
    rate = n_clicks / (time.perf_counter() - started)
    lines.append(f"short-link clicks through the view: {rate:,.0f} clicks/s (one process)")
    return lines


if __name__ == "__main__":
    sys.exit(main())
