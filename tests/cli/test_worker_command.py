"""`suar worker --batch` runs what is queued on the database-backed queue, then exits."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import run_suar, suar_env


def test_worker_batch_exits_cleanly_on_an_empty_queue(migrated_data_dir: Path) -> None:
    result = run_suar("worker", "--batch", data_dir=migrated_data_dir)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_worker_batch_runs_a_queued_task_to_success(migrated_data_dir: Path) -> None:
    enqueue = (
        "from suar.cli import setup_django; setup_django()\n"
        "from suar.publishing.tasks import refresh_tokens\n"
        "refresh_tokens.enqueue(days=7)\n"
    )
    queued = subprocess.run(
        [sys.executable, "-c", enqueue],
        env=suar_env(migrated_data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert queued.returncode == 0, queued.stderr
    assert task_statuses(migrated_data_dir) == ["READY"]

    result = run_suar("worker", "--batch", data_dir=migrated_data_dir)

    assert result.returncode == 0, result.stderr
    assert task_statuses(migrated_data_dir) == ["SUCCESSFUL"]


def task_statuses(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / "suar.sqlite3") as db:
        rows = db.execute("SELECT status FROM django_tasks_database_dbtaskresult").fetchall()
    return [status for (status,) in rows]
