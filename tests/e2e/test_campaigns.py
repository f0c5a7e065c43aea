"""A visitor watches a campaign's counter rise while interactions arrive, without reloading;
a partner's site embeds the widget; the chart and the JSON follow the same numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from suar.campaigns import selectors
from suar.campaigns.models import Campaign, Pledge, PledgeCap, Sponsor
from suar.campaigns.services import record_events
from tests.campaigns.conftest import START, campaign_fields, post

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def campaign(organisation):  # type: ignore[no-untyped-def]
    campaign = Campaign.objects.create(organisation=organisation, **campaign_fields())
    sponsor = Sponsor.objects.create(campaign=campaign, name="Bank Harapan")
    pledge = Pledge.objects.create(sponsor=sponsor, rate=Decimal("500"))
    PledgeCap.objects.create(pledge=pledge, amount=Decimal("100000"), effective_from=START)
    record_events(campaign=campaign, events=[post("1", account="a")], source="test")
    return campaign


def more_events(campaign: Campaign, n: int) -> None:
    events = [
        post(str(i), account=f"u{i}", text=f"Hari ke-{i} #SuarHarapan", minutes=60 + i % 300)
        for i in range(2, n + 2)
    ]
    record_events(campaign=campaign, events=events, source="test")


def test_the_public_counter_updates_without_a_reload(page, live_server, campaign) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/kampanye/{campaign.slug}/")
    counter = page.get_by_test_id("counted")
    assert counter.inner_text() == "1"
    assert "IDR 500" in page.get_by_test_id("sponsors").inner_text()
    assert page.locator("[data-testid=chart] svg rect").count() == 24
    page.evaluate("window.notReloaded = true")

    more_events(campaign, 1200)

    page.wait_for_function(
        "document.querySelector('[data-testid=counted]').innerText.trim() === '1.201'"
    )
    assert page.evaluate("window.notReloaded") is True
    # The sponsor's amount and the chart followed: 1,201 x 500 is over the cap.
    sponsors = page.get_by_test_id("sponsors").inner_text()
    assert "IDR 100.000" in sponsors
    tallest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=chart] rect')]"
        ".map(r => parseFloat(r.getAttribute('height'))))"
    )
    assert tallest > 100
    assert "Bank Harapan" in page.get_by_test_id("how-we-count").inner_text()


def test_a_partner_site_embeds_the_live_widget(page, live_server, campaign) -> None:  # type: ignore[no-untyped-def]
    # The partner's page is on another origin (about:blank here) and frames the widget.
    page.set_content(
        f'<h1>Partner</h1><iframe id="suar" src="{live_server.url}/kampanye/{campaign.slug}'
        '/widget/" width="360" height="480"></iframe>'
    )
    widget = page.frame_locator("#suar")
    assert widget.get_by_test_id("counted").inner_text() == "1"
    more_events(campaign, 9)
    # Cross-origin: the partner's script cannot read the frame, but the visitor sees it.
    expect(widget.get_by_test_id("counted")).to_have_text("10", timeout=15_000)


def test_the_json_endpoint_agrees_with_the_page(page, live_server, campaign) -> None:  # type: ignore[no-untyped-def]
    more_events(campaign, 4)
    selectors.LIVE_CACHE_SECONDS = 0.0
    try:
        data = page.request.get(f"{live_server.url}/api/v1/campaigns/{campaign.slug}/totals").json()
        page.goto(f"{live_server.url}/kampanye/{campaign.slug}/")
        assert page.get_by_test_id("counted").inner_text() == str(data["counted"]) == "5"
        assert sum(h["counted"] for h in data["hourly"]) == 5
    finally:
        selectors.LIVE_CACHE_SECONDS = 2.0
