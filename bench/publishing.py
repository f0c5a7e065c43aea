"""Publishing benchmark: 10,000 posts over one simulated hour, published by two worker
processes to a fake Mastodon-shaped platform on loopback; lateness, throughput, duplicates.

Time is compressed 60x: one simulated hour is 60 real seconds, so the posts' scheduled
times are spread evenly over 60 s (about 167 posts due per second). Lateness is measured
where it matters, at the platform: when the fake server received the post minus when it
was scheduled, in real seconds. The schedule starts once the workers have published a few
warm-up posts (not counted), so start-up time on a busy machine is not counted as lateness.

    uv run python bench/publishing.py [--posts 10000] [--seconds 60] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60.0, help="real seconds = 1 sim hour")
    parser.add_argument("--workers", type=int, default=2, help="publisher processes")
    parser.add_argument("--concurrency", type=int, default=4, help="threads per process")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="suar-bench-publishing-"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(
        SUAR_DATA_DIR=str(data_dir),
        SUAR_LOG_LEVEL="WARNING",
        SUAR_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        DJANGO_SETTINGS_MODULE="suar.settings",
    )
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone
    from tests.publishing.fake_mastodon import FakeMastodon

    from suar.accounts.models import Organisation
    from suar.publishing.models import ConnectedAccount, Publication

    call_command("migrate", verbosity=0)
    # Ignoring Idempotency-Key: any duplicate the publisher made would show up as a post.
    with FakeMastodon(honour_keys=False) as platform:
        org = Organisation.objects.create(name="Bench", slug="bench")
        account = ConnectedAccount.objects.create(
            organisation=org,
            platform="mastodon",
            handle="@bench",
            platform_account_id="1",
            base_url=platform.url,
            access_token="bench-token",  # noqa: S106 - the fake platform accepts anything
        )
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "suar",
                    "publishing",
                    "run",
                    "--interval",
                    "0.2",
                    "--concurrency",
                    str(args.concurrency),
                ],
                stdout=subprocess.DEVNULL,
            )
            for _ in range(args.workers)
        ]
        # Warm-up: the clock starts once the workers publish, so that the lateness measures
        # publishing, not how long Python takes to start on a busy machine.
        Publication.objects.bulk_create(
            [
                Publication(
                    organisation=org,
                    account=account,
                    text=f"Warm-up {n}",
                    scheduled_at=timezone.now(),
                    next_attempt_at=timezone.now(),
                    idempotency_key=f"warm-up-{n}",
                )
                for n in range(4 * args.workers)
            ]
        )
        ready_by = time.time() + 120
        while time.time() < ready_by:
            if not Publication.objects.exclude(status=Publication.Status.PUBLISHED).exists():
                break
            time.sleep(0.2)
        start = timezone.now() + dt.timedelta(seconds=1)
        step = args.seconds / args.posts  # --seconds 0: all due at once (capacity)
        Publication.objects.bulk_create(
            [
                Publication(
                    organisation=org,
                    account=account,
                    text=f"Bench post {n}",
                    scheduled_at=start + dt.timedelta(seconds=n * step),
                    next_attempt_at=start + dt.timedelta(seconds=n * step),
                    idempotency_key=f"bench-{n}",
                )
                for n in range(args.posts)
            ],
            batch_size=1000,
        )
        scheduled = {
            text: when.timestamp()
            for text, when in Publication.objects.filter(text__startswith="Bench post").values_list(
                "text", "scheduled_at"
            )
        }
        deadline = time.time() + args.seconds + 120
        try:
            while time.time() < deadline:
                done = Publication.objects.filter(
                    status=Publication.Status.PUBLISHED, text__startswith="Bench post"
                ).count()
                if done >= args.posts:
                    break
                time.sleep(1)
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            for worker in workers:
                worker.wait(timeout=30)

        posted = {
            text: count
            for text, count in platform.posted_texts().items()
            if text.startswith("Bench post")
        }
        received = {
            s["content"][3:-4]: s["received_at"]
            for s in platform.statuses
            if s["content"][3:-4].startswith("Bench post")
        }
        creates = sum(1 for c in platform.creates if c["text"].startswith("Bench post"))

    statuses = dict(
        Publication.objects.filter(text__startswith="Bench post")
        .values_list("status")
        .annotate(n=django.db.models.Count("id"))
    )
    lateness = [received[text] - scheduled[text] for text in received if text in scheduled]
    first, last = min(received.values()), max(received.values())
    duplicates = sum(count - 1 for count in posted.values())
    print(
        f"posts scheduled        {args.posts} "
        + (
            f"over {args.seconds:.0f} s (1 simulated hour at {3600 / args.seconds:.0f}x), "
            if args.seconds
            else "all due at once (capacity), "
        )
        + f"{args.workers} workers x {args.concurrency} threads, "
        "SQLite (WAL)"
    )
    print(
        f"published (database)   {statuses.get('published', 0)}  other states: "
        f"{ {k: v for k, v in statuses.items() if k != 'published'} }"
    )
    print(f"posts on the platform  {len(posted)}  create requests: {creates}")
    print(f"duplicates             {duplicates}")
    print(f"lateness p50           {statistics.median(lateness):.3f} s")
    print(f"lateness p99           {percentile(lateness, 0.99):.3f} s  (goal <= 5 s)")
    print(f"lateness max           {max(lateness):.3f} s")
    demand = f"{args.posts / args.seconds:.0f} posts/s" if args.seconds else "all at once"
    print(
        f"throughput             {len(received) / max(last - first, 1e-9):.0f} posts/s "
        f"(first to last post); demand {demand}"
    )
    on_time = percentile(lateness, 0.99) <= 5 or not args.seconds  # a burst is never on time
    ok = (
        duplicates == 0
        and len(posted) == args.posts
        and statuses.get("published", 0) == args.posts
        and on_time
    )
    print("result                 " + ("OK" if ok else "NOT MET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
