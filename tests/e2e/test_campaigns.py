"""A visitor watches a campaign's counter rise while interactions arrive, without reloading."""

from __future__ import annotations

import pytest

from suar.campaigns.models import Campaign
from suar.campaigns.services import record_events
from tests.campaigns.conftest import campaign_fields, post

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_public_counter_updates_without_a_reload(page, live_server, organisation) -> None:  # type: ignore[no-untyped-def]
    campaign = Campaign.objects.create(organisation=organisation, **campaign_fields())
    record_events(campaign=campaign, events=[post("1", account="a")], source="test")

    page.goto(f"{live_server.url}/kampanye/{campaign.slug}/")
    counter = page.get_by_test_id("counted")
    assert counter.inner_text() == "1"
    page.evaluate("window.notReloaded = true")

    events = [
        post(str(i), account=f"u{i}", text=f"Hari ke-{i} #SuarHarapan") for i in range(2, 1202)
    ]
    record_events(campaign=campaign, events=events, source="test")

    page.wait_for_function(
        "document.querySelector('[data-testid=counted]').innerText.trim() === '1.201'"
    )
    assert page.evaluate("window.notReloaded") is True
