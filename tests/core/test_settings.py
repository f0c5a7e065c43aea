"""Settings from the environment: a secret key kept in the data dir, SQLite or PostgreSQL."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from suar import settings as suar_settings


@pytest.fixture
def fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setattr(suar_settings, "DATA_DIR", data)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    return data


def test_secret_key_is_generated_in_the_data_dir_readable_only_by_the_owner(
    fresh_data_dir: Path,
) -> None:
    key = suar_settings._secret_key()

    path = fresh_data_dir / "secret_key"
    assert path.read_text() == key
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_secret_key_is_reused_on_the_next_start(fresh_data_dir: Path) -> None:
    first = suar_settings._secret_key()

    assert suar_settings._secret_key() == first


def test_processes_starting_together_on_a_new_data_dir_share_one_key(tmp_path: Path) -> None:
    # Web, worker and ingesters may all start at once on a fresh data dir; none may read a
    # half-written key file (an empty key stops Django from starting).
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["SUAR_DATA_DIR"] = str(tmp_path / "shared")
    code = "from suar import settings; print(settings.SECRET_KEY)"
    starts = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE)
        for _ in range(6)
    ]
    keys = {start.communicate(timeout=60)[0].decode().strip() for start in starts}

    assert all(start.returncode == 0 for start in starts)
    assert keys == {(tmp_path / "shared" / "secret_key").read_text()}
    assert list((tmp_path / "shared").glob(".secret_key-*")) == []


def test_secret_key_from_the_environment_wins(
    fresh_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")

    assert suar_settings._secret_key() == "from-the-environment"
    assert not (fresh_data_dir / "secret_key").exists()


def test_default_database_is_sqlite_in_wal_mode_with_a_busy_timeout(
    fresh_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)

    database = suar_settings._databases()["default"]

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == fresh_data_dir / "suar.sqlite3"
    options = database["OPTIONS"]
    assert isinstance(options, dict)
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_database_url_selects_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://suar:secret@db.example:5432/suar")

    database = suar_settings._databases()["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.example", 5432, "suar")


def test_an_unknown_database_url_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "nosuchdb://x")

    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        suar_settings._databases()


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("yes", True), ("0", False), ("off", False), ("", True)]
)
def test_env_flags(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("SUAR_TEST_FLAG", value)

    assert suar_settings.env_flag("SUAR_TEST_FLAG", True) is expected


def test_production_defaults_are_safe() -> None:
    # What the module computes with no SUAR_DEBUG: debug off, passwords hashed with Argon2.
    assert suar_settings.DEBUG is False
    assert suar_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert suar_settings.LANGUAGE_CODE == "id"
