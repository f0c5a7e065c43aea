"""Warning signs in pairs (data/warning_signs.tsv): a final farewell, things given away that
will not be needed, being at a high place now, a deadline with "I'm done". Each alone is an
everyday sentence; together, in a post with no crisis phrase, they are a WARN crisis finding,
so that the post rises in the peer supporters' inbox and its writer is offered help."""

from __future__ import annotations

from suar.safety import scope
from suar.safety.lexicon import COMMON_WORDS, Match, Phrase
from suar.safety.lexicon import WARNING_SIGNS as SIGNS
from suar.safety.normalize import Doc
from suar.safety.report import Category, Finding, Severity

# (first kind, second kind): the first is the rarer one, looked for before anything else.
PAIRS = (
    ("farewell", "final"),
    ("farewell", "burden"),
    ("giving", "gone"),
    ("place", "there"),
    ("nothing", "done"),
)
_FIRST_KINDS = frozenset(first for first, _ in PAIRS)


def _gate_slot(p: Phrase) -> frozenset[str]:
    """The last slot without a function word, usually the rarest ("kasih semua barang" ->
    barang, "see you on the other side" -> side); the first is "sudah", "tidak" or "kalau"
    in some phrases."""
    slots = [slot for slot in p.slots if slot]
    return ([slot for slot in slots if COMMON_WORDS.isdisjoint(slot)] or slots)[-1]


def _by_gate() -> dict[str, list[Phrase]]:
    """Each gate word with the phrases of the first kinds it is a gate word of. A text with
    none of these words, or none of whose phrases has a word of every slot in the text
    (most texts), needs no scan: a phrase matches only where each slot has a word."""
    index: dict[str, list[Phrase]] = {}
    for p in SIGNS.phrases:
        if p.kind in _FIRST_KINDS:
            for w in _gate_slot(p):
                index.setdefault(w, []).append(p)
    return index


_BY_GATE = _by_gate()
GATE = frozenset(_BY_GATE)  # crisis._signs tests it before calling detect
# What may follow "I'm done" in its clause: "I'm done." but not "I'm done with this job".
_TRAILING = scope.FILLER | frozenset({"now", "already", "sekarang", "udah", "sudah", "lah", "deh"})

EXPLANATION = (
    "Teks ini menyebut beberapa tanda peringatan sekaligus (pamit untuk selamanya, membagikan "
    "barang, berada di tempat tinggi, tenggat waktu) tanpa kata krisis.",
    "This text names several warning signs together (a final goodbye, giving things away, "
    "being at a high place, a deadline) without a crisis word.",
)


def detect(doc: Doc, *, suggestion: str) -> list[Finding]:
    """At most one finding: the first pair found, spanning both signs."""
    wordset = doc.wordset
    hits = wordset & GATE
    if not hits or not any(_possible(p, wordset) for w in hits for p in _BY_GATE[w]):
        return []  # no phrase of the first kinds has all its words here: no scan
    by_kind: dict[str, list[Match]] = {}
    for m in SIGNS.find(doc):
        by_kind.setdefault(m.phrase.kind, []).append(m)
    if _FIRST_KINDS.isdisjoint(by_kind) or "reason" in by_kind:
        return []  # an everyday reason for any of it ("pamit ya, besok pindah kerja")
    if not scope.THIRD.isdisjoint(wordset) and scope.FIRST.isdisjoint(wordset):
        return []  # about someone else, with no word of the writer's own
    for first, second in PAIRS:
        if first == "place" and not scope.POSITIVE.isdisjoint(wordset):
            continue  # a visit: "standing on the bridge, the river looks beautiful"
        firsts, seconds = by_kind.get(first), by_kind.get(second)
        if not firsts or not seconds:
            continue
        # The second signs that count, by sentence: each judged once, so that a long text
        # with many of both costs linear time, not one test per pair.
        valid: dict[int, list[Match]] = {}
        for b in seconds:
            if _own(doc, b, others=scope.THIRD) and (second != "done" or _ends_clause(doc, b)):
                valid.setdefault(doc.sentence_id(b.i), []).append(b)
        if not valid:
            continue
        for a in firsts:
            if not _own(doc, a) or _past(doc, a):
                continue
            k = doc.sentence_id(a.i)
            for near in (k, k - 1, k + 1):  # the same sentence, or the one before or after
                for b in valid.get(near, ()):
                    if b.i < a.j and a.i < b.j:
                        continue  # one phrase is not two signs ("pesan terakhir")
                    return [
                        scope.finding(
                            doc,
                            min(a.i, b.i),
                            max(a.j, b.j),
                            category=Category.CRISIS,
                            severity=Severity.WARN,
                            rule=f"crisis.signs.{first}",
                            explanation=EXPLANATION,
                            suggestion=suggestion,
                            score=0.5,
                        )
                    ]
    return []


def _possible(p: Phrase, wordset: frozenset[str]) -> bool:
    return all(not slot.isdisjoint(wordset) for slot in p.slots if slot)


def _own(doc: Doc, m: Match, others: frozenset[str] = scope.OTHERS) -> bool:
    """The writer's sign: not quoted, not denied, and no one else named before it in its
    sentence ("if you notice someone giving away their things"). The second sign may speak
    to the readers ("kalian jangan sedih ya nanti"): `others` is then the third person."""
    if doc.is_quoted(m.i):
        return False
    ca, _ = doc.clause_range(m.i)
    if scope.negated(doc, m.i, clause_start=ca):
        return False
    sa, _ = doc.sentence_range(m.i)
    return others.isdisjoint(doc.words[sa : m.i])


def _past(doc: Doc, m: Match) -> bool:
    """The first sign told as the past ("dulu gw pernah berdiri di pinggir jembatan"): a
    recovery story. Not asked of the second, whose past is its own ("makasih udh pernah
    baik sama gw")."""
    sa, sb = doc.sentence_range(m.i)
    sentence = doc.words[sa:sb]
    return not scope.PAST.isdisjoint(sentence) and scope.PRESENT.isdisjoint(sentence)


def _ends_clause(doc: Doc, m: Match) -> bool:
    _, cb = doc.clause_range(m.i)
    return all(w in _TRAILING for w in doc.words[m.j : cb])
