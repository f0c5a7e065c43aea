"""Triggering detail: suicide methods and places, graphic self-harm, drug dosing and glorifying."""

from __future__ import annotations

import re
from bisect import bisect_right

from suar.safety import scope
from suar.safety.lexicon import TRIGGERING, Match
from suar.safety.normalize import Doc
from suar.safety.report import Category, Finding, Severity

# A count or dose: "20 butir", "500mg", "2 strip". Bounded quantifiers keep it linear.
# Written as `(?<![\w.])\d{1,4}...`, but starting with the digit so that the engine skips ahead
# to digits instead of trying the look-behind at every position.
_DOSE_RE = re.compile(
    r"\d(?<![\w.]\d)\d{0,3}(?:[.,]\d{1,3})?\s{0,2}"
    r"(?:butir|tablets?|tabs?|pil|pills?|kapsul|capsules?|mg|mcg|ml|gram|gr|g|strip|strips|biji|botol|bottles?)\b",
    re.IGNORECASE,
)
_MEANS = (
    "Detail cara atau sarana bunuh diri/melukai diri bisa memicu pembaca (S1/S2).",
    "Detail of a method or means of suicide or self-harm can trigger readers (S1/S2).",
)
_GRAPHIC = (
    "Gambaran luka atau darah yang rinci bisa memicu pembaca.",
    "Graphic detail of injuries or blood can trigger readers.",
)
_DRUG = (
    "Menyebut dosis atau memuji pemakaian zat bisa memicu orang dalam pemulihan.",
    "Dosing or praising substance use can trigger people in recovery.",
)
_ADVICE_ID = "Hapus detailnya atau beri peringatan konten (content warning)."
_ADVICE_EN = "Remove the detail or add a content warning."


def detect(doc: Doc, *, lang: str, topic: list[Match], intent: bool) -> list[Finding]:
    """`topic`: suicide/self-harm mentions found by the crisis rules; `intent`: a crisis finding."""
    out: list[Finding] = []
    advice = scope.pick(lang, _ADVICE_ID, _ADVICE_EN)
    topic_sentences = {doc.sentence_id(m.i) for m in topic}
    matches = TRIGGERING.find(doc)
    if not matches and not topic_sentences:
        return out  # doses matter only next to a phrase or a suicide mention: skip that scan
    doses = _doses(doc)
    dose_sentences = {doc.sentence_id(i) for i, _ in doses if i < len(doc)}
    for m in matches:
        kind = m.phrase.kind
        sentence = doc.sentence_id(m.i)
        if kind in ("means", "location"):
            if sentence not in topic_sentences and not (kind == "means" and intent):
                continue
            rule, explanation = ("S1" if kind == "means" else "S2"), _MEANS
        elif kind == "graphic":
            rule, explanation = "triggering.graphic", _GRAPHIC
        else:
            a, b = doc.sentence_range(m.i)
            praised = scope.any_in(doc, a, b, scope.POSITIVE) and not scope.negated(doc, m.i)
            if sentence in dose_sentences:
                rule = "triggering.dosing"
            elif praised and not scope.any_in(doc, a, b, scope.PAST | scope.RECOVERY):
                rule = "triggering.drug_glorification"
            else:
                continue
            explanation = _DRUG
        out.append(
            scope.finding(
                doc,
                m.i,
                m.j,
                category=Category.TRIGGERING,
                severity=Severity.HIGH if intent and kind == "means" else Severity.WARN,
                rule=rule,
                explanation=explanation,
                suggestion=advice,
                score=0.7,
            )
        )
    if topic_sentences:
        dose_findings = [
            _dose_finding(match, advice)
            for i, match in doses
            if i < len(doc) and doc.sentence_id(i) in topic_sentences
        ]
        if dose_findings:
            # The dose span ("20 butir") replaces a bare means word inside it ("butir"). Dose
            # spans come in text order and do not overlap, so one bisection per finding does.
            starts = [d.start for d in dose_findings]
            kept = []
            for f in out:
                k = bisect_right(starts, f.start) - 1
                if k < 0 or not f.end <= dose_findings[k].end:
                    kept.append(f)
            out = kept + dose_findings
    return out


def _doses(doc: Doc) -> list[tuple[int, re.Match[str]]]:
    """Dose expressions with the index of the token they start at."""
    if not doc.has_digit or not _may_hold_dose(doc.text):  # every dose has a digit
        return []
    return [(doc.token_at(m.start()), m) for m in _DOSE_RE.finditer(doc.text)]


def _may_hold_dose(text: str) -> bool:
    """False only when _DOSE_RE cannot match. In ASCII text every dose has a digit, at
    most two whitespace characters, then a unit, which starts with one of "btpkcmgs" in
    either case: one translation of the text to those classes and three substring tests,
    far cheaper than the pattern, which tests every character for a digit (most texts with
    digits have no dose: a phone number, "2 tahun")."""
    if not text.isascii():
        return True
    classes = text.encode("ascii").translate(_DOSE_CLASSES)
    return b"0u" in classes or b"0 u" in classes or b"0  u" in classes


# Digit -> "0", a unit's first letter -> "u", what `\s` matches -> " ", the rest -> "x".
_DOSE_CLASSES = bytes(
    48
    if chr(i).isdigit()
    else 117
    if chr(i) in "btpkcmgsBTPKCMGS"
    else 32
    if chr(i).isspace()
    else 120
    for i in range(256)
)


def _dose_finding(m: re.Match[str], advice: str) -> Finding:
    return Finding(
        category=Category.TRIGGERING,
        severity=Severity.WARN,
        start=m.start(),
        end=m.end(),
        rule="S1",
        explanation_id=_MEANS[0],
        explanation_en=_MEANS[1],
        suggestion=advice,
        score=0.8,
    )
