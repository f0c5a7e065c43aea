"""Campaign ingest benchmark: events/s end to end and peak memory, bulk path vs per-row ORM.

    uv run python bench/ingest.py                 # N = 100,000, 1,000,000, 3,000,000 into SQLite
    uv run python bench/ingest.py --sizes 200000  # other sizes
    uv run python bench/ingest.py --postgres postgres://suar:suar@127.0.0.1:55432/suar_bench
        # also PostgreSQL (or SUAR_BENCH_POSTGRES_URL), in a new database dropped afterwards

Each measurement runs in its own process (so peak memory, ru_maxrss, is its own) on a fresh
SQLite file (or, on the given PostgreSQL server, in one database made for the run). "End to
end" means reading the JSONL file, parsing, classifying, hashing, inserting with the
exactly-once key, saving the cursor, and the spam/deletion pass at the end. Generating the
file is not timed.
The per-row ORM path (one `Interaction.save()` per event, duplicates caught as IntegrityError)
runs on a smaller N and its rate is reported as measured (per-event cost is flat in N, so the
rate is what it would be at the larger N). Peak memory is the importer's own and, separately,
its parser process's (large files are parsed in a second process; see campaigns/importer.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START = datetime(2026, 1, 27, 17, 0, tzinfo=UTC)


def child(mode: str, n: int, workdir: Path) -> dict[str, object]:
    sys.path.insert(0, str(ROOT / "src"))
    from suar.cli import setup_django

    setup_django()
    from django.core.management import call_command
    from django.db import IntegrityError, connection, transaction

    from suar.accounts.models import Organisation
    from suar.campaigns.events import BadEvent, EventReader, Row
    from suar.campaigns.importer import import_file
    from suar.campaigns.models import Action, Campaign, Interaction
    from suar.campaigns.synthetic import write_events

    call_command("migrate", interactive=False, verbosity=0)
    path = workdir / f"events-{n}.jsonl"
    if not path.exists():
        write_events(path, n, start=START, hours=24)
    org, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    slug = f"bench-{mode}-{n}-{os.getpid()}"
    campaign = Campaign.objects.create(
        organisation=org,
        name=slug,
        slug=slug,
        hashtags=["suarharapan"],
        rules={"*": [a.value for a in Action]},
        starts_at=START,
        ends_at=START + timedelta(days=1),
    )
    phases = {"write": 0.0, "filters": 0.0}
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    if mode == "bulk":
        # Where the time goes: writing batches, the filter pass, and the rest (waiting for
        # the parser process, which reads, parses, classifies and hashes in parallel).
        from suar.campaigns import importer

        def timed(name: str, function: Any) -> Any:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                begin = time.perf_counter()
                try:
                    return function(*args, **kwargs)
                finally:
                    phases[name] += time.perf_counter() - begin

            return wrapper

        importer.write_batch = timed("write", importer.write_batch)  # type: ignore[assignment]
        importer.refresh_filters = timed("filters", importer.refresh_filters)  # type: ignore[assignment]
        summary = import_file(path, campaign)
        inserted = summary.result.inserted
    else:
        reader = EventReader(campaign)
        inserted = 0
        with path.open("rb") as lines:
            for line in lines:
                try:
                    row = reader.read(json.loads(line))
                except BadEvent:
                    continue
                if not isinstance(row, Row):
                    continue
                try:
                    with transaction.atomic():
                        Interaction(
                            campaign=campaign,
                            platform=row.platform,
                            platform_event_id=row.event_id,
                            action=row.action,
                            account_hash=row.account_hash,
                            text_hash=row.text_hash,
                            occurred_at=row.moment,
                            minute=row.minute,
                            status=row.status,
                            reason=row.reason,
                            source="orm",
                        ).save()
                    inserted += 1
                except IntegrityError:
                    pass
    elapsed = time.perf_counter() - started
    cpu_self = _cpu(resource.getrusage(resource.RUSAGE_SELF)) - _cpu(cpu_before)
    cpu_parser = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
    counted = Interaction.objects.filter(campaign=campaign, status="counted").count()
    if connection.vendor == "postgresql":
        # The bench's own database: clear it with plain SQL (the ORM's cascade would load
        # every row's id first).
        with connection.cursor() as cursor:
            for table in ("campaigns_interaction", "campaigns_deletion", "campaigns_ingestcursor"):
                cursor.execute(f"DELETE FROM {table} WHERE campaign_id = %s", [campaign.pk])  # noqa: S608
        campaign.delete()
    return {
        "mode": mode,
        "db": connection.vendor,
        "n": n,
        "seconds": round(elapsed, 2),
        "events_per_s": round(n / elapsed),
        "inserted": inserted,
        "counted": counted,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "parser_rss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "cpu_importer_s": round(cpu_self, 2),
        "cpu_parser_s": round(cpu_parser, 2),
        "write_s": round(phases["write"], 2),
        "filters_s": round(phases["filters"], 2),
    }


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def run(mode: str, n: int, workdir: Path, postgres: str | None) -> dict[str, object]:
    env = dict(os.environ)
    data = Path(tempfile.mkdtemp(prefix="suar-bench-", dir=workdir))
    env["SUAR_DATA_DIR"] = str(data)
    env.pop("DATABASE_URL", None)
    if postgres:
        env["DATABASE_URL"] = postgres
    command = [sys.executable, __file__, "--child", mode, str(n), str(workdir)]
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True, cwd=ROOT)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    for leftover in data.glob("suar.sqlite3*"):
        leftover.unlink()
    return result


def phases_note(r: dict[str, object]) -> str:
    write, filters = float(str(r["write_s"])), float(str(r["filters_s"]))
    other = float(str(r["seconds"])) - write - filters
    return (
        f"  [write {write:.2f}s, filter pass {filters:.2f}s, waiting/other {other:.2f}s; "
        f"CPU importer {r['cpu_importer_s']}s, parser {r['cpu_parser_s']}s]"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 3_000_000])
    parser.add_argument(
        "--postgres",
        default=os.environ.get("SUAR_BENCH_POSTGRES_URL", ""),
        help="a PostgreSQL server to measure too (in a new database of its own, dropped after)",
    )
    parser.add_argument("--orm-n", type=int, default=5_000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, n, workdir = args.child
        print(json.dumps(child(mode, int(n), Path(workdir))))
        return 0

    if not args.postgres:
        return measure(args, None)
    from bench_postgres import throwaway_database  # beside this script, on sys.path

    with throwaway_database(args.postgres, "suar_bench_ingest") as url:
        return measure(args, url)


def measure(args: argparse.Namespace, postgres: str | None) -> int:
    targets: list[tuple[str, str | None]] = [("sqlite", None)]
    if postgres:
        targets.append(("postgresql", postgres))
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="suar-bench-") as tmp:
        workdir = Path(tmp)
        for name, url in targets:
            bulk = [run("bulk", n, workdir, url) for n in args.sizes]
            orm = run("orm", args.orm_n, workdir, url)
            for r in [*bulk, orm]:
                print(
                    f"{name:<10} {r['mode']:<4} N={r['n']:>9,}  {r['events_per_s']:>9,} events/s  "
                    f"{r['seconds']:>7}s  new={r['inserted']:,} counted={r['counted']:,}  "
                    f"peak RSS {r['peak_rss_mib']} MiB (parser {r['parser_rss_mib']} MiB)"
                    + (phases_note(r) if r["mode"] == "bulk" else "")
                )
            best = max(int(str(r["events_per_s"])) for r in bulk)
            print(
                f"{name:<10} bulk / per-row ORM: {best / int(str(orm['events_per_s'])):.0f}x; "
                f"peak memory {bulk[0]['peak_rss_mib']} MiB at N={bulk[0]['n']:,} vs "
                f"{bulk[-1]['peak_rss_mib']} MiB at N={bulk[-1]['n']:,}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
