"""Readability: syllables per word and words per sentence, for Indonesian and English."""

import pytest

from suar.safety import Engine
from suar.safety.readability import syllables_en, syllables_id

engine = Engine()


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("aku", 2),
        ("makan", 2),
        ("pulau", 2),
        ("santai", 2),
        ("sepoi", 2),
        ("survei", 2),
        ("kesehatan", 4),
        ("pemerintah", 4),
        ("dia", 2),
        ("dua", 2),
        ("mempertanggungjawabkan", 7),
        ("a", 1),
    ],
)
def test_indonesian_syllables(word: str, count: int) -> None:
    assert syllables_id(word) == count


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("the", 1),
        ("make", 1),
        ("table", 2),
        ("recovery", 4),
        ("tired", 1),
        ("wanted", 2),
        ("beautiful", 3),
        ("community", 4),
        ("happy", 2),
    ],
)
def test_english_syllables(word: str, count: int) -> None:
    assert syllables_en(word) == count


def test_everyday_indonesian_is_easy() -> None:
    r = engine.analyze("Aku capek. Tapi aku mau coba lagi besok.").readability
    assert r is not None
    assert r.level_en in ("easy", "very easy")
    assert r.sentences == 2
    assert r.words == 8


def test_formal_indonesian_is_harder() -> None:
    easy = engine.analyze("Aku capek. Tapi aku mau coba lagi besok.").readability
    hard = engine.analyze(
        "Pemerintah mengimplementasikan kebijakan penanggulangan permasalahan kesehatan "
        "kejiwaan masyarakat berdasarkan rekomendasi organisasi internasional."
    ).readability
    assert easy is not None and hard is not None
    assert hard.score < easy.score - 30
    assert hard.level_id in ("sulit", "sangat sulit")


def test_english_uses_english_syllables() -> None:
    r = engine.analyze("I am tired. I want to rest today.").readability
    assert r is not None
    assert r.syllables_per_word < 1.4
    assert r.level_en in ("easy", "very easy")


def test_complex_english_is_hard() -> None:
    r = engine.analyze(
        "Pharmacological interventions demonstrate considerable effectiveness regarding "
        "psychological rehabilitation outcomes internationally."
    ).readability
    assert r is not None
    assert r.level_en in ("hard", "very hard")


@pytest.mark.parametrize("text", ["", "😭😭", "123 456", "..."])
def test_no_words_no_readability(text: str) -> None:
    assert engine.analyze(text).readability is None


def test_score_in_range_and_labels_bilingual() -> None:
    r = engine.analyze("a " * 500).readability
    assert r is not None
    assert 0 <= r.score <= 100
    assert r.level_id and r.level_en
