"""An organiser opens the impact dashboard, changes the date range and downloads the funder
report, in Debian's Chromium."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from suar.accounts.roles import Role
from suar.analytics.models import EngagementSnapshot, TrackedPost
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_open_the_dashboard_change_the_range_and_download_the_report(  # type: ignore[no-untyped-def]
    page, live_server, make_user, organisation
) -> None:
    make_user("wulan", role=Role.ORGANISER, display_name="Wulan")
    now = timezone.now()
    for n, days_ago in enumerate((3, 20, 50)):
        published = now - dt.timedelta(days=days_ago)
        post = TrackedPost.objects.create(
            organisation=organisation,
            platform="instagram",
            platform_post_id=f"e2e-{n}",
            label=f"Postingan {n}",
            published_at=published,
        )
        EngagementSnapshot.objects.create(
            post=post,
            taken_at=now,
            slot=now.replace(minute=0, second=0, microsecond=0),
            source="import",
            likes=100 * (n + 1),
            comments=10,
            shares=1,
        )
    page.goto(f"{live_server.url}/akun/masuk/?next=/dampak/")
    page.locator("#id_username").fill("wulan")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/dampak/pulih/")

    # The last 30 days: the posts of 3 and 20 days ago.
    expect(page.get_by_test_id("figure-posts")).to_have_text("2")
    expect(page.get_by_test_id("figure-likes")).to_have_text("300")

    # Widen the range to 60 days with the date fields (they show the current range first).
    today = timezone.localdate()
    expect(page.locator("#id_end")).to_have_value(today.isoformat())
    start = today - dt.timedelta(days=59)
    page.locator("#id_start").fill(start.isoformat())
    page.locator("#id_end").fill(today.isoformat())
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(re.compile(rf"start={start.isoformat()}"))
    expect(page.get_by_test_id("figure-posts")).to_have_text("3")
    expect(page.get_by_test_id("figure-likes")).to_have_text("600")
    expect(page.locator(".impact-chart").first).to_be_visible()

    with page.expect_download() as info:
        page.get_by_test_id("pdf-id").click()
    download = info.value
    assert download.suggested_filename == f"suar-pulih-{start}-{today}-id.pdf"
    body = Path(download.path()).read_bytes()
    assert body.startswith(b"%PDF") and len(body) > 5000

    # An empty range says what is missing.
    page.goto(f"{live_server.url}/dampak/pulih/?start=2001-01-01&end=2001-01-31")
    expect(page.get_by_test_id("notes")).to_contain_text("Tidak ada postingan yang terbit")
    expect(page.get_by_test_id("figure-likes")).to_have_text("—")
