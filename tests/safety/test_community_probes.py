"""Regression floors on the project's own probe posts (tests/safety/probes/README.md), for the
rules alone: a rule change that loses crisis posts or flags the others shows up here."""

from pathlib import Path

import pytest

from suar.safety import Category, Engine, Severity

PROBES = Path(__file__).parent / "probes"


def _posts(name: str) -> list[str]:
    return [line for line in (PROBES / name).read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def test_the_probe_files_are_whole() -> None:
    assert len(_posts("crisis_posts.txt")) == 220
    assert len(_posts("benign_posts.txt")) == 220


def test_the_rules_find_most_crisis_posts(engine: Engine) -> None:
    found = [p for p in _posts("crisis_posts.txt") if engine.analyze(p).has(Category.CRISIS)]
    assert len(found) >= 95, len(found)  # 101 on 4 December 2026, 63 the day before


def test_the_rules_rarely_hide_the_others(engine: Engine) -> None:
    hidden = [
        p
        for p in _posts("benign_posts.txt")
        if any(f.severity >= Severity.HIGH for f in engine.analyze(p).of(Category.CRISIS))
    ]
    assert len(hidden) <= 5, hidden  # 3 on 4 December 2026, 8 the day before
