"""Stigma: labels for people who use substances or have a mental illness; person-first wording."""

from __future__ import annotations

from suar.safety import scope
from suar.safety.lexicon import CUES, STIGMA, TRIGGERING, in_language, language_variants
from suar.safety.normalize import Doc
from suar.safety.report import Category, Finding, Severity

_EXPLANATION = (
    "Istilah ini bisa terasa menstigma. Gunakan bahasa yang mengutamakan orangnya.",
    "This term can stigmatise. Prefer person-first language.",
)
# "clean"/"dirty" are ordinary words; they are labels only in talk about substance use.
_CONTEXTUAL = frozenset({"clean", "dirty"})
_DRUG_TALK = (
    CUES["recovery"]
    | frozenset({"drugs", "drug", "using", "relapse", "relapsed", "narkoba", "alcohol", "sober"})
    | frozenset({"days", "months", "years", "weeks", "test", "tested", "urine"})
    | frozenset(w for p in TRIGGERING.phrases if p.kind == "drug" for s in p.slots for w in s)
)
_SEVERITY = {"info": Severity.INFO, "warn": Severity.WARN}
_VARIANTS = language_variants(STIGMA.phrases, lambda p: p.kind)  # kind is the line's language


def detect(doc: Doc, *, lang: str) -> list[Finding]:
    out: list[Finding] = []
    for m in STIGMA.find(doc):
        phrase = in_language(_VARIANTS, m, doc.words, lang)
        replacement, severity = phrase.extra
        if m.j - m.i == 1 and doc.words[m.i] in _CONTEXTUAL:
            others = doc.wordset - {doc.words[m.i]}
            if others.isdisjoint(_DRUG_TALK):
                continue
        out.append(
            scope.finding(
                doc,
                m.i,
                m.j,
                category=Category.STIGMA,
                severity=_SEVERITY[severity],
                rule=f"stigma.{phrase.kind}.{phrase.pattern.split()[-1].split('|')[0]}",
                explanation=_EXPLANATION,
                suggestion=replacement,
                score=0.6 if severity == "warn" else 0.4,
            )
        )
    return out
