"""The whole test suite: lint, types, then the tests on SQLite and on PostgreSQL.

PostgreSQL runs when SUAR_TEST_POSTGRES_URL names a server whose user may create databases
(`bash .ci/run` installs and starts one). Under CI it is required.

The two pytest runs go side by side, one per core, so the suite takes about as long as the
slower of them rather than both. Nothing they write may meet: each run gets a folder of its
own for its data dir (SUAR_TEST_DATA_DIR), pytest's temporary files (--basetemp), its JUnit
report and its log, removed when the run passes and kept for a look when it fails. SQLite
tests in a file of their own (tests/conftest.py), PostgreSQL in Django's test_<name> database
on the server, and every server the tests start listens on a port the system picks. Each
run's log is printed whole when it ends, so the two never interleave. Arguments are passed
to both pytest runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
STOP_GRACE_SECONDS = 30


def run(title: str, command: list[str], env: dict[str, str] | None = None) -> bool:
    print(f"\n=== {title}: {' '.join(command)}", flush=True)
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    print(
        f"=== {title}: {'ok' if result.returncode == 0 else 'FAILED'} "
        f"in {time.monotonic() - started:.0f}s",
        flush=True,
    )
    return result.returncode == 0


def pytest_counts(junit: Path) -> tuple[int, int, int]:
    """(passed, failed, skipped) from pytest's JUnit XML report."""
    if not junit.exists():
        return 0, 1, 0
    suite = ET.parse(junit).getroot()  # noqa: S314 - pytest wrote this file just now
    suites = [suite] if suite.tag == "testsuite" else list(suite)
    tests = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return tests - failed - skipped, failed, skipped


@dataclass
class PytestRun:
    """One pytest run on one database, in a folder nothing else writes to."""

    database: str
    database_url: str | None
    folder: Path
    process: subprocess.Popen[bytes] | None = None
    log: IO[bytes] | None = None
    started: float = 0.0
    returncode: int | None = None
    counts: tuple[int, int, int] = field(default=(0, 0, 0))

    @property
    def title(self) -> str:
        return f"pytest on {self.database}"

    @property
    def log_path(self) -> Path:
        return self.folder / "pytest.log"

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def command(self, extra: list[str]) -> list[str]:
        return [
            sys.executable,
            "-m",
            "pytest",
            f"--junitxml={self.folder / 'junit.xml'}",
            # pytest's default, /tmp/pytest-of-<user>/, is shared by every run on the machine.
            f"--basetemp={self.folder / 'tmp'}",
            *extra,
        ]

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        # pyproject.toml makes this the tests' SUAR_DATA_DIR: uploads, exports, the secret
        # key and a trained safety model land there, and the other run must not see them.
        env["SUAR_TEST_DATA_DIR"] = str(self.folder / "data")
        return env

    def start(self, extra: list[str], *, to_log: bool) -> None:
        command = self.command(extra)
        print(f"\n=== {self.title}: {' '.join(command)}", flush=True)
        if to_log:
            print(f"=== {self.title}: output in {self.log_path}, printed when it ends", flush=True)
            self.log = self.log_path.open("wb")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env(),
            stdout=self.log,
            stderr=subprocess.STDOUT if self.log else None,
        )

    def finished(self) -> bool:
        """True once the process has ended; records its exit code and test counts."""
        assert self.process is not None
        if self.returncode is None and self.process.poll() is not None:
            self.returncode = self.process.returncode
            self.counts = pytest_counts(self.folder / "junit.xml")
            if self.log:
                self.log.close()
        return self.returncode is not None

    def report(self) -> None:
        if self.log_path.exists():
            print(f"\n=== {self.title}: output", flush=True)
            with self.log_path.open("rb") as log:
                shutil.copyfileobj(log, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        passed, failed, skipped = self.counts
        print(
            f"=== {self.title}: {'ok' if self.ok else 'FAILED'} "
            f"in {time.monotonic() - self.started:.0f}s "
            f"({passed} passed, {failed} failed, {skipped} skipped)",
            flush=True,
        )
        if self.ok:
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            print(f"=== {self.title}: its files are kept in {self.folder}", flush=True)

    def stop(self) -> None:
        """End a run that is still going (this script was interrupted or failed)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def run_pytests(runs: list[PytestRun], extra: list[str]) -> None:
    """All runs at once; each one's output is printed as soon as it ends."""
    alone = len(runs) == 1
    try:
        for pytest_run in runs:
            pytest_run.start(extra, to_log=not alone)
        pending = list(runs)
        while pending:
            for pytest_run in [r for r in pending if r.finished()]:
                pytest_run.report()
                pending.remove(pytest_run)
            if pending:
                time.sleep(0.5)
    finally:
        for pytest_run in runs:
            pytest_run.stop()


def main() -> int:
    extra = sys.argv[1:]
    results: dict[str, bool] = {}
    results["ruff"] = run("ruff", [sys.executable, "-m", "ruff", "check", "."])
    results["format"] = run("ruff format", [sys.executable, "-m", "ruff", "format", "--check", "."])
    results["mypy"] = run("mypy", [sys.executable, "-m", "mypy"])

    databases: list[tuple[str, str | None]] = [("SQLite", None)]
    postgres = os.environ.get("SUAR_TEST_POSTGRES_URL", "").strip()
    if postgres:
        databases.append(("PostgreSQL", postgres))
    elif os.environ.get("CI"):
        print("SUAR_TEST_POSTGRES_URL is not set: CI must test on PostgreSQL too.")
        results["postgres"] = False
    else:
        print("\nPostgreSQL run not configured: set SUAR_TEST_POSTGRES_URL (bash .ci/run does).")
    runs = [
        PytestRun(name, url, Path(tempfile.mkdtemp(prefix=f"suar-tests-{name.lower()}-")))
        for name, url in databases
    ]
    run_pytests(runs, extra)
    totals = [0, 0, 0]
    for pytest_run in runs:
        results[pytest_run.title] = pytest_run.ok
        totals = [a + b for a, b in zip(totals, pytest_run.counts, strict=True)]

    print(
        "\n=== summary: " + ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in results.items())
    )
    for pytest_run in runs:
        passed, failed, skipped = pytest_run.counts
        print(f"{pytest_run.title}: {passed} passed, {failed} failed, {skipped} skipped")
    passed, failed, skipped = totals
    if not all(results.values()) and failed == 0:
        failed = 1  # a lint or type failure counts as a failure of the suite
    line = f"{passed} passed, {failed} failed"
    print(f"suite: {line}" + (f", {skipped} skipped" if skipped else ""))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
