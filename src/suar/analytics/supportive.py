"""Telling a supportive comment ("semangat ya!", "proud of you") from a neutral one.

The safety engine finds harm; it has no notion of support, which is what an organisation
wants to see grow under its posts. This is a small phrase list written for Suar from the
everyday ways Indonesian and English speakers encourage each other online (no outside data
set): a comment is supportive when it has one of these phrases or emoji and the engine
found no harassment or crisis in it. It errs towards "neutral": a missed supportive comment
costs less than calling a sarcastic one supportive.
"""

from __future__ import annotations

import re

# Indonesian (with common informal spellings) and English; matched on whole words after
# lower-casing and shortening stretched letters ("semangaaat" -> "semangat").
PHRASES = (
    # Indonesian
    "semangat",
    "smangat",
    "kamu kuat",
    "kamu hebat",
    "kamu keren",
    "kamu nggak sendiri",
    "kamu ga sendiri",
    "kamu gak sendiri",
    "kamu tidak sendiri",
    "ga sendirian",
    "nggak sendirian",
    "tidak sendirian",
    "bangga sama kamu",
    "bangga banget",
    "aku bangga",
    "peluk",
    "pelukan",
    "terima kasih sudah berbagi",
    "makasih udah berbagi",
    "makasih sudah berbagi",
    "makasih udah cerita",
    "terima kasih sudah cerita",
    "terima kasih",
    "makasih",
    "terharu",
    "menginspirasi",
    "inspiratif",
    "sehat selalu",
    "tetap kuat",
    "tetap semangat",
    "pasti bisa",
    "kamu bisa",
    "kita bisa",
    "luar biasa",
    "keren banget",
    "salut",
    "mantap",
    "doa terbaik",
    "aku doakan",
    "didoakan",
    "pelan pelan",
    "pelan-pelan aja",
    "kamu berharga",
    "sayang kamu",
    "support",
    "dukung",
    # English
    "you got this",
    "you've got this",
    "proud of you",
    "so proud",
    "stay strong",
    "you are not alone",
    "you're not alone",
    "not alone",
    "thank you for sharing",
    "thanks for sharing",
    "sending love",
    "sending hugs",
    "hugs",
    "inspiring",
    "keep going",
    "well done",
    "congratulations",
    "congrats",
    "amazing",
    "rooting for you",
    "you matter",
    "so brave",
    "love this",
    "thank you",
)
EMOJI = (
    "❤",
    "💕",
    "💖",
    "💗",
    "💜",
    "💙",
    "💚",
    "🧡",
    "🤍",
    "🙏",
    "💪",
    "🤗",
    "🫂",
    "👏",
    "✨",
    "🌻",
)

_STRETCH = re.compile(r"(\w)\1{2,}")
_PATTERN = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True))
    + r")(?!\w)"
)


def _forms(text: str) -> tuple[str, str]:
    lowered = text.casefold()
    return _STRETCH.sub(r"\1\1", lowered), _STRETCH.sub(r"\1", lowered)


def is_supportive(text: str) -> bool:
    if any(symbol in text for symbol in EMOJI):
        return True
    return any(_PATTERN.search(form) for form in _forms(text))
