"""`suar ingest FILE --campaign SLUG` and `suar campaigns stream mastodon|bluesky ...`."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

USAGE_ERROR = 2


class ProgressBar:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, label: str, *, enabled: bool = True) -> None:
        self.label = label
        self.enabled = enabled
        self.started = time.monotonic()
        self.last_draw = 0.0

    def __call__(self, done: int, total: int, lines: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last_draw < 0.1 and done < total):
            return
        self.last_draw = now
        share = done / total if total else 1.0
        filled = int(share * 30)
        rate = lines / max(now - self.started, 1e-6)
        sys.stderr.write(
            f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {share:4.0%} "
            f"{lines:,} lines {rate:,.0f}/s"
        )
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def ingest_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="suar ingest", description="Import campaign interactions from a JSONL or CSV export."
    )
    parser.add_argument("file", type=Path, help="a .jsonl or .csv file")
    parser.add_argument("--campaign", required=True, help="the campaign's slug")
    parser.add_argument("--from-start", action="store_true", help="ignore the saved position")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)

    path: Path = args.file
    if path.suffix.lower() not in {".jsonl", ".csv", ".ndjson"}:
        print(f"suar ingest: {path}: expected a .jsonl or .csv file", file=sys.stderr)
        return USAGE_ERROR
    if not path.is_file():
        print(f"suar ingest: {path}: no such file", file=sys.stderr)
        return USAGE_ERROR

    from suar.cli import ready_database

    ready_database()
    from suar.campaigns.importer import count_by_reason, import_file
    from suar.campaigns.models import Campaign
    from suar.campaigns.selectors import campaign_totals

    campaign = Campaign.objects.filter(slug=args.campaign).first()
    if campaign is None:
        print(f"suar ingest: no campaign with the slug {args.campaign!r}", file=sys.stderr)
        return USAGE_ERROR

    started = time.monotonic()
    bar = ProgressBar(path.name, enabled=not args.quiet)
    summary = import_file(path, campaign, from_start=args.from_start, progress=bar)
    elapsed = time.monotonic() - started

    for line, reason in summary.errors:
        print(f"{path}:{line}: {reason}", file=sys.stderr)
    if summary.malformed > len(summary.errors):
        print(f"... and {summary.malformed - len(summary.errors)} more", file=sys.stderr)
    result = summary.result
    by_reason = count_by_reason(summary)
    outside = by_reason.pop("outside_window", 0)
    counted = by_reason.pop("counted", 0)
    if summary.resumed_at_line:
        print(f"resumed after line {summary.resumed_at_line:,} (saved position)")
    print(
        f"{summary.lines:,} lines in {elapsed:.1f}s: {result.inserted:,} new "
        f"({counted:,} counted, {outside:,} outside the window"
        + "".join(f", {n:,} {k}" for k, n in sorted(by_reason.items()))
        + f"), {result.duplicates:,} duplicates, {result.deletions:,} deletions, "
        f"{summary.malformed:,} malformed"
    )
    totals = campaign_totals(campaign)
    filtered = ", ".join(f"{n:,} {k}" for k, n in sorted(totals.filtered.items())) or "none"
    print(
        f"campaign {campaign.slug}: {totals.counted:,} counted, {totals.deleted:,} deleted, "
        f"{totals.outside:,} outside the window, filtered: {filtered}"
    )
    return 0


def stream_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="suar campaigns",
        description="Stream workers that follow platforms, and the auditable report.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    stream = sub.add_parser("stream", help="follow a platform's hashtag stream")
    stream.add_argument("platform", choices=["mastodon", "bluesky"])
    stream.add_argument("--campaign", required=True)
    stream.add_argument(
        "--server",
        help="Mastodon instance URL (https://mastodon.social) or Jetstream URL "
        "(wss://jetstream2.us-east.bsky.network/subscribe)",
    )
    stream.add_argument("--token", default="", help="Mastodon access token (if needed)")
    stream.add_argument("--max-events", type=int, default=0, help="stop after N (0: never)")
    stream.add_argument("--flush-seconds", type=float, default=2.0)
    stream.add_argument(
        "--refresh-seconds",
        type=float,
        default=30.0,
        help="how often the spam and deletion rules are re-applied (at least)",
    )
    report = sub.add_parser("report", help="write a campaign's auditable report as CSV")
    report.add_argument("--campaign", required=True)
    report.add_argument("--output", type=Path, help="a file (default: standard output)")
    args = parser.parse_args(argv)
    if args.command == "report":
        return report_main(args.campaign, args.output)

    from suar.cli import ready_database

    ready_database()
    from suar.campaigns.models import Campaign
    from suar.campaigns.streams import DEFAULT_SERVERS, StreamWorker

    campaign = Campaign.objects.filter(slug=args.campaign).first()
    if campaign is None:
        print(f"suar campaigns: no campaign with the slug {args.campaign!r}", file=sys.stderr)
        return USAGE_ERROR
    worker = StreamWorker(
        campaign,
        platform=args.platform,
        server=args.server or DEFAULT_SERVERS[args.platform],
        token=args.token,
        flush_seconds=args.flush_seconds,
        refresh_seconds=args.refresh_seconds,
    )

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # systemd and Docker stop with SIGTERM: flush like Ctrl-C

    signal.signal(signal.SIGTERM, stop)
    try:
        seen = worker.run(max_events=args.max_events or None)
    except KeyboardInterrupt:
        # run() flushed the batch and saved the position on its way out.
        print(f"{worker.seen:,} events from {args.platform}; position saved")
        return 130
    print(f"{seen:,} events from {args.platform}; position saved")
    return 0


def report_main(slug: str, output: Path | None) -> int:
    from suar.cli import ready_database

    ready_database()
    import csv

    from suar.campaigns.models import Campaign
    from suar.campaigns.report import report_rows

    campaign = Campaign.objects.filter(slug=slug).first()
    if campaign is None:
        print(f"suar campaigns: no campaign with the slug {slug!r}", file=sys.stderr)
        return USAGE_ERROR
    handle = output.open("w", newline="", encoding="utf-8") if output else sys.stdout
    try:
        writer = csv.writer(handle)
        for row in report_rows(campaign):
            writer.writerow(row)
    finally:
        if output:
            handle.close()
    return 0
