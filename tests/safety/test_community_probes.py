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
    assert len(_posts("heldout_crisis_posts.txt")) == 200
    assert len(_posts("heldout_benign_posts.txt")) == 200
    assert len(_posts("unread_crisis_posts.txt")) == 150
    assert len(_posts("unread_benign_posts.txt")) == 150


def test_the_rules_find_most_crisis_posts(engine: Engine) -> None:
    found = [p for p in _posts("crisis_posts.txt") if engine.analyze(p).has(Category.CRISIS)]
    assert len(found) >= 120, len(found)  # 126 on 6 Dec 2026, 101 on 4 Dec, 63 the day before


def test_the_rules_rarely_hide_the_others(engine: Engine) -> None:
    hidden = [
        p
        for p in _posts("benign_posts.txt")
        if any(f.severity >= Severity.HIGH for f in engine.analyze(p).of(Category.CRISIS))
    ]
    assert len(hidden) <= 5, hidden  # 3 on 4 December 2026, 8 the day before


def test_the_rules_find_held_out_crisis_posts(engine: Engine) -> None:
    # The honest figure (README): posts no rule was written from. Low: most of these posts
    # say it without a crisis phrase, and the trained model finds more of them (120).
    found = [
        p for p in _posts("heldout_crisis_posts.txt") if engine.analyze(p).has(Category.CRISIS)
    ]
    assert len(found) >= 73, len(found)  # 77 on 6 December 2026 (69 before its rows)


def test_the_rules_rarely_hide_held_out_others(engine: Engine) -> None:
    hidden = [
        p
        for p in _posts("heldout_benign_posts.txt")
        if any(f.severity >= Severity.HIGH for f in engine.analyze(p).of(Category.CRISIS))
    ]
    assert len(hidden) <= 4, hidden  # 2 on 6 December 2026


def test_no_probe_post_is_in_the_shipped_training_file() -> None:
    from suar.safety.training import read_rows

    shipped = Path(__file__).parents[2] / "src" / "suar" / "safety" / "data"
    texts = {text.lower() for text, _ in read_rows(shipped / "default_training.csv")}
    names = [
        "heldout_crisis_posts.txt",
        "heldout_benign_posts.txt",
        "unread_crisis_posts.txt",
        "unread_benign_posts.txt",
        "benign_posts.txt",
    ]
    assert not texts & {p.lower() for name in names for p in _posts(name)}
    # Two short sentences of the first set were training rows before it was written (anyone
    # writes them alike); no other line may become one.
    assert texts & {p.lower() for p in _posts("crisis_posts.txt")} == {
        "i don't want to be alive anymore",
        "i hope i don't wake up tomorrow",
    }
