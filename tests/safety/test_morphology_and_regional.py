"""Affixes, clitics, regional pronouns and handles: the same insult in the forms people type."""

from __future__ import annotations

import pytest

from suar.safety import Category, Engine, Severity
from suar.safety.normalize import MENTION, normalize_word

engine = Engine()


def harassment_severity(text: str) -> Severity | None:
    return max((f.severity for f in engine.analyze(text).of(Category.HARASSMENT)), default=None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("gobloknya", ("goblok",)),
        ("tololnya", ("tolol",)),
        ("dibegoin", ("bego",)),
        ("ngebacot", ("bacot",)),
        ("kebodohan", ("bodoh",)),
        ("ketololan", ("tolol",)),
        ("sebego", ("bego",)),
        ("terbodoh", ("bodoh",)),
        ("bangsatlah", ("bangsat",)),
        ("bodohmu", ("bodoh", "kamu")),
        ("gobloknya2", ("goblok",)),
        ("@budi_santoso", (MENTION,)),
        ("@njing", ("anjing",)),
    ],
)
def test_affixed_forms_reach_the_root(raw: str, expected: tuple[str, ...]) -> None:
    assert normalize_word(raw) == expected


@pytest.mark.parametrize(
    "word",
    ["matikan", "asuransi", "kepala", "sebab", "bencana", "membantu", "tanggal", "kebaikan"],
)
def test_ordinary_words_are_not_cut_into_insults(word: str) -> None:
    assert normalize_word(word) == (word,)


@pytest.mark.parametrize(
    "text",
    [
        "gobloknya kamu tuh",
        "dasar tololnya minta ampun",
        "ente munafik",
        "antum bodoh",
        "situ goblok ya",
        "kowe goblok",
        "maneh belegug",
        "@budi goblok",
        "bodohmu itu lho",
        "anying maneh",
        "ngebacot mulu lo",
        "kamu bloon banget",
        "dasar kadrun",
        "dasar cebong",
        "lu dongo",
        "you idiots",
        "you're such a douchebag",
        "shut up you clown",
    ],
)
def test_regional_and_affixed_insults_aimed_at_someone(text: str) -> None:
    severity = harassment_severity(text)
    assert severity is not None and severity >= Severity.HIGH, text


@pytest.mark.parametrize(
    "text",
    [
        "makasih @budi udah bantu",
        "matamu indah banget",
        "aku suka hewan",
        "ada tikus di dapur",
        "harga naik, rakyat miskin makin susah",
        "cabe rawit pedas banget",
        "aku benci diriku yang bodoh ini",
        "kebaikan kamu bikin aku terharu",
        "the clown at the party was fun",
    ],
)
def test_literal_or_kind_uses_are_not_harassment(text: str) -> None:
    assert harassment_severity(text) is None, text


def test_nearest_person_decides_the_target() -> None:
    # "goblok" sits next to "dia": a third person, so a warning, not a self-directed word.
    assert harassment_severity("aku benci orang goblok kayak dia") == Severity.WARN


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("hayang paeh wae", "crisis.passive"),  # Sundanese "want to die"
        ("aing hayang maot", "crisis.passive"),
        ("pengin modyar wae", "crisis.passive"),  # Javanese, blunt
        ("aku wes kesel urip", "crisis.unclear"),  # Javanese "tired of living"
    ],
)
def test_javanese_and_sundanese_wishes_to_die(text: str, rule: str) -> None:
    found = {f.rule for f in Engine(model=None).analyze(text).of(Category.CRISIS)}
    assert rule in found, (text, found)


def test_a_javanese_death_wish_aimed_at_someone_is_a_threat() -> None:
    report = Engine(model=None).analyze("modyar kowe")
    assert {f.rule for f in report.of(Category.HARASSMENT)} == {"harassment.threat"}
    assert not report.has(Category.CRISIS)
