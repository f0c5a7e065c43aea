"""Review queue benchmark: ordering correctness on a generated backlog, and queue page time.

    uv run python bench/moderation.py                  # 10,000 open items, SQLite
    uv run python bench/moderation.py --items 50000 --repeat 30
    uv run python bench/moderation.py --database-url postgres://suar:suar@127.0.0.1:55432/suar_bench
        # on that server, in a new database of its own, dropped afterwards

It fills a throwaway data dir with one organisation, a group, 10,000 held stories and their
open queue items (a tenth crisis, risks spread over [0, 1], waiting times over 30 days, some
reported several times), then:

1. Ordering: pages through the whole queue as a moderator sees it (selectors.queue_page, 25 a
   page) and compares it with the order the issue asks for, computed independently in Python
   (crisis first; then risk band, highest first; then the longest waiting; then id). It prints
   the number of items out of place (must be 0) and checks every page for duplicates and gaps.
2. Rendering: GET /moderasi/ (first page, a middle page, the last page, crisis only) through
   Django's full middleware stack (in process, signed in), `--repeat` times each: median and
   p95 milliseconds, and the number of SQL queries per page (must not grow with the backlog).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(database_url: str | None) -> None:
    data_dir = tempfile.mkdtemp(prefix="suar-bench-moderation-")
    os.environ["SUAR_DATA_DIR"] = data_dir
    os.environ.setdefault("SUAR_HTTPS", "0")
    os.environ.setdefault("SUAR_PLAIN_STATIC", "1")  # no collectstatic manifest needed
    os.environ["SUAR_ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ.setdefault("SUAR_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT / "src"))
    from suar.cli import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def fill(n: int, seed: int) -> object:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from suar.accounts.models import Membership, Organisation, User
    from suar.accounts.roles import Role
    from suar.community.models import Group, Status, Story
    from suar.moderation.models import QueueItem, band

    rng = random.Random(seed)
    org = Organisation.objects.create(name="Bench", slug="bench")
    moderator = User.objects.create(username="bench-mod")
    Membership.objects.create(user=moderator, organisation=org, role=Role.MODERATOR)
    author = User.objects.create(username="bench-author")
    Membership.objects.create(user=author, organisation=org, role=Role.MEMBER)
    group = Group.objects.create(organisation=org, name="Bench", slug="bench")
    now = timezone.now()
    stories = Story.objects.bulk_create(
        [
            Story(
                group=group,
                author=author,
                title=f"Cerita {i}",
                body=f"Isi cerita nomor {i}.",
                body_html=f"<p>Isi cerita nomor {i}.</p>",
                status=Status.HELD,
            )
            for i in range(n)
        ],
        batch_size=2000,
    )
    content_type = ContentType.objects.get_for_model(Story)
    entries = []
    for story in stories:
        crisis = rng.random() < 0.1
        # Risks cluster at a few values, as rule scores do, so bands and ties really occur.
        risk = round(rng.choice([0.2, 0.35, 0.5, 0.55, 0.7, 0.72, 0.9, rng.random()]), 3)
        reports = rng.choice([0, 0, 0, 1, 2, 4])
        entries.append(
            QueueItem(
                organisation=org,
                group=group,
                subject=author,
                content_type=content_type,
                object_id=story.pk,
                category="crisis" if crisis else rng.choice(["harassment", "report", "spam"]),
                is_crisis=crisis,
                risk=1.0 if crisis else risk,
                priority=band(1.0 if crisis else risk, reports),
                report_count=reports,
                created_at=now - timedelta(seconds=rng.randrange(30 * 24 * 3600)),
            )
        )
    QueueItem.objects.bulk_create(entries, batch_size=2000)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum would soon after a real backlog
            cursor.execute("ANALYZE")
    return moderator


def check_order(moderator: object) -> dict[str, object]:
    from suar.moderation import selectors
    from suar.moderation.models import QueueItem

    rows = list(
        QueueItem.objects.filter(state="open").values_list(
            "pk", "is_crisis", "priority", "created_at"
        )
    )
    expected = [pk for pk, *_ in sorted(rows, key=lambda r: (not r[1], -r[2], r[3], r[0]))]
    seen: list[int] = []
    page_number, started = 1, time.perf_counter()
    while True:
        page = selectors.queue_page(moderator, page=page_number)  # type: ignore[arg-type]
        seen.extend(e.pk for e in page.object_list)
        if not page.has_next():
            break
        page_number += 1
    elapsed = time.perf_counter() - started
    misplaced = sum(1 for a, b in zip(seen, expected, strict=False) if a != b)
    crisis_ids = {pk for pk, crisis, *_ in rows if crisis}
    first_normal = next((i for i, pk in enumerate(seen) if pk not in crisis_ids), len(seen))
    return {
        "items": len(rows),
        "pages": page_number,
        "misplaced": misplaced,
        "duplicates": len(seen) - len(set(seen)),
        "missing": len(set(expected) - set(seen)),
        "crisis_items": len(crisis_ids),
        "all_crisis_first": all(pk in crisis_ids for pk in seen[:first_normal])
        and not any(pk in crisis_ids for pk in seen[first_normal:]),
        "walk_seconds": elapsed,
    }


def time_pages(moderator: object, repeat: int, pages: int) -> list[tuple[str, float, float, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(moderator, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
    targets = [
        ("first page", "/moderasi/"),
        ("middle page", f"/moderasi/?hal={max(1, pages // 2)}"),
        ("last page", f"/moderasi/?hal={pages}"),
        ("crisis only", "/moderasi/?jenis=crisis"),
    ]
    results = []
    for label, url in targets:
        client.get(url)  # warm: templates compiled, connections open
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        results.append((label, statistics.median(times), p95, len(queries)))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("SUAR_BENCH_POSTGRES_URL"))
    args = parser.parse_args()
    if not args.database_url:
        return run(args, None)
    from bench_postgres import throwaway_database  # beside this script, on sys.path

    with throwaway_database(args.database_url, "suar_bench_moderation") as url:
        return run(args, url)


def run(args: argparse.Namespace, database_url: str | None) -> int:
    setup(database_url)
    from django.db import connection

    started = time.perf_counter()
    moderator = fill(args.items, args.seed)
    print(f"database: {connection.vendor}; backlog of {args.items:,} open items generated in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    order = check_order(moderator)
    print(
        f"ordering: {order['items']:,} items on {order['pages']} pages; misplaced "
        f"{order['misplaced']}, duplicates {order['duplicates']}, missing {order['missing']}; "
        f"all {order['crisis_items']:,} crisis items first: {order['all_crisis_first']}; "
        f"walking every page took {order['walk_seconds']:.1f} s"
    )
    print(f"queue page render ({args.repeat} requests each, full middleware, signed in):")
    print(f"  {'page':<12} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, median, p95, queries in time_pages(moderator, args.repeat, int(order["pages"])):  # type: ignore[arg-type]
        print(f"  {label:<12} {median:>10.1f} {p95:>8.1f} {queries:>8}")
    ok = order["misplaced"] == 0 and order["duplicates"] == 0 and order["missing"] == 0
    print("result:", "ordering correct" if ok else "ORDERING WRONG")
    connection.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
