"""Public counter, widget, JSON, CSV report, management pages and who may see what."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client

from suar.accounts.roles import Role
from suar.campaigns.models import Campaign
from suar.campaigns.services import add_sponsor, record_events
from tests.campaigns.conftest import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(make_user):  # type: ignore[no-untyped-def]
    return make_user("rani", role=Role.ORGANISER)


@pytest.fixture
def counted(campaign, organiser):  # type: ignore[no-untyped-def]
    add_sponsor(user=organiser, campaign=campaign, name="Bank Harapan", rate=Decimal("5000"))
    events = [post(str(i), account=f"u{i}") for i in range(3)]
    events += [post("b", platform="bluesky", action="repost", text="")]
    events += [{**post("0"), "action": "delete"}]
    record_events(campaign=campaign, events=events, source="test")
    return campaign


def test_the_public_page_shows_totals_sponsors_and_the_hourly_chart(
    client: Client, counted, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(10):
        response = client.get(f"/kampanye/{counted.slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="counted"><strong style="font-size:2.5rem">3<' in page
    assert "Bank Harapan" in page and "IDR 15.000" in page
    assert "<svg" in page and 'hx-trigger="every 3s"' in page


def test_the_widget_may_be_framed_but_other_pages_not(client: Client, counted) -> None:  # type: ignore[no-untyped-def]
    widget = client.get(f"/kampanye/{counted.slug}/widget/")
    assert widget.status_code == 200 and "X-Frame-Options" not in widget.headers
    assert client.get(f"/kampanye/{counted.slug}/").headers["X-Frame-Options"] == "DENY"


def test_the_json_endpoint_gives_live_totals(client: Client, counted) -> None:  # type: ignore[no-untyped-def]
    data = client.get(f"/api/v1/campaigns/{counted.slug}/totals").json()
    assert data["counted"] == 3 and data["deleted"] == 1
    assert data["by_platform"] == {"mastodon": 2, "bluesky": 1}
    assert data["sponsors"] == [{"name": "Bank Harapan", "pledged": {"IDR": "15000"}}]


def test_private_campaigns_are_hidden_from_everyone_but_organisers(
    client: Client, make_campaign, member, organiser, login_as
) -> None:  # type: ignore[no-untyped-def]
    make_campaign("rahasia", is_public=False)
    for url in [
        "/kampanye/rahasia/",
        "/kampanye/rahasia/widget/",
        "/api/v1/campaigns/rahasia/totals",
    ]:
        assert client.get(url).status_code == 404
    assert "rahasia" not in client.get("/kampanye/").content.decode()
    assert login_as(member).get("/kampanye/rahasia/").status_code == 404
    assert login_as(organiser).get("/kampanye/rahasia/").status_code == 200


def test_the_csv_report_is_for_organisers_and_adds_up(
    client: Client, counted, member, organiser, login_as
) -> None:  # type: ignore[no-untyped-def]
    url = f"/kampanye/{counted.slug}/laporan.csv"
    assert login_as(member).get(url).status_code == 404
    response = login_as(organiser).get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    counts = [r for r in rows if r[0] == "count"]
    assert ["count", "mastodon", "post_with_hashtag", "counted", "", "2"] in counts
    assert ["count", "mastodon", "post_with_hashtag", "deleted", "", "1"] in counts
    assert ["total", "", "", "counted", "", "3"] in rows
    assert ["sponsor_total", "Bank Harapan", "IDR", "", "", "15000"] in rows
    assert [r[1:] for r in rows if r[0].startswith("item:")] == [
        ["mastodon", "post_with_hashtag", "deleted", "", "0"]
    ]


def test_only_organisers_reach_the_management_pages(
    client: Client, campaign, member, login_as
) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/kampanye/kelola/").status_code == 302  # to the log-in page
    assert login_as(member).get("/kampanye/kelola/").status_code == 403
    assert login_as(member).get(f"/kampanye/{campaign.slug}/kelola/").status_code == 403


def test_an_organiser_creates_a_campaign_adds_a_sponsor_and_raises_a_cap(
    client: Client, organiser, organisation, login_as
) -> None:  # type: ignore[no-untyped-def]
    c = login_as(organiser)
    response = c.post(
        "/kampanye/kelola/",
        {
            "organisation": organisation.pk,
            "name": "Hari Pulih",
            "slug": "hari-pulih",
            "hashtags": "#HariPulih, pulih",
            "actions": ["post_with_hashtag", "repost"],
            "starts_at": "2026-02-01 00:00",
            "ends_at": "2026-02-02 00:00",
            "time_zone": "Asia/Jakarta",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get(slug="hari-pulih")
    assert campaign.hashtags == ["haripulih", "pulih"]
    assert campaign.starts_at.isoformat() == "2026-01-31T17:00:00+00:00"
    url = "/kampanye/hari-pulih/kelola/"
    c.post(
        url, {"add_sponsor": "1", "name": "Toko", "rate": "100", "currency": "IDR", "cap": "1000"}
    )
    pledge = campaign.sponsors.get().pledges.get()
    c.post(url, {"change_cap": "1", "pledge": pledge.pk, "amount": "5000", "note": "naik"})
    assert [cap.amount for cap in pledge.caps.all()] == [Decimal("1000"), Decimal("5000")]
    assert "naik" in c.get(url).content.decode()
