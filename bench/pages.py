"""Latency of the feed, a group page and a story page with 100,000 stories and 10,000 members.

    uv run python bench/pages.py                       # 100,000 stories, 10,000 members, SQLite
    uv run python bench/pages.py --stories 20000 --duration 5
    uv run python bench/pages.py --database-url postgres://suar:suar@127.0.0.1:55432/suar_bench

It fills a throwaway data dir (bulk_create: about ten seconds for the default size), starts
the production server (`suar serve`: gunicorn, WhiteNoise, the real middleware) on a loopback
port, and drives it with wrk (Debian's `apt-get install -y wrk`): 50 connections, each request
signed in as one of 200 members in turn, so feeds differ and caches are not flattered. The
bare Django view (/bench/bare/, added by bench/pages_bare_settings.py: same server, same
middleware, a view that returns "ok") and the health view (one `SELECT 1`) run in the same
run for comparison. It also counts the queries each page runs at full size, and prints the
latency of one request at a time (c=1), which shows the work per request on a busy machine.
With --database-url it runs in a new database on that PostgreSQL server, dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

HOST = "127.0.0.1"
BENCH = Path(__file__).resolve().parent
READERS = 200  # signed-in members the requests rotate through

# wrk's Lua hooks: rotate the session cookie per request, count non-200 answers across
# threads, and print the percentiles wrk does not print by itself (p95).
WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  cookies = {}
  for line in io.lines(args[1]) do table.insert(cookies, line) end
  n, bad = math.random(#cookies), 0
end
function request()
  n = n % #cookies + 1
  return wrk.format("GET", wrk.path, {["Cookie"] = cookies[n], ["Accept-Language"] = "id"})
end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local bad_total = 0
  for _, t in ipairs(threads) do bad_total = bad_total + t:get("bad") end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f %.3f %.3f\n",
    summary.requests, bad_total + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def setup_environment(data_dir: Path, database_url: str) -> None:
    os.environ["SUAR_DATA_DIR"] = str(data_dir)
    os.environ["SUAR_HTTPS"] = "0"
    os.environ["SUAR_LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "pages_bare_settings"
    # The bench process renders pages only to count queries: no collected static files. The
    # server (started without this variable) serves the fingerprinted ones, as in production.
    os.environ["SUAR_PLAIN_STATIC"] = "1"
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(BENCH), str(BENCH.parent / "src"), os.environ.get("PYTHONPATH", "")]
    )
    sys.path[:0] = [str(BENCH), str(BENCH.parent / "src")]
    if database_url:
        os.environ["DATABASE_URL"] = database_url


def generate(stories: int, members: int) -> dict[str, object]:
    """Fill the database; returns the readers' session cookies and the URLs to measure."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from suar.accounts.models import Membership, Organisation, User
    from suar.community.markup import render
    from suar.community.models import Group, Reaction, Reply, Story

    call_command("migrate", interactive=False, verbosity=0)
    if User.objects.exists():
        raise SystemExit("the database is not empty: give the bench a throwaway database")
    rng = random.Random(42)
    now = timezone.now()
    with transaction.atomic():
        org = Organisation.objects.create(name="Yayasan Bench", slug="bench")
        users = User.objects.bulk_create(
            [User(username=f"anggota{n}", display_name=f"Anggota {n}", password="!")  # noqa: S106 (unusable)
             for n in range(members)],
            batch_size=2000,
        )  # fmt: skip
        Membership.objects.bulk_create(
            [Membership(user=u, organisation=org) for u in users], batch_size=2000
        )
        groups = Group.objects.bulk_create(
            [
                Group(organisation=org, name=f"Grup {g}", slug=f"grup-{g}", description="Dukung.")
                for g in range(50)
            ]
        )
        through = Group.members.through
        rows = []
        for n, user in enumerate(users):
            for g in {n % 50, (n * 7 + 3) % 50}:
                rows.append(through(group_id=groups[g].pk, user_id=user.pk))
        through.objects.bulk_create(rows, batch_size=5000)
        body = "Hari ini aku **bertahan** lagi.\n\n- jalan pagi\n- telepon sponsor\n- tidur cukup"
        html = render(body)
        created = Story._meta.get_field("created_at")
        created.auto_now_add = False  # type: ignore[attr-defined]  # historic timestamps
        batch: list[Story] = []
        for n in range(stories):
            author = users[rng.randrange(members)]
            batch.append(
                Story(
                    group=groups[author.pk % 50],
                    author=author,
                    title=f"Cerita pemulihan {n}",
                    body=body,
                    body_html=html,
                    anonymous=n % 5 == 0,
                    pseudonym="Rusa Tenang" if n % 5 == 0 else "",
                    content_warning="Relapse" if n % 7 == 0 else "",
                    visibility="public",
                    created_at=now - timedelta(minutes=stories - n),
                    reply_count=3 if n % 3 == 0 else 0,
                )
            )
            if len(batch) == 5000:
                Story.objects.bulk_create(batch)
                batch = []
        Story.objects.bulk_create(batch)
        created.auto_now_add = True  # type: ignore[attr-defined]
        story = Story.objects.order_by("-pk").first()
        assert story is not None
        Reply.objects.bulk_create(
            [
                Reply(story=story, author=users[n], body="Peluk!", body_html=render("Peluk!"))
                for n in range(1, 11)
            ]
        )
        Story.objects.filter(pk=story.pk).update(reply_count=10, first_reply_at=now)
        Reaction.objects.bulk_create(
            [Reaction(story=story, user=users[n], kind="hug") for n in range(1, 30)]
        )
    cookies = []
    for reader in users[:READERS]:
        session = SessionStore()
        session[SESSION_KEY] = str(reader.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
        session.create()
        cookies.append(f"sessionid={session.session_key}")
    return {
        "cookies": cookies,
        "group": f"/komunitas/g/bench/{story.group.slug}/",
        "story": f"/komunitas/cerita/{story.pk}/",
    }


def count_queries(path: str, cookie: str) -> int:
    """The queries one request for this page runs, at full size, through the test client."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    client.cookies.load(cookie)
    client.get(path)  # warm: the first request fills per-process caches
    count = 0

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}, not 200")
    return count


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "suar", "serve", "--host", HOST, "--port", str(port),
         "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if k != "SUAR_PLAIN_STATIC"},
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/health/", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    error = server.stderr.read().decode() if server.stderr else ""
    raise SystemExit(f"the server did not start: {error}")


def wrk(url: str, script: Path, cookies: Path, *, connections: int, seconds: int) -> list[float]:
    threads = max(1, min(2, connections))
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(script), url, "--", str(cookies)]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found = re.search(r"^RESULT (.+)$", output, re.MULTILINE)
    if found is None:
        raise SystemExit(f"wrk printed no result:\n{output}")
    return [float(value) for value in found.group(1).split()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=50, help="concurrent requests")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("SUAR_WEB_WORKERS", "2")))
    parser.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL server (a new database there, dropped after)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `apt-get install -y wrk` (Debian's package)")
    if not args.database_url:
        return run(args, "")
    from bench_postgres import throwaway_database  # beside this script, on sys.path

    with throwaway_database(args.database_url, "suar_bench_pages") as url:
        return run(args, url)


def run(args: argparse.Namespace, database_url: str) -> int:
    work = Path(tempfile.mkdtemp(prefix="suar-bench-pages-"))
    setup_environment(work, database_url)
    server = None
    try:
        began = time.perf_counter()
        data = generate(args.stories, max(args.members, READERS))
        print(f"generated {args.stories:,} stories, {args.members:,} members in "
              f"{time.perf_counter() - began:.1f} s "
              f"({'PostgreSQL' if database_url else 'SQLite'})")  # fmt: skip
        cookies = work / "cookies.txt"
        cookies.write_text("\n".join(data["cookies"]) + "\n")  # type: ignore[arg-type]
        script = work / "rotate.lua"
        script.write_text(WRK_SCRIPT)
        pages = [
            ("bare Django view", "/bench/bare/"),
            ("health view (SELECT 1)", "/health/"),
            ("feed", "/komunitas/beranda/"),
            ("group page", str(data["group"])),
            ("story page (10 replies)", str(data["story"])),
        ]
        first_cookie = data["cookies"][0]  # type: ignore[index]
        queries = {path: count_queries(path, first_cookie) for _name, path in pages}
        port = free_port()
        server = start_server(port, args.workers)
        print(
            f"suar serve: {args.workers} gunicorn workers x 4 threads on {os.cpu_count()} CPUs; "
            f"wrk, {args.connections} connections, {args.duration} s per page, "
            f"{READERS} signed-in members in turn"
        )
        header = (f"{'page':<26} {'queries':>7} {'requests':>9} {'errors':>6} {'p50 ms':>7} "
                  f"{'p90 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'req/s':>7} "
                  f"{'c=1 p50':>8}")  # fmt: skip
        print(header)
        for name, path in pages:
            url = f"http://{HOST}:{port}{path}"
            wrk(url, script, cookies, connections=args.connections, seconds=2)  # warm up
            n, errors, p50, p90, p95, p99, rate = wrk(
                url, script, cookies, connections=args.connections, seconds=args.duration
            )
            single = wrk(url, script, cookies, connections=1, seconds=3)[2]
            print(f"{name:<26} {queries[path]:>7} {n:>9.0f} {errors:>6.0f} {p50:>7.1f} "
                  f"{p90:>7.1f} {p95:>7.1f} {p99:>7.1f} {rate:>7.0f} {single:>8.2f}")  # fmt: skip
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
