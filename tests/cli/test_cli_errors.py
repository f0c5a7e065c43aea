"""Problems a person can fix give one clear line and exit code 2, never a stack trace."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import assert_one_clear_line, run_suar


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    "command",
    [["migrate"], ["demo", "--no-serve"], ["worker", "--batch"], ["manage", "check"]],
    ids=lambda command: command[0],
)
def test_unwritable_data_dir(unwritable_data_dir: Path, command: list[str]) -> None:
    result = run_suar(*command, data_dir=unwritable_data_dir)

    assert_one_clear_line(result, str(unwritable_data_dir), "SUAR_DATA_DIR")


def test_unwritable_data_dir_when_serving(unwritable_data_dir: Path) -> None:
    result = run_suar("serve", "--port", str(free_port()), data_dir=unwritable_data_dir)

    assert_one_clear_line(result, "SUAR_DATA_DIR")


def test_database_url_with_an_unknown_scheme(tmp_path: Path) -> None:
    result = run_suar("migrate", data_dir=tmp_path / "data", DATABASE_URL="nosuchdb://x")

    assert_one_clear_line(result, "DATABASE_URL", "postgres://")


def test_database_url_pointing_at_an_unreachable_postgresql(tmp_path: Path) -> None:
    result = run_suar(
        "migrate", data_dir=tmp_path / "data", DATABASE_URL="postgres://u:p@127.0.0.1:1/x"
    )

    assert_one_clear_line(result, "cannot use the database", "DATABASE_URL")


def test_serving_on_a_port_in_use(migrated_data_dir: Path, busy_port: int) -> None:
    result = run_suar("serve", "--port", str(busy_port), data_dir=migrated_data_dir)

    assert_one_clear_line(result, f"127.0.0.1:{busy_port}", "--port")


def test_demo_on_a_port_in_use(tmp_path: Path, busy_port: int) -> None:
    result = run_suar("demo", "--port", str(busy_port), data_dir=tmp_path / "data")

    assert_one_clear_line(result, f"127.0.0.1:{busy_port}")


def test_serving_an_unmigrated_database_says_to_migrate(tmp_path: Path) -> None:
    result = run_suar("serve", "--port", str(free_port()), data_dir=tmp_path / "data")

    assert_one_clear_line(result, "suar migrate")


def test_worker_on_an_unmigrated_database_says_to_migrate(tmp_path: Path) -> None:
    result = run_suar("worker", "--batch", data_dir=tmp_path / "data")

    assert_one_clear_line(result, "suar migrate")


@pytest.mark.parametrize(
    "command",
    [
        ["publishing", "run", "--once"],
        ["analytics", "sync"],
        ["campaigns", "report", "--campaign", "x"],
        ["ingest", "FILE", "--campaign", "x"],
        ["safety", "train", "--from-decisions"],
    ],
    ids=lambda command: "-".join(command[:2]),
)
def test_every_database_command_on_an_unmigrated_database_says_to_migrate(
    tmp_path: Path, command: list[str]
) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text("")
    args = [str(export) if part == "FILE" else part for part in command]

    result = run_suar(*args, data_dir=tmp_path / "data")

    assert_one_clear_line(result, "suar migrate")
