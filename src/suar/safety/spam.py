"""Spam: link floods, repeated characters or words, promotions, scams and online gambling."""

from __future__ import annotations

import re
import string

from suar.safety import scope
from suar.safety.lexicon import CUES, SPAM, Match
from suar.safety.normalize import Doc
from suar.safety.report import Category, Finding, Severity

_LINK_RE = re.compile(
    r"https?://[^\s<>\"]{1,2000}|www\.[^\s<>\"]{1,2000}"
    r"|\b[a-z0-9-]{2,40}\.(?:com|id|net|org|xyz|ly|me|co|io|link|site|online|top|bet|vip|club"
    r"|info|biz|gg|app)\b(?:/[^\s<>\"]{0,200})?",
    re.IGNORECASE,
)
_TLD_RE = re.compile(
    r"\.(?:com|id|net|org|xyz|ly|me|co|io|link|site|online|top|bet|vip|club|info|biz|gg|app)\b",
    re.IGNORECASE,
)
_RUN_RE = re.compile(r"(\S)\1{9,}")
# Discourse lets new users post at most 2 links; more than that in one text is a flood.
MAX_LINKS = 2
_REPEAT_WORDS = 5

_EXPLANATIONS = {
    "gambling": (
        "Promosi judi online. Judi dilarang di Indonesia dan merugikan orang dalam pemulihan.",
        "Online gambling promotion: illegal in Indonesia and harmful to people in recovery.",
    ),
    "scam": (
        "Mirip penipuan atau skema cepat kaya.",
        "Looks like a scam or get-rich-quick scheme.",
    ),
    "promo": ("Terlihat seperti iklan atau promosi.", "Looks like an advertisement."),
    "links": ("Terlalu banyak tautan dalam satu teks.", "Too many links in one text."),
    "repeat": ("Karakter atau kata diulang-ulang.", "Repeated characters or words."),
}
_SEVERITY = {"gambling": Severity.HIGH, "scam": Severity.WARN, "promo": Severity.INFO}
_SCORE = {"gambling": 0.85, "scam": 0.6, "promo": 0.4}


def detect(doc: Doc, *, lang: str) -> list[Finding]:
    out: list[Finding] = []
    matches = SPAM.find(doc)
    story: bool | None = None  # decided once per text: each test reads the whole text
    for m in matches:
        kind = m.phrase.kind
        if kind == "gambling_talk":
            if story is None:
                story = _own_gambling_story(doc, matches)
            if story:
                continue
            kind = "gambling"
        out.append(
            scope.finding(
                doc,
                m.i,
                m.j,
                category=Category.SPAM,
                severity=_SEVERITY[kind],
                rule=f"spam.{kind}",
                explanation=_EXPLANATIONS[kind],
                score=_SCORE[kind],
            )
        )
    text = doc.text
    if _link_marks(text) > MAX_LINKS:
        links = list(_LINK_RE.finditer(text))
        if len(links) > MAX_LINKS:
            out.append(_make(links[0].start(), links[-1].end(), "links", Severity.WARN, 0.6))
    if _may_have_run(doc):
        for chars in _RUN_RE.finditer(text):
            out.append(_make(chars.start(), chars.end(), "repeat", Severity.INFO, 0.3))
    words = doc.words
    if len(words) >= _REPEAT_WORDS and len(doc.wordset) * 2 < len(words):
        run = 1
        for k in range(1, len(words)):
            run = run + 1 if words[k] == words[k - 1] else 1
            if run == _REPEAT_WORDS:
                start = k - _REPEAT_WORDS + 1
                out.append(_make(doc.starts[start], doc.ends[k], "repeat", Severity.INFO, 0.3))
    return out


def _own_gambling_story(doc: Doc, matches: list[Match]) -> bool:
    """The writer tells of their own gambling problem (an addiction word: "lagi craving judi
    online lagi, tapi gw udh blokir semua situsnya") and nothing promotes it (no other
    gambling phrase, no link). Online gambling is an addiction recovery groups meet."""
    if _ADDICTION_TALK.isdisjoint(doc.wordset):
        return False
    if any(m.phrase.kind == "gambling" for m in matches):
        return False
    return _LINK_RE.search(doc.text) is None


_ADDICTION_TALK = CUES["addiction_talk"]


def _link_marks(text: str) -> int:
    """A count over MAX_LINKS whenever the text has more links than that: every match of
    _LINK_RE holds a "://", a "www." or a top-level domain, and matches do not overlap (the
    count stops early once over the limit). Counting those is cheap; finding the links
    themselves (a pattern that can start at any word) is not, and is needed only then."""
    marks = text.count("://")
    if text.isascii():
        # A domain in a link is a word character, a dot and a letter: "a.a" once each
        # class is one byte (non-overlapping counts still find one per link).
        if "w" in text or "W" in text:
            marks += text.lower().count("www.")
        return marks + text.encode("ascii").translate(_DOT_CLASSES).count(b"a.a")
    marks += len(_WWW_RE.findall(text))
    if marks <= MAX_LINKS and "." in text:
        marks += len(_TLD_RE.findall(text))
    return marks


_WWW_RE = re.compile(r"www\.", re.IGNORECASE)
_DOT_CLASSES = bytes(
    97 if chr(i).isalnum() or chr(i) == "-" else 46 if chr(i) == "." else 32 for i in range(128)
) + bytes(32 for _ in range(128))


def _may_have_run(doc: Doc) -> bool:
    """False only when _RUN_RE cannot match the text; mostly from what the tokenizer knows.

    In ASCII text, ten equal non-space characters in a row are either token characters, and
    then inside one token (each token's flag is cached with its other infos), or among the
    characters left when those and whitespace are deleted (the apostrophe stays: a run of
    them is in no token). Deleting only brings characters together, so no run is lost; a run
    it makes up costs the pattern, which decides.
    """
    text = doc.text
    if doc.has_token_run is None or not text.isascii():
        return _has_run(text)
    if doc.has_token_run:
        return True
    rest = text.encode("ascii").translate(None, _TOKEN_OR_SPACE)
    return len(rest) >= 10 and _has_run(rest.decode("ascii"))


_TOKEN_OR_SPACE = (string.ascii_letters + string.digits + "_*@$" + string.whitespace).encode()


def _has_run(text: str) -> bool:
    """Whether ten equal non-space characters follow each other somewhere (what _RUN_RE
    finds). Nine equal neighbours in a row are needed first; they are looked for at C speed
    by comparing the text with itself shifted by one character (XOR of the two as integers:
    a zero byte per equal pair), and only then does the pattern itself decide."""
    if len(text) < 10:
        return False
    if text.isascii():
        data, width = text.encode("ascii"), 1
    else:
        data, width = text.encode("utf-32-le", "surrogatepass"), 4  # 4 bytes a character
    shifted = int.from_bytes(data[width:], "little") ^ int.from_bytes(data[:-width], "little")
    diff = shifted.to_bytes(len(data) - width, "little")
    if bytes(9 * width) not in diff:
        return False
    return _RUN_RE.search(text) is not None


def _make(start: int, end: int, kind: str, severity: Severity, score: float) -> Finding:
    return Finding(
        category=Category.SPAM,
        severity=severity,
        start=start,
        end=end,
        rule=f"spam.{kind}",
        explanation_id=_EXPLANATIONS[kind][0],
        explanation_en=_EXPLANATIONS[kind][1],
        suggestion=None,
        score=score,
    )
