"""Model words: how an original token becomes a word of the trained layer's features.

Kept apart from `model.py` so that the tokenizer (`normalize.py`) can compute each token's
model word once, in the same cached pass as its rule words, without importing the model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Disguised spellings (g0bl0k, b4ngs4t, @njing): digits and symbols read as letters, but only
# inside tokens that also hold letters so that years and phone numbers stay numbers.
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_HAS_LETTER = re.compile(r"[^\W\d_]")
_HANDLE = re.compile(r"@[a-z0-9_.]{2,30}")  # the rules' handle shape (normalize._HANDLE_RE)
_REPEAT = re.compile(r"([^\W\d_])\1+")
_STRIP = re.compile(r"[*_]")
# A few very frequent spellings of negation and intensifiers, folded so that "nggak", "gk"
# and "gak" share one word feature (and, in models with word bigrams, "nggak pengen" and "gk
# pengen" one bigram) (the project's own list).
_FOLD = {
    # keys are already squeezed ("nggak" -> "ngak", "enggak" -> "engak")
    "gak": "tidak",
    "ga": "tidak",
    "gk": "tidak",
    "g": "tidak",
    "nga": "tidak",
    "ngak": "tidak",
    "engak": "tidak",
    "enga": "tidak",
    "kaga": "tidak",
    "kagak": "tidak",
    "ndak": "tidak",
    "tdk": "tidak",
    "tak": "tidak",
    "bgt": "banget",
    "bngt": "banget",
}


_MEMO_LIMIT = 100_000
_memo: dict[str, str] = {}


def _clean_token(raw: str) -> str:
    """One original token as a model word; memoised by the original spelling."""
    cleaned = _memo.get(raw)
    if cleaned is None:
        cleaned = clean_raw(raw)
        if len(_memo) >= _MEMO_LIMIT:
            _memo.clear()
        _memo[raw] = cleaned
    return cleaned


def clean_raw(raw: str) -> str:
    """_clean_token without its memo (the tokenizer keeps the result in its own cache)."""
    token = raw if raw.isascii() else unicodedata.normalize("NFKC", raw)
    token = token.lower().replace("'", "").replace("\u2019", "")
    if token[:1] == "@" and _HANDLE.fullmatch(token):
        # An account ("@suar_id") names no word: read as leetspeak it made one ("asuarid",
        # which scored as the insult "asu"). No features; the rules read it as a mention,
        # and a disguised insult ("@njing") is the rules' to find.
        return ""
    return _clean_new(token)


def _clean_new(token: str) -> str:
    if token.isalpha():
        # Letters only: no leetspeak digit, symbol or mask to map, only repeats to squeeze.
        token = _REPEAT.sub(r"\1", token)
        return token if len(token) == 1 else _FOLD.get(token, token)
    if _HAS_LETTER.search(token) is None:
        return _STRIP.sub("", token)
    token = _STRIP.sub("", token.translate(_LEET))
    token = _REPEAT.sub(r"\1", token)
    # One-letter tokens are folded after spaced-out words are joined ("b a n g s a t").
    return token if len(token) == 1 else _FOLD.get(token, token)


def _join_single_letters(words: list[str]) -> list[str]:
    """Spacing tricks ("b a n g s a t", "m.a.t.i"): three or more one-letter tokens become one."""
    ones = [i for i, word in enumerate(words) if len(word) == 1 and word.isalpha()]
    if all(ones[k + 2] - ones[k] > 2 for k in range(len(ones) - 2)):
        # No run of three: every one-letter word is only folded, in place (what _close_run does).
        folded = list(words)
        for i in ones:
            folded[i] = _FOLD.get(folded[i], folded[i])
        return folded
    out: list[str] = []
    run: list[str] = []
    for word in words:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            out.extend(_close_run(run))
            run = []
        out.append(word)
    if run:
        out.extend(_close_run(run))
    return out


def _close_run(run: list[str]) -> list[str]:
    if len(run) >= 3:
        return ["".join(run)]
    return [_FOLD.get(letter, letter) for letter in run]


def clean_tokens(raw_tokens: Sequence[str]) -> list[str]:
    """Model words from the rule engine's tokens (suar.safety.normalize), so a text is split
    once for both: lowercase, leetspeak mapped, repeats squeezed, spacing tricks joined."""
    memo = _memo
    return finish_words([memo.get(t) or _clean_token(t) for t in raw_tokens])


def finish_words(words: list[str]) -> list[str]:
    """The steps that look across tokens, on the per-token model words of a text (the
    tokenizer caches those per token: `Doc.model_words`)."""
    if "" in words:  # tokens made only of masking characters ("***")
        words = [w for w in words if w]
    if 1 in map(len, words):
        if _three_singles(words):  # a spaced-out word ("b a n g s a t") may be there
            return _join_single_letters(words)
        if "g" in words:  # the only one-letter word _FOLD changes ("g" = gak, "not")
            return [_FOLD["g"] if w == "g" else w for w in words]
    return words


def _three_singles(words: list[str]) -> bool:
    """Three one-character words in a row, scanned at C speed through their lengths."""
    try:
        return b"\x01\x01\x01" in bytes(map(len, words))
    except ValueError:  # a word over 255 characters cannot be packed: take the long way
        return True
