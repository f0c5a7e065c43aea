"""Tokenise and normalise informal Indonesian/English text, keeping offsets into the original."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from suar.safety import langid, lexicon, readability

# One simple character class, so matching is linear whatever the input. `*@$` stay inside a
# token because people use them to disguise words (b*ngsat, @njing, $etan); an apostrophe may
# join two parts (don't, I'm).
_TOKEN_RE = re.compile(r"[\w*@$]+(?:['\u2019][\w*@$]+)*")
_EDGE_JUNK = "*@$"
# Three or more one-letter tokens in a row ("b a n g s a t"): only then try to join them.
_SPACED_RE = re.compile(r"(?<!\w)\w[ .\-_*·]{1,2}\w[ .\-_*·]{1,2}\w(?!\w)")
_REPEAT_RE = re.compile(r"(.)\1{2,}")
_DOUBLE_RE = re.compile(r"(.)\1")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
# Characters that may sit between the letters of a spaced-out word ("b a n g s a t", "a.n.j.i.n.g").
_SPACING_GAP = frozenset(" .-_*·")
_SENTENCE_END = frozenset(".!?;\n…")
_CLAUSE_END = frozenset(",:()[]")
# Sentence ends, clause ends, and quote marks that are not apostrophes inside a word.
_MARK_RE = re.compile(r"[.!?;\n…,:()\[\]\"“”«»「」]|(?<!\w)['\u2018\u2019]|['\u2018\u2019](?!\w)")
# The same marks found faster: one character class (no lookarounds tried at every position),
# then an apostrophe is dropped when it has a word character on both sides, which is exactly
# when neither `(?<!\w)'` nor `'(?!\w)` above would match it.
_MARK_CHAR_RE = re.compile(r"[.!?;\n…,:()\[\]\"“”«»「」'\u2018\u2019]")
_APOSTROPHES = frozenset("'\u2018\u2019")
_WORD_AT = re.compile(r"\w").match

# Normalising one word is the costly part; words repeat a lot across texts, so results are
# cached. The cache is a pure function's memo: it never changes results, only speed.
_CACHE: dict[str, tuple[str, ...]] = {}
# Per original token: its words, language evidence (id, en) and syllables (id, en).
_INFO: dict[str, tuple[tuple[str, ...], float, float, int, int]] = {}
_CACHE_MAX = 200_000


@dataclass(slots=True)
class Doc:
    """A text tokenised once: normalised words with the original [start, end) of each."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    raw_tokens: list[str]
    wordset: frozenset[str] = field(default_factory=frozenset)
    # Evidence gathered in the same pass, for language identification and readability.
    id_evidence: float = 0.0
    en_evidence: float = 0.0
    word_count: int = 0  # original tokens with letters
    syllables_id: int = 0
    syllables_en: int = 0
    _marks: tuple[list[int], list[int], list[int], list[int]] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def _structure(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Offsets of sentence ends, clause ends, quote marks and newlines; found on demand."""
        if self._marks is None:
            sentences: list[int] = []
            clauses: list[int] = []
            quotes: list[int] = []
            newlines: list[int] = []
            text = self.text
            for m in _MARK_CHAR_RE.finditer(text):
                pos = m.start()
                ch = text[pos]  # every mark is one character
                if (
                    ch in _APOSTROPHES
                    and pos > 0
                    and _WORD_AT(text, pos - 1)
                    and _WORD_AT(text, pos + 1)
                ):
                    continue  # inside a word (don't, I'm): not a quote mark
                if ch in _SENTENCE_END:
                    sentences.append(pos)
                    clauses.append(pos)
                    if ch == "\n":
                        newlines.append(pos)
                elif ch in _CLAUSE_END:
                    clauses.append(pos)
                else:
                    quotes.append(pos)
                    clauses.append(pos)
            self._marks = (sentences, clauses, quotes, newlines)
        return self._marks

    # `self._marks or self._structure()`: the marks are found once; later calls skip a call.
    def sentence_id(self, i: int) -> int:
        return bisect_right((self._marks or self._structure())[0], self.starts[i])

    def clause_id(self, i: int) -> int:
        return bisect_right((self._marks or self._structure())[1], self.starts[i])

    def sentence_range(self, i: int) -> tuple[int, int]:
        """Token indices [a, b) of the sentence holding token i."""
        return self._range((self._marks or self._structure())[0], i)

    def clause_range(self, i: int) -> tuple[int, int]:
        return self._range((self._marks or self._structure())[1], i)

    def _range(self, marks: list[int], i: int) -> tuple[int, int]:
        k = bisect_right(marks, self.starts[i])
        lo = marks[k - 1] if k > 0 else -1
        a = bisect_right(self.starts, lo)
        b = bisect_left(self.starts, marks[k]) if k < len(marks) else len(self.starts)
        return a, b

    def is_quoted(self, i: int) -> bool:
        """Inside a pair of quote marks on the same line ("dia bilang 'aku mau mati'")."""
        _, _, quotes, newlines = self._marks or self._structure()
        if not quotes:
            return False
        pos = self.starts[i]
        k = bisect_right(newlines, pos)
        line_start = newlines[k - 1] if k > 0 else -1
        line_end = newlines[k] if k < len(newlines) else len(self.text)
        before = bisect_right(quotes, pos) - bisect_right(quotes, line_start)
        after = bisect_left(quotes, line_end) - bisect_right(quotes, pos)
        return before % 2 == 1 and after >= 1

    def token_at(self, offset: int) -> int:
        """Index of the last token starting at or before offset (0 when none does)."""
        return max(0, bisect_right(self.starts, offset) - 1)


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
    w = raw if raw.isascii() else unicodedata.normalize("NFKC", raw).replace("\u2019", "'")
    w = w.lower()
    known = lexicon.KNOWN_WORDS
    slang = lexicon.SLANG
    if w[:1] in ("@", "$"):
        leet = w.translate(_LEET)  # "@njing", "$etan"; otherwise "@name" is a mention
        if leet in known:
            return (leet,)
    w = w.strip(_EDGE_JUNK)
    if not w:
        return ()
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


def _info(raw: str) -> tuple[tuple[str, ...], float, float, int, int]:
    words = normalize_word(raw)
    id_ev = en_ev = 0.0
    for w in words:
        a, b = langid.word_evidence(w)
        id_ev += a
        en_ev += b
    syl_id, syl_en = readability.token_syllables(raw)
    info = (words, id_ev, en_ev, syl_id, syl_en)
    if len(_INFO) >= _CACHE_MAX:
        _INFO.clear()
    _INFO[raw] = info
    return info


def tokenize(text: str) -> Doc:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    id_ev = en_ev = 0.0
    counted = syl_id = syl_en = 0
    get = _INFO.get
    if _SPACED_RE.search(text):
        pairs = [(m.group(), m.span()) for m in _TOKEN_RE.finditer(text)]
        raw_tokens, spans = _join_spaced_letters(text, [p[0] for p in pairs], [p[1] for p in pairs])
        for raw, (start, end) in zip(raw_tokens, spans, strict=True):
            info = get(raw) or _info(raw)
            ws = info[0]
            for w in ws:
                words.append(w)
                starts.append(start)
                ends.append(end)
            id_ev += info[1]
            en_ev += info[2]
            if info[3]:
                counted += 1
                syl_id += info[3]
                syl_en += info[4]
    else:
        raw_tokens = _TOKEN_RE.findall(text)
        # Offsets without match objects: the text between two tokens holds no token character
        # (the pattern starts a token at any one), so the next occurrence of a token's text at
        # or after the previous token's end is exactly where the pattern matched it.
        find = text.find
        end = 0
        for raw in raw_tokens:
            start = find(raw, end)
            end = start + len(raw)
            info = get(raw) or _info(raw)
            ws = info[0]
            if len(ws) == 1:
                words.append(ws[0])
                starts.append(start)
                ends.append(end)
            else:
                for w in ws:
                    words.append(w)
                    starts.append(start)
                    ends.append(end)
            id_ev += info[1]
            en_ev += info[2]
            if info[3]:
                counted += 1
                syl_id += info[3]
                syl_en += info[4]
    return Doc(
        text=text,
        words=words,
        starts=starts,
        ends=ends,
        raw_tokens=raw_tokens,
        wordset=frozenset(words),
        id_evidence=id_ev,
        en_evidence=en_ev,
        word_count=counted,
        syllables_id=syl_id,
        syllables_en=syl_en,
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
