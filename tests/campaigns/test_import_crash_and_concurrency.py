"""Exactly once under failure: an import killed halfway and rerun, two ingesters at once."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from suar.campaigns.synthetic import write_events
from tests.campaigns.conftest import START
from tests.campaigns.external import ExternalDB

pytestmark = pytest.mark.django_db(transaction=True)
N = 60_000


def distinct_ids(*paths: Path) -> int:
    ids: set[tuple[str, str]] = set()
    for path in paths:
        with path.open() as lines:
            for line in lines:
                event = json.loads(line)
                ids.add((event["platform"], event["id"]))
    return len(ids)


def processes_reading(path: Path) -> list[int]:
    """Processes whose command line names `path` (the importer and its parser)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(path).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.fixture
def external(tmp_path: Path, migrated_template: Path | None) -> ExternalDB:
    return ExternalDB(tmp_path, template=migrated_template)


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    path = tmp_path / "day.jsonl"
    write_events(path, N, start=START, hours=24)
    return path


def test_an_import_killed_halfway_and_rerun_counts_exactly(
    external: ExternalDB, big_file: Path
) -> None:  # type: ignore[no-untyped-def]
    external.create_campaign("killed")
    external.create_campaign("reference")
    victim = external.ingest(big_file, "killed")
    deadline = time.monotonic() + 60
    while external.total("killed") == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    # Its parser process goes with it: no orphan keeps reading, or holds the database.
    deadline = time.monotonic() + 10
    while processes_reading(big_file) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_reading(big_file) == []
    partial = external.total("killed")
    assert 0 < partial < distinct_ids(big_file)

    rerun = external.ingest(big_file, "killed")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert b"resumed after line" in out
    reference = external.ingest(big_file, "reference")
    reference.communicate(timeout=120)
    assert external.total("killed") == distinct_ids(big_file)
    assert external.statuses("killed") == external.statuses("reference")


def test_two_ingesters_on_overlapping_files_count_exactly(
    external: ExternalDB, big_file: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    lines = big_file.read_text().splitlines(keepends=True)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(lines[: N * 2 // 3]))
    second.write_text("".join(lines[N // 3 :]))
    external.create_campaign("shared")
    external.create_campaign("reference")

    workers = [external.ingest(first, "shared"), external.ingest(second, "shared")]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    external.ingest(big_file, "reference").communicate(timeout=120)
    assert external.total("shared") == distinct_ids(first, second) == distinct_ids(big_file)
    assert external.statuses("shared") == external.statuses("reference")
