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
    assert data["sponsors"] == [
        {"name": "Bank Harapan", "pledged": {"IDR": "15000"}, "cap_reached": False}
    ]


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


def report(client: Client, campaign) -> list[list[str]]:  # type: ignore[no-untyped-def]
    response = client.get(f"/kampanye/{campaign.slug}/laporan.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_report_is_for_organisers_and_adds_up(
    client: Client, counted, member, organiser, login_as
) -> None:  # type: ignore[no-untyped-def]
    url = f"/kampanye/{counted.slug}/laporan.csv"
    assert login_as(member).get(url).status_code == 404
    rows = report(login_as(organiser), counted)
    assert rows[0] == ["section", "platform", "action", "status", "reason", "value", "detail"]
    counts = [r for r in rows if r[0] == "count"]
    assert ["count", "mastodon", "post_with_hashtag", "counted", "", "2", ""] in counts
    assert ["count", "mastodon", "post_with_hashtag", "deleted", "", "1", ""] in counts
    assert ["total", "", "", "counted", "", "3", ""] in rows
    assert ["sponsor_total", "Bank Harapan", "IDR", "", "", "15000", ""] in rows
    assert ["rule", "mastodon", "repost", "counted", "", "", "action counted"] not in rows
    assert ["rule", "*", "repost", "counted", "", "", "action counted"] in rows
    assert [r[1:6] for r in rows if r[0] == "item"] == [
        ["mastodon", "post_with_hashtag", "deleted", "", "0"]
    ]
    # Everything counted adds up to the total; every item's time is given.
    assert sum(int(r[5]) for r in counts if r[3] == "counted") == 3
    assert all(r[6].startswith("2026-01-27T18:00") for r in rows if r[0] == "item")


def test_the_report_lists_every_filtered_item_and_defuses_formulas(
    client: Client, make_campaign, organiser, login_as
) -> None:  # type: ignore[no-untyped-def]
    campaign = make_campaign(burst_limit=1)
    flood = [post(f"=HYPERLINK({i})", account="bot", minutes=5) for i in range(3)]
    record_events(campaign=campaign, events=flood, source="test")
    add_sponsor(user=organiser, campaign=campaign, name="@Toko", rate=Decimal("1"))
    rows = report(login_as(organiser), campaign)
    items = [r for r in rows if r[0] == "item"]
    assert len(items) == 2 and {r[4] for r in items} == {"burst"}
    assert all(r[5].startswith("'=HYPERLINK(") for r in items)
    assert ["sponsor_total", "'@Toko", "IDR", "", "", "1", ""] in rows


def test_the_cli_writes_the_same_report(tmp_path, counted, organiser, client, login_as) -> None:  # type: ignore[no-untyped-def]
    from suar.campaigns.cli import stream_main

    out = tmp_path / "report.csv"
    assert stream_main(["report", "--campaign", counted.slug, "--output", str(out)]) == 0
    with out.open(newline="") as handle:
        assert list(csv.reader(handle)) == report(login_as(organiser), counted)


def test_the_page_says_how_it_counts(client: Client, counted) -> None:  # type: ignore[no-untyped-def]
    page = client.get(f"/kampanye/{counted.slug}/").content.decode()
    section = page[page.index('data-testid="how-we-count"') :]
    assert "10" in section and "50" in section  # the spam limits in force
    assert "Bank Harapan: IDR 5.000" in section
    assert f"/api/v1/campaigns/{counted.slug}/totals" in section


def test_hours_are_the_campaign_s_own_local_hours(make_campaign) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from suar.campaigns.selectors import hourly_series
    from tests.campaigns.conftest import START

    # India is UTC+5:30: its hours start at half past the UTC hour. The window is 23:00 to
    # 02:00 local time (17:30 to 20:30 UTC).
    campaign = make_campaign(
        time_zone="Asia/Kolkata",
        starts_at=START + timedelta(minutes=30),
        ends_at=START + timedelta(hours=3, minutes=30),
    )
    # 23:05, 23:55 and 00:05 local time.
    events = [post("a", minutes=35), post("b", minutes=85), post("c", minutes=95)]
    record_events(campaign=campaign, events=events, source="test")
    series = hourly_series(campaign)
    assert [(h.strftime("%H:%M"), n) for h, n in series] == [
        ("23:00", 2),
        ("00:00", 1),
        ("01:00", 0),
    ]


def test_the_json_endpoint_has_the_hourly_series(client: Client, counted) -> None:  # type: ignore[no-untyped-def]
    data = client.get(f"/api/v1/campaigns/{counted.slug}/totals").json()
    assert len(data["hourly"]) == 24
    assert data["hourly"][1] == {"hour": "2026-01-28T01:00:00+07:00", "counted": 3}
    assert {"platform": "bluesky", "action": "repost", "counted": 1} in data["by_platform_action"]


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
            "platform_rules": "bluesky: post_with_hashtag\nyoutube: video_view, repost",
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get(slug="hari-pulih")
    assert campaign.hashtags == ["haripulih", "pulih"]
    assert campaign.rules == {
        "*": ["post_with_hashtag", "repost"],
        "bluesky": ["post_with_hashtag"],
        "youtube": ["video_view", "repost"],
    }
    assert (campaign.burst_limit, campaign.duplicate_text_accounts) == (10, 50)
    assert campaign.starts_at.isoformat() == "2026-01-31T17:00:00+00:00"
    url = "/kampanye/hari-pulih/kelola/"
    c.post(
        url, {"add_sponsor": "1", "name": "Toko", "rate": "100", "currency": "IDR", "cap": "1000"}
    )
    pledge = campaign.sponsors.get().pledges.get()
    c.post(url, {"change_cap": "1", "pledge": pledge.pk, "amount": "5000", "note": "naik"})
    assert [cap.amount for cap in pledge.caps.all()] == [Decimal("1000"), Decimal("5000")]
    assert "naik" in c.get(url).content.decode()


def test_a_mistyped_rule_or_currency_is_a_clear_form_error(
    client: Client, organiser, organisation, campaign, login_as
) -> None:  # type: ignore[no-untyped-def]
    c = login_as(organiser)
    response = c.post(
        "/kampanye/kelola/",
        {
            "organisation": organisation.pk,
            "name": "X",
            "slug": "x",
            "hashtags": "x",
            "actions": ["post_with_hashtag"],
            "starts_at": "2026-02-01 00:00",
            "ends_at": "2026-02-02 00:00",
            "time_zone": "Asia/Jakarta",
            "platform_rules": "friendster: post_with_hashtag",
        },
    )
    assert response.status_code == 200 and not Campaign.objects.filter(slug="x").exists()
    assert "friendster" in response.content.decode()
    sponsor = c.post(
        f"/kampanye/{campaign.slug}/kelola/",
        {"add_sponsor": "1", "name": "Toko", "rate": "100", "currency": "Rp"},
    )
    assert sponsor.status_code == 200 and not campaign.sponsors.exists()
