"""`suar --help` lists every command."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run_suar


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = run_suar("--help", data_dir=tmp_path / "data")

    assert result.returncode == 0
    for command in ("demo", "serve", "worker", "migrate", "check", "safety", "manage"):
        assert f"    {command} " in result.stdout, command


def test_no_command_prints_the_help(tmp_path: Path) -> None:
    result = run_suar(data_dir=tmp_path / "data")

    assert result.returncode == 0
    assert "usage: suar" in result.stdout


def test_an_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run_suar("migrate", "--bogus", data_dir=tmp_path / "data")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "unrecognised arguments: --bogus" in result.stderr
