"""Writes: campaigns, sponsors and pledges (organisers only), and recording events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from suar.accounts.models import Organisation
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.campaigns.events import BadEvent, DeletionRow, EventReader, Row
from suar.campaigns.filters import refresh_filters
from suar.campaigns.ingest import BatchResult, write_batch
from suar.campaigns.models import Campaign, Pledge, PledgeCap, Sponsor


def create_campaign(*, user: AnyUser, organisation: Organisation, **fields: Any) -> Campaign:
    require_perm(user, Perm.MANAGE_CAMPAIGNS, organisation)
    campaign = Campaign(organisation=organisation, **fields)
    campaign.full_clean()
    with transaction.atomic():
        campaign.save()
    return campaign


def add_sponsor(
    *,
    user: AnyUser,
    campaign: Campaign,
    name: str,
    rate: Decimal,
    currency: str = "IDR",
    cap: Decimal | None = None,
    matches_from: datetime | None = None,
    matches_until: datetime | None = None,
) -> Pledge:
    """A sponsor with its first pledge (and cap, if any)."""
    require_perm(user, Perm.MANAGE_CAMPAIGNS, campaign.organisation)
    sponsor = Sponsor(campaign=campaign, name=name)
    sponsor.full_clean()
    with transaction.atomic():
        sponsor.save()
        pledge = Pledge(
            sponsor=sponsor,
            rate=rate,
            currency=currency,
            matches_from=matches_from,
            matches_until=matches_until,
        )
        pledge.full_clean()
        pledge.save()
        if cap is not None:
            # The first cap holds from the campaign's start, whenever it was entered.
            first = min(campaign.starts_at, timezone.now())
            PledgeCap.objects.create(pledge=pledge, amount=cap, effective_from=first)
    return pledge


def change_cap(
    *,
    user: AnyUser,
    pledge: Pledge,
    amount: Decimal | None,
    note: str = "",
    effective_from: datetime | None = None,
) -> PledgeCap:
    """Add an entry to the cap history (a raise keeps the old cap on record)."""
    require_perm(user, Perm.MANAGE_CAMPAIGNS, pledge.sponsor.campaign.organisation)
    cap = PledgeCap(
        pledge=pledge, amount=amount, note=note, effective_from=effective_from or timezone.now()
    )
    cap.full_clean()
    with transaction.atomic():
        cap.save()
    return cap


@dataclass
class Recorded:
    result: BatchResult
    errors: list[tuple[int, str]] = field(default_factory=list)  # (index in the batch, reason)


def record_events(
    *,
    campaign: Campaign,
    events: Iterable[dict[str, object]],
    source: str,
    cursor_source: str | None = None,
    position: str = "",
    refresh: bool = True,
) -> Recorded:
    """Record events from a signed webhook or a stream worker, exactly once each.

    No person is behind these calls: the webhook proved itself with the campaign's secret and
    stream workers are started by the operator, so there is no permission to check here.
    Events are live: one dated more than five minutes after now gets now (clock skew).
    With `refresh=False` the caller runs the filter pass itself (on a timer, or as a task
    via `schedule_filter_refresh`), because a pass reads every row of the campaign.
    """
    reader = EventReader(campaign, received_at=timezone.now())
    rows: list[Row] = []
    deletions: list[DeletionRow] = []
    errors: list[tuple[int, str]] = []
    for index, event in enumerate(events):
        try:
            read = reader.read(event)
        except BadEvent as exc:
            errors.append((index, str(exc)))
            continue
        if isinstance(read, Row):
            rows.append(read)
        else:
            deletions.append(read)
    result = write_batch(
        campaign,
        rows,
        deletions,
        source=source,
        cursor_source=cursor_source,
        position=position,
    )
    if refresh and (result.inserted or result.deletions):
        refresh_filters(campaign)
    return Recorded(result, errors)


def schedule_filter_refresh(campaign: Campaign) -> None:
    """After the current transaction commits, have the worker run the filter pass once.

    Many webhook requests in a row schedule many tasks, but each skips the pass when one has
    started since its request committed (filters.refresh_unless_done_since).
    """
    from suar.campaigns.tasks import refresh_campaign_filters

    def enqueue() -> None:
        refresh_campaign_filters.enqueue(campaign.pk, timezone.now().isoformat())

    transaction.on_commit(enqueue)
