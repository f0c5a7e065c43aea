"""The one assembly of an organisation's figures for a date range, with what is missing.

The dashboard, the PDF and CSV reports and the API all read this object, so the numbers a
funder sees in the PDF are the ones on the dashboard.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from suar.accounts.models import Organisation
from suar.analytics.best_time import MIN_POSTS, BestTimes, best_times
from suar.analytics.engagement import (
    EngagementFigures,
    PostFigures,
    engagement_figures,
    platform_name,
)
from suar.analytics.health import Health, community_health
from suar.analytics.models import METRICS, PlatformComment, SyncState
from suar.analytics.period import Period, today
from suar.analytics.traffic import ClickFigures, SignUpFigures, click_figures, signup_figures
from suar.publishing.models import ConnectedAccount

STALE_AFTER = dt.timedelta(days=2)


@dataclass(frozen=True)
class Note:
    """Something the reader must know to read the figures right (what is missing, and why)."""

    level: str  # "missing" (a figure is absent or incomplete) or "info"
    text: str


@dataclass
class CommentFigures:
    total: int
    by_verdict: dict[str, int]
    waiting: int  # suggested for hiding, nobody decided yet
    hidden: int
    not_hideable: int
    # False when no account's comments were ever read: then the zeros mean "not measured".
    known: bool = True

    @property
    def supportive_share(self) -> float | None:
        return self.by_verdict.get("supportive", 0) / self.total if self.total else None


@dataclass
class AccountState:
    account: ConnectedAccount
    state: SyncState | None

    @property
    def name(self) -> str:
        return f"{platform_name(self.account.platform)} ({self.account.handle})"


@dataclass
class ImpactReport:
    organisation: Organisation
    period: Period
    generated_at: dt.datetime
    engagement: EngagementFigures
    clicks: ClickFigures
    signups: SignUpFigures
    health: Health
    comments: CommentFigures
    best: BestTimes
    accounts: list[AccountState]
    notes: list[Note] = field(default_factory=list)

    @property
    def top_posts(self) -> list[PostFigures]:
        with_figures = [p for p in self.engagement.posts if p.value("interactions") is not None]
        return sorted(with_figures, key=lambda p: (-(p.value("interactions") or 0), p.post.pk))[:10]


def comment_figures(organisation: Organisation, period: Period) -> CommentFigures:
    comments = PlatformComment.objects.filter(
        organisation=organisation,
        written_at__gte=period.start_at,
        written_at__lt=period.end_at,
    )
    verdicts = dict(comments.values("verdict").annotate(n=Count("pk")).values_list("verdict", "n"))
    states = dict(
        comments.values("platform_state").annotate(n=Count("pk")).values_list("platform_state", "n")
    )
    State = PlatformComment.PlatformState
    total = sum(verdicts.values())
    known = (
        total > 0
        or SyncState.objects.filter(
            account__organisation=organisation, comments_supported=True
        ).exists()
    )
    return CommentFigures(
        known=known,
        total=total,
        by_verdict={v: verdicts.get(v, 0) for v in PlatformComment.Verdict.values},
        waiting=states.get(State.SUGGESTED, 0),
        hidden=states.get(State.HIDDEN, 0),
        not_hideable=states.get(State.NOT_SUPPORTED, 0),
    )


def account_states(organisation: Organisation) -> list[AccountState]:
    published = Count("publications", filter=Q(publications__status="published"))
    accounts = (
        ConnectedAccount.objects.filter(organisation=organisation)
        .select_related("analytics_sync")
        .annotate(published_count=published)
        .order_by("platform", "handle")
    )
    return [AccountState(a, getattr(a, "analytics_sync", None)) for a in accounts[:200]]


def _engagement_notes(report: ImpactReport) -> list[Note]:
    notes: list[Note] = []
    figures = report.engagement
    totals = figures.totals
    if totals.posts == 0:
        notes.append(
            Note(
                "missing",
                _(
                    "No posts were published in this range, so there are no likes, comments "
                    "or shares to show (not zero: nothing to measure)."
                ),
            )
        )
    elif totals.with_figures < totals.posts:
        missing = totals.posts - totals.with_figures
        notes.append(
            Note(
                "missing",
                ngettext(
                    "%(n)d of %(total)d posts has no figures yet: the totals leave it out.",
                    "%(n)d of %(total)d posts have no figures yet: the totals leave them out.",
                    missing,
                )
                % {"n": missing, "total": totals.posts},
            )
        )
    labels = {
        "likes": _("likes"),
        "comments": _("comments"),
        "shares": _("shares"),
        "reach": _("reach"),
        "impressions": _("impressions"),
    }
    for row in figures.by_platform:
        if not row.with_figures:
            continue
        absent = [labels[m] for m in METRICS if row.metrics[m].known == 0]
        if absent:
            notes.append(
                Note(
                    "missing",
                    _("%(platform)s gives no %(figures)s: its posts are left out of those totals.")
                    % {"platform": row.label, "figures": ", ".join(absent)},
                )
            )
    if figures.truncated:
        notes.append(Note("info", _("Only the first 5,000 posts of the range are counted.")))
    return notes


def _account_notes(report: ImpactReport) -> list[Note]:
    notes: list[Note] = []
    Status = SyncState.Status
    for item in report.accounts:
        state = item.state
        if item.account.platform == "export":
            notes.append(
                Note(
                    "info",
                    _(
                        "%(account)s is an export bundle: no platform sends figures for it. "
                        "Import the platform's CSV export to add them."
                    )
                    % {"account": item.name},
                )
            )
            continue
        if state is None or state.status == Status.NEVER:
            if not getattr(item.account, "published_count", 1):
                continue  # nothing published there yet: nothing is missing
            notes.append(
                Note(
                    "missing",
                    _("%(account)s: figures have not been fetched yet.") % {"account": item.name},
                )
            )
        elif state.status in (Status.AUTH, Status.PARTIAL):
            when = state.failed_at or state.last_attempt_at
            notes.append(
                Note(
                    "missing",
                    _(
                        "%(account)s: access was refused on %(date)s, so figures after that are "
                        "missing (%(missed)d posts not updated). Reconnect the account on the "
                        "Publishing page."
                    )
                    % {
                        "account": item.name,
                        "date": when.astimezone(report.period.zone).strftime("%Y-%m-%d %H:%M")
                        if when
                        else "?",
                        "missed": state.posts_missed,
                    },
                )
            )
        elif state.status == Status.NOT_SUPPORTED:
            notes.append(
                Note(
                    "missing",
                    _(
                        "%(account)s: Suar cannot read figures through this platform's API. "
                        "Import the platform's CSV export instead."
                    )
                    % {"account": item.name},
                )
            )
        elif state.status == Status.ERROR:
            notes.append(
                Note(
                    "missing",
                    _("%(account)s: the last fetch failed (%(reason)s); it will be tried again.")
                    % {"account": item.name, "reason": state.message[:120]},
                )
            )
        elif state.last_success_at and report.generated_at - state.last_success_at > STALE_AFTER:
            notes.append(
                Note(
                    "missing",
                    _("%(account)s: figures were last fetched on %(date)s.")
                    % {
                        "account": item.name,
                        "date": state.last_success_at.astimezone(report.period.zone).strftime(
                            "%Y-%m-%d"
                        ),
                    },
                )
            )
    return notes


def _other_notes(report: ImpactReport) -> list[Note]:
    notes: list[Note] = []
    if report.period.end > today(report.period.zone):
        notes.append(Note("info", _("The range runs into the future: figures stop at today.")))
    if report.clicks.link_count == 0:
        notes.append(Note("missing", _("No short links yet: there are no clicks to count.")))
    if not report.signups.programmes:
        notes.append(Note("missing", _("No programmes yet: create one to count sign-ups.")))
    if not report.comments.known:
        notes.append(
            Note(
                "missing",
                _(
                    "Comments on our posts have not been read from any platform yet, so the "
                    "comment figures are not available."
                ),
            )
        )
    if report.health.crisis_source == "queue":
        notes.append(
            Note(
                "info",
                _("Crisis response times are measured from the review queue's decisions."),
            )
        )
    if not report.best.enough:
        notes.append(
            Note(
                "info",
                _(
                    "Best time to post needs at least %(min)d posts with figures from the last "
                    "year; there are %(n)d."
                )
                % {"min": MIN_POSTS, "n": report.best.posts_with_figures},
            )
        )
    return notes


def build_report(organisation: Organisation, period: Period) -> ImpactReport:
    report = ImpactReport(
        organisation=organisation,
        period=period,
        generated_at=timezone.now(),
        engagement=engagement_figures(organisation, period),
        clicks=click_figures(organisation, period),
        signups=signup_figures(organisation, period),
        health=community_health(organisation, period),
        comments=comment_figures(organisation, period),
        best=best_times(organisation),
        accounts=account_states(organisation),
    )
    report.notes = _engagement_notes(report) + _account_notes(report) + _other_notes(report)
    return report
