"""Run the real `suar` command in a subprocess on its own temporary data dir, not the test DB."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SUAR = [sys.executable, "-m", "suar"]
TIMEOUT = 60  # seconds; every command here finishes in a few


def suar_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a fresh install: none of the test run's SUAR_* settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SUAR_")
        and key not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env["SUAR_DATA_DIR"] = str(data_dir)
    env.update(overrides)
    return env


def run_suar(
    *args: str, data_dir: Path, timeout: float = TIMEOUT, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SUAR, *args],
        env=suar_env(data_dir, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def count_rows(data_dir: Path, table: str) -> int:
    with sqlite3.connect(data_dir / "suar.sqlite3") as db:
        (count,) = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()  # noqa: S608
    return int(count)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated data dir per test run; tests get copies of it."""
    data_dir = tmp_path_factory.mktemp("migrated") / "data"
    result = run_suar("migrate", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir


@pytest.fixture
def migrated_data_dir(migrated_template: Path, tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(migrated_template, data_dir)
    return data_dir


@pytest.fixture
def unwritable_data_dir(tmp_path: Path) -> Path:
    # Tests run as root, who may write anywhere: a path below a regular file cannot be created.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return blocker / "data"


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit code 2, one line on stderr that starts with `suar:`, and no stack trace."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("suar: ")
    for fragment in fragments:
        assert fragment in lines[0]
