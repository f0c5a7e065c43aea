"""`suar publishing run`: the publisher loop, for use beside or instead of `suar worker`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="suar publishing", description="Publish scheduled posts exactly once."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = sub.add_parser("run", help="poll for due posts and publish them until stopped")
    run.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    run.add_argument("--concurrency", type=int, default=4, help="posts sent in parallel")
    run.add_argument("--batch", type=int, default=200, help="posts claimed per poll")
    run.add_argument("--once", action="store_true", help="one pass, then exit")
    sub.add_parser("refresh-tokens", help="refresh tokens expiring within 7 days, then exit")
    return parser


def publishing_main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.command is None:
        parser.print_help()
        return 0
    from suar.cli import ready_database

    ready_database()
    if args.command == "refresh-tokens":
        from suar.publishing.publisher import refresh_expiring_tokens

        print(f"refreshed {refresh_expiring_tokens()} token(s)")
        return 0
    from suar.publishing.runner import run_forever

    handled = run_forever(
        interval=args.interval,
        concurrency=args.concurrency,
        batch=args.batch,
        once=args.once,
    )
    print(f"handled {handled} publication(s)", flush=True)
    return 0
