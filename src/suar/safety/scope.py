"""What the rules look at around a match: negation, who speaks, tense, quotes."""

from __future__ import annotations

from suar.safety.lexicon import CUES
from suar.safety.normalize import Doc
from suar.safety.report import Category, Finding, Severity

FIRST = CUES["first"]
SECOND = CUES["second"]
THIRD = CUES["third"]
# Someone other than the writer: the reader or a third person.
OTHERS = SECOND | THIRD
NEGATION = CUES["negation"]
NEGATION_BREAK = CUES["negation_break"]
DESIRE = CUES["desire"]
IDEATION = CUES["ideation"]
ATTEMPT = CUES["attempt"]
PAST = CUES["past"]
PRESENT = CUES["present"]
RECOVERY = CUES["recovery"]
REPORT = CUES["report"]
CONDITIONAL = CUES["conditional"]
HELP = CUES["help"]
JOKE = CUES["joke"]
PLAN = CUES["plan"]
# Two-word times that count as plan words ("malam ini" is "tonight"): per pair's first word,
# the words that may follow it.
_PLAN_PAIRS: dict[str, frozenset[str]] = {}
for _pair in CUES["plan_pair"]:
    _first, _second = _pair.split("+")
    _PLAN_PAIRS[_first] = _PLAN_PAIRS.get(_first, frozenset()) | {_second}
PLAN_PAIR_FIRST = frozenset(_PLAN_PAIRS)
INANIMATE = CUES["inanimate"]
MATI_IDIOM = CUES["mati_idiom"]
HIDUP_MANNER = CUES["hidup_manner"]
FILLER = CUES["filler"]
POSITIVE = CUES["positive"]

# Words skipped when looking back from a phrase for the verb that governs it:
# "aku pengen banget untuk bunuh diri", "thinking about killing myself".
_GOVERNOR_SKIP = (
    FILLER
    | FIRST
    | frozenset(
        {"untuk", "buat", "for", "about", "tentang", "soal", "am", "is", "are", "was", "be", "been"}
        | {"have", "has", "had", "mungkin", "maybe", "probably", "sudah", "benar", "really"}
        | {"seriously", "literally", "actually", "mulai", "start", "started", "keep", "kept"}
        | {"stop", "bisa", "could", "might", "may"}
    )
)


def negated(doc: Doc, i: int, *, reach: int = 3, clause_start: int | None = None) -> bool:
    """A negation word up to `reach` tokens before token i, in the same clause (whose first
    token the caller may pass when it knows it)."""
    words = doc.words
    # Most phrases have no negation word anywhere near: one C-level test decides those.
    if NEGATION.isdisjoint(words[i - reach if i > reach else 0 : i]):
        return False
    a = doc.clause_range(i)[0] if clause_start is None else clause_start
    for k in range(max(a, i - reach), i):
        if words[k] in NEGATION and (k + 1 >= i or words[k + 1] not in NEGATION_BREAK):
            return True
    return False


def governor(doc: Doc, i: int, *, clause_start: int | None = None) -> str | None:
    """The first meaningful word before token i in its clause ("pengen" in "pengen banget mati")."""
    a = doc.clause_range(i)[0] if clause_start is None else clause_start
    words = doc.words
    k = i - 1
    while k >= a:
        w = words[k]
        if w in NEGATION:
            return w
        if w not in _GOVERNOR_SKIP:
            return w
        k -= 1
    return None


def has_plan(doc: Doc, a: int = 0, b: int | None = None) -> bool:
    """A plan, time or means word in tokens [a, b) (the whole text by default), or a two-word
    time there ("malam ini", "nanti malam")."""
    if a <= 0 and b is None:  # the whole text: its word set answers most texts at once
        if not PLAN.isdisjoint(doc.wordset):
            return True
        if PLAN_PAIR_FIRST.isdisjoint(doc.wordset):
            return False
    words = doc.words
    hi = len(words) if b is None else min(b, len(words))
    lo = max(a, 0)
    if hi <= lo:
        return False
    part = words[lo:hi]
    if not PLAN.isdisjoint(part):
        return True
    firsts = PLAN_PAIR_FIRST.intersection(part)
    if not firsts:
        return False  # most texts: one C-level test
    last = len(part) - 1
    for w in firsts:  # each occurrence found at C speed, as the phrase scanner does
        k = -1
        for _ in range(part.count(w)):
            k = part.index(w, k + 1)
            if k < last and part[k + 1] in _PLAN_PAIRS[w]:
                return True
    return False


def any_in(doc: Doc, a: int, b: int, group: frozenset[str]) -> bool:
    words = doc.words
    lo = max(a, 0)
    hi = min(b, len(words))
    # One C-level set test over the slice instead of a Python loop per token.
    return hi > lo and not group.isdisjoint(words[lo:hi])


def last_in(doc: Doc, a: int, b: int, group: frozenset[str]) -> int:
    """Index of the last word of `group` in [a, b), or -1."""
    words = doc.words
    lo = max(a, 0)
    if b <= lo or group.isdisjoint(words[lo:b]):  # one C-level test for the usual "none"
        return -1
    for k in range(min(b, len(words)) - 1, lo - 1, -1):
        if words[k] in group:
            return k
    return -1


def finding(
    doc: Doc,
    i: int,
    j: int,
    *,
    category: Category,
    severity: Severity,
    rule: str,
    explanation: tuple[str, str],
    suggestion: str | None = None,
    score: float = 1.0,
) -> Finding:
    """A finding spanning tokens [i, j) of the doc, with offsets into the original text."""
    # The properties compute the offsets when no rule has needed them yet; after that the
    # lists are read directly. Positional arguments, in Finding's field order: a text's
    # findings are built here, and keyword matching cost more than the rest of the call.
    starts = doc._starts or doc.starts
    ends = doc._ends or doc.ends
    return Finding(
        category,
        severity,
        starts[i],
        ends[j - 1],
        rule,
        explanation[0],
        explanation[1],
        suggestion,
        round(score, 3),
    )


def pick(lang: str, indonesian: str, english: str) -> str:
    """Advice in the text's language; Indonesian first for mixed or unknown text."""
    return english if lang == "en" else indonesian
