"""Reads of the help directory: search and filters, and the lines shown in a crisis."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet

from suar.accounts.models import Membership, Organisation
from suar.accounts.permissions import AnyUser
from suar.help.models import HelpService

PAGE_SIZE = 20


@dataclass(frozen=True)
class Filters:
    q: str = ""
    kind: str = ""
    city: str = ""
    language: str = ""
    cost: str = ""
    bpjs: bool = False
    online: bool = False


def _visible(user: AnyUser) -> QuerySet[HelpService]:
    """Install-wide entries for everyone, and those of the organisations the person is in;
    visitors see the install-wide ones and every organisation's (the directory is public)."""
    return HelpService.objects.filter(active=True).select_related("organisation")


def search(user: AnyUser, filters: Filters, *, page: int | str = 1) -> Page[HelpService]:
    services = _visible(user)
    if filters.q:
        words = filters.q.split()[:6]
        for word in words:
            services = services.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(city__icontains=word)
                | Q(province__icontains=word)
            )
    if filters.kind in HelpService.Kind.values:
        services = services.filter(kind=filters.kind)
    if filters.city:
        services = services.filter(
            Q(city__icontains=filters.city) | Q(province__icontains=filters.city)
        )
    if filters.language:
        services = services.filter(languages__icontains=filters.language[:8])
    if filters.cost in HelpService.Cost.values:
        services = services.filter(cost=filters.cost)
    if filters.bpjs:
        services = services.filter(bpjs=HelpService.Bpjs.YES)
    if filters.online:
        services = services.filter(online=True)
    return Paginator(services.order_by("priority", "name", "pk"), PAGE_SIZE).get_page(page)


def cities() -> list[str]:
    return sorted(
        {c for c in HelpService.objects.filter(active=True).values_list("city", flat=True) if c}
    )


def country_of(user: AnyUser) -> str:
    """Where the person's help should be: their organisation's country, Indonesia first."""
    if user.is_authenticated:
        membership = (
            Membership.objects.filter(user_id=user.pk).select_related("organisation").first()
        )
        if membership is not None and membership.organisation.country:
            return membership.organisation.country
    return "ID"


def crisis_lines(
    country: str, organisation: Organisation | None = None, *, limit: int = 8
) -> list[HelpService]:
    """Crisis lines for this country (the organisation's own first), then international ones
    (no country), so that nobody is ever shown an empty list when lines exist at all."""
    lines = HelpService.objects.filter(active=True, show_in_crisis=True).filter(
        Q(organisation__isnull=True) | Q(organisation=organisation)
    )
    own_first = F("organisation_id").asc(nulls_last=True)
    local = list(lines.filter(country=country).order_by(own_first, "priority", "name"))
    if not local and country != "ID":
        local = list(lines.filter(country="ID").order_by("priority", "name"))
    international = list(lines.filter(country="").order_by("priority", "name"))
    found = (local + international)[:limit]
    if not found:
        from suar.help.defaults import crisis_lines as defaults

        return defaults()
    return found


def curated_by(organisation: Organisation) -> QuerySet[HelpService]:
    return HelpService.objects.filter(organisation=organisation).order_by(
        "-active", "priority", "name"
    )
