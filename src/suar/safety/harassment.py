"""Harassment: insults, slurs and threats at people (not friendly or self-directed swearing)."""

from __future__ import annotations

from suar.safety import scope
from suar.safety.lexicon import INSULTS, THREATS
from suar.safety.normalize import MENTION, Doc
from suar.safety.report import Category, Finding, Severity

_INSULT_WORDS = frozenset(INSULTS)
# Softened swear words that are exclamations in almost every use ("anjay mantap").
_EXCLAMATIONS = frozenset({"anjay", "anjir"})
_TARGET_REACH = 4
# "kamu", "lo", or an @handle: someone is addressed (a mention is not a second person for the
# crisis rules, where "@budi pengen mati aja" must still count as the writer's own words).
_ADDRESSED = scope.SECOND | {MENTION}
_PEOPLE = scope.FIRST | scope.THIRD
_ANYONE = _ADDRESSED | _PEOPLE
_DASAR = scope.CUES["dasar"]
_FEELING_FRAME = scope.CUES["feeling_frame"]
_LABEL_VERB = scope.CUES["label_verb"]
_PROHIBITION = scope.CUES["prohibition"]
_HEED = scope.CUES["heed"]
_SAYING = frozenset({"says", "tells", "lies"})
# What says it in a feeling frame: "the voice that says", "depression lies", "your brain tells".
_VOICE = frozenset(
    {"that", "which", "it", "voice", "voices", "brain", "mind", "head", "depression", "anxiety"}
    | {"thoughts", "addiction", "disease", "illness", "yang", "suara", "pikiran", "otak"}
)
_DISMISS = scope.CUES["dismiss"]

_TARGETED = (
    "Kata kasar atau hinaan yang ditujukan kepada seseorang.",
    "An insult or abusive word aimed at a person.",
)
_SLUR = (
    "Kata ini merendahkan kelompok orang (gender, seksualitas, disabilitas, suku atau agama).",
    "This word demeans a group of people (gender, sexuality, disability, ethnicity or religion).",
)
_PROFANITY = (
    "Kata kasar. Bisa terasa menyakitkan bagi pembaca.",
    "A swear word. Readers may find it hurtful.",
)
_THREAT = (
    "Ancaman atau harapan agar seseorang celaka.",
    "A threat, or wishing harm on someone.",
)
_SUGGEST_ID = "Sampaikan pendapatmu tanpa menyerang orangnya."
_SUGGEST_EN = "Say what you think without attacking the person."


def detect(doc: Doc, *, lang: str) -> list[Finding]:
    findings = _threats(doc, lang)
    hits = doc.wordset & _INSULT_WORDS
    if not hits:
        return findings
    words = doc.words
    # Positions of the insult words, found at C speed, visited in text order as before.
    positions: list[int] = []
    for w in hits:
        i = -1
        for _ in range(words.count(w)):
            i = words.index(w, i + 1)
            positions.append(i)
    positions.sort()
    suggestion = scope.pick(lang, _SUGGEST_ID, _SUGGEST_EN)
    for i in positions:
        kind = INSULTS[words[i]]
        verdict = _judge(doc, i, kind)
        if verdict is None:
            continue
        severity, score, explanation, rule = verdict
        findings.append(
            scope.finding(
                doc,
                i,
                i + 1,
                category=Category.HARASSMENT,
                severity=severity,
                rule=rule,
                explanation=explanation,
                suggestion=suggestion,
                score=score,
            )
        )
    return findings


def _target(doc: Doc, i: int, a: int, b: int) -> str:
    """Who the word is aimed at: 'second', 'third', 'self' or 'none'.

    The nearest person word within four words in the same clause decides ("aku benci orang
    goblok kayak dia" is about "dia"); at equal distance the addressee wins, because an insult
    aimed at someone is the worse error to miss. [a, b) is the clause of token i.
    """
    words = doc.words
    if i > 0 and words[i - 1] in _DASAR:
        return "second"  # "dasar babi": "you pig!"
    lo, hi = max(a, i - _TARGET_REACH), min(b, i + _TARGET_REACH + 1)
    if _ANYONE.isdisjoint(words[lo:hi]):
        return "none"
    for distance in range(1, _TARGET_REACH + 1):
        left = words[i - distance] if i - distance >= lo else None
        right = words[i + distance] if i + distance < hi else None
        if left in _ADDRESSED or right in _ADDRESSED:
            return "second"
        if left in _THIRD or right in _THIRD:
            return "third"
        if left in _FIRST or right in _FIRST:
            return "self"
    return "none"


_THIRD = scope.THIRD
_FIRST = scope.FIRST
_POSITIVE = scope.POSITIVE


def _judge(doc: Doc, i: int, kind: str) -> tuple[Severity, float, tuple[str, str], str] | None:
    a, b = doc.clause_range(i)
    if scope.negated(doc, i, reach=2, clause_start=a):
        return None  # "kamu nggak jelek kok"
    if doc.is_quoted(i) and kind != "slur":
        return None  # quoting someone else's words
    if kind != "slur" and _said_in_support(doc.words, i, a):
        return None
    target = _target(doc, i, a, b)
    friendly = kind == "profanity" and not _POSITIVE.isdisjoint(doc.words[a:b])
    rule = f"harassment.{kind}"
    if target == "second":
        if kind == "slur" or kind == "charged":
            return Severity.BLOCK, 0.95, _SLUR, rule
        if friendly or doc.words[i] in _EXCLAMATIONS:
            return None  # "anjir lo keren banget": friendly teasing
        if kind == "mild":
            return Severity.HIGH, 0.6, _TARGETED, rule + ".targeted"
        return Severity.HIGH, 0.9 if kind == "strong" else 0.85, _TARGETED, rule + ".targeted"
    if target == "self" and kind != "slur":
        return None  # self-directed swearing ("aku goblok banget hari ini") harms no one else
    if kind == "slur":
        return Severity.HIGH, 0.8, _SLUR, rule
    if kind == "charged":
        # The word's plain meaning is the usual one ("cacat produksi", "homo sapiens"), and said
        # of someone it mostly describes ("dia cacat sejak lahir", "orang kafir" in theology):
        # on id-abusive/dev such third-person hits were harassment in 1 of 13 tweets.
        return None
    if kind in ("mild", "animal") or friendly or doc.words[i] in _EXCLAMATIONS:
        return None  # "aku punya anjing", "cuacanya jelek", "bangsat enak banget"
    if target == "third":
        return Severity.WARN, 0.6, _TARGETED, rule + ".third_person"
    if kind == "profanity":
        return Severity.INFO, 0.3, _PROFANITY, rule
    return Severity.WARN, 0.5 if kind == "insult" else 0.55, _PROFANITY, rule


def _threats(doc: Doc, lang: str) -> list[Finding]:
    out: list[Finding] = []
    for m in THREATS.find(doc):
        if scope.negated(doc, m.i, reach=2):
            continue
        sa, sb = doc.sentence_range(m.i)
        # "If you ever want to kill yourself, call 119" offers help; it is not an attack.
        if scope.any_in(doc, sa, m.i, scope.CONDITIONAL) or scope.any_in(doc, sa, sb, scope.HELP):
            continue
        quoted = doc.is_quoted(m.i)
        if m.phrase.kind == "insult" and _said_in_support(doc.words, m.i, sa):
            continue
        if m.phrase.kind == "insult":
            # An insult said in a phrase, no insult word in it ("otak udang", "you are a
            # waste of space"): as an insult word aimed at the reader.
            severity, score, rule, explanation = Severity.HIGH, 0.85, "harassment.phrase", _TARGETED
            if quoted:
                severity, score = Severity.WARN, 0.5
        else:
            severity = Severity.HIGH if quoted else Severity.BLOCK
            score, rule, explanation = (0.6 if quoted else 0.9), "harassment.threat", _THREAT
        out.append(
            scope.finding(
                doc,
                m.i,
                m.j,
                category=Category.HARASSMENT,
                severity=severity,
                rule=rule,
                explanation=explanation,
                suggestion=scope.pick(lang, _SUGGEST_ID, _SUGGEST_EN),
                score=score,
            )
        )
    return out


def _said_in_support(words: list[str], i: int, a: int) -> bool:
    """An insult word or phrase at token i that a supporter names, not aims: the reader's pain
    in a feeling frame ("I know it feels like nobody cares about you, but we do", "don't
    believe the voice that says you're worthless") or a label the reader is told not to use
    or heed ("jangan bilang dirimu bodoh", "abaikan orang yang bilang kamu nggak berguna")."""
    return _in_feeling_frame(words, i, a) or _refused_label(words, i, a)


def _in_feeling_frame(words: list[str], i: int, a: int) -> bool:
    """Up to four tokens before token i (from token a on), a verb of feeling, seeming or a
    voice's saying whose subject is not the writer: "it feels like nobody cares about you",
    "you might feel like a failure", "the voice that says you're worthless". "I feel like
    you're an idiot" is the writer's own judgement and stays an insult."""
    lo = max(a, i - 4)
    if _FEELING_FRAME.isdisjoint(words[lo:i]):
        return False  # most texts: one C-level test
    for k in range(i - 1, lo - 1, -1):
        if words[k] in _FEELING_FRAME:
            if words[k] in _SAYING:
                # Only a voice or a thought says it: "my mom says you're an idiot" and
                # "everyone says you're an idiot" pass the insult on.
                return not _VOICE.isdisjoint(words[max(0, k - 3) : k])
            return k == 0 or words[k - 1] not in _FIRST
    return False


def _refused_label(words: list[str], i: int, a: int) -> bool:
    """Up to four tokens before token i (from token a on), a verb of calling someone something
    right after a prohibition: "jangan bilang dirimu bodoh", "stop calling yourself an idiot",
    "don't say you're stupid". The insult is the label the reader is told not to use."""
    lo = max(a, i - 4)
    if _LABEL_VERB.isdisjoint(words[lo:i]):
        return False  # most texts: one C-level test
    for k in range(lo, i):
        if words[k] not in _LABEL_VERB or k == 0:
            continue
        if words[k - 1] in _PROHIBITION:
            return True
        # Others' label the reader is told not to heed: "jangan dengerin orang yang bilang
        # kamu sampah", "don't listen to anyone who calls you an idiot", "ignore people who
        # say you're worthless".
        back = words[max(a, k - 6) : k]
        if not _DISMISS.isdisjoint(back):
            return True
        for h, w in enumerate(back):
            if w in _HEED and not _PROHIBITION.isdisjoint(back[max(0, h - 2) : h]):
                return True
    return False
