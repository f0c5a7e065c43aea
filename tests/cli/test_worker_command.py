"""`suar worker --batch` runs what is queued on the database-backed queue, then exits."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run_suar


def test_worker_batch_exits_cleanly_on_an_empty_queue(migrated_data_dir: Path) -> None:
    result = run_suar("worker", "--batch", data_dir=migrated_data_dir)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
