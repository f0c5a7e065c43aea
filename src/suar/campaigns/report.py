"""The final, auditable report as CSV rows: rules, counts, sponsors, every filtered item.

One header and seven columns; the first says what a row is:
- `campaign`: slug, window (UTC, ISO 8601), time zone and hashtags;
- `rule`: what counts per platform, and the spam and deletion rules with their limits;
- `count`: rows per platform, action, status and reason (counted, filtered, deleted, outside);
- `total`: counted interactions;
- `pledge`, `cap`, `sponsor_total`: each pledge's interactions, rate, cap in force and amount,
  each entry of its cap history, and each sponsor's total per currency;
- `item`: every filtered or deleted interaction (platform, action, status, reason, the
  platform's event id, its time), so each number above can be re-derived.
"""

from __future__ import annotations

from collections.abc import Iterator

from suar.campaigns.models import Campaign, Interaction
from suar.campaigns.selectors import campaign_totals, sponsor_totals

HEADER: list[object] = ["section", "platform", "action", "status", "reason", "value", "detail"]
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def report_rows(campaign: Campaign) -> Iterator[list[object]]:
    """The report's rows, streamed: the items are read from the database in chunks."""
    yield HEADER
    for row in _summary_rows(campaign):
        yield [_cell(v) for v in row]
    items = (
        Interaction.objects.filter(campaign=campaign)
        .exclude(status__in=[Interaction.Status.COUNTED, Interaction.Status.OUTSIDE_WINDOW])
        .order_by("occurred_at", "platform", "platform_event_id")
        .values_list("platform", "action", "status", "reason", "platform_event_id", "occurred_at")
    )
    for platform, action, status, reason, event_id, occurred_at in items.iterator(chunk_size=5000):
        yield ["item", platform, action, status, reason, _cell(event_id), occurred_at.isoformat()]


def _summary_rows(campaign: Campaign) -> Iterator[list[object]]:
    tags = " ".join(f"#{t}" for t in campaign.hashtags)
    window = f"{campaign.starts_at.isoformat()}/{campaign.ends_at.isoformat()}"
    yield ["campaign", "", "", "", "", campaign.slug, f"{window} {campaign.time_zone} {tags}"]
    for platform, actions in sorted(campaign.rules.items()):
        for action in actions:
            yield ["rule", platform, action, "counted", "", "", "action counted"]
    yield [
        "rule",
        "",
        "",
        "filtered",
        "burst",
        campaign.burst_limit,
        "interactions per account per minute that count",
    ]
    yield [
        "rule",
        "",
        "",
        "filtered",
        "duplicate_text",
        campaign.duplicate_text_accounts,
        "accounts that may post the same text (20+ characters)",
    ]
    yield ["rule", "", "", "deleted", "", "", "deleted or un-reposted before the window closed"]
    totals = campaign_totals(campaign)
    for (status, reason, platform, action), n in sorted(totals.by_status.items()):
        yield ["count", platform, action, status, reason, n, ""]
    yield ["total", "", "", "counted", "", totals.counted, ""]
    for sponsor in sponsor_totals(campaign):
        name = sponsor.sponsor.name
        for p in sponsor.pledges:
            start = p.pledge.matches_from or campaign.starts_at
            end = p.pledge.matches_until or campaign.ends_at
            yield [
                "pledge",
                name,
                f"{p.pledge.rate} {p.pledge.currency}",
                f"interactions={p.interactions}",
                f"cap={'' if p.cap is None else p.cap}",
                str(p.amount),
                f"{start.isoformat()}/{end.isoformat()}",
            ]
            for cap in p.pledge.caps.all():
                yield [
                    "cap",
                    name,
                    p.pledge.currency,
                    "",
                    cap.note,
                    "" if cap.amount is None else str(cap.amount),
                    cap.effective_from.isoformat(),
                ]
        for currency, amount in sponsor.by_currency.items():
            yield ["sponsor_total", name, currency, "", "", str(amount), ""]
