"""`suar demo --no-serve` sets up a demo community, prints how to use it, and is safe to rerun."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import count_rows, run_suar

TABLES = ("accounts_user", "accounts_membership", "community_group", "community_story")


@pytest.fixture(scope="module")
def demo_twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, int]], str]:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    counts = []
    output = ""
    for _ in range(2):
        result: subprocess.CompletedProcess[str] = run_suar(
            "demo", "--no-serve", "--port", "8123", data_dir=data_dir
        )
        assert result.returncode == 0, result.stderr
        counts.append({table: count_rows(data_dir, table) for table in TABLES})
        output = result.stdout
    return data_dir, counts, output


def test_demo_loads_people_groups_and_stories(
    demo_twice: tuple[Path, list[dict[str, int]], str],
) -> None:
    _, counts, _ = demo_twice

    assert all(counts[0][table] > 0 for table in TABLES)


def test_running_the_demo_twice_duplicates_nothing(
    demo_twice: tuple[Path, list[dict[str, int]], str],
) -> None:
    _, counts, _ = demo_twice

    assert counts[1] == counts[0]


def test_demo_prints_the_url_and_the_logins(
    demo_twice: tuple[Path, list[dict[str, int]], str],
) -> None:
    _, _, output = demo_twice

    assert "http://127.0.0.1:8123/" in output
    assert "suar-demo-2026" in output
    for username in ("admin", "organiser", "moderator", "expert", "peer", "member"):
        assert f"  {username} " in output


def test_demo_database_uses_wal(demo_twice: tuple[Path, list[dict[str, int]], str]) -> None:
    data_dir, _, _ = demo_twice

    with sqlite3.connect(data_dir / "suar.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_demo_keeps_its_secret_key_private(
    demo_twice: tuple[Path, list[dict[str, int]], str],
) -> None:
    data_dir, _, _ = demo_twice

    assert (data_dir / "secret_key").stat().st_mode & 0o777 == 0o600
