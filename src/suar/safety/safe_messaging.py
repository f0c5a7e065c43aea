"""Safe-messaging linter for posts about suicide (WHO, reportingonsuicide.org, Dewan Pers 2019)."""

from __future__ import annotations

import re

from suar.safety import scope
from suar.safety.lexicon import SAFE_MESSAGING, Match, in_language, language_variants
from suar.safety.normalize import Doc
from suar.safety.report import Category, Context, Finding, Severity

# Rules that name the topic themselves (S3 "committed suicide", S4 "failed attempt") apply
# anywhere; the others only near a mention of suicide, so that "solusi" or "video" in an
# unrelated sentence is left alone.
_SELF_CONTAINED = frozenset({"S3", "S4"})
_EXPLANATIONS: dict[str, tuple[str, str]] = {
    "S3": (
        "Hindari kata yang membingkai bunuh diri sebagai kejahatan atau tindakan (S3).",
        "Avoid wording that frames suicide as a crime or deed (S3).",
    ),
    "S4": (
        "Hindari 'berhasil/gagal' untuk percobaan bunuh diri (S4).",
        "Avoid 'successful/failed' for suicide attempts (S4).",
    ),
    "S5": (
        "Hindari kata sensasional seperti 'wabah' atau 'melonjak' (S5).",
        "Avoid sensational words such as 'epidemic' or 'skyrocketing' (S5).",
    ),
    "S6": (
        "Bunuh diri jarang punya satu penyebab; hindari menyalahkan satu hal (S6).",
        "Suicide rarely has one cause; avoid blaming a single one (S6).",
    ),
    "S7": (
        "Hampir selalu ada tanda peringatan; sebutkan tandanya (S7).",
        "There are almost always warning signs; mention them (S7).",
    ),
    "S8": (
        "Jangan gambarkan bunuh diri sebagai solusi, indah atau wajar (S8).",
        "Do not present suicide as a solution, glamorous or normal (S8).",
    ),
    "S9": (
        "Jangan kutip surat terakhir atau bagikan foto/video kejadian (S9).",
        "Do not quote a last note or share photos/video of the scene (S9).",
    ),
    "S10": (
        "Tulisan tentang bunuh diri sebaiknya menyertakan info bantuan (S10).",
        "Posts about suicide should include where to find help (S10).",
    ),
    "S11": (
        "Bunuh diri adalah masalah kesehatan, bukan kejahatan (S11).",
        "Suicide is a health issue, not a crime (S11).",
    ),
    "S12": (
        "Jangan sebut identitas (nama, usia, alamat) orang yang meninggal (S12).",
        "Do not give identifying details of the person who died (S12).",
    ),
    "S13": (
        "Hindari bingkai mistis atau gaib (S13).",
        "Avoid mystical or supernatural framing (S13).",
    ),
    "S14": (
        "Jangan siarkan atau gambarkan percobaan yang sedang berlangsung (S14).",
        "Do not stream or describe an attempt in progress (S14).",
    ),
}
_SEVERITY = {"S8": Severity.WARN, "S9": Severity.WARN, "S14": Severity.HIGH, "S12": Severity.WARN}
_VARIANTS = language_variants(SAFE_MESSAGING.phrases, lambda p: p.extra[1])  # (advice, language)
RESOURCES_ID = "Tambahkan info bantuan: Healing119.id / telepon 119 ext 8 (SEJIWA)."
RESOURCES_EN = (
    "Add where to find help: Healing119.id / 119 ext 8 (Indonesia), findahelpline.com elsewhere."
)
# A help resource already in the text (S10): a hotline, a service or advice to seek help.
_RESOURCES = (
    "119|112|988|healing119|sejiwa|hotline|helpline|findahelpline|intothelight|into the light"
    "|lifeline|samaritans|konsel|psikolog|psikiater|profesional|professional|layanan"
    "|bantuan|help is available|reach out|talk to someone|seek help|get help|crisis line"
)
_RESOURCE_RE = re.compile(_RESOURCES, re.IGNORECASE)
# In ASCII text, case-insensitive matching of these literals is exactly a substring test on
# the lowercased text, and substring tests run far faster than the alternation (which tries
# every alternative at every position). The shortest first: they are found soonest.
_RESOURCE_WORDS = tuple(sorted(_RESOURCES.split("|"), key=len))
# Identifying details of a person (S12): an age in brackets or "berusia 25 tahun".
_AGE_RE = re.compile(
    r"\(\s{0,2}\d{1,2}\s{0,2}(?:th|thn|tahun)?\s{0,2}\)|\b(?:berusia|usia|umur|aged)\s{1,3}\d{1,2}\b"
    r"|\b\d{1,2}[- ]year[- ]old\b",
    re.IGNORECASE,
)


def detect(
    doc: Doc,
    *,
    lang: str,
    context: Context,
    topic: list[Match],
    intent: bool,
    concern: bool = False,
) -> list[Finding]:
    """`topic`: suicide mentions found by the crisis rules; `intent`: a crisis finding exists;
    `concern`: a finding that someone else may be at risk, with help for a friend, exists.

    A person disclosing their own crisis is not reporting on suicide: the crisis finding and
    its help resources cover them, so this linter stays silent then.
    """
    if not topic or intent:
        return []
    near: set[int] = set()
    for m in topic:
        s = doc.sentence_id(m.i)
        near.update((s - 1, s, s + 1))
    out: list[Finding] = []
    for m in SAFE_MESSAGING.find(doc):
        rule = m.phrase.kind
        if rule not in _SELF_CONTAINED and doc.sentence_id(m.i) not in near:
            continue
        if rule in ("S8", "S5", "S6") and scope.negated(doc, m.i):
            continue  # "bunuh diri bukan solusi" is the safe message itself
        suggestion, _lang = in_language(_VARIANTS, m, doc.words, lang).extra
        out.append(
            scope.finding(
                doc,
                m.i,
                m.j,
                category=Category.SAFE_MESSAGING,
                severity=_SEVERITY.get(rule, Severity.INFO),
                rule=rule,
                explanation=_EXPLANATIONS[rule],
                suggestion=suggestion,
                score=0.6,
            )
        )
    if doc.has_digit and _may_hold_age(doc.text):  # every form of an age has a digit
        for age in _AGE_RE.finditer(doc.text):
            out.append(_text_finding(age.start(), age.end(), "S12", Severity.WARN, None))
    if not concern and not _has_resource(doc.text):
        first = topic[0]
        # A personal story or a reply gets a gentle nudge; an article about suicide a warning.
        personal = not doc.wordset.isdisjoint(scope.FIRST)
        quiet = personal or context in (Context.REPLY, Context.COMMENT)
        severity = Severity.INFO if quiet else Severity.WARN
        out.append(
            scope.finding(
                doc,
                first.i,
                first.j,
                category=Category.SAFE_MESSAGING,
                severity=severity,
                rule="S10",
                explanation=_EXPLANATIONS["S10"],
                suggestion=scope.pick(lang, RESOURCES_ID, RESOURCES_EN),
                score=0.5,
            )
        )
    return out


def _may_hold_age(text: str) -> bool:
    """False only when _AGE_RE cannot match: in ASCII text each of its forms holds "(", or
    one of its words in any case (the pattern tries three forms at every position; these
    substring tests are far cheaper)."""
    if not text.isascii() or "(" in text:
        return True
    low = text.lower()
    return any(word in low for word in _AGE_WORDS)


# "berusia" holds "usia"; the third form is "year" then "-" or " " then "old" (a bare "year"
# let most texts with "years" through to the pattern, which costs far more than these tests).
_AGE_WORDS = ("usia", "umur", "aged", "year-old", "year old")


def _has_resource(text: str) -> bool:
    if text.isascii():
        low = text.lower()
        return any(word in low for word in _RESOURCE_WORDS)
    return _RESOURCE_RE.search(text) is not None


def _text_finding(
    start: int, end: int, rule: str, severity: Severity, suggestion: str | None
) -> Finding:
    return Finding(
        category=Category.SAFE_MESSAGING,
        severity=severity,
        start=start,
        end=end,
        rule=rule,
        explanation_id=_EXPLANATIONS[rule][0],
        explanation_en=_EXPLANATIONS[rule][1],
        suggestion=suggestion,
        score=0.5,
    )
