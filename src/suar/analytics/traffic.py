"""Reads of short-link clicks and programme sign-ups, and where they came from."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Sum
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation
from suar.analytics.engagement import platform_name
from suar.analytics.models import LinkClickDay, Programme, SignUp, TrackedLink
from suar.analytics.period import Period
from suar.studio.models import ShortLink

MAX_LINKS = 500

KIND_BY_URL_NAME = {
    "community:group_detail": TrackedLink.Kind.GROUP,
    "qa:session_detail": TrackedLink.Kind.QA,
    "challenges:challenge_detail": TrackedLink.Kind.CHALLENGE,
    "analytics:signup": TrackedLink.Kind.PROGRAMME,
}


def source_name(key: str) -> str:
    names = {
        "direct": _("Direct or unknown"),
        "other": _("Other sites"),
        "suar": "Suar",
        "whatsapp": "WhatsApp",
        "telegram": "Telegram",
        "email": _("E-mail"),
        "": _("Direct or unknown"),
    }
    return names.get(key) or platform_name(key)


def link_kind(link: ShortLink) -> str:
    """What a link points to: stored by this app for its own links, else from the path."""
    tracked = getattr(link, "analytics", None)
    if tracked is not None:
        return tracked.kind
    if not link.target.startswith("/"):
        return TrackedLink.Kind.SITE
    return _kind_of_path(link.target.split("?")[0])


@lru_cache(maxsize=4096)
def _kind_of_path(path: str) -> str:
    # Resolving walks every URL pattern: a page with hundreds of links resolves each once.
    try:
        match = resolve(path)
    except Resolver404:
        return TrackedLink.Kind.OTHER
    return KIND_BY_URL_NAME.get(match.view_name, TrackedLink.Kind.OTHER)


@dataclass
class LinkRow:
    link: ShortLink
    kind: str
    clicks: int = 0
    visitors: int = 0

    @property
    def kind_label(self) -> str:
        return str(TrackedLink.Kind(self.kind).label)


@dataclass
class ClickFigures:
    links: list[LinkRow]
    clicks: int
    visitors: int
    by_source: list[tuple[str, str, int]]  # key, label, visitors
    by_day: list[tuple[dt.date, int]]
    by_kind: list[tuple[str, int]]  # label, visitors
    link_count: int


def click_figures(organisation: Organisation, period: Period) -> ClickFigures:
    links = list(
        ShortLink.objects.filter(organisation=organisation)
        .select_related("analytics", "post")
        .order_by("-created_at")[:MAX_LINKS]
    )
    rows = {link.pk: LinkRow(link=link, kind=link_kind(link)) for link in links}
    days = LinkClickDay.objects.filter(
        link__organisation=organisation, day__gte=period.start, day__lte=period.end
    )
    per_link = days.values("link_id").annotate(c=Sum("clicks"), v=Sum("visitors"))
    for entry in per_link:
        row = rows.get(entry["link_id"])
        if row is not None:
            row.clicks, row.visitors = entry["c"], entry["v"]
    sources = days.values("source").annotate(v=Sum("visitors")).order_by("-v", "source")
    daily = dict(days.values("day").annotate(v=Sum("visitors")).values_list("day", "v"))
    kinds: Counter[str] = Counter()
    for row in rows.values():
        kinds[row.kind_label] += row.visitors
    ordered = sorted(rows.values(), key=lambda r: (-r.visitors, -r.clicks, r.link.code))
    return ClickFigures(
        links=ordered,
        clicks=sum(r.clicks for r in rows.values()),
        visitors=sum(r.visitors for r in rows.values()),
        by_source=[(s["source"], source_name(s["source"]), s["v"]) for s in sources],
        by_day=[(day, daily.get(day, 0)) for day in period.days],
        by_kind=sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        link_count=len(links),
    )


@dataclass
class ProgrammeRow:
    programme: Programme
    signups: int = 0


@dataclass
class SignUpFigures:
    programmes: list[ProgrammeRow]
    total: int
    by_day: list[tuple[dt.date, int]]
    by_campaign: list[tuple[str, int]]
    by_post: list[tuple[str, int]]
    by_source: list[tuple[str, int]]  # platform label (or "direct"), sign-ups
    from_links: int = 0
    attributed: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def signup_figures(organisation: Organisation, period: Period) -> SignUpFigures:
    programmes = list(Programme.objects.filter(organisation=organisation).order_by("title"))
    signups = SignUp.objects.filter(
        programme__organisation=organisation,
        created_at__gte=period.start_at,
        created_at__lt=period.end_at,
    )
    per_programme = signups.values("programme_id").annotate(n=Count("pk"))
    counts = dict(per_programme.values_list("programme_id", "n"))
    # Only the attribution columns are read here, never names or contacts.
    attribution = list(
        signups.values_list(
            "created_at", "campaign__name", "post__title", "link_id", "source_platform"
        )[:100_000]
    )
    daily: defaultdict[dt.date, int] = defaultdict(int)
    campaigns: Counter[str] = Counter()
    posts: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    from_links = attributed = 0
    names: dict[str, str] = {}
    for created_at, campaign, post, link_id, source in attribution:
        daily[period.local_date(created_at)] += 1
        if campaign:
            campaigns[campaign] += 1
        if post:
            posts[post] += 1
        if link_id:
            from_links += 1
        if campaign or post or link_id:
            attributed += 1
        if source not in names:
            names[source] = source_name(source)
        sources[names[source]] += 1
    return SignUpFigures(
        programmes=[ProgrammeRow(p, counts.get(p.pk, 0)) for p in programmes],
        total=len(attribution),
        by_day=[(day, daily.get(day, 0)) for day in period.days],
        by_campaign=campaigns.most_common(),
        by_post=posts.most_common(20),
        by_source=sources.most_common(),
        from_links=from_links,
        attributed=attributed,
    )
