"""Language identification for id / en / mixed / unknown by function words and affixes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from suar.safety.lexicon import FUNCTION_WORDS

if TYPE_CHECKING:
    from suar.safety.normalize import Doc

LANGUAGES = ("id", "en", "mixed", "unknown")


ID_WORDS, EN_WORDS = FUNCTION_WORDS["id"], FUNCTION_WORDS["en"]
_ID_PREFIXES = ("meng", "meny", "mem", "men", "ber", "ter", "di", "per", "peng", "pem", "pen", "ke")
_ID_SUFFIXES = ("kan", "nya", "lah", "kah", "an", "ku", "mu")
_EN_SUFFIXES = ("ing", "tion", "ly", "ness", "ment", "ed", "ous", "ful", "less", "able")
# A share of evidence under this for the minority language still counts as one language;
# code-mixed posts ("aku capek banget, so tired") usually have a quarter or more.
MIXED_SHARE = 0.2


def word_evidence(word: str) -> tuple[float, float]:
    """(Indonesian, English) evidence of one normalised word; the tokenizer caches it."""
    id_score = en_score = 0.0
    if word in ID_WORDS:
        id_score = 1.0
    elif word in EN_WORDS:
        en_score = 1.0
    elif len(word) >= 5 and word.isalpha() and word.isascii():
        # Affixes are weaker evidence than function words.
        if word.startswith(_ID_PREFIXES) and word.endswith(_ID_SUFFIXES):
            id_score = 0.5
        elif word.endswith(_EN_SUFFIXES) or "th" in word or "w" in word[1:]:
            en_score = 0.3
        elif word.endswith(_ID_SUFFIXES) or word.startswith(("meng", "meny", "ber")):
            id_score = 0.3
    return id_score, en_score


def identify(doc: Doc) -> str:
    id_total, en_total = doc.id_evidence, doc.en_evidence
    total = id_total + en_total
    if total < 1.0:
        return "unknown"
    if min(id_total, en_total) >= 1.0 and min(id_total, en_total) / total >= MIXED_SHARE:
        return "mixed"
    return "id" if id_total >= en_total else "en"
