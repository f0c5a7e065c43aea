"""Short-link clicks are counted per link, day and source platform, without storing IP
addresses or building profiles: a daily salted hash removes double clicks, and the salt
and hashes of past days are deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from suar.analytics import clicks
from suar.analytics.models import ClickSalt, ClickSeen, LinkClickDay
from suar.studio.models import ShortLink

VISITOR = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "Mozilla/5.0 (Android 14) Chrome/126"}


@pytest.fixture
def link(organisation) -> ShortLink:  # type: ignore[no-untyped-def]
    return ShortLink.objects.create(organisation=organisation, code="abc123", target="/grup/")


def counts() -> dict[str, tuple[int, int]]:
    return {row.source: (row.clicks, row.visitors) for row in LinkClickDay.objects.all()}


def test_a_click_redirects_and_is_counted_for_its_platform(client: Client, link: ShortLink) -> None:
    response = client.get("/studio/l/abc123/?s=instagram", **VISITOR)

    assert response.status_code == 302 and response["Location"] == "/grup/"
    row = LinkClickDay.objects.get()
    assert (row.source, row.clicks, row.visitors) == ("instagram", 1, 1)
    assert row.day == timezone.now().astimezone(clicks.studio_zone()).date()


def test_a_double_click_is_one_visitor_and_another_browser_is_another(
    client: Client, link: ShortLink
) -> None:
    client.get("/studio/l/abc123/?s=instagram", **VISITOR)
    client.get("/studio/l/abc123/?s=instagram", **VISITOR)
    client.get(
        "/studio/l/abc123/?s=instagram", REMOTE_ADDR="198.51.100.4", HTTP_USER_AGENT="Firefox"
    )

    assert counts() == {"instagram": (3, 2)}


@pytest.mark.parametrize(
    ("referrer", "source"),
    [
        ("https://l.facebook.com/l.php?u=x", "facebook"),
        ("https://lm.facebook.com/", "facebook"),
        ("https://l.instagram.com/?u=x", "instagram"),
        ("https://t.co/AbCdEf", "x"),
        ("https://bsky.app/profile/pulih", "bluesky"),
        ("https://mastodon.test/@pulih/111", "mastodon"),
        ("https://www.tiktok.com/@pulih", "tiktok"),
        ("https://news.example.com/artikel", "other"),
        ("", "direct"),
    ],
)
def test_the_source_comes_from_the_referring_site_when_the_link_has_no_s(  # type: ignore[no-untyped-def]
    client: Client, link: ShortLink, make_account, referrer: str, source: str
) -> None:
    make_account("mastodon", base_url="https://mastodon.test")
    extra = {"HTTP_REFERER": referrer} if referrer else {}
    client.get("/studio/l/abc123/", **VISITOR, **extra)
    assert set(counts()) == {source}


def test_an_unknown_s_value_is_counted_as_other(client: Client, link: ShortLink) -> None:
    client.get("/studio/l/abc123/?s=<script>", **VISITOR)
    assert set(counts()) == {"other"}


def test_link_preview_robots_are_not_counted_as_clicks(client: Client, link: ShortLink) -> None:
    for agent in (
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "WhatsApp/2.23.20.0 A",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    ):
        response = client.get("/studio/l/abc123/", REMOTE_ADDR="192.0.2.1", HTTP_USER_AGENT=agent)
        assert response.status_code == 302  # the preview still works
    assert not LinkClickDay.objects.exists()


def test_no_table_holds_the_visitors_address_or_browser(client: Client, link: ShortLink) -> None:
    client.get("/studio/l/abc123/?s=x", **VISITOR, HTTP_REFERER="https://t.co/xyz")

    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith("analytics_"):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(str(v) for v in row)
                if "203.0.113.77" in text or "Android 14" in text or "t.co" in text:
                    found.append(table)
    assert found == []


def test_the_salt_and_hashes_of_past_days_are_deleted(  # type: ignore[no-untyped-def]
    client: Client, link: ShortLink, monkeypatch
) -> None:
    yesterday = timezone.now() - dt.timedelta(days=1)
    monkeypatch.setattr(clicks.timezone, "now", lambda: yesterday)
    client.get("/studio/l/abc123/", **VISITOR)
    old_salt = ClickSalt.objects.get().salt
    assert ClickSeen.objects.count() == 1
    monkeypatch.undo()

    client.get("/studio/l/abc123/", **VISITOR)

    assert ClickSalt.objects.count() == 1 and ClickSalt.objects.get().salt != old_salt
    assert list(ClickSeen.objects.values_list("day", flat=True)) == [
        timezone.now().astimezone(clicks.studio_zone()).date()
    ]
    # The same browser on a new day is a visitor again: nothing links the two days.
    assert sorted(LinkClickDay.objects.values_list("visitors", flat=True)) == [1, 1]


def test_the_purge_removes_yesterdays_salt_even_without_a_click_today(link: ShortLink) -> None:
    day = timezone.now().astimezone(clicks.studio_zone()).date() - dt.timedelta(days=1)
    ClickSalt.objects.create(day=day, salt="x" * 64)
    ClickSeen.objects.create(day=day, digest="d" * 32)

    assert clicks.discard_old_salts() == 1
    assert not ClickSalt.objects.exists() and not ClickSeen.objects.exists()
