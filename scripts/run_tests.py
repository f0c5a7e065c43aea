"""The whole test suite: lint, types, then the tests on SQLite and on PostgreSQL.

PostgreSQL runs when SUAR_TEST_POSTGRES_URL names a server whose user may create databases
(`bash .ci/run` installs and starts one). Under CI it is required.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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


def run_pytest(
    title: str, database_url: str | None, extra: list[str]
) -> tuple[bool, tuple[int, int, int]]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "junit.xml"
        ok = run(title, [sys.executable, "-m", "pytest", f"--junitxml={junit}", *extra], env)
        return ok, pytest_counts(junit)


def main() -> int:
    extra = sys.argv[1:]
    results: dict[str, bool] = {}
    results["ruff"] = run("ruff", [sys.executable, "-m", "ruff", "check", "."])
    results["format"] = run("ruff format", [sys.executable, "-m", "ruff", "format", "--check", "."])
    results["mypy"] = run("mypy", [sys.executable, "-m", "mypy"])

    totals = [0, 0, 0]
    runs: list[tuple[str, str | None]] = [("pytest on SQLite", None)]
    postgres = os.environ.get("SUAR_TEST_POSTGRES_URL", "").strip()
    if postgres:
        runs.append(("pytest on PostgreSQL", postgres))
    elif os.environ.get("CI"):
        print("SUAR_TEST_POSTGRES_URL is not set: CI must test on PostgreSQL too.")
        results["postgres"] = False
    else:
        print("\nPostgreSQL run not configured: set SUAR_TEST_POSTGRES_URL (bash .ci/run does).")
    for title, url in runs:
        ok, counts = run_pytest(title, url, extra)
        results[title] = ok
        totals = [a + b for a, b in zip(totals, counts, strict=True)]

    print(
        "\n=== summary: " + ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in results.items())
    )
    passed, failed, skipped = totals
    if not all(results.values()) and failed == 0:
        failed = 1  # a lint or type failure counts as a failure of the suite
    line = f"{passed} passed, {failed} failed"
    print(f"suite: {line}" + (f", {skipped} skipped" if skipped else ""))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
