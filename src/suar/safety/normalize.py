"""Tokenise and normalise informal Indonesian/English text, keeping offsets into the original."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from suar.safety import lexicon

# One simple character class, so matching is linear whatever the input. `*@$` stay inside a
# token because people use them to disguise words (b*ngsat, @njing, $etan); an apostrophe may
# join two parts (don't, I'm).
_TOKEN_RE = re.compile(r"[\w*@$]+(?:['’][\w*@$]+)*")
_EDGE_JUNK = "*@$"
_REPEAT_RE = re.compile(r"(.)\1{2,}")
_DOUBLE_RE = re.compile(r"(.)\1")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
# Characters that may sit between the letters of a spaced-out word ("b a n g s a t", "a.n.j.i.n.g").
_SPACING_GAP = frozenset(" .-_*·")
_SENTENCE_END = frozenset(".!?;\n…")
_CLAUSE_END = frozenset(",:()[]")
_QUOTES = frozenset("\"“”«»‘’'「」")

# Normalising one word is the costly part; words repeat a lot across texts, so results are
# cached. The cache is a pure function's memo: it never changes results, only speed.
_CACHE: dict[str, tuple[str, ...]] = {}
_CACHE_MAX = 200_000


@dataclass(slots=True)
class Doc:
    """A text tokenised once: normalised words with the original [start, end) of each."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    raw_count: int  # tokens in the original text (before slang expansion), for readability
    raw_tokens: list[str]
    wordset: frozenset[str] = field(default_factory=frozenset)
    _sent: list[int] | None = None
    _clause: list[int] | None = None
    _quoted: list[bool] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def _build_structure(self) -> None:
        """Sentence ids, clause ids and inside-quotes flags, computed only when a rule asks."""
        sent: list[int] = []
        clause: list[int] = []
        quoted: list[bool] = []
        s = c = 0
        inside = False
        prev_end = 0
        text = self.text
        last_start = -1
        for start, end in zip(self.starts, self.ends, strict=True):
            if start != last_start:  # expanded slang shares one span: same gap, count once
                gap = text[prev_end:start] if start > prev_end else ""
                if gap:
                    for ch in gap:
                        if ch in _SENTENCE_END:
                            s += 1
                            c += 1
                            if ch == "\n":
                                inside = False
                        elif ch in _CLAUSE_END:
                            c += 1
                        elif ch in _QUOTES:
                            inside = not inside
                            c += 1
                prev_end = end
                last_start = start
            sent.append(s)
            clause.append(c)
            quoted.append(inside)
        # An opening quote that never closes is more likely an apostrophe or a typo.
        if inside:
            last_open = len(quoted)
            while last_open > 0 and quoted[last_open - 1]:
                last_open -= 1
            for i in range(last_open, len(quoted)):
                quoted[i] = False
        self._sent, self._clause, self._quoted = sent, clause, quoted

    @property
    def sentence_ids(self) -> list[int]:
        if self._sent is None:
            self._build_structure()
        assert self._sent is not None
        return self._sent

    @property
    def clause_ids(self) -> list[int]:
        if self._clause is None:
            self._build_structure()
        assert self._clause is not None
        return self._clause

    @property
    def quoted(self) -> list[bool]:
        if self._quoted is None:
            self._build_structure()
        assert self._quoted is not None
        return self._quoted

    def sentence_range(self, i: int) -> tuple[int, int]:
        """Token indices [a, b) of the sentence holding token i."""
        return _same_run(self.sentence_ids, i)

    def clause_range(self, i: int) -> tuple[int, int]:
        return _same_run(self.clause_ids, i)

    def token_at(self, offset: int) -> int:
        """Index of the first token that starts after offset (for mapping regex hits)."""
        return bisect_right(self.starts, offset)


def _same_run(ids: list[int], i: int) -> tuple[int, int]:
    target = ids[i]
    a = i
    while a > 0 and ids[a - 1] == target:
        a -= 1
    b = i + 1
    n = len(ids)
    while b < n and ids[b] == target:
        b += 1
    return a, b


def normalize_word(raw: str) -> tuple[str, ...]:
    """Map one token to its canonical word(s): 'gw'→('aku',), 'g0bl0k'→('goblok',)."""
    cached = _CACHE.get(raw)
    if cached is not None:
        return cached
    result = _normalize_uncached(raw)
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[raw] = result
    return result


def _normalize_uncached(raw: str) -> tuple[str, ...]:
    w = raw if raw.isascii() else unicodedata.normalize("NFKC", raw).replace("’", "'")
    w = w.lower().strip(_EDGE_JUNK)
    if not w:
        return ()
    known = lexicon.KNOWN_WORDS
    slang = lexicon.SLANG
    hit = slang.get(w)
    if hit is not None:
        return hit
    if w in known:
        return (w,)
    # "teman2" is the informal reduplication "teman-teman"; the 2 carries no meaning here.
    if len(w) > 2 and w[-1] == "2" and w[-2].isalpha():
        w = w[:-1]
    if "'" in w:
        joined = w.replace("'", "")
        hit = slang.get(joined)
        if hit is not None:
            return hit
        w = joined
    has_digit = any(ch.isdigit() for ch in w)
    if (has_digit and any(ch.isalpha() for ch in w)) or "@" in w or "$" in w:
        w = w.translate(_LEET)
    if "*" in w:
        w = _unmask(w)
    if _DOUBLE_RE.search(w) and w not in known and w not in slang:
        w = _collapse_repeats(w, known, slang)
    hit = slang.get(w)
    if hit is not None:
        return hit
    return (w,)


def _collapse_repeats(w: str, known: frozenset[str], slang: dict[str, tuple[str, ...]]) -> str:
    """'bangeeet'→'banget', 'kiiiill'→'kill', 'goooood'→'good': try the forms a reader would."""
    candidates = (
        _REPEAT_RE.sub(r"\1", w),
        _REPEAT_RE.sub(r"\1\1", w),
        _DOUBLE_RE.sub(r"\1", _REPEAT_RE.sub(r"\1", w)),
    )
    for cand in candidates:
        if cand in known or cand in slang:
            return cand
    return candidates[0]


def _unmask(w: str) -> str:
    """'b*ngsat'→'bangsat', 'anj*ng'→'anjing': each * stands for one hidden letter."""
    if not w.strip("*"):
        return w
    for target in lexicon.MASKABLE_BY_LENGTH.get(len(w), ()):
        if all(a == "*" or a == b for a, b in zip(w, target, strict=True)):
            return target
    return w.replace("*", "")


def tokenize(text: str) -> Doc:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    raw_tokens: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _TOKEN_RE.finditer(text):
        raw_tokens.append(m.group())
        spans.append(m.span())
    raw_tokens, spans = _join_spaced_letters(text, raw_tokens, spans)
    norm = normalize_word
    for raw, (start, end) in zip(raw_tokens, spans, strict=True):
        for w in norm(raw):
            words.append(w)
            starts.append(start)
            ends.append(end)
    return Doc(
        text=text,
        words=words,
        starts=starts,
        ends=ends,
        raw_count=len(raw_tokens),
        raw_tokens=raw_tokens,
        wordset=frozenset(words),
    )


def _join_spaced_letters(
    text: str, raw: list[str], spans: list[tuple[int, int]]
) -> tuple[list[str], list[tuple[int, int]]]:
    """Merge 'b a n g s a t' / 'a.n.j.i.n.g' into one token when the joined word is in a lexicon."""
    n = len(raw)
    i = 0
    out_raw: list[str] | None = None
    out_spans: list[tuple[int, int]] = []
    while i < n:
        if len(raw[i]) == 1:
            j = i + 1
            while (
                j < n
                and len(raw[j]) == 1
                and spans[j][0] - spans[j - 1][1] <= 2
                and all(ch in _SPACING_GAP for ch in text[spans[j - 1][1] : spans[j][0]])
            ):
                j += 1
            if j - i >= 3:
                joined = "".join(raw[i:j])
                target = normalize_word(joined)
                if target and target[0] in lexicon.SPACED_TARGETS:
                    if out_raw is None:
                        out_raw = list(raw[:i])
                        out_spans = list(spans[:i])
                    out_raw.append(joined)
                    out_spans.append((spans[i][0], spans[j - 1][1]))
                    i = j
                    continue
            if out_raw is not None:
                out_raw.extend(raw[i:j])
                out_spans.extend(spans[i:j])
            i = j
            continue
        if out_raw is not None:
            out_raw.append(raw[i])
            out_spans.append(spans[i])
        i += 1
    if out_raw is None:
        return raw, spans
    return out_raw, out_spans
