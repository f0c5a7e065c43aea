"""Readability for Indonesian and English from syllables per word and words per sentence."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from suar.safety.report import Readability

if TYPE_CHECKING:
    from suar.safety.normalize import Doc

_SENTENCE_END_RE = re.compile(r"[.!?…\n]+")
_VOWEL_GROUP_RE = re.compile(r"[aeiou]+")
_EN_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
_ID_DIPHTHONGS = frozenset({"ai", "au", "oi", "ei"})
# Flesch Reading Ease (1948) for English. For Indonesian there is no validated formula; we use
# the same shape with a smaller syllable weight and an offset, because Indonesian words carry
# affixes (me-, -kan) that add syllables without adding difficulty. Our calibration: an
# everyday chat sentence scores "easy", a formal ministry sentence "hard".
_ID_SYLLABLE_OFFSET = 0.9
_ID_SYLLABLE_WEIGHT = 70.0
_LEVELS = (
    (80.0, "sangat mudah", "very easy"),
    (60.0, "mudah", "easy"),
    (40.0, "sedang", "medium"),
    (20.0, "sulit", "hard"),
    (-1.0, "sangat sulit", "very hard"),
)


def syllables_id(word: str) -> int:
    """Vowel groups; a diphthong (ai, au, oi, ei) is one syllable, other vowel pairs two."""
    count = 0
    for group in _VOWEL_GROUP_RE.findall(word):
        if len(group) == 1:
            count += 1
        else:
            k = 0
            while k < len(group):
                if group[k : k + 2] in _ID_DIPHTHONGS:
                    k += 2
                else:
                    k += 1
                count += 1
    return max(1, count)


def syllables_en(word: str) -> int:
    """Vowel groups, minus a silent final e and a silent -ed/-es (heuristic, no dictionary)."""
    if len(word) <= 3:
        return 1
    count = len(_EN_VOWEL_GROUP_RE.findall(word))
    if (word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1) or (
        word.endswith(("ed", "es"))
        and count > 1
        and not word.endswith(("ted", "ded", "ses", "zes", "ces", "ges", "xes", "shes", "ches"))
    ):
        count -= 1
    return max(1, count)


def token_syllables(raw: str) -> tuple[int, int]:
    """(Indonesian, English) syllables of an original token; (0, 0) when it has no letters."""
    w = raw.lower()
    if not w.isalpha():
        w = "".join(filter(str.isalpha, w))
    return (syllables_id(w), syllables_en(w)) if w else (0, 0)


def _level(score: float) -> tuple[str, str]:
    for floor, level_id, level_en in _LEVELS:
        if score >= floor:
            return level_id, level_en
    return _LEVELS[-1][1], _LEVELS[-1][2]  # not reached: the last floor is below 0


def _sentence_ends(text: str) -> int:
    """Runs of sentence-ending marks (`len(_SENTENCE_END_RE.findall(text))`); for ASCII text
    by one translation to '.' and ' ' and a count of where runs begin, at C speed."""
    if not text.isascii():
        return len(_SENTENCE_END_RE.findall(text))
    marks = b" " + text.encode("ascii").translate(_SENTENCE_END_TABLE)
    return marks.count(b" .")


_SENTENCE_END_TABLE = bytes(46 if chr(i) in ".!?\n" else 32 for i in range(256))


def measure(doc: Doc, lang: str) -> Readability | None:
    """None when the text has no words (only emoji, digits or punctuation)."""
    english = lang == "en"
    words = doc.word_count
    syllables = doc.syllables_en if english else doc.syllables_id
    if not words:
        return None
    text = doc.text.rstrip()
    sentences = _sentence_ends(text)
    if not text or text[-1] not in ".!?…":
        sentences += 1
    sentences = max(1, min(sentences, words))
    spw = syllables / words
    wps = words / sentences
    if english:
        score = 206.835 - 1.015 * wps - 84.6 * spw
    else:
        score = 206.835 - 1.015 * wps - _ID_SYLLABLE_WEIGHT * (spw - _ID_SYLLABLE_OFFSET)
    # max(0.0, min(100.0, score)), written out (the same value, a little cheaper)
    score = score if score < 100.0 else 100.0
    score = score if score > 0.0 else 0.0
    level_id, level_en = _level(score)
    # Positional, in field order (score, words, sentences, syllables and words per sentence,
    # levels): a class called with keywords builds a dict of them.
    return Readability(
        round(score, 1), words, sentences, round(spw, 2), round(wps, 2), level_id, level_en
    )
