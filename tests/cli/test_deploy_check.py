"""In production mode (no SUAR_DEBUG, HTTPS on) Django's deployment checks find nothing."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run_suar

DEPLOY_CHECK = ("manage", "check", "--deploy", "--fail-level", "WARNING")


def test_production_mode_passes_the_deployment_checks(tmp_path: Path) -> None:
    result = run_suar(*DEPLOY_CHECK, data_dir=tmp_path / "data")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_mode_is_flagged_by_the_deployment_checks(tmp_path: Path) -> None:
    result = run_suar(*DEPLOY_CHECK, data_dir=tmp_path / "data", SUAR_DEBUG="1")

    assert result.returncode != 0
    assert "security.W018" in result.stderr
