"""Load the hand-written lexicons in data/ and match multi-word phrases over normalised tokens."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from importlib import resources
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from suar.safety.normalize import Doc

# Words that may sit inside a phrase without breaking it: "pengen banget mati",
# "capek bgt sama hidup". Kept short so that unrelated words still break a phrase.
FILLER_SKIP = 2


def _read_tsv(name: str) -> list[list[str]]:
    """Rows of a data file; '#' starts a comment line; the last column says where it came from."""
    text = resources.files("suar.safety.data").joinpath(name).read_text(encoding="utf-8")
    rows: list[list[str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t") if c.strip()]
        if len(cols) < 2:
            raise ValueError(f"{name}:{number}: expected tab-separated columns, got {line!r}")
        rows.append(cols)
    return rows


def _slot_words(slot: str) -> list[str]:
    """The words of one slot: its alternatives, where "10..200" stands for every whole number
    from 10 to 200 ("took 20 pills": a count of pills is a word of the text, like any other)."""
    words: list[str] = []
    for alt in slot.split("|"):
        low, sep, high = alt.partition("..")
        if sep and low.isdigit() and high.isdigit():
            words.extend(str(n) for n in range(int(low), int(high) + 1))
        else:
            words.append(alt)
    return words


@dataclass(frozen=True, slots=True)
class Phrase:
    kind: str
    slots: tuple[frozenset[str], ...]  # each slot: accepted words; empty set = any word
    extra: tuple[str, ...]  # file-specific columns (replacement, suggestion, ...)
    pattern: str


@dataclass(frozen=True, slots=True)
class Match:
    phrase: Phrase
    i: int  # first token
    j: int  # one past the last token


def _match_init(self: Match, phrase: Phrase, i: int, j: int) -> None:
    _set_phrase(self, phrase)
    _set_i(self, i)
    _set_j(self, j)


# Every phrase found builds a Match: stored through the slot descriptors, as report.Finding
# is (the same frozen object, without three calls of object.__setattr__).
_set_phrase, _set_i, _set_j = (getattr(Match, f.name).__set__ for f in fields(Match))
_DATACLASS_MATCH_INIT = Match.__init__
_match_init.__qualname__ = "Match.__init__"
Match.__init__ = _match_init  # type: ignore[method-assign]


_BY_START = attrgetter("i")
_BY_END = attrgetter("j")


class PhraseSet:
    """Phrases indexed by their first word: a text without any first word costs one set test."""

    def __init__(self, phrases: list[Phrase], *, fillers: frozenset[str] = frozenset()) -> None:
        self.phrases = phrases
        self.fillers = fillers
        self.by_first: dict[str, list[Phrase]] = {}
        for p in phrases:
            for w in p.slots[0]:
                self.by_first.setdefault(w, []).append(p)
        self.first_words = frozenset(self.by_first)
        # Per first word: each phrase with the word sets its later slots need. A phrase matches
        # only where every non-empty slot has one of its words in the text, so a phrase with a
        # slot disjoint from the text's words is skipped before any scanning (same matches).
        # The needs are tested rarest first: a slot of content words ("sure", "psycho") before
        # one that holds a function word ("i", "is", "tidak"), which most texts have; a
        # phrase is a candidate only when all hold, so the order changes no match, only how
        # soon a text without the phrase is told (and the scanner's gate, the first needs).
        self._needs: dict[str, list[tuple[Phrase, tuple[frozenset[str], ...]]]] = {
            w: [(p, _rarest_first(slot for slot in p.slots[1:] if slot)) for p in ps]
            for w, ps in self.by_first.items()
        }
        # Matched alone, or with the engine's other sets when _share() made it one of them.
        self._scanner = _Scanner([self])
        self._shared: _Scanner | None = None
        self._shared_index = 0

    @classmethod
    def from_file(
        cls, name: str, *, extra_cols: int = 0, fillers: frozenset[str] = frozenset()
    ) -> PhraseSet:
        phrases = []
        for row in _read_tsv(name):
            kind, pattern = row[0], row[1]
            extra = tuple(row[2 : 2 + extra_cols])
            if len(extra) != extra_cols or len(row) < 3 + extra_cols:
                raise ValueError(f"{name}: row {row!r} needs {extra_cols + 3} columns")
            slots = tuple(
                frozenset() if slot == "_" else frozenset(_slot_words(slot))
                for slot in pattern.split()
            )
            phrases.append(Phrase(kind=kind, slots=slots, extra=extra, pattern=pattern))
        return cls(phrases, fillers=fillers)

    def words(self) -> set[str]:
        return {w for p in self.phrases for slot in p.slots for w in slot}

    def find(self, doc: Doc) -> list[Match]:
        """Every phrase occurrence, longest first at each start, nested shorter ones dropped."""
        if self._shared is None:
            return self._scanner.scan(doc)[0]
        # The engine's sets are matched together, once per text (see _share); the
        # callers only read the list.
        found = doc.phrase_matches
        if found is None:
            found = doc.phrase_matches = self._shared.scan(doc)
        return found[self._shared_index]


def _read_function_words() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {"id": set(), "en": set()}
    for row in _read_tsv("function_words.tsv"):
        groups[row[0]].update(row[1].split())
    return {lang: frozenset(words) for lang, words in groups.items()}


# Function and everyday words per language (data/function_words.tsv): language identification
# weighs them, and a phrase slot that holds one is met by most texts.
FUNCTION_WORDS = _read_function_words()
COMMON_WORDS = FUNCTION_WORDS["id"] | FUNCTION_WORDS["en"]


def _rarest_first(slots: Iterable[frozenset[str]]) -> tuple[frozenset[str], ...]:
    """Slots without a common word first, each group in phrase order (a stable sort)."""
    return tuple(sorted(slots, key=COMMON_WORDS.isdisjoint, reverse=True))


LanguageVariants = dict[tuple[str, ...], dict[str, Phrase]]


def language_variants(
    phrases: Sequence[Phrase], lang_of: Callable[[Phrase], str]
) -> LanguageVariants:
    """Word sequences written on lines of more than one language ("junkie" has an English and
    an Indonesian replacement): sequence -> {language: phrase}. A scan keeps the first line
    that matches, so without this an Indonesian text got the English advice, or the reverse.
    Phrases with an any-word slot are left out (their sequences cannot be listed)."""
    seen: dict[tuple[str, ...], dict[str, Phrase]] = {}
    for phrase in phrases:
        if not all(phrase.slots):
            continue
        for seq in itertools.product(*(sorted(slot) for slot in phrase.slots)):
            seen.setdefault(seq, {}).setdefault(lang_of(phrase), phrase)
    return {seq: by_lang for seq, by_lang in seen.items() if len(by_lang) > 1}


def in_language(variants: LanguageVariants, m: Match, words: list[str], lang: str) -> Phrase:
    """The phrase of match m written for the text's language (Indonesian for mixed or unknown
    text, as scope.pick does), when its words have lines in both; else the matched one."""
    if not variants:
        return m.phrase
    by_lang = variants.get(tuple(words[m.i : m.j]))
    if by_lang is None:
        return m.phrase
    return by_lang.get("en" if lang == "en" else "id", m.phrase)


class _Scanner:
    """Several phrase sets matched in one pass over a text: one set test of the text's words
    against all their first words, and each first word's occurrences found once, where
    one pass per set repeats both. The matches of each set are those PhraseSet.find gives
    alone: the same phrases are tried, in the same order, at the same positions."""

    def __init__(self, sets: Sequence[PhraseSet]) -> None:
        self.size = len(sets)
        # Per first word: (set index, that set's phrases of the word with their needs, the
        # set's fillers, the words of which a text needs one for any of those phrases to be
        # a candidate, or None when a phrase needs nothing more), in set order.
        self.by_first: dict[str, list[_Entry]] = {}
        for index, ps in enumerate(sets):
            for w, needs in ps._needs.items():
                gate: frozenset[str] | None = None
                if all(slots for _, slots in needs):
                    gate = frozenset().union(*(slots[0] for _, slots in needs))
                self.by_first.setdefault(w, []).append((index, needs, ps.fillers, gate))
        self.first_words = frozenset(self.by_first)

    def scan(self, doc: Doc) -> list[list[Match]]:
        """Per set, what PhraseSet.find(doc) gives."""
        found: list[list[Match]] = [[] for _ in range(self.size)]
        wordset = doc.wordset
        hits = wordset & self.first_words
        if not hits:
            return found
        words = doc.words
        n = len(words)
        clauses: list[int] | None = None  # the clause of each word, fetched when first needed
        for w in hits:
            occurrences: list[int] | None = None
            for index, phrases, fillers, gate in self.by_first[w]:
                if gate is not None and gate.isdisjoint(wordset):
                    continue  # every phrase of w here has a first need the text lacks
                candidates = []
                for p, needs in phrases:
                    for slot in needs:
                        if slot.isdisjoint(wordset):
                            break
                    else:
                        candidates.append(p)
                if not candidates:
                    continue
                if occurrences is None:
                    # C-speed scans: only the occurrences cost Python time (counted first,
                    # so that the last search does not end in an exception)
                    occurrences = []
                    i = -1
                    for _ in range(words.count(w)):
                        i = words.index(w, i + 1)
                        occurrences.append(i)
                out = found[index]
                for i in occurrences:
                    for p in candidates:
                        k = i + 1
                        ok = True
                        for slot in p.slots[1:]:
                            skipped = 0
                            while k < n and slot and words[k] not in slot and words[k] in fillers:
                                if skipped == FILLER_SKIP:
                                    break
                                k += 1
                                skipped += 1
                            if k < n and (not slot or words[k] in slot):
                                k += 1
                            else:
                                ok = False
                                break
                        if ok and (
                            k - i == 1
                            or (clauses := clauses or doc.clause_ids())[i] == clauses[k - 1]
                        ):
                            out.append(Match(p, i, k))  # a phrase never spans a comma or stop
        for index, matches in enumerate(found):
            if len(matches) > 1:
                found[index] = _longest(matches)
        return found


def _longest(found: list[Match]) -> list[Match]:
    """The matches sorted by (i, -j), each inside a longer one kept dropped."""
    # By (i, -j), in two stable passes with C-level keys: longest first, then by start.
    found.sort(key=_BY_END, reverse=True)
    found.sort(key=_BY_START)
    kept: list[Match] = []
    reach = -1
    for m in found:
        if m.j <= reach:
            continue  # inside a longer match already kept
        kept.append(m)
        reach = max(reach, m.j)
    return kept


_Entry = tuple[
    int, list[tuple[Phrase, tuple[frozenset[str], ...]]], frozenset[str], frozenset[str] | None
]


def _read_slang() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row[1].split()) for row in _read_tsv("slang.tsv")}


def _read_cues() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for row in _read_tsv("cues.tsv"):
        groups.setdefault(row[0], set()).update(row[1].split())
    return {k: frozenset(v) for k, v in groups.items()}


def _read_insults() -> dict[str, str]:
    return {row[1]: row[0] for row in _read_tsv("insults.tsv")}


SLANG = _read_slang()
CUES = _read_cues()
INSULTS = _read_insults()  # word -> kind (slur, charged, strong, insult, profanity, mild, animal)

CRISIS = PhraseSet.from_file("crisis.tsv", fillers=CUES["filler"])
THREATS = PhraseSet.from_file("threats.tsv", fillers=CUES["filler"])
STIGMA = PhraseSet.from_file("stigma.tsv", extra_cols=2)
SAFE_MESSAGING = PhraseSet.from_file("safe_messaging.tsv", extra_cols=2, fillers=CUES["filler"])
TRIGGERING = PhraseSet.from_file("triggering.tsv")
SPAM = PhraseSet.from_file("spam.tsv")
# Looked for only when a trained model alone rates a text as crisis
# (suar.safety._explained_away).
EVERYDAY = PhraseSet.from_file("everyday.tsv")
# Looked for only in texts with one of its farewell, giving, place or deadline words and no
# crisis finding (suar.safety.warning_signs).
WARNING_SIGNS = PhraseSet.from_file("warning_signs.tsv", fillers=CUES["filler"])

_PHRASE_SETS = (
    CRISIS,
    THREATS,
    STIGMA,
    SAFE_MESSAGING,
    TRIGGERING,
    SPAM,
    EVERYDAY,
    WARNING_SIGNS,
)


def _share(sets: Sequence[PhraseSet]) -> None:
    """Match these sets together, once per text (Doc.phrase_matches holds the result)."""
    scanner = _Scanner(sets)
    for index, ps in enumerate(sets):
        ps._shared = scanner
        ps._shared_index = index


# analyze() looks for all of these in every text. SAFE_MESSAGING is left alone: it is looked
# for only in texts that mention suicide.
_share((CRISIS, THREATS, STIGMA, TRIGGERING, SPAM))
_LEXICON_WORDS: set[str] = set(INSULTS)
for _ps in _PHRASE_SETS:
    _LEXICON_WORDS |= _ps.words()

KNOWN_WORDS: frozenset[str] = frozenset(
    _LEXICON_WORDS
    | {w for v in SLANG.values() for w in v}
    | {w for group in CUES.values() for w in group}
)


def _compound_pieces() -> tuple[frozenset[tuple[str, str]], dict[str, tuple[str, ...]]]:
    """What normalize needs to read a two-word crisis phrase written as one token
    ("bunuhdiri", "pengenmati", "killmyself"): the word pairs of those phrases, and each
    spelling that stands for a word of those pairs or a filler, with the words it reads as,
    slang first as in normalize_word ("pengen" -> ingin, "aja" -> saja, "wanna" -> want to).
    Only whole two-word phrases: the first words of a longer one ("tidak ada", "do not") are
    common words, and their compounds ("takada", "cannot") need no help."""
    pairs = {
        (a, b)
        for p in CRISIS.phrases
        if len(p.slots) == 2 and p.slots[0] and p.slots[1]
        for a in p.slots[0]
        for b in p.slots[1]
    }
    words = {w for pair in pairs for w in pair} | CUES["filler"]
    pieces: dict[str, tuple[str, ...]] = {w: (w,) for w in words if w not in SLANG}
    for spelling, canonical in SLANG.items():
        if spelling.isalpha() and not words.isdisjoint(canonical):
            pieces[spelling] = canonical
    return frozenset(pairs), {k: v for k, v in pieces.items() if len(k) >= 2}


COMPOUND_PAIRS, COMPOUND_PIECES = _compound_pieces()
COMPOUND_PIECE_MAX = max(map(len, COMPOUND_PIECES))

# Words worth recovering from disguises ("b*ngsat", "b a n g s a t"): the ones rules act on.
# Not the counts of a number slot: "1 0 0" and "1*0" are not disguised words.
SPACED_TARGETS: frozenset[str] = frozenset(
    w for w in _LEXICON_WORDS if len(w) >= 3 and not w.isdigit()
)
MASKABLE_BY_LENGTH: dict[int, tuple[str, ...]] = {}
for _w in sorted(set(INSULTS) | CRISIS.words() | THREATS.words()):
    if len(_w) >= 3 and not _w.isdigit():
        MASKABLE_BY_LENGTH.setdefault(len(_w), ())
        MASKABLE_BY_LENGTH[len(_w)] += (_w,)
# Insults first: a masked word in the wild is far more often a swear word.
for _len, _ws in MASKABLE_BY_LENGTH.items():
    MASKABLE_BY_LENGTH[_len] = tuple(sorted(_ws, key=lambda w: (w not in INSULTS, w)))
