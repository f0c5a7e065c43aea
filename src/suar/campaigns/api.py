"""API endpoints of the campaigns app, mounted under /api/v1/campaigns/."""

from __future__ import annotations

from typing import Any

import orjson
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router

from suar.campaigns.models import Campaign
from suar.campaigns.selectors import live_numbers, visible_campaigns
from suar.campaigns.services import record_events, schedule_filter_refresh
from suar.campaigns.webhook import SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookRejected, verify

router = Router(tags=["campaigns"])

MAX_WEBHOOK_EVENTS = 5000


def _json(data: object, status: int = 200) -> HttpResponse:
    return HttpResponse(orjson.dumps(data), status=status, content_type="application/json")


def totals_payload(campaign: Campaign) -> dict[str, Any]:
    numbers = live_numbers(campaign)
    totals = numbers.totals
    return {
        "campaign": campaign.slug,
        "name": campaign.name,
        "counted": totals.counted,
        "deleted": totals.deleted,
        "outside_window": totals.outside,
        "filtered": dict(totals.filtered),
        "by_platform": dict(totals.by_platform),
        "by_platform_action": [
            {"platform": p, "action": a, "counted": n}
            for (p, a), n in sorted(totals.by_platform_action.items())
        ],
        "sponsors": [
            {
                "name": s.sponsor.name,
                "pledged": {cur: str(amount) for cur, amount in s.by_currency.items()},
                "cap_reached": any(p.capped for p in s.pledges),
            }
            for s in numbers.sponsors
        ],
        "hourly": [{"hour": hour.isoformat(), "counted": n} for hour, n in numbers.series],
        "starts_at": campaign.starts_at.isoformat(),
        "ends_at": campaign.ends_at.isoformat(),
        "time_zone": campaign.time_zone,
    }


@router.get("/{slug}/totals", auth=None, url_name="campaign_totals")
def totals(request: HttpRequest, slug: str) -> HttpResponse:
    """Live totals and the hourly series (local hours of the campaign's time zone); private
    campaigns answer 404 to people who do not manage them. Cached for two seconds."""
    campaign = visible_campaigns(request.user).filter(slug=slug).first()
    if campaign is None:
        raise Http404
    response = _json(totals_payload(campaign))
    # Partners' pages read this from their own origin; the data is public anyway.
    if campaign.is_public:
        response["Access-Control-Allow-Origin"] = "*"
    return response


@router.post("/{slug}/webhook", auth=None)
def webhook(request: HttpRequest, slug: str) -> HttpResponse:
    """Events pushed by a partner, signed with the campaign's secret (docs/campaigns.md)."""
    campaign = Campaign.objects.filter(slug=slug).first()
    if campaign is None:
        return _json({"detail": "unknown campaign"}, 404)
    body = request.body
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        payload = None
    events = payload.get("events") if isinstance(payload, dict) else None
    try:
        with transaction.atomic():
            verify(
                campaign,
                timestamp=request.headers.get(TIMESTAMP_HEADER, ""),
                signature=request.headers.get(SIGNATURE_HEADER, ""),
                body=body,
            )
            if not isinstance(events, list) or len(events) > MAX_WEBHOOK_EVENTS:
                raise WebhookRejected(
                    400, f'send {{"events": [...]}} with at most {MAX_WEBHOOK_EVENTS} events'
                )
            recorded = record_events(
                campaign=campaign,
                events=[e if isinstance(e, dict) else {} for e in events],
                source="webhook",
                refresh=False,
            )
            if recorded.result.inserted or recorded.result.deletions:
                schedule_filter_refresh(campaign)
    except WebhookRejected as exc:
        return _json({"detail": exc.message}, exc.status)
    result = recorded.result
    return _json(
        {
            "new": result.inserted,
            "duplicates": result.duplicates,
            "deletions": result.deletions,
            "rejected": [{"index": i, "reason": reason} for i, reason in recorded.errors],
        }
    )
