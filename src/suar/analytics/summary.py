"""The report's key figures as labelled, formatted values: one list that the dashboard, the
PDF, the CSV and the API all print, so their numbers cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from suar.analytics.engagement import Metric
from suar.analytics.report import ImpactReport

MISSING = "—"


def fmt_count(value: int | None) -> str:
    return MISSING if value is None else number_format(value, force_grouping=True)


def fmt_share(value: float | None) -> str:
    """A fraction as a percentage with one decimal, in the language's number format."""
    return MISSING if value is None else f"{number_format(round(value * 100, 1), 1)}%"


def fmt_minutes(value: float | None) -> str:
    if value is None:
        return MISSING
    minutes = round(value)
    if minutes < 60:
        return _("%(m)d min") % {"m": minutes}
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": rest}
    return _("%(d)d days %(h)d h") % {"d": hours // 24, "h": hours % 24}


@dataclass(frozen=True)
class KeyFigure:
    key: str
    section: str
    label: str
    value: int | float | None
    kind: str  # count | share | minutes
    note: str = ""  # e.g. "given for 3 of 5 posts"

    @property
    def display(self) -> str:
        if self.kind == "share":
            return fmt_share(self.value)
        if self.kind == "minutes":
            return fmt_minutes(self.value)
        return fmt_count(None if self.value is None else int(self.value))

    @property
    def missing(self) -> bool:
        return self.value is None


def _coverage(metric: Metric) -> str:
    if metric.posts and not metric.complete:
        return _("given for %(known)d of %(posts)d posts") % {
            "known": metric.known,
            "posts": metric.posts,
        }
    return ""


SECTIONS = {
    "engagement": "Engagement",
    "links": "Short links",
    "signups": "Programme sign-ups",
    "community": "Community health",
    "comments": "Comments on our posts",
}


def section_title(key: str) -> str:
    titles = {
        "engagement": _("Engagement"),
        "links": _("Short links"),
        "signups": _("Programme sign-ups"),
        "community": _("Community health"),
        "comments": _("Comments on our posts"),
    }
    return titles[key]


def key_figures(report: ImpactReport) -> list[KeyFigure]:
    totals = report.engagement.totals
    m = totals.metrics
    h = report.health
    c = report.comments
    s = report.signups
    links = report.clicks.link_count > 0  # clicks are counted by Suar: with links, 0 is real
    programmes = bool(s.programmes)

    def when(condition: bool, value: int | float | None) -> int | float | None:
        return value if condition else None

    figures = [
        KeyFigure("posts", "engagement", _("Posts published"), totals.posts, "count"),
        KeyFigure(
            "posts_with_figures",
            "engagement",
            _("Posts with figures"),
            totals.with_figures,
            "count",
        ),
    ]
    names = {
        "interactions": _("Interactions (likes, comments, shares)"),
        "likes": _("Likes and reactions"),
        "comments": _("Comments"),
        "shares": _("Shares and reposts"),
        "reach": _("Reach (people)"),
        "impressions": _("Impressions and views"),
    }
    for key, label in names.items():
        figures.append(
            KeyFigure(key, "engagement", label, m[key].total, "count", _coverage(m[key]))
        )
    figures += [
        KeyFigure(
            "engagement_rate",
            "engagement",
            _("Interactions per impression"),
            totals.engagement_rate,
            "share",
        ),
        KeyFigure(
            "link_visitors",
            "links",
            _("Link clicks (repeats removed)"),
            when(links, report.clicks.visitors),
            "count",
        ),
        KeyFigure(
            "link_clicks",
            "links",
            _("Link clicks (all)"),
            when(links, report.clicks.clicks),
            "count",
        ),
        KeyFigure("signups", "signups", _("Sign-ups"), when(programmes, s.total), "count"),
        KeyFigure(
            "signups_attributed",
            "signups",
            _("Sign-ups that came from a campaign, post or link"),
            when(programmes, s.attributed),
            "count",
        ),
        KeyFigure("stories", "community", _("Stories shared"), h.stories, "count"),
        KeyFigure(
            "first_reply_median",
            "community",
            _("Time to first reply (median)"),
            h.first_reply_median_min,
            "minutes",
        ),
        KeyFigure(
            "first_reply_p90",
            "community",
            _("Time to first reply (9 in 10 within)"),
            h.first_reply_p90_min,
            "minutes",
        ),
        KeyFigure(
            "unanswered", "community", _("Stories unanswered after 24 hours"), h.unanswered, "count"
        ),
        KeyFigure("active_members", "community", _("Active members"), h.active_members, "count"),
        KeyFigure(
            "harassment_rate",
            "community",
            _("Harassment held by screening"),
            h.harassment_rate,
            "share",
        ),
        KeyFigure("crisis_alerts", "community", _("Crisis alerts"), h.crisis_alerts, "count"),
        KeyFigure(
            "crisis_response_median",
            "community",
            _("Crisis response time (median)"),
            h.crisis_response_median_min,
            "minutes",
        ),
        KeyFigure(
            "crisis_waiting",
            "community",
            _("Crisis alerts nobody answered yet"),
            h.crisis_waiting,
            "count",
        ),
        KeyFigure(
            "challenge_participants",
            "community",
            _("People who joined a challenge"),
            h.challenge_participants,
            "count",
        ),
        KeyFigure("checkins", "community", _("Challenge check-ins"), h.checkins, "count"),
        KeyFigure("questions", "community", _("Q&A questions asked"), h.questions, "count"),
        KeyFigure(
            "questions_answered",
            "community",
            _("Q&A questions answered"),
            h.questions_answered,
            "count",
        ),
        KeyFigure(
            "platform_comments", "comments", _("Comments read"), when(c.known, c.total), "count"
        ),
        KeyFigure(
            "supportive_share",
            "comments",
            _("Supportive comments"),
            when(c.known, c.supportive_share),
            "share",
        ),
        KeyFigure(
            "toxic_comments",
            "comments",
            _("Harassing comments"),
            when(c.known, c.by_verdict.get("toxic", 0)),
            "count",
        ),
        KeyFigure(
            "crisis_comments",
            "comments",
            _("Comments raised to moderators (crisis)"),
            when(c.known, c.by_verdict.get("crisis", 0)),
            "count",
        ),
    ]
    return figures


def by_section(figures: list[KeyFigure]) -> list[tuple[str, list[KeyFigure]]]:
    return [(section_title(key), [f for f in figures if f.section == key]) for key in SECTIONS]
