"""Latency of the feed, a group page and a story page with 100,000 stories and 10,000 members.

One command: `uv run python bench/pages.py [--stories N] [--members N] [--requests N]`.
It fills a throwaway SQLite data dir (bulk_create), starts the production server
(`suar serve`, gunicorn) on a loopback port, and sends requests from 50 threads with
persistent http.client connections, with the health endpoint as the bare Django view.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def setup_environment(data_dir: Path) -> None:
    os.environ["SUAR_DATA_DIR"] = str(data_dir)
    os.environ["SUAR_HTTPS"] = "0"
    os.environ["SUAR_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "suar.settings")


def generate(stories: int, members: int) -> dict[str, str]:
    """Fill the database; returns the reader's session cookie and the URLs to measure."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from suar.accounts.models import Membership, Organisation, User
    from suar.community.markup import render
    from suar.community.models import Group, Reply, Story

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(42)
    now = timezone.now()
    with transaction.atomic():
        org = Organisation.objects.create(name="Yayasan Bench", slug="bench")
        users = User.objects.bulk_create(
            [User(username=f"anggota{n}", password="!") for n in range(members)]  # noqa: S106 (unusable), batch_size=2000
        )
        Membership.objects.bulk_create(
            [Membership(user=u, organisation=org) for u in users], batch_size=2000
        )
        groups = Group.objects.bulk_create(
            [Group(organisation=org, name=f"Grup {g}", slug=f"grup-{g}") for g in range(50)]
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
                    visibility="public",
                    created_at=now - timedelta(minutes=stories - n),
                    reply_count=0,
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
                for n in range(10)
            ]
        )
    reader = users[0]
    session = SessionStore()
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.create()
    return {
        "cookie": f"sessionid={session.session_key}",
        "group": f"/komunitas/g/bench/{story.group.slug}/",
        "story": f"/komunitas/cerita/{story.pk}/",
    }


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "suar", "serve", "--host", HOST, "--port", str(port),
         "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/health/")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(
        f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}"
    )


def load(port: int, path: str, cookie: str, requests: int, concurrency: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = iter(range(requests))
    stop_at = time.monotonic() + 120  # bounded whatever the server does

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        headers = {"Cookie": cookie, "Accept-Language": "id"}
        while time.monotonic() < stop_at:
            with lock:
                if next(remaining, None) is None:
                    break
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                ok = False
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    latencies.sort()
    if not latencies:
        return {"n": 0, "errors": errors, "p50": 0, "p95": 0, "rps": 0}
    return {
        "n": len(latencies),
        "errors": errors,
        "p50": statistics.median(latencies),
        "p95": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))],
        "rps": len(latencies) / wall,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=1000, help="per page")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("SUAR_WEB_WORKERS", "2")))
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="suar-bench-pages-"))
    setup_environment(data_dir)
    server = None
    try:
        began = time.perf_counter()
        urls = generate(args.stories, args.members)
        print(f"generated {args.stories:,} stories, {args.members:,} members "
              f"in {time.perf_counter() - began:.1f} s ({data_dir})")  # fmt: skip
        port = free_port()
        server = start_server(port, args.workers)
        pages = [
            ("bare view /health/", "/health/"),
            ("feed /komunitas/beranda/", "/komunitas/beranda/"),
            (f"group {urls['group']}", urls["group"]),
            (f"story {urls['story']}", urls["story"]),
        ]
        print(
            f"suar serve: {args.workers} gunicorn workers x 4 threads, {os.cpu_count()} CPUs; "
            f"{args.requests} requests per page from {args.concurrency} threads (signed in)"
        )
        print(f"{'page':<40} {'ok':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
        for name, path in pages:
            load(port, path, urls["cookie"], min(100, args.requests), args.concurrency)  # warm up
            result = load(port, path, urls["cookie"], args.requests, args.concurrency)
            print(f"{name:<40} {result['n']:>6.0f} {result['errors']:>4.0f} "
                  f"{result['p50']:>8.1f} {result['p95']:>8.1f} {result['rps']:>8.0f}")  # fmt: skip
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
