"""Live checks for a draft: the safety report shaped for the writer, with one-click fixes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.utils.translation import get_language

from suar.safety import Category, Finding, Readability, Report, analyze
from suar.studio.kinds import SENSITIVE_KINDS

# Safe-messaging rules whose suggestion is wording to put in place of the span (the others are
# advice, e.g. "mention warning signs"). Source: src/suar/safety/data/safe_messaging.tsv.
REPLACEABLE_RULES = frozenset({"S3", "S4", "S5"})
# Findings that send a post to a second person (issue 6: crisis, triggering, safe messaging).
SENSITIVE_CATEGORIES = (
    Category.CRISIS,
    Category.CONCERN,
    Category.TRIGGERING,
    Category.SAFE_MESSAGING,
)
HELP_ID = "Butuh teman bicara? Healing119.id · telepon 119 ext 8 (SEJIWA). Darurat: 112."
HELP_EN = (
    "Need someone to talk to? Healing119.id · call 119 ext 8 (SEJIWA, Indonesia) · "
    "findahelpline.com elsewhere. Emergency: 112."
)
_HAS_HELP = re.compile(r"healing119|\b119\b|sejiwa|findahelpline|\b112\b", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class Issue:
    category: str
    severity: str
    rule: str
    start: int
    end: int
    excerpt: str
    explanation: str
    suggestion: str | None
    replacement: str | None  # set when one click can swap the excerpt for it

    @property
    def replace_vals(self) -> str:
        """The hx-vals of the one-click replacement button."""
        return json.dumps(
            {
                "action": "replace",
                "start": self.start,
                "end": self.end,
                "original": self.excerpt,
                "replacement": self.replacement or "",
            },
            ensure_ascii=False,
        )


@dataclass(frozen=True)
class CheckResult:
    report: Report
    readability: Readability | None
    stigma: list[Issue] = field(default_factory=list)
    safe_messaging: list[Issue] = field(default_factory=list)
    personal_data: list[Issue] = field(default_factory=list)
    risk: list[Issue] = field(default_factory=list)  # crisis, triggering, harassment, spam
    missing_help: bool = False
    sensitive: bool = False

    @property
    def clean(self) -> bool:
        return (
            not (self.stigma or self.safe_messaging or self.personal_data or self.risk)
            and not self.missing_help
        )


def replacement_for(finding: Finding, original: str) -> str | None:
    """The first wording the suggestion offers, in the excerpt's capitalisation, or None."""
    if not finding.suggestion:
        return None
    if finding.category != Category.STIGMA and finding.rule not in REPLACEABLE_RULES:
        return None
    wording = _PARENTHESES.sub("", finding.suggestion.split(" / ")[0]).strip()
    if not wording or ";" in wording:
        return None
    if original[:1].isupper():
        wording = wording[0].upper() + wording[1:]
    return wording


def needs_help_resource(report: Report, text: str) -> bool:
    if any(f.rule == "S10" for f in report.findings):
        return True
    # The engine drops S10 when a crisis or concern finding carries help to the writer; a
    # published post still needs it for its readers.
    at_risk = report.has(Category.CRISIS) or report.has(Category.CONCERN)
    return at_risk and not _HAS_HELP.search(text)


def is_sensitive(report: Report) -> bool:
    return any(report.has(category) for category in SENSITIVE_CATEGORIES)


def run_checks(text: str, *, kind: str | None = None) -> CheckResult:
    """The panel's content; `kind` marks stories and resources sensitive whatever they say."""
    report = analyze(text, context="post")
    english = (get_language() or "id")[:2] == "en"
    groups: dict[str, list[Issue]] = {"stigma": [], "safe": [], "personal": [], "risk": []}
    for finding in report.findings:
        if finding.rule == "S10":
            continue  # shown as the "help resource missing" box with its own button
        excerpt = text[finding.start : finding.end]
        issue = Issue(
            category=str(finding.category),
            severity=finding.severity.name.lower(),
            rule=finding.rule,
            start=finding.start,
            end=finding.end,
            excerpt=excerpt,
            explanation=finding.explanation_en if english else finding.explanation_id,
            suggestion=finding.suggestion,
            replacement=replacement_for(finding, excerpt),
        )
        key = {
            Category.STIGMA: "stigma",
            Category.SAFE_MESSAGING: "safe",
            Category.PERSONAL_DATA: "personal",
        }.get(finding.category, "risk")
        groups[key].append(issue)
    for issues in groups.values():
        issues.sort(key=lambda i: i.start)
    return CheckResult(
        report=report,
        readability=report.readability,
        stigma=groups["stigma"],
        safe_messaging=groups["safe"],
        personal_data=groups["personal"],
        risk=groups["risk"],
        missing_help=needs_help_resource(report, text),
        sensitive=is_sensitive(report) or kind in SENSITIVE_KINDS,
    )


def apply_replacement(text: str, *, start: int, end: int, original: str, replacement: str) -> str:
    """Swap `original` for `replacement`: at the span if it still holds it, else its first
    occurrence (the writer may have typed since the check ran); unchanged if it is gone."""
    if 0 <= start <= end <= len(text) and text[start:end] == original and original:
        return text[:start] + replacement + text[end:]
    at = text.find(original) if original else -1
    if at < 0:
        return text
    return text[:at] + replacement + text[at + len(original) :]


def append_help(text: str, language: str | None = None) -> str:
    """Add Indonesian help resources (English wording for English posts) unless present."""
    if _HAS_HELP.search(text):
        return text
    lang = language or analyze(text, context="post").language
    help_text = HELP_EN if lang == "en" else HELP_ID
    return f"{text.rstrip()}\n\n{help_text}" if text.strip() else help_text
