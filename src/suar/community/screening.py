"""The one screening of every story and reply before anyone else sees it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from suar.safety import analyze
from suar.safety.report import Category, Context, Report, Severity


class Outcome(StrEnum):
    PUBLISH = "publish"
    CRISIS = "crisis"  # saved, shown to nobody else, top of the moderators' queue
    HOLD = "hold"  # saved, waits for a moderator
    NEEDS_WARNING = "needs_warning"  # not saved: the author adds a content warning
    CONFIRM_PERSONAL_DATA = "confirm_personal_data"  # not saved: the author confirms or edits


@dataclass(frozen=True)
class Screening:
    outcome: Outcome
    report: Report
    suggested_warning: str = ""
    # Why a HOLD was decided outside the engine (moderation.trust: a new account's link).
    hold_category: str = ""

    @property
    def saves(self) -> bool:
        return self.outcome in (Outcome.PUBLISH, Outcome.CRISIS, Outcome.HOLD)

    @property
    def queue_category(self) -> str:
        if self.outcome == Outcome.HOLD and self.hold_category:
            return self.hold_category
        if self.outcome == Outcome.PUBLISH:
            # Published, and also put in front of a moderator: the engine saw something
            # milder than a hold (post-moderation; the author's post stays up meanwhile).
            # A worried friend's post stays up, so that peers can answer, and a moderator
            # looks first at it: someone else may be in danger.
            if self.report.has(Category.CONCERN):
                return str(Category.CONCERN)
            if _at_least(self.report, Category.HARASSMENT, Severity.WARN):
                return str(Category.HARASSMENT)
            spam = self.report.of(Category.SPAM)
            if len(spam) >= 2 or any(f.severity >= Severity.WARN for f in spam):
                return str(Category.SPAM)
            return ""
        return {Outcome.CRISIS: "crisis", Outcome.HOLD: "harassment"}.get(self.outcome, "")

    @property
    def crisis_unclear(self) -> bool:
        """Published with a crisis finding below HIGH (an unclear phrase, warning signs in a
        pair, a setback the model alone read as crisis): the post stays up for peers, higher
        in their inbox, and its author is offered help without being stopped."""
        return self.outcome == Outcome.PUBLISH and self.report.has(Category.CRISIS)

    @property
    def concern(self) -> bool:
        """The writer tells of someone else at risk (the author is shown how to help)."""
        return self.saves and self.report.has(Category.CONCERN)

    @property
    def emergency(self) -> bool:
        """The writer tells of someone else's act done, an overdose say: call 112 now."""
        return self.saves and _emergency(self.report)

    def content_warning(self, given: str) -> str:
        """The warning the saved text carries: the author's, or the one an emergency post
        was given in place of asking (screen)."""
        return given.strip() or (self.suggested_warning if self.outcome == Outcome.PUBLISH else "")

    def findings(self, category: Category) -> list[dict[str, object]]:
        return [f.to_dict() for f in self.report.of(category)]


def _emergency(report: Report) -> bool:
    return any(f.rule == "concern.other.attempt" for f in report.of(Category.CONCERN))


def _at_least(report: Report, category: Category, severity: Severity) -> bool:
    return any(f.severity >= severity for f in report.of(category))


def suggested_warning(report: Report, language: str) -> str:
    """A content warning the author can accept as it is, in the language of the text."""
    if language == "en":
        return "Mentions self-harm or substance use in detail"
    return "Menyebut detail menyakiti diri atau penggunaan zat"


def screen(
    text: str,
    *,
    context: Context,
    content_warning: str,
    personal_data_confirmed: bool,
) -> Screening:
    """Decide what happens to a text. Order matters: crisis is never blocked by a form step,
    so a person in crisis is never asked to add a warning before being offered help."""
    report = analyze(text, context=context)
    if _at_least(report, Category.CRISIS, Severity.HIGH):
        return Screening(Outcome.CRISIS, report)
    if _at_least(report, Category.HARASSMENT, Severity.HIGH):
        return Screening(Outcome.HOLD, report)
    needs_warning = (
        _at_least(report, Category.TRIGGERING, Severity.WARN) and not content_warning.strip()
    )
    warning = suggested_warning(report, report.language) if needs_warning else ""
    if _emergency(report):
        # Someone else may have just attempted: like a crisis, no form step first. The post
        # goes up with the suggested content warning when it names a method or means.
        return Screening(Outcome.PUBLISH, report, warning)
    if needs_warning:
        return Screening(Outcome.NEEDS_WARNING, report, warning)
    if _at_least(report, Category.PERSONAL_DATA, Severity.WARN) and not personal_data_confirmed:
        return Screening(Outcome.CONFIRM_PERSONAL_DATA, report)
    return Screening(Outcome.PUBLISH, report)
