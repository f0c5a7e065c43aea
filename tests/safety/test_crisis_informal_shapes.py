"""Informal Indonesian shapes of the wish to be dead, hopelessness and preparation, and the
Jakarta spellings of time words that make an act recent ("kemaren", "semalem")."""

from __future__ import annotations

import pytest

from suar.safety import Category, Engine
from suar.safety.report import Severity

engine = Engine()  # the rules alone


def top(text: str) -> Severity | None:
    return max((f.severity for f in engine.analyze(text).of(Category.CRISIS)), default=None)


@pytest.mark.parametrize(
    "text",
    [
        "udah gak ada alasan buat bertahan",
        "mending gue nggak usah lahir",
        "I should have never been born",
        "kenapa aku masih hidup ya",
        "why am I still alive",
        "gak kuat lagi, pengen tidur dan gak bangun",
        "aku udah nulis surat terakhir buat mama",
        "gue udah siapin tali di kamar",
    ],
)
def test_wish_to_be_dead_and_preparation_are_high(text: str) -> None:
    severity = top(text)
    assert severity is not None and severity >= Severity.HIGH, text


@pytest.mark.parametrize(
    "text",
    ["hidupku udah hancur, nggak ada harapan lagi", "gue ngerasa jadi beban, mending gue ilang"],
)
def test_hopelessness_is_unclear(text: str) -> None:
    assert top(text) == Severity.WARN, text


@pytest.mark.parametrize(
    "text", ["kemaren aku nyilet tangan lagi", "semalem aku nyilet tangan lagi"]
)
def test_jakarta_time_words_make_an_act_recent(text: str) -> None:
    rules = {f.rule for f in engine.analyze(text).of(Category.CRISIS)}
    assert "crisis.harm.recent" in rules, (text, rules)


@pytest.mark.parametrize(
    "text",
    [
        "aku nulis surat terakhir buat semester ini",
        "alasan aku bertahan di kantor ini ya gajinya",
        "nggak ada harapan lagi buat tim bola kesayanganku musim ini",
    ],
)
def test_the_same_words_elsewhere(text: str) -> None:
    assert top(text) in (None, Severity.WARN), text


@pytest.mark.parametrize(
    "text",
    [
        "aku pengen mati-matian belajar buat ujian besok",  # was BLOCK: "pengen mati" + "besok"
        "berjuang mati-matian demi keluarga",
        "rasanya kayak mau mati capeknya, tapi seneng",
        "gue pengen ngilang bentar dari sosmed, detoks",
    ],
)
def test_idioms_with_mati_and_a_break_from_an_app(text: str) -> None:
    assert top(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "pengen mati, kelaparan terus",  # the idiom word is in the next clause
        "pengen ngilang dari semua orang",
        "pengen menghilang dari dunia ini",
    ],
)
def test_the_same_words_across_a_comma_or_from_people(text: str) -> None:
    assert top(text) is not None, text
