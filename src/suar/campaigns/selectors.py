"""Reads of campaigns: visibility, live totals, the hourly series and sponsors' amounts."""

from __future__ import annotations

import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from suar.accounts.permissions import AnyUser, has_perm
from suar.accounts.roles import Perm
from suar.campaigns.models import Campaign, Interaction, Sponsor
from suar.campaigns.money import PledgeAmount, pledge_amount

Status = Interaction.Status


def managed_campaigns(user: AnyUser) -> QuerySet[Campaign]:
    """Campaigns of the organisations where the person may manage campaigns."""
    campaigns = Campaign.objects.select_related("organisation")
    if not user.is_authenticated:
        return campaigns.none()
    if user.is_superuser:
        return campaigns
    orgs = [
        m.organisation
        for m in user.memberships.select_related("organisation")
        if has_perm(user, Perm.MANAGE_CAMPAIGNS, m.organisation)
    ]
    return campaigns.filter(organisation__in=orgs)


def visible_campaigns(user: AnyUser) -> QuerySet[Campaign]:
    """Public campaigns for everyone; private ones only for the people who manage them."""
    public = Campaign.objects.select_related("organisation").filter(is_public=True)
    if not user.is_authenticated:
        return public
    managed = managed_campaigns(user).values("pk")
    return Campaign.objects.select_related("organisation").filter(
        Q(is_public=True) | Q(pk__in=managed)
    )


@dataclass
class Totals:
    counted: int = 0
    deleted: int = 0
    outside: int = 0
    filtered: Counter[str] = field(default_factory=Counter)
    by_platform: Counter[str] = field(default_factory=Counter)
    by_platform_action: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_status: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)

    @property
    def filtered_total(self) -> int:
        return sum(self.filtered.values())


def campaign_totals(campaign: Campaign) -> Totals:
    """Everything the counter shows, from one grouped query."""
    totals = Totals()
    rows = (
        Interaction.objects.filter(campaign=campaign)
        .values_list("status", "reason", "platform", "action")
        .annotate(n=Count("id"))
        .order_by()
    )
    for status, reason, platform, action, n in rows:
        totals.by_status[(status, reason, platform, action)] += n
        if status == Status.COUNTED:
            totals.counted += n
            totals.by_platform[platform] += n
            totals.by_platform_action[(platform, action)] += n
        elif status == Status.DELETED:
            totals.deleted += n
        elif status == Status.OUTSIDE_WINDOW:
            totals.outside += n
        else:
            totals.filtered[reason] += n
    return totals


def hourly_series(campaign: Campaign) -> list[tuple[datetime, int]]:
    """Counted interactions per hour of the window, in the campaign's own time zone.

    Hours start on the local clock (Newfoundland and India are half an hour off UTC, Nepal
    three quarters), so rows are grouped by quarter hour in SQL and folded into local hours
    here; every offset in use is a multiple of 15 minutes. Empty hours are included.
    """
    zone = zoneinfo.ZoneInfo(campaign.time_zone)
    quarters = (
        Interaction.objects.filter(campaign=campaign, status=Status.COUNTED)
        .annotate(quarter=F("minute") / 15)
        .values_list("quarter")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("quarter", "n")
    )
    by_hour: Counter[datetime] = Counter()
    for quarter, n in quarters:
        by_hour[_local_hour_start(EPOCH + timedelta(minutes=15 * quarter), zone)] += n
    series: list[tuple[datetime, int]] = []
    moment = _local_hour_start(campaign.starts_at.astimezone(UTC), zone)
    while moment < campaign.ends_at and len(series) < 24 * 31:
        series.append((moment.astimezone(zone), by_hour.get(moment, 0)))
        moment += timedelta(hours=1)
    return series


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _local_hour_start(moment: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    """The UTC instant at which the local hour containing `moment` began."""
    local = moment.astimezone(zone)
    return moment - timedelta(minutes=local.minute, seconds=local.second)


@dataclass
class SponsorTotal:
    sponsor: Sponsor
    pledges: list[PledgeAmount]

    @property
    def by_currency(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for p in self.pledges:
            out[p.pledge.currency] = out.get(p.pledge.currency, Decimal(0)) + p.amount
        return out


def sponsor_totals(campaign: Campaign, *, at: datetime | None = None) -> list[SponsorTotal]:
    """Each sponsor's pledged amount: two queries whatever the number of sponsors."""
    at = at or timezone.now()
    sponsors = list(campaign.sponsors.prefetch_related("pledges__caps"))
    pledges = [p for s in sponsors for p in s.pledges.all()]
    counts: dict[str, int] = {}
    if pledges:
        counts = Interaction.objects.filter(campaign=campaign, status=Status.COUNTED).aggregate(
            **{
                f"p{p.pk}": Count(
                    "id",
                    filter=Q(
                        occurred_at__gte=p.matches_from or campaign.starts_at,
                        occurred_at__lt=p.matches_until or campaign.ends_at,
                    ),
                )
                for p in pledges
            }
        )
    return [
        SponsorTotal(
            sponsor=s,
            pledges=[
                pledge_amount(p, counts.get(f"p{p.pk}", 0) or 0, list(p.caps.all()), at)
                for p in s.pledges.all()
            ],
        )
        for s in sponsors
    ]


# Every viewer of a national campaign polls the counter; the numbers are recomputed at most
# this often per web process, whatever the number of viewers.
LIVE_CACHE_SECONDS = 2.0


@dataclass
class LiveNumbers:
    totals: Totals
    series: list[tuple[datetime, int]]
    sponsors: list[SponsorTotal]


def live_numbers(campaign: Campaign) -> LiveNumbers:
    """Totals, the hourly series and sponsors' amounts, shared for LIVE_CACHE_SECONDS."""
    key = f"campaign-live:{campaign.pk}:{campaign.created_at.timestamp()}"
    found = cache.get(key) if LIVE_CACHE_SECONDS > 0 else None
    if isinstance(found, LiveNumbers):
        return found
    numbers = LiveNumbers(campaign_totals(campaign), hourly_series(campaign), [])
    numbers.sponsors = sponsor_totals(campaign)
    if LIVE_CACHE_SECONDS > 0:
        cache.set(key, numbers, LIVE_CACHE_SECONDS)
    return numbers
