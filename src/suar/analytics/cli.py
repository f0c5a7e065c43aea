"""`suar analytics ...`: fetch figures, import exports, discard old click salts."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="suar analytics", description="Measure success: fetch figures, import exports."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sync = sub.add_parser("sync", help="fetch figures and comments from connected accounts")
    sync.add_argument("--org", help="only this organisation (slug)")
    sync.add_argument("--force", action="store_true", help="ask for every post, due or not")
    sync.add_argument("--every", type=float, default=0, help="repeat every N minutes until stopped")
    sync.add_argument(
        "--enqueue", action="store_true", help="queue tasks for `suar worker` instead"
    )
    imp = sub.add_parser("import", help="import a Meta Business Suite or X analytics CSV export")
    imp.add_argument("file", type=Path)
    imp.add_argument("--org", required=True, help="organisation slug")
    imp.add_argument("--platform", choices=["facebook", "instagram", "x"])
    sub.add_parser("purge", help="delete past days' click salts and hashes now")
    return parser


def analytics_main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.command is None:
        parser.print_help()
        return 0
    from suar.cli import CommandError, ready_database

    ready_database()
    from suar.core.crypto import install_log_filter

    install_log_filter()
    if args.command == "purge":
        from suar.analytics.clicks import discard_old_salts

        print(f"deleted {discard_old_salts()} click hash(es) of past days")
        return 0
    if args.command == "import":
        return _import(args, CommandError)
    while True:
        _sync_once(args)
        if not args.every:
            return 0
        time.sleep(args.every * 60)


def _sync_once(args: argparse.Namespace) -> None:
    from suar.analytics import sync
    from suar.analytics.clicks import discard_old_salts

    accounts = sync.syncable_accounts()
    if args.org:
        accounts = [a for a in accounts if a.organisation.slug == args.org]
    if args.enqueue:
        from suar.analytics.tasks import sync_account

        for account in accounts:
            sync_account.enqueue(account.pk, args.force)
        print(f"queued {len(accounts)} account(s)", flush=True)
        return
    for account in accounts:
        result = sync.sync_account(account, force=args.force)
        line = (
            f"{account.platform} {account.handle}: {result.status}, "
            f"{result.posts_synced} post(s), {result.comments_stored} new comment(s)"
        )
        if result.posts_missed:
            line += f", {result.posts_missed} missed"
        if result.message:
            line += f" ({result.message})"
        print(line, flush=True)
    discard_old_salts()


def _import(args: argparse.Namespace, error: type[Exception]) -> int:
    from suar.accounts.models import Organisation
    from suar.analytics.imports import ImportRefused, import_export

    organisation = Organisation.objects.filter(slug=args.org).first()
    if organisation is None:
        raise error(f"no organisation with the slug {args.org!r}")
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise error(f"cannot read {args.file}: {exc.strerror}") from exc
    try:
        outcome = import_export(
            actor=None,
            organisation=organisation,
            data=data,
            file_name=args.file.name,
            platform=args.platform,
        )
    except ImportRefused as exc:
        raise error(f"{args.file}: {exc}") from exc
    if outcome.already_imported:
        when = f"{outcome.batch.created_at:%Y-%m-%d %H:%M}"
        print(f"{args.file}: already imported on {when}; nothing changed")
        return 0
    print(
        f"{args.file}: {outcome.imported} row(s) imported from {outcome.platform} "
        f"({outcome.new_posts} new post(s))"
    )
    for row_error in outcome.errors:
        print(f"{args.file}:{row_error.line}: {row_error.message}", file=sys.stderr)
    return 1 if outcome.errors else 0
