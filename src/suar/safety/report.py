"""The shape of what the safety engine returns: findings with spans, severities and advice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from enum import IntEnum, StrEnum
from typing import Any


class Category(StrEnum):
    CRISIS = "crisis"
    TRIGGERING = "triggering"
    HARASSMENT = "harassment"
    STIGMA = "stigma"
    SAFE_MESSAGING = "safe_messaging"
    PERSONAL_DATA = "personal_data"
    SPAM = "spam"
    # Someone else may be at risk ("temanku pengen bunuh diri"): the writer is worried, not in
    # crisis; moderators and the writer get what helps a friend.
    CONCERN = "concern"


# Category by value: a dict lookup instead of Category(label) raising for labels like "ok"
# (a trained model's labels name categories, or not).
CATEGORY_BY_LABEL: dict[str, Category] = {c.value: c for c in Category}


class Severity(IntEnum):
    """Ordered so that reports can be sorted and compared; BLOCK stops publication."""

    INFO = 1
    WARN = 2
    HIGH = 3
    BLOCK = 4


class Context(StrEnum):
    """Where the text comes from; it changes what matters (a news post may discuss suicide)."""

    POST = "post"  # a Studio post for social media
    STORY = "story"  # a community story
    REPLY = "reply"
    QUESTION = "question"
    COMMENT = "comment"  # pulled in from a platform
    NEWS = "news"


@dataclass(frozen=True, slots=True)
class Finding:
    category: Category
    severity: Severity
    start: int  # character offsets into the original text, [start, end)
    end: int
    rule: str  # stable identifier, e.g. "crisis.intent", "stigma.addict", "S10"
    explanation_id: str
    explanation_en: str
    suggestion: str | None = None  # replacement text or advice, in the text's language
    score: float = 1.0  # confidence in [0, 1]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["category"] = str(self.category)
        data["severity"] = self.severity.name.lower()
        return data


@dataclass(frozen=True, slots=True)
class Readability:
    score: float  # 0 (very hard) .. 100 (very easy)
    words: int
    sentences: int
    syllables_per_word: float
    words_per_sentence: float
    level_id: str  # e.g. "mudah", "sedang", "sulit"
    level_en: str  # e.g. "easy", "medium", "hard"


def _finding_init(
    self: Finding,
    category: Category,
    severity: Severity,
    start: int,
    end: int,
    rule: str,
    explanation_id: str,
    explanation_en: str,
    suggestion: str | None = None,
    score: float = 1.0,
) -> None:
    _f0(self, category)
    _f1(self, severity)
    _f2(self, start)
    _f3(self, end)
    _f4(self, rule)
    _f5(self, explanation_id)
    _f6(self, explanation_en)
    _f7(self, suggestion)
    _f8(self, score)


def _readability_init(
    self: Readability,
    score: float,
    words: int,
    sentences: int,
    syllables_per_word: float,
    words_per_sentence: float,
    level_id: str,
    level_en: str,
) -> None:
    _r0(self, score)
    _r1(self, words)
    _r2(self, sentences)
    _r3(self, syllables_per_word)
    _r4(self, words_per_sentence)
    _r5(self, level_id)
    _r6(self, level_en)


# A frozen dataclass's own __init__ stores each field through object.__setattr__, twice as slow
# as through the field's slot descriptor, and every text builds several findings. These
# __init__s take the same arguments and store the same values, in field order; the classes
# stay frozen (assignment still raises). The dataclass ones are kept for the tests to compare.
_f0, _f1, _f2, _f3, _f4, _f5, _f6, _f7, _f8 = (
    getattr(Finding, f.name).__set__ for f in fields(Finding)
)
_r0, _r1, _r2, _r3, _r4, _r5, _r6 = (
    getattr(Readability, f.name).__set__ for f in fields(Readability)
)
_DATACLASS_INITS: dict[type, Callable[..., None]] = {
    Finding: Finding.__init__,
    Readability: Readability.__init__,
}
_finding_init.__qualname__ = "Finding.__init__"
_readability_init.__qualname__ = "Readability.__init__"
Finding.__init__ = _finding_init  # type: ignore[method-assign]
Readability.__init__ = _readability_init  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class Report:
    text_length: int
    language: str  # "id", "en", "mixed" or "unknown"
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    readability: Readability | None = None
    model_scores: dict[str, float] = field(default_factory=dict)  # trained layer, if loaded

    @property
    def max_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    @property
    def blocking(self) -> bool:
        """True when the text must not go out as it is: a blocking finding, or a crisis.

        A crisis finding of HIGH severity (passive ideation) blocks too: such a text needs a
        person's attention before anything else happens to it, never silent publication.
        """
        return any(
            f.severity >= Severity.BLOCK
            or (f.category == Category.CRISIS and f.severity >= Severity.HIGH)
            for f in self.findings
        )

    def has(self, category: Category) -> bool:
        return any(f.category == category for f in self.findings)

    def of(self, category: Category) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.category == category)

    @property
    def risk(self) -> float:
        """One number in [0, 1] to order queues by: crisis outranks everything else."""
        weights = {
            Category.CRISIS: 1.0,
            Category.CONCERN: 0.8,  # someone else may be in danger: before harassment
            Category.HARASSMENT: 0.7,
            Category.TRIGGERING: 0.6,
            Category.PERSONAL_DATA: 0.4,
            Category.SAFE_MESSAGING: 0.3,
            Category.STIGMA: 0.2,
            Category.SPAM: 0.2,
        }
        return max(
            (weights[f.category] * f.score * int(f.severity) / 4 for f in self.findings),
            default=0.0,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text_length": self.text_length,
            "language": self.language,
            "blocking": self.blocking,
            "risk": round(self.risk, 4),
            "findings": [f.to_dict() for f in self.findings],
            "readability": asdict(self.readability) if self.readability else None,
            "model_scores": dict(self.model_scores),
        }
