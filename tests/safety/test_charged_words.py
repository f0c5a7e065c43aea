"""Slurs that are also plain words: a slur when aimed at a person, nothing in general use."""

import pytest

from suar.safety import Category, Engine, Severity

engine = Engine()


def top(text: str) -> Severity | None:
    found = engine.analyze(text).of(Category.HARASSMENT)
    return max((f.severity for f in found), default=None)


@pytest.mark.parametrize(
    "text",
    [
        "barangnya cacat produksi, minta tukar ke toko",
        "putusan itu cacat hukum menurut pakar",
        "homo sapiens muncul sekitar 300 ribu tahun lalu",
        "kajian malam ini membahas arti kafir dalam tafsir",
        "naik onta di kebun binatang seru banget",
        "the Rio Negro joins the Amazon at Manaus",
        "pelacur dan perdagangan orang dibahas di seminar hukum",
        "diagnosis autis pada anak makin cepat sekarang",
        "aku cacat sejak lahir tapi tetap semangat",  # said of oneself: no one is attacked
    ],
)
def test_plain_uses_are_not_harassment(text: str) -> None:
    assert top(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "dasar kafir",
        "kamu cacat ya",
        "dasar autis lo",
        "lu onta",
        "dasar homo",
        "kapir lu",
        "pelacur kamu",
    ],
)
def test_aimed_at_the_reader_blocks(text: str) -> None:
    assert top(text) == Severity.BLOCK, text


@pytest.mark.parametrize(
    "text", ["dia cacat sejak lahir", "menurut tafsir itu, orang kafir adalah"]
)
def test_said_of_someone_describes(text: str) -> None:
    assert top(text) is None, text


def test_quoted_plain_word_is_not_an_attack() -> None:
    assert top('dia bilang "cacat" itu kata yang kasar untuk disabilitas') is None


def test_real_slurs_still_count_untargeted() -> None:
    assert top("dasar banci") == Severity.BLOCK
    assert top("banci semua di sana") is not None
