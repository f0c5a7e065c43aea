"""The crash test: a publisher worker killed with SIGKILL mid-batch; after a restart every
post exists exactly once on the (fake, loopback) platform."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.publishing.fake_mastodon import FakeMastodon

POSTS = 30
SETUP = """
import datetime as dt
from django.utils import timezone
from suar.accounts.models import Organisation
from suar.publishing.models import ConnectedAccount, Publication
org = Organisation.objects.create(name="Pulih", slug="pulih")
account = ConnectedAccount.objects.create(
    organisation=org, platform="mastodon", handle="@pulih", platform_account_id="1",
    base_url="{base}", access_token="tok",
)
now = timezone.now()
for n in range({posts}):
    Publication.objects.create(
        organisation=org, account=account, text=f"Kabar baik nomor {{n}}",
        scheduled_at=now, next_attempt_at=now, idempotency_key=f"crash-{{n}}",
    )
"""


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(
        SUAR_DATA_DIR=str(data_dir),
        SUAR_PUBLISHING_LEASE_SECONDS="2",
        SUAR_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        SUAR_LOG_LEVEL="WARNING",
    )
    return env


@pytest.fixture(scope="module")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite data dir, copied for each run (migrating takes seconds)."""
    data_dir = tmp_path_factory.mktemp("suar-crash-template")
    subprocess.run(
        [sys.executable, "-m", "suar", "migrate"],
        env=_env(data_dir),
        check=True,
        capture_output=True,
    )
    return data_dir


@pytest.fixture
def data_dir(migrated_template: Path, tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "data"
    shutil.copytree(migrated_template, target)
    yield target


def _statuses(db: Path) -> dict[str, int]:
    with sqlite3.connect(db, timeout=20) as conn:
        rows = conn.execute(
            "SELECT status, COUNT(*) FROM publishing_publication GROUP BY status"
        ).fetchall()
    return dict(rows)


def _start_worker(data_dir: Path, log: Path) -> subprocess.Popen[bytes]:
    # stderr to a file, not a pipe: a pipe nobody reads can fill up and stall the worker.
    command = [sys.executable, "-m", "suar", "publishing", "run", "--interval", "0.1"]
    with log.open("ab") as errors:
        return subprocess.Popen(
            [*command, "--concurrency", "3"],
            env=_env(data_dir),
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )


@pytest.mark.parametrize("honour_keys", [True, False], ids=["keys-honoured", "keys-ignored"])
def test_sigkill_mid_batch_then_restart_publishes_each_post_exactly_once(
    data_dir: Path, honour_keys: bool
) -> None:
    db = data_dir / "suar.sqlite3"
    with FakeMastodon(honour_keys=honour_keys, delay=0.2) as platform:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "suar",
                "manage",
                "shell",
                "-c",
                SETUP.format(base=platform.url, posts=POSTS),
            ],
            env=_env(data_dir),
            check=True,
            capture_output=True,
        )
        log = data_dir / "worker.log"
        worker = _start_worker(data_dir, log)
        deadline = time.monotonic() + 30
        while len(platform.creates) < 8 and time.monotonic() < deadline:
            assert worker.poll() is None, log.read_text()[-2000:]
            time.sleep(0.01)
        worker.send_signal(signal.SIGKILL)  # mid-request: posts exist the DB does not know of
        worker.wait()
        at_kill = _statuses(db)
        assert at_kill.get("publishing", 0) >= 1, at_kill
        assert len(platform.creates) < POSTS

        restarted = _start_worker(data_dir, log)
        try:
            deadline = time.monotonic() + 40
            while _statuses(db).get("published", 0) < POSTS and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            restarted.send_signal(signal.SIGTERM)
            restarted.wait(timeout=20)

        final = _statuses(db)
        assert final == {"published": POSTS}, (at_kill, final, log.read_text()[-2000:])
        posted = platform.posted_texts()
        assert len(posted) == POSTS
        assert set(posted.values()) == {1}, "a post was published twice"
        if not honour_keys:
            # Nothing deduplicated on the platform side: each create made a post, so the
            # number of creates is the proof that no blind retry happened.
            assert len(platform.creates) == POSTS
