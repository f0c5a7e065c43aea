"""Tokenise and normalise informal Indonesian/English text, keeping offsets into the original."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from functools import partial
from itertools import accumulate, chain, compress, count, repeat
from operator import add
from typing import Any

from suar.safety import langid, lexicon, readability
from suar.safety.modelwords import clean_raw

# One simple character class, so matching is linear whatever the input. `*@$` stay inside a
# token because people use them to disguise words (b*ngsat, @njing, $etan); an apostrophe may
# join two parts (don't, I'm).
_TOKEN_RE = re.compile(r"[\w*@$]+(?:['\u2019][\w*@$]+)*")
# The same tokens of an ASCII text, found at C speed: in ASCII, \w is [A-Za-z0-9_], so every
# other character becomes a space (the apostrophe stays: it may join "don't") and a plain
# split gives the pattern's maximal runs.
_ASCII_TOKEN_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_*@$'"
)
_ASCII_TOKEN_TABLE = bytes(i if chr(i) in _ASCII_TOKEN_CHARS else 32 for i in range(256))
_EDGE_JUNK = "*@$"
# Three or more one-letter tokens in a row ("b a n g s a t"): only then try to join them.
_SPACED_RE = re.compile(r"(?<!\w)\w[ .\-_*·]{1,2}\w[ .\-_*·]{1,2}\w(?!\w)")
_REPEAT_RE = re.compile(r"(.)\1{2,}")
_DOUBLE_RE = re.compile(r"(.)\1")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
# "!" for "i" inside a word ("k!ll", "su!c!de", "b!tch"): the token pattern splits there, as
# it must for "keren!semoga" typed without a space, so such parts are joined afterwards only
# when the joined word is one the rules act on (as spaced-out letters are).
# A "!" ending such a word is joined too when the word is disguised already ("d!r!", "m@t!"):
# a digit, "@" or "$" at most eight characters before it. Written to start with the "!" (the
# engine then jumps from one "!" to the next) and to look back from there.
_BANG_INSIDE_RE = re.compile(
    r"!(?<=[\w*@$]!)(?:(?=[\w*@$])"
    + "".join(f"|(?<=[0-9@$][\\w*@$]{{{k}}}!)" for k in range(9))
    + ")"
)
_DISGUISE_CHARS = frozenset(map(chr, _LEET))  # what leetspeak reads as letters
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
# ASCII characters as mark kinds (see Doc._find_ascii_marks): word characters "a",
# apostrophes "'", the double quote '"', newlines "N", other sentence ends "S", clause ends
# "C", everything else a space; then per kind whether it is any mark ("|"), ends a sentence,
# is a quote mark or a newline (1 or 0).
_MARK_KIND = (
    {"\n": "N", "'": "'", '"': '"'} | dict.fromkeys(".!?;", "S") | dict.fromkeys(",:()[]", "C")
)
_MARK_KINDS = bytes(
    97
    if chr(i).isascii() and (chr(i).isalnum() or chr(i) == "_")
    else ord(_MARK_KIND.get(chr(i), " "))
    for i in range(256)
)
_ANY_MARK = bytes(124 if chr(i) in "NSC'\"" else 32 for i in range(256))
_ENDS_SENTENCE = bytes(1 if chr(i) in "NS" else 0 for i in range(256))
_IS_QUOTE = bytes(1 if chr(i) in "'\"" else 0 for i in range(256))
_IS_NEWLINE = bytes(1 if chr(i) == "N" else 0 for i in range(256))
_WORD_AT = re.compile(r"\w").match
_HANDLE_RE = re.compile(r"[a-z0-9_.]{2,30}")
MENTION = "@mention"  # the canonical word for any @handle

# Normalising one word is the costly part; words repeat a lot across texts, so results are
# cached. The cache is a pure function's memo: it never changes results, only speed.
_CACHE: dict[str, tuple[str, ...]] = {}
# Per original token: its words, language evidence (id, en), its model word
# (suar.safety.modelwords), and small counts packed into one integer, FIELD_BITS apart, so
# that one sum over a text's tokens adds them all up at once: syllables (id, en), whether it
# counts as a word for readability, whether it holds a decimal digit (what `\d` matches),
# whether its model word has one character, or none or is "g" (then the trained layer's steps
# across tokens may change the words: see finish_words), whether the token has one
# character (spaced-out words need three of those), whether it gave no word at all, and
# whether it holds ten equal characters in a row (spam's repeat rule). No field can overflow
# into the next: a text would need 2^40 characters.
# A trained model may keep its own cache of these with its per-word sums appended
# (TextModel.token_infos), so that one lookup per token serves the rules and the model.
_Info = tuple[tuple[str, ...], float, float, str, int]
INFO_FIELDS = 5
FIELD_BITS = 40
_FIELD = (1 << FIELD_BITS) - 1
_SYL_EN, _COUNTED, _DIGIT, _SHORT_ONE, _SHORT_NONE, _RAW_ONE, _NO_WORD, _RUN = (
    FIELD_BITS * k for k in range(1, 9)
)
_TEN_EQUAL_RE = re.compile(r"(.)\1{9}")  # a token has no whitespace: spam's `(\S)\1{9,}`
_CACHE_MAX = 200_000


class _TokenInfos(dict[str, _Info]):
    """The cache of _info(raw): a missing token is computed (and stored) on lookup, so that
    a text's tokens are looked up at C speed with map()."""

    def __missing__(self, raw: str) -> _Info:
        return _info(raw)


_INFO = _TokenInfos()
# Evidence values repeat (0.0, 0.3, 0.5, 1.0, ...): one float object per value, shared.
_SHARED_FLOATS: dict[float, float] = {}
_SHARED_INTS: dict[int, int] = {}
_SHARED_MAX = 4096
_NO_MARK = 1 << 62  # beyond any offset
# The rules read a phrase's sentence and clause for its context (a first person, a negation,
# the past): word sets tested over the range, for every phrase found. In a text of one
# endless sentence ("self harm lagi " 10,000 times, no stop) that was work growing with the
# square of its length (150 kB: 12.7 s); a range is now at most this many words on each side
# of the phrase, far more than any sentence a person writes, so posts read as before.
RANGE_REACH = 100
_RANGE_MAX = 2 * RANGE_REACH


class Doc:
    """A text tokenised once: normalised words with the original [start, end) of each.

    Offsets are found only when a rule asks for them (`starts`, `ends`): most texts match no
    lexicon, and for them the offsets would be wasted work.
    """

    __slots__ = (
        "_ends",
        "_ids",
        "_marks",
        "_sentence_flags",  # set with _marks
        "_starts",
        "_word_tuples",
        "en_evidence",
        "has_digit",
        "has_token_run",
        "id_evidence",
        "model_columns",
        "model_short",
        "model_source",
        "model_words",
        "phrase_matches",
        "raw_tokens",
        "syllables_en",
        "syllables_id",
        "text",
        "word_count",
        "words",
        "wordset",
    )

    _sentence_flags: Sequence[int]  # per clause mark, 1 when it ends a sentence (with _marks)

    def __init__(
        self,
        text: str,
        words: list[str],
        raw_tokens: list[str],
        *,
        spans: list[tuple[int, int]] | None = None,
        word_tuples: tuple[tuple[str, ...], ...] | None = None,
        id_evidence: float = 0.0,
        en_evidence: float = 0.0,
        word_count: int = 0,
        syllables_id: int = 0,
        syllables_en: int = 0,
        model_words: tuple[str, ...] = (),
        has_digit: bool = False,
    ) -> None:
        self.text = text
        self.words = words
        self.raw_tokens = raw_tokens
        self.wordset = frozenset(words)
        # Evidence gathered in the same pass, for language identification and readability.
        self.id_evidence = id_evidence
        self.en_evidence = en_evidence
        self.word_count = word_count  # original tokens with letters
        self.syllables_id = syllables_id
        self.syllables_en = syllables_en
        # Per token, its word for the trained layer (before the steps across tokens), and
        # whether any token holds a digit (every digit is inside a token).
        self.model_words = model_words
        self.has_digit = has_digit
        # Whether a token holds ten equal characters in a row; None: not known (set by
        # tokenize(), from the tokens' cached infos).
        self.has_token_run: bool | None = None
        # Set by tokenize() when a model's token infos were used: the mapping, the columns
        # it appended (one value per token each), and whether a model word is that short.
        self.model_source: Mapping[str, tuple[Any, ...]] | None = None
        self.model_columns: tuple[tuple[Any, ...], ...] = ()
        self.model_short = False
        # Each token's words, only when some token gave other than one word ("kms" -> kill
        # myself, "***" -> none): then word k's span is that of the token it came from.
        self._word_tuples = word_tuples
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        self._marks: tuple[list[int], list[int], list[int], list[int]] | None = None
        self._ids: tuple[list[int], list[int]] | None = None
        # The matches of the lexicons analyze() looks for in every text, per lexicon, found
        # in one pass when the first rule asks (lexicon.PhraseSet.find).
        self.phrase_matches: list[list[Any]] | None = None
        if spans is not None:
            self._set_spans(spans)

    def _set_spans(self, spans: list[tuple[int, int]]) -> None:
        self._set_token_spans([a for a, _ in spans], [b for _, b in spans])

    def _set_token_spans(self, starts: list[int], ends: list[int]) -> None:
        if self._word_tuples is not None:
            # token k repeated once per word it gave, at C speed
            tokens = list(chain.from_iterable(map(repeat, count(), map(len, self._word_tuples))))
            starts = list(map(starts.__getitem__, tokens))
            ends = list(map(ends.__getitem__, tokens))
        self._starts = starts
        self._ends = ends

    def _find_spans(self) -> None:
        # The text between two tokens holds no token character (the pattern starts a token at
        # any one), so the next occurrence of a token's text at or after the previous token's
        # end is exactly where the pattern matched it.
        find = self.text.find
        end = 0
        starts: list[int] = []
        ends: list[int] = []
        add_start = starts.append
        add_end = ends.append
        if self._word_tuples is None:
            for raw in self.raw_tokens:
                start = find(raw, end)
                end = start + len(raw)
                add_start(start)
                add_end(end)
        else:
            # One span per word: a token's span for each word it gave ("i'm" -> i, am).
            for raw, ws in zip(self.raw_tokens, self._word_tuples, strict=True):
                start = find(raw, end)
                end = start + len(raw)
                if len(ws) == 1:
                    add_start(start)
                    add_end(end)
                else:
                    for _ in ws:
                        add_start(start)
                        add_end(end)
        self._starts = starts
        self._ends = ends

    def _find_spans_and_clauses(self, clauses: list[int]) -> list[int]:
        """_find_spans, and per word the clause marks before it (what bisect_right of its start
        in `clauses` gives), in the same walk: both go left to right."""
        find = self.text.find
        end = 0
        starts: list[int] = []
        ends: list[int] = []
        ids: list[int] = []
        add_start = starts.append
        add_end = ends.append
        add_id = ids.append
        marks = iter(clauses)
        c = 0  # marks before the current token
        nxt = next(marks, _NO_MARK)  # the first mark not yet passed
        if self._word_tuples is None:
            # One word per token (most texts): the same walk without looking at the words.
            for raw in self.raw_tokens:
                start = find(raw, end)
                end = start + len(raw)
                while nxt < start:
                    c += 1
                    nxt = next(marks, _NO_MARK)
                add_start(start)
                add_end(end)
                add_id(c)
            self._starts = starts
            self._ends = ends
            return ids
        for raw, ws in zip(self.raw_tokens, self._word_tuples, strict=True):
            start = find(raw, end)
            end = start + len(raw)
            while nxt < start:  # a mark is never at a token's first character
                c += 1
                nxt = next(marks, _NO_MARK)
            if len(ws) == 1:
                add_start(start)
                add_end(end)
                add_id(c)
            else:
                for _ in ws:
                    add_start(start)
                    add_end(end)
                    add_id(c)
        self._starts = starts
        self._ends = ends
        return ids

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._find_spans()
        return self._starts  # type: ignore[return-value]

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._find_spans()
        return self._ends  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self.words)

    def _structure(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Offsets of sentence ends, clause ends, quote marks and newlines; found on demand."""
        if self._marks is None:
            self._marks = self._find_marks()
        return self._marks

    def _set_marks_without(self, inner: frozenset[int]) -> None:
        """The marks, less those at `inner`: the "!" inside a joined token ("k!ll")."""
        sentences, clauses, quotes, newlines = self._find_marks()
        kept = [k for k, pos in enumerate(clauses) if pos not in inner]
        flags = self._sentence_flags
        self._sentence_flags = [flags[k] for k in kept]
        self._marks = (
            [p for p in sentences if p not in inner],
            [clauses[k] for k in kept],
            quotes,
            newlines,
        )

    def _find_marks(self) -> tuple[list[int], list[int], list[int], list[int]]:
        if self.text.isascii():
            return self._find_ascii_marks()
        sentences: list[int] = []
        clauses: list[int] = []
        quotes: list[int] = []
        newlines: list[int] = []
        # Per clause mark, whether it also ends a sentence (every sentence end is one).
        flags: list[int] = []
        self._sentence_flags = flags
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
            clauses.append(pos)
            if ch in _SENTENCE_END:
                sentences.append(pos)
                flags.append(1)
                if ch == "\n":
                    newlines.append(pos)
            else:
                flags.append(0)
                if ch not in _CLAUSE_END:
                    quotes.append(pos)
        return sentences, clauses, quotes, newlines

    def _find_ascii_marks(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """_find_marks of an ASCII text, at C speed: one translation to mark kinds (callgrind:
        about a quarter fewer instructions than the pattern and a loop over its marks)."""
        kinds = self.text.encode("ascii").translate(_MARK_KINDS)
        if b"'" in kinds:
            # An apostrophe between two word characters is inside a word (don't, I'm): no
            # mark. Replacements do not overlap ("a'a'a" needs two passes).
            while b"a'a" in kinds:
                kinds = kinds.replace(b"a'a", b"aaa")
        # Offsets of the marks: the lengths of the runs between them, accumulated, plus one
        # per mark passed.
        runs = kinds.translate(_ANY_MARK).split(b"|")
        runs.pop()
        clauses = list(map(add, accumulate(map(len, runs)), count()))
        order = kinds.translate(None, b" a")  # the marks' kinds, in text order
        flags = order.translate(_ENDS_SENTENCE)
        self._sentence_flags = flags
        sentences = list(compress(clauses, flags))
        quotes = (
            list(compress(clauses, order.translate(_IS_QUOTE)))
            if b'"' in order or (b"'" in order)
            else []
        )
        newlines = list(compress(clauses, order.translate(_IS_NEWLINE))) if b"N" in order else []
        return sentences, clauses, quotes, newlines

    def _token_ids(self) -> tuple[list[int], list[int]]:
        """Per token, the index of its sentence and of its clause (marks before it), found for
        all tokens at once with C-level bisection; both lists are sorted."""
        if self._ids is None:
            _, clauses, _, _ = self._marks or self._structure()
            if self._starts is None and self.raw_tokens:
                clause_ids = self._find_spans_and_clauses(clauses)
            else:
                clause_ids = list(map(partial(bisect_right, clauses), self.starts))
            # Sentence ends are clause ends too: the sentences before a token are the sentence
            # ends among the clause marks before it, counted once per clause at C speed.
            per_clause = list(accumulate(self._sentence_flags, initial=0))
            self._ids = (list(map(per_clause.__getitem__, clause_ids)), clause_ids)
        return self._ids

    def clause_ids(self) -> list[int]:
        """The clause index of every word (sorted)."""
        return (self._ids or self._token_ids())[1]

    # `self._ids or self._token_ids()`: computed once; later calls skip a call.
    def sentence_id(self, i: int) -> int:
        return (self._ids or self._token_ids())[0][i]

    def clause_id(self, i: int) -> int:
        return (self._ids or self._token_ids())[1][i]

    def sentence_range(self, i: int) -> tuple[int, int]:
        """Token indices [a, b) of the sentence holding token i; of a sentence longer than
        2 * RANGE_REACH words, the RANGE_REACH words on each side of i (see RANGE_REACH)."""
        ids = (self._ids or self._token_ids())[0]
        k = ids[i]
        a, b = bisect_left(ids, k), bisect_right(ids, k)
        if b - a <= _RANGE_MAX:  # written out, not a call: a hot path
            return a, b
        return max(a, i - RANGE_REACH), min(b, i + RANGE_REACH + 1)

    def clause_range(self, i: int) -> tuple[int, int]:
        """The same for the clause holding token i."""
        ids = (self._ids or self._token_ids())[1]
        k = ids[i]
        a, b = bisect_left(ids, k), bisect_right(ids, k)
        if b - a <= _RANGE_MAX:
            return a, b
        return max(a, i - RANGE_REACH), min(b, i + RANGE_REACH + 1)

    def is_quoted(self, i: int) -> bool:
        """Inside a pair of quote marks on the same line ("dia bilang 'aku mau mati'")."""
        _, _, quotes, newlines = self._marks or self._structure()
        if not quotes:
            return False
        pos = (self._starts or self.starts)[i]
        k = bisect_right(newlines, pos)
        line_start = newlines[k - 1] if k > 0 else -1
        line_end = newlines[k] if k < len(newlines) else len(self.text)
        before = bisect_right(quotes, pos) - bisect_right(quotes, line_start)
        after = bisect_left(quotes, line_end) - bisect_right(quotes, pos)
        return before % 2 == 1 and after >= 1

    def quote_opening(self, i: int) -> int:
        """Index of the first token inside the quote holding token i (is_quoted(i) is true)."""
        _, _, quotes, _ = self._marks or self._structure()
        pos = (self._starts or self.starts)[i]
        opening = quotes[bisect_right(quotes, pos) - 1]
        return bisect_right(self.starts, opening)

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
        if w[0] == "@" and len(w) > 2 and "@" not in w[1:] and _HANDLE_RE.fullmatch(w[1:]):
            return (MENTION,)  # someone addressed by handle: a target, like "kamu"
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
    if w.isalpha():
        pass  # letters only: no leetspeak digit or symbol to map
    elif (
        (any(ch.isdigit() for ch in w) and any(ch.isalpha() for ch in w))
        or "@" in w
        or "$" in w
        or "!" in w  # only in tokens joined by _join_bang_words ("k!ll")
    ):
        w = w.translate(_LEET)
    if "*" in w:
        w = _unmask(w)
    if _DOUBLE_RE.search(w) and w not in known and w not in slang:
        w = _collapse_repeats(w, known, slang)
    hit = slang.get(w)
    if hit is not None:
        return hit
    if w not in known and len(w) > 4 and w.isalpha():
        root = _strip_affixes(w)
        if root is not None:
            return root
        parts = _split_compound(w)
        if parts is not None:
            return parts
    return (w,)


# Indonesian affixes around an insult root: "gobloknya", "dibegoin", "ngebacot", "kebodohan",
# "sebego", "terbodoh"; the clitics -mu/-ku also say who is meant ("bodohmu" = "you, stupid").
_PREFIXES = ("", "nge", "ng", "di", "ke", "se", "ter")
_SUFFIXES = ("", "nya", "lah", "kah", "in", "an", "kan", "nya2")
_CLITICS = (("mu", "kamu"), ("ku", "aku"))
_AFFIX_PREFIXES = tuple(p for p in _PREFIXES if p)
_AFFIX_SUFFIXES = tuple(s for s in _SUFFIXES if s)


def _strip_affixes(w: str) -> tuple[str, ...] | None:
    roots = lexicon.INSULTS
    for clitic, person in _CLITICS:
        if w.endswith(clitic) and w[:-2] in roots:
            return (w[:-2], person)
    if not w.startswith(_AFFIX_PREFIXES) and not w.endswith(_AFFIX_SUFFIXES):
        return None  # only the bare word is left, and it is not a root (the caller checked)
    for prefix in _PREFIXES:
        if not w.startswith(prefix):
            continue
        stem = w[len(prefix) :]
        for suffix in _SUFFIXES:
            if (prefix or suffix) and stem.endswith(suffix):
                root = stem[: len(stem) - len(suffix)] if suffix else stem
                if len(root) >= 3 and root in roots:
                    return (root,)
    return None


def _split_compound(w: str, lead: bool = True) -> tuple[str, ...] | None:
    """The words of a two-word crisis phrase written without a space ("bunuhdiri",
    "pengenmati", "killmyself", "wannadie"): the token read as two or three spellings of the
    lexicons (the middle one a filler), where the phrase's two words follow each other with
    only fillers between; `lead`: also after one more piece ("pengenbunuhdiri"). Only whole
    pieces count, so an unknown word that merely starts like one ("matikan", "endless")
    stays one word."""
    pieces = lexicon.COMPOUND_PIECES
    longest = lexicon.COMPOUND_PIECE_MAX
    if len(w) > 4 * longest:
        return None  # more than four pieces long (and a 1 MB token costs nothing here)
    for k in range(2, min(len(w) - 1, longest + 1)):
        a = pieces.get(w[:k])
        if a is None:
            continue
        rest = w[k:]
        b = pieces.get(rest)
        if b is not None and _holds_pair(a, b):
            return a + b
        for m in range(2, min(len(rest) - 1, longest + 1)):
            f = pieces.get(rest[:m])
            if f is not None and _FILLERS.issuperset(f):
                b = pieces.get(rest[m:])
                if b is not None and _holds_pair(a + f, b, len(a)):
                    return a + f + b
        if lead:
            inner = _split_compound(rest, lead=False)
            if inner is not None:
                return a + inner
    return None


def _holds_pair(a: tuple[str, ...], b: tuple[str, ...], first_end: int | None = None) -> bool:
    """Whether a word of the first piece (of `a[:first_end]`) and the first word of `b` are a
    two-word phrase, with only fillers between them."""
    pairs = lexicon.COMPOUND_PAIRS
    head = b[0]
    for i in range(len(a) if first_end is None else first_end):
        if (a[i], head) in pairs and _FILLERS.issuperset(a[i + 1 :]):
            return True
    return False


_FILLERS = lexicon.CUES["filler"]


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


def _info(raw: str) -> _Info:
    words = normalize_word(raw)
    id_ev = en_ev = 0.0
    for w in words:
        a, b = langid.word_evidence(w)
        id_ev += a
        en_ev += b
    syl_id, syl_en = readability.token_syllables(raw)
    digit = not raw.isalpha() and any(ch.isdecimal() for ch in raw)
    model_word = clean_raw(raw)
    id_ev = _SHARED_FLOATS.setdefault(id_ev, id_ev)
    en_ev = _SHARED_FLOATS.setdefault(en_ev, en_ev)
    packed = (
        syl_id
        | syl_en << _SYL_EN
        | (1 if syl_id else 0) << _COUNTED
        | digit << _DIGIT
        | (len(model_word) == 1 and model_word != "g") << _SHORT_ONE
        | (model_word in ("", "g")) << _SHORT_NONE
        | (len(raw) == 1) << _RAW_ONE
        | (not words) << _NO_WORD
        | (_TEN_EQUAL_RE.search(raw) is not None) << _RUN
    )
    # Shared too: few distinct values, so a text's transposition (tokenize's zip) touches
    # objects already in the CPU cache rather than one fresh int per token (bounded: an odd
    # stream of unusual tokens just stops sharing).
    if len(_SHARED_INTS) < _SHARED_MAX or packed in _SHARED_INTS:
        packed = _SHARED_INTS.setdefault(packed, packed)
    info = (words, id_ev, en_ev, model_word, packed)
    if len(_INFO) >= _CACHE_MAX:
        _INFO.clear()
    _INFO[raw] = info
    return info


def split_tokens(text: str) -> list[str]:
    """`_TOKEN_RE.findall(text)`, at C speed for ASCII text (most posts)."""
    if not text.isascii():
        return _TOKEN_RE.findall(text)
    marked = text.encode("ascii").translate(_ASCII_TOKEN_TABLE)
    if "'" in text:
        # The pattern keeps an apostrophe exactly when a token character is on each side
        # ("don't"); any other ("'aku'", "a''b") separates like a space. Two in a row both
        # go (one pass leaves no pair), then those next to a space (or an end).
        marked = b" " + marked.replace(b"''", b"  ") + b" "
        marked = marked.replace(b" '", b"  ").replace(b"' ", b"  ")
    return marked.decode("ascii").split()


def tokenize(text: str, *, infos: Mapping[str, tuple[Any, ...]] | None = None) -> Doc:
    """Split and normalise a text once. `infos`: a trained model's cache of token infos with
    its per-word sums appended (TextModel.token_infos); they go to `Doc.model_columns`."""
    raw_tokens: list[str] = split_tokens(text)
    if not raw_tokens:
        return Doc(text, [], raw_tokens)
    spans: list[tuple[int, int]] | None = None
    get = (_INFO if infos is None else infos).__getitem__
    columns = list(zip(*map(get, raw_tokens), strict=True))
    packed = sum(columns[4])
    # Spaced-out words ("b a n g s a t") need three one-letter tokens (in a row); only then
    # pay for the pattern that finds them, and for the token spans the joining needs.
    if packed >> _RAW_ONE >= 3 and _three_single_letters(raw_tokens) and _SPACED_RE.search(text):
        spans = [m.span() for m in _TOKEN_RE.finditer(text)]
        joined, spans = _join_spaced_letters(text, raw_tokens, spans)
        if joined is not raw_tokens:
            raw_tokens = joined
            columns = list(zip(*map(get, raw_tokens), strict=True))
            packed = sum(columns[4])
    inner_marks: list[int] = []
    model_words_split: tuple[str, ...] | None = None
    if "!" in text and _BANG_INSIDE_RE.search(text):
        if spans is None:
            spans = [m.span() for m in _TOKEN_RE.finditer(text)]
        joined, spans, inner_marks = _join_bang_words(text, raw_tokens, spans)
        if joined is not raw_tokens:
            # The trained layer reads the parts, as it did in training (model.tokens).
            model_words_split = columns[3]
            raw_tokens = joined
            columns = list(zip(*map(get, raw_tokens), strict=True))
            packed = sum(columns[4])
    word_tuples, id_ev, en_ev, model_words = columns[:4]
    if model_words_split is not None:
        model_words = model_words_split
    words = list(chain.from_iterable(word_tuples))
    doc = Doc(
        text,
        words,
        raw_tokens,
        spans=spans,
        # Per-word spans need the tokens' words when a token gave other than one word (the
        # counts alone can hide that: "*** kms" is two tokens and two words).
        word_tuples=(
            word_tuples if len(words) != len(raw_tokens) or packed >> _NO_WORD & _FIELD else None
        ),
        id_evidence=sum(id_ev),
        en_evidence=sum(en_ev),
        word_count=packed >> _COUNTED & _FIELD,
        syllables_id=packed & _FIELD,
        syllables_en=packed >> _SYL_EN & _FIELD,
        model_words=model_words,
        has_digit=packed >> _DIGIT & _FIELD > 0,
    )
    doc.has_token_run = packed >> _RUN > 0
    if inner_marks:
        doc._set_marks_without(frozenset(inner_marks))
    if infos is not None:
        doc.model_source = infos
        doc.model_columns = tuple(columns[INFO_FIELDS:])
        # Whether finish_words could change the model words: then the model takes them
        # through it instead of summing the columns (see TextModel.decision_doc); also
        # when the columns are those of joined tokens, not of the model's words.
        doc.model_short = (
            packed >> _SHORT_NONE & _FIELD > 0
            or (packed >> _SHORT_ONE & _FIELD >= 3 and _three_single_letters(model_words))
            or model_words_split is not None
        )
    return doc


def _three_single_letters(raw_tokens: Sequence[str]) -> bool:
    """Three one-character tokens in a row, the least a spaced-out word needs; one C-level scan
    of the token lengths (a token over 255 characters cannot be packed: then assume yes)."""
    try:
        return b"\x01\x01\x01" in bytes(map(len, raw_tokens))
    except ValueError:
        return True


def _join_bang_words(
    text: str, raw: list[str], spans: list[tuple[int, int]]
) -> tuple[list[str], list[tuple[int, int]], list[int]]:
    """Join tokens split by a single "!" standing for "i" ("k!ll", "su!c!de") when the
    joined word, read with "!" as "i", is one the rules act on; also the offsets of the
    joined "!" (they end no sentence)."""
    n = len(raw)
    out_raw: list[str] = []
    out_spans: list[tuple[int, int]] = []
    inner_marks: list[int] = []
    i = 0
    while i < n:
        # The longest run from i of tokens each one "!" after the previous.
        j = i
        while j + 1 < n and spans[j + 1][0] == spans[j][1] + 1 and text[spans[j][1]] == "!":
            j += 1
        end = j
        while end >= i:
            a, b = spans[i][0], spans[end][1]
            joined = text[a:b]
            word = _target_word(joined) if end > i else None
            if (
                text[b : b + 1] == "!"
                and not _DISGUISE_CHARS.isdisjoint(joined)
                and _target_word(joined + "!") is not None
                and word is None
            ):
                joined += "!"  # "d!r!": the last "!" is the word's "i" too
                inner_marks.append(b)
                b += 1
                word = joined
            if word is not None:
                out_raw.append(joined)
                out_spans.append((a, b))
                inner_marks.extend(spans[k][1] for k in range(i, end))
                i = end + 1
                break
            end -= 1
        else:
            out_raw.append(raw[i])
            out_spans.append(spans[i])
            i += 1
    if not inner_marks:
        return raw, spans, inner_marks  # nothing joined
    return out_raw, out_spans, inner_marks


def _target_word(token: str) -> str | None:
    """The token when its word (read with "!" as "i") is one the rules act on."""
    target = normalize_word(token)
    return token if target and target[0] in lexicon.SPACED_TARGETS else None


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
                if _target_word(joined) is not None:
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
