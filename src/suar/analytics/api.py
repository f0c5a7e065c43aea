"""Read endpoints for every figure, under /api/v1/analytics/.

Two ways in: a signed-in session (like the rest of the API), or an API token made by an
organiser (`Authorization: Bearer suar_...`), which reads one organisation's figures only.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from suar.accounts.models import Organisation
from suar.accounts.roles import Perm
from suar.analytics import selectors
from suar.analytics.best_time import best_times
from suar.analytics.engagement import engagement_figures, kind_name, post_history
from suar.analytics.health import community_health
from suar.analytics.models import ApiToken, TrackedPost
from suar.analytics.period import Period, PeriodError, parse_period
from suar.analytics.report import build_report, comment_figures
from suar.analytics.services import authenticate_token
from suar.analytics.summary import key_figures
from suar.analytics.traffic import click_figures, signup_figures
from suar.studio.timezones import studio_zone


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return authenticate_token(token)


router = Router(tags=["analytics"], auth=[TokenAuth(), django_auth])


class RangeQuery(Schema):
    start: str | None = Field(None, description="first day, YYYY-MM-DD (default: 30 days ago)")
    end: str | None = Field(None, description="last day, YYYY-MM-DD (default: today)")
    organisation: str | None = Field(
        None, description="organisation slug; needed with a session when you have several"
    )


class OrgQuery(Schema):
    organisation: str | None = None


def _organisation(request: HttpRequest, slug: str | None) -> Organisation:
    auth = request.auth  # type: ignore[attr-defined]
    if isinstance(auth, ApiToken):
        if slug and slug != auth.organisation.slug:
            raise PermissionDenied("token for another organisation")
        return auth.organisation
    organisations = selectors.analytics_organisations(request.user)
    if slug:
        for org in organisations:
            if org.slug == slug:
                return org
        raise PermissionDenied(Perm.VIEW_ANALYTICS.value)
    if len(organisations) == 1:
        return organisations[0]
    if not organisations:
        raise PermissionDenied(Perm.VIEW_ANALYTICS.value)
    raise HttpError(422, "You see several organisations' figures: add ?organisation=SLUG.")


def _scope(request: HttpRequest, query: RangeQuery) -> tuple[Organisation, Period]:
    organisation = _organisation(request, query.organisation)
    try:
        period = parse_period(query.start, query.end, studio_zone(organisation))
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from exc
    return organisation, period


class FigureOut(Schema):
    key: str
    section: str
    label: str
    value: float | None = Field(description="null when the figure is not available")
    display: str
    note: str


class NoteOut(Schema):
    level: str
    text: str


class MetricOut(Schema):
    total: int | None
    known: int = Field(description="posts that give this figure")
    posts: int


class GroupOut(Schema):
    key: str
    label: str
    posts: int
    with_figures: int
    likes: MetricOut
    comments: MetricOut
    shares: MetricOut
    reach: MetricOut
    impressions: MetricOut
    interactions: MetricOut
    interactions_per_post: float | None
    engagement_rate: float | None


class DayOut(Schema):
    day: dt.date
    value: int | None


class ReportOut(Schema):
    organisation: str
    start: dt.date
    end: dt.date
    time_zone: str
    figures: list[FigureOut]
    notes: list[NoteOut]
    by_platform: list[GroupOut]
    by_kind: list[GroupOut]
    interactions_by_day: list[DayOut]


def _group(row: object) -> dict[str, object]:
    metrics = row.metrics  # type: ignore[attr-defined]
    out: dict[str, object] = {
        "key": row.key,  # type: ignore[attr-defined]
        "label": row.label,  # type: ignore[attr-defined]
        "posts": row.posts,  # type: ignore[attr-defined]
        "with_figures": row.with_figures,  # type: ignore[attr-defined]
        "interactions_per_post": row.interactions_per_post,  # type: ignore[attr-defined]
        "engagement_rate": row.engagement_rate,  # type: ignore[attr-defined]
    }
    for name, metric in metrics.items():
        out[name] = {"total": metric.total, "known": metric.known, "posts": metric.posts}
    return out


@router.get("/report", response=ReportOut, summary="All key figures for a date range")
def report(request: HttpRequest, query: Query[RangeQuery]) -> dict[str, object]:
    organisation, period = _scope(request, query)
    built = build_report(organisation, period)
    return {
        "organisation": organisation.slug,
        "start": period.start,
        "end": period.end,
        "time_zone": str(period.zone),
        "figures": [
            {
                "key": f.key,
                "section": f.section,
                "label": f.label,
                "value": f.value,
                "display": f.display,
                "note": f.note,
            }
            for f in key_figures(built)
        ],
        "notes": [{"level": n.level, "text": n.text} for n in built.notes],
        "by_platform": [_group(r) for r in built.engagement.by_platform],
        "by_kind": [_group(r) for r in built.engagement.by_kind],
        "interactions_by_day": [{"day": d, "value": v} for d, v in built.engagement.by_day],
    }


class PostOut(Schema):
    id: int
    platform: str
    platform_post_id: str
    url: str
    kind: str
    kind_label: str
    label: str
    published_at: dt.datetime | None
    likes: int | None
    comments: int | None
    shares: int | None
    reach: int | None
    impressions: int | None
    interactions: int | None
    figures_at: dt.datetime | None = Field(description="when these figures were fetched")


@router.get("/posts", response=list[PostOut], summary="Each post published in the range")
def posts(request: HttpRequest, query: Query[RangeQuery]) -> list[dict[str, object]]:
    organisation, period = _scope(request, query)
    figures = engagement_figures(organisation, period)
    return [
        {
            "id": item.post.pk,
            "platform": item.post.platform,
            "platform_post_id": item.post.platform_post_id,
            "url": item.post.url,
            "kind": item.post.kind,
            "kind_label": kind_name(item.post.kind),
            "label": item.post.label,
            "published_at": item.post.published_at,
            **{
                name: item.value(name)
                for name in ("likes", "comments", "shares", "reach", "impressions", "interactions")
            },
            "figures_at": item.snapshot.taken_at if item.snapshot else None,
        }
        for item in figures.posts
    ]


class SnapshotOut(Schema):
    taken_at: dt.datetime
    source: str
    likes: int | None
    comments: int | None
    shares: int | None
    reach: int | None
    impressions: int | None


@router.get(
    "/posts/{post_id}/history", response=list[SnapshotOut], summary="A post's figures over time"
)
def history(request: HttpRequest, post_id: int, query: Query[OrgQuery]) -> list[object]:
    organisation = _organisation(request, query.organisation)
    post = get_object_or_404(TrackedPost, pk=post_id, organisation=organisation)
    return list(post_history(post))


class LinkOut(Schema):
    code: str
    label: str
    target: str
    kind: str
    clicks: int
    visitors: int = Field(description="clicks after removing repeats by one browser in a day")


class SourceOut(Schema):
    source: str
    label: str
    visitors: int


class LinksOut(Schema):
    clicks: int
    visitors: int
    links: list[LinkOut]
    by_source: list[SourceOut]
    by_day: list[DayOut]


@router.get("/links", response=LinksOut, summary="Short-link clicks by link, source and day")
def links(request: HttpRequest, query: Query[RangeQuery]) -> dict[str, object]:
    organisation, period = _scope(request, query)
    figures = click_figures(organisation, period)
    return {
        "clicks": figures.clicks,
        "visitors": figures.visitors,
        "links": [
            {
                "code": r.link.code,
                "label": r.link.label,
                "target": r.link.target,
                "kind": r.kind,
                "clicks": r.clicks,
                "visitors": r.visitors,
            }
            for r in figures.links
        ],
        "by_source": [{"source": k, "label": lb, "visitors": n} for k, lb, n in figures.by_source],
        "by_day": [{"day": d, "value": n} for d, n in figures.by_day],
    }


class ProgrammeOut(Schema):
    slug: str
    title: str
    kind: str
    is_open: bool
    signups: int


class CountOut(Schema):
    label: str
    count: int


class SignUpsOut(Schema):
    total: int
    attributed: int
    from_links: int
    programmes: list[ProgrammeOut]
    by_source: list[CountOut]
    by_campaign: list[CountOut]
    by_post: list[CountOut]
    by_day: list[DayOut]


@router.get("/signups", response=SignUpsOut, summary="Programme sign-ups and where they came from")
def signups(request: HttpRequest, query: Query[RangeQuery]) -> dict[str, object]:
    organisation, period = _scope(request, query)
    figures = signup_figures(organisation, period)
    return {
        "total": figures.total,
        "attributed": figures.attributed,
        "from_links": figures.from_links,
        "programmes": [
            {
                "slug": p.programme.slug,
                "title": p.programme.title,
                "kind": p.programme.kind,
                "is_open": p.programme.is_open,
                "signups": p.signups,
            }
            for p in figures.programmes
        ],
        "by_source": [{"label": k, "count": n} for k, n in figures.by_source],
        "by_campaign": [{"label": k, "count": n} for k, n in figures.by_campaign],
        "by_post": [{"label": k, "count": n} for k, n in figures.by_post],
        "by_day": [{"day": d, "value": n} for d, n in figures.by_day],
    }


class HealthOut(Schema):
    stories: int
    replied: int
    first_reply_median_min: float | None
    first_reply_p90_min: float | None
    replied_within_day: int
    unanswered: int
    active_members: int
    posts_screened: int
    harassment_held: int
    harassment_rate: float | None
    crisis_alerts: int
    crisis_contacted: int
    crisis_response_median_min: float | None
    crisis_waiting: int
    challenges_running: int
    challenge_participants: int
    challenge_active: int
    checkins: int
    questions: int
    questions_answered: int


@router.get("/health", response=HealthOut, summary="Community health")
def health(request: HttpRequest, query: Query[RangeQuery]) -> object:
    organisation, period = _scope(request, query)
    return community_health(organisation, period)


class CommentsOut(Schema):
    known: bool = Field(description="false when no platform's comments were ever read")
    total: int
    supportive: int
    neutral: int
    toxic: int
    crisis: int
    supportive_share: float | None
    waiting_for_decision: int
    hidden_on_platform: int


@router.get("/comments", response=CommentsOut, summary="Comments on the organisation's posts")
def comments(request: HttpRequest, query: Query[RangeQuery]) -> dict[str, object]:
    organisation, period = _scope(request, query)
    figures = comment_figures(organisation, period)
    return {
        "known": figures.known,
        "total": figures.total,
        **{k: figures.by_verdict.get(k, 0) for k in ("supportive", "neutral", "toxic", "crisis")},
        "supportive_share": figures.supportive_share,
        "waiting_for_decision": figures.waiting,
        "hidden_on_platform": figures.hidden,
    }


class SlotOut(Schema):
    weekday: int = Field(description="Monday = 0")
    hours: str
    posts: int
    median_interactions: float


class BestTimesOut(Schema):
    enough_history: bool
    posts_with_figures: int
    time_zone: str
    best: list[SlotOut]
    slots: list[SlotOut]


class BestQuery(Schema):
    organisation: str | None = None
    platform: str | None = None


@router.get("/best-times", response=BestTimesOut, summary="Best time to post, from our history")
def best(request: HttpRequest, query: Query[BestQuery]) -> dict[str, object]:
    organisation = _organisation(request, query.organisation)
    result = best_times(organisation, platform=(query.platform or None))

    def slot(s: object) -> dict[str, object]:
        return {
            "weekday": s.weekday,  # type: ignore[attr-defined]
            "hours": s.hours,  # type: ignore[attr-defined]
            "posts": s.posts,  # type: ignore[attr-defined]
            "median_interactions": s.median,  # type: ignore[attr-defined]
        }

    return {
        "enough_history": result.enough,
        "posts_with_figures": result.posts_with_figures,
        "time_zone": result.zone,
        "best": [slot(s) for s in result.best],
        "slots": [slot(s) for s in result.slots],
    }
