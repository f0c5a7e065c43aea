"""The final, auditable report as CSV: counts by platform and action, filtered, sponsors."""

from __future__ import annotations

import csv
from typing import Any

from suar.campaigns.models import Campaign, Interaction
from suar.campaigns.selectors import campaign_totals, sponsor_totals

FILTERED_ITEMS_LIMIT = 100_000


def report_csv(campaign: Campaign, out: Any) -> None:
    """Write the report to `out` (a file or an HttpResponse); every number can be re-derived."""
    writer = csv.writer(out)
    writer.writerow(["section", "platform", "action", "status", "reason", "count_or_amount"])
    writer.writerow(
        [
            "campaign",
            campaign.slug,
            "",
            campaign.starts_at.isoformat(),
            campaign.ends_at.isoformat(),
            campaign.time_zone,
        ]
    )
    totals = campaign_totals(campaign)
    for (status, reason, platform, action), n in sorted(totals.by_status.items()):
        writer.writerow(["count", platform, action, status, reason, n])
    writer.writerow(["total", "", "", "counted", "", totals.counted])
    for sponsor in sponsor_totals(campaign):
        for p in sponsor.pledges:
            cap = "" if p.cap is None else str(p.cap)
            writer.writerow(
                [
                    "pledge",
                    sponsor.sponsor.name,
                    f"{p.pledge.rate} {p.pledge.currency}",
                    f"interactions={p.interactions}",
                    f"cap={cap}",
                    str(p.amount),
                ]
            )
        for currency, amount in sponsor.by_currency.items():
            writer.writerow(["sponsor_total", sponsor.sponsor.name, currency, "", "", str(amount)])
    filtered = (
        Interaction.objects.filter(campaign=campaign)
        .exclude(status__in=[Interaction.Status.COUNTED, Interaction.Status.OUTSIDE_WINDOW])
        .order_by("occurred_at", "platform", "platform_event_id")
        .values_list("platform", "platform_event_id", "action", "status", "reason", "occurred_at")
    )
    for platform, event_id, action, status, reason, occurred_at in filtered[
        :FILTERED_ITEMS_LIMIT
    ].iterator():
        writer.writerow(
            [f"item:{occurred_at.isoformat()}", platform, action, status, reason, event_id]
        )
