"""The signed webhook: HMAC over timestamp and body, clock tolerance, no replays."""

from __future__ import annotations

import json
import logging
import time

import pytest
from django.test import Client

from suar.campaigns.models import Interaction
from suar.campaigns.webhook import sign
from tests.campaigns.conftest import post

pytestmark = pytest.mark.django_db


def send(
    client: Client,
    campaign,
    body: bytes,
    *,
    secret: str | None = None,  # type: ignore[no-untyped-def]
    skew: int = 0,
    signature: str | None = None,
):
    timestamp = str(int(time.time()) + skew)
    signature = signature or sign(secret or campaign.webhook_secret, timestamp, body)
    return client.post(
        f"/api/v1/campaigns/{campaign.slug}/webhook",
        data=body,
        content_type="application/json",
        headers={"X-Suar-Timestamp": timestamp, "X-Suar-Signature": signature},
    )


def body(*events: dict[str, object]) -> bytes:
    return json.dumps({"events": list(events)}).encode()


def test_a_signed_request_records_its_events_once(client: Client, campaign) -> None:  # type: ignore[no-untyped-def]
    response = send(client, campaign, body(post("1"), post("2"), {"platform": "x"}))
    assert response.status_code == 200
    assert response.json()["new"] == 2
    assert response.json()["rejected"] == [{"index": 2, "reason": "missing or too long id"}]
    again = send(client, campaign, body(post("1"), post("2")))  # a new request, same events
    assert again.json() == {"new": 0, "duplicates": 2, "deletions": 0, "rejected": []}
    assert Interaction.objects.filter(campaign=campaign).count() == 2


def test_a_wrong_signature_is_rejected_and_logged_without_the_secret(
    client: Client, campaign, caplog
) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level(logging.WARNING):
        response = send(client, campaign, body(post("1")), secret="not-the-secret")
    assert response.status_code == 401
    assert "bad signature" in caplog.text
    assert campaign.webhook_secret not in caplog.text
    assert not Interaction.objects.exists()


def test_a_replayed_request_is_refused(client: Client, campaign) -> None:  # type: ignore[no-untyped-def]
    data = body(post("1"))
    timestamp = str(int(time.time()))
    headers = {
        "X-Suar-Timestamp": timestamp,
        "X-Suar-Signature": sign(campaign.webhook_secret, timestamp, data),
    }
    url = f"/api/v1/campaigns/{campaign.slug}/webhook"
    first = client.post(url, data=data, content_type="application/json", headers=headers)
    replay = client.post(url, data=data, content_type="application/json", headers=headers)
    assert (first.status_code, replay.status_code) == (200, 409)


def test_clock_skew_within_five_minutes_is_accepted_beyond_it_refused(
    client: Client, campaign
) -> None:  # type: ignore[no-untyped-def]
    assert send(client, campaign, body(post("1")), skew=-240).status_code == 200
    assert send(client, campaign, body(post("2")), skew=240).status_code == 200
    late = send(client, campaign, body(post("3")), skew=-400)
    assert late.status_code == 401
    assert "timestamp" in late.json()["detail"]


def test_a_tampered_body_fails_the_signature(client: Client, campaign) -> None:  # type: ignore[no-untyped-def]
    timestamp = str(int(time.time()))
    signature = sign(campaign.webhook_secret, timestamp, body(post("1")))
    response = client.post(
        f"/api/v1/campaigns/{campaign.slug}/webhook",
        data=body(post("1"), post("2")),
        content_type="application/json",
        headers={"X-Suar-Timestamp": timestamp, "X-Suar-Signature": signature},
    )
    assert response.status_code == 401


def test_the_webhook_secret_is_encrypted_at_rest(campaign) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT webhook_secret FROM campaigns_campaign WHERE id = %s", [campaign.pk])
        stored = cursor.fetchone()[0]

    assert campaign.webhook_secret not in stored
    assert stored.startswith("fernet:")


def test_the_spam_rules_reach_webhook_events_through_the_worker(
    client: Client, make_campaign, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    campaign = make_campaign(burst_limit=2)
    flood = [post(f"b{i}", account="bot@spam", minutes=10 + i / 100) for i in range(4)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert send(client, campaign, body(*flood)).status_code == 200
    assert len(callbacks) == 1  # the filter pass, queued for `suar worker`
    reasons = dict(Interaction.objects.values_list("platform_event_id", "reason"))
    assert reasons == {"b0": "", "b1": "", "b2": "burst", "b3": "burst"}


def test_a_queued_filter_pass_is_skipped_when_a_later_one_already_ran(campaign) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    from suar.campaigns.filters import refresh_filters, refresh_unless_done_since

    asked = timezone.now()
    refresh_filters(campaign)
    assert refresh_unless_done_since(campaign.pk, asked) is False
    assert refresh_unless_done_since(campaign.pk, timezone.now() + timedelta(seconds=1)) is True


def test_an_event_from_a_clock_far_ahead_gets_the_time_it_arrived(
    client: Client, make_campaign
) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from django.utils import timezone

    campaign = make_campaign(ends_at=timezone.now() + timedelta(hours=1))
    ahead = (timezone.now() + timedelta(days=1)).isoformat()  # after the window closes
    slightly = (timezone.now() + timedelta(minutes=2)).isoformat()
    response = send(
        client,
        campaign,
        body(post("far", created_at=ahead), post("near", created_at=slightly)),
    )
    assert response.json()["new"] == 2
    far = Interaction.objects.get(platform_event_id="far")
    near = Interaction.objects.get(platform_event_id="near")
    assert far.status == "counted"  # counted at its arrival, inside the window
    assert abs(far.occurred_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert near.occurred_at.isoformat()[:16] == slightly[:16]


def test_an_unknown_campaign_or_a_body_without_events_is_a_clear_error(
    client: Client, campaign
) -> None:  # type: ignore[no-untyped-def]
    missing = client.post(
        "/api/v1/campaigns/nope/webhook", data=b"{}", content_type="application/json"
    )
    assert missing.status_code == 404 and missing.json() == {"detail": "unknown campaign"}
    wrong = send(client, campaign, b'{"items": []}')
    assert wrong.status_code == 400 and "events" in wrong.json()["detail"]
