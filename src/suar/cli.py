"""The `suar` command: demo, serve, worker, migrate, check, safety and Django's own commands."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Sequence

USAGE_ERROR = 2


class CommandError(Exception):
    """A problem the person can fix; printed as one line, without a stack trace."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    if extra and not getattr(args, "accepts_extra", False):
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    handler: Callable[[argparse.Namespace, list[str]], int] = args.handler
    try:
        return handler(args, extra)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # turn known configuration problems into one readable line
        message = explain(exc)
        if message is None:
            raise
        print(f"suar: {message}", file=sys.stderr)
        return USAGE_ERROR


def explain(exc: BaseException) -> str | None:
    """One line saying what went wrong and what to do, for problems a person can fix."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError

    from suar.datadir import DataDirError

    if isinstance(exc, CommandError | DataDirError | ImproperlyConfigured):
        return str(exc)
    if isinstance(exc, OperationalError):
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return (
            f"cannot use the database ({first_line}). Check DATABASE_URL, "
            "that the server is running and that the user may connect."
        )
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="suar",
        description="Suar: a safe, bilingual platform for recovery communities.",
        epilog="Configuration comes from environment variables; see the README.",
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = sub.add_parser("demo", help="set up a demo community and start the app (SQLite)")
    _add_bind_arguments(demo)
    demo.add_argument("--no-serve", action="store_true", help="load the demo data, do not serve")
    demo.set_defaults(handler=run_demo)

    serve = sub.add_parser("serve", help="run the production web server (gunicorn + WhiteNoise)")
    _add_bind_arguments(serve)
    serve.add_argument("--workers", type=int, default=int(os.environ.get("SUAR_WEB_WORKERS", "2")))
    serve.set_defaults(handler=run_serve)

    worker = sub.add_parser("worker", help="run background tasks (database-backed queue)")
    worker.add_argument("--batch", action="store_true", help="run what is queued, then exit")
    worker.add_argument("--queue", default="default", help="queue name (default: default)")
    worker.set_defaults(handler=run_worker)

    migrate = sub.add_parser("migrate", help="create or update the database tables")
    migrate.set_defaults(handler=run_migrate)

    check = sub.add_parser(
        "check", help="analyse a text with the safety engine (FILE or - for stdin)", add_help=False
    )
    check.set_defaults(handler=run_safety_check, accepts_extra=True)

    safety = sub.add_parser("safety", help="the safety engine's model: train, info", add_help=False)
    safety.set_defaults(handler=run_safety, accepts_extra=True)

    ingest = sub.add_parser(
        "ingest", help="import campaign interactions from a JSONL or CSV export", add_help=False
    )
    ingest.set_defaults(handler=run_ingest, accepts_extra=True)

    campaigns = sub.add_parser(
        "campaigns", help="campaign stream workers (Mastodon, Bluesky)", add_help=False
    )
    campaigns.set_defaults(handler=run_campaigns, accepts_extra=True)

    publishing = sub.add_parser(
        "publishing", help="run the publisher loop that posts scheduled content", add_help=False
    )
    publishing.set_defaults(handler=run_publishing, accepts_extra=True)

    analytics = sub.add_parser(
        "analytics", help="fetch post figures, import platform exports (impact)", add_help=False
    )
    analytics.set_defaults(handler=run_analytics, accepts_extra=True)

    manage = sub.add_parser(
        "manage",
        help="run a Django management command (createsuperuser, shell, ...)",
        add_help=False,
    )
    manage.set_defaults(handler=run_manage, accepts_extra=True)
    return parser


def _add_bind_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("SUAR_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("SUAR_PORT", "8000")))


def setup_django() -> None:
    """Load settings and apps; a configuration problem surfaces as one clear line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "suar.settings")
    import django

    django.setup()


def ensure_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise CommandError(
                f"cannot listen on {host}:{port} ({exc.strerror}); "
                f"stop the program using it or pass --port {port + 1}"
            ) from exc


def ensure_database_ready(*, migrate: bool) -> None:
    """Migrate (demo) or refuse to start on a database with unapplied migrations (serve)."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    connection.ensure_connection()
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending and migrate:
        call_command("migrate", interactive=False, verbosity=0)
    elif pending:
        raise CommandError(
            f"the database needs {len(pending)} migration(s): run `suar migrate`, then start again"
        )


def ready_database() -> None:
    """What every command that reads or writes the database does first: a writable data
    dir, Django loaded, a reachable and migrated database (each problem one clear line)."""
    from suar.datadir import ensure_data_dir

    ensure_data_dir()
    setup_django()
    ensure_database_ready(migrate=False)


def collect_static() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def run_migrate(args: argparse.Namespace, extra: list[str]) -> int:
    from suar.datadir import ensure_data_dir

    ensure_data_dir()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False)
    return 0


def run_demo(args: argparse.Namespace, extra: list[str]) -> int:
    from suar.datadir import ensure_data_dir

    # The demo serves plain HTTP on this machine: secure-only cookies would lock people out.
    os.environ.setdefault("SUAR_HTTPS", "0")
    data = ensure_data_dir()
    if not args.no_serve:
        ensure_port_free(args.host, args.port)
    setup_django()
    ensure_database_ready(migrate=True)
    from suar.core.demo import DEMO_PASSWORD, load_demo_community

    accounts = load_demo_community()
    collect_static()
    url = f"http://{args.host}:{args.port}/"
    print(f"Suar demo is ready. Data: {data}")
    print(f"Open {url}")
    print(f"Log in with any of these (password: {DEMO_PASSWORD}):")
    for username, role in accounts:
        print(f"  {username:<10} {role}")
    if args.no_serve:
        return 0
    # Everything a real install runs: the task worker and the publisher loop (which also
    # enqueues the hourly engagement sync), so scheduled posts go out in the demo too.
    helpers = [
        subprocess.Popen([sys.executable, "-m", "suar", "worker"]),
        subprocess.Popen([sys.executable, "-m", "suar", "publishing", "run"]),
    ]
    try:
        return serve_forever(args.host, args.port, workers=2)
    finally:
        for helper in helpers:
            helper.terminate()
        for helper in helpers:
            helper.wait(timeout=10)


def run_serve(args: argparse.Namespace, extra: list[str]) -> int:
    from suar.datadir import ensure_data_dir

    data = ensure_data_dir()
    ensure_port_free(args.host, args.port)
    setup_django()
    ensure_database_ready(migrate=False)
    collect_static()
    print(f"Suar is serving on http://{args.host}:{args.port}/ (data: {data})", flush=True)
    return serve_forever(args.host, args.port, workers=args.workers)


def serve_forever(host: str, port: int, *, workers: int) -> int:
    from suar.server import run_gunicorn

    run_gunicorn(host=host, port=port, workers=max(1, workers))
    return 0


def run_worker(args: argparse.Namespace, extra: list[str]) -> int:
    ready_database()
    from django.core.management import call_command

    options: dict[str, object] = {"queue_name": args.queue, "reload": False}
    if args.batch:
        options["batch"] = True
    call_command("db_worker", **options)
    return 0


def run_safety_check(args: argparse.Namespace, extra: list[str]) -> int:
    from suar.safety.cli import check_main

    return check_main(extra)


def run_safety(args: argparse.Namespace, extra: list[str]) -> int:
    if extra[:1] == ["train"] and "--from-decisions" in extra:
        # The moderators' decisions live in the database: this path needs Django.
        ready_database()
        from suar.moderation.learning import train_from_decisions_main

        return train_from_decisions_main(extra[1:])
    from suar.safety.cli import safety_main

    return safety_main(extra)


def run_ingest(args: argparse.Namespace, extra: list[str]) -> int:
    from suar.campaigns.cli import ingest_main

    return ingest_main(extra)


def run_campaigns(args: argparse.Namespace, extra: list[str]) -> int:
    from suar.campaigns.cli import stream_main

    return stream_main(extra)


def run_publishing(args: argparse.Namespace, extra: list[str]) -> int:
    from suar.publishing.cli import publishing_main

    return publishing_main(extra)


def run_analytics(args: argparse.Namespace, extra: list[str]) -> int:
    from suar.analytics.cli import analytics_main

    return analytics_main(extra)


def run_manage(args: argparse.Namespace, extra: list[str]) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["suar manage", *extra])
    return 0


if __name__ == "__main__":
    sys.exit(main())
