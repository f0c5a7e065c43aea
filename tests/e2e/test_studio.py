"""An organiser composes a post, accepts a stigma fix, schedules it and sees it on the calendar."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from suar.accounts.roles import Role
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.publisher import run_once
from suar.studio.models import Post
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_compose_fix_schedule_publish_and_see_it_on_the_calendar(  # type: ignore[no-untyped-def]
    page, live_server, make_user, organisation
) -> None:
    make_user("wulan", role=Role.ORGANISER, display_name="Wulan")
    ConnectedAccount.objects.create(
        organisation=organisation, platform="export", handle="Bundel", platform_account_id="b1"
    )
    page.goto(f"{live_server.url}/akun/masuk/?next=/studio/baru/")
    page.locator("#id_username").fill("wulan")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/studio/baru/")

    # Writing pauses: the live check flags the stigmatising words.
    text = page.locator("#id_text")
    text.fill("Temanku mantan pecandu, sekarang dia membantu orang lain. #PulihBersama")
    text.press("End")
    warning = page.locator(".check-stigma mark")
    expect(warning).to_have_text("mantan pecandu")

    # One click swaps them for the suggestion, and the panel re-checks the new text.
    page.locator(".check-stigma button").first.click()
    expect(text).to_have_value(re.compile("Temanku orang dalam pemulihan, sekarang"))
    expect(page.locator(".check-stigma")).to_have_count(0)

    page.locator("#id_title").fill("Cerita teman")
    page.locator("#compose-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/studio/pos/\d+/$"))
    post = Post.objects.get()
    assert post.text.startswith("Temanku orang dalam pemulihan")

    # Draft -> review -> approved (a tip without sensitive findings: the author may approve).
    page.locator("form[action$='/ajukan/'] button").click()
    page.locator("form[action$='/setujui/'] button").click()
    page.locator("input[name=accounts]").check()
    page.locator("form[action$='/jadwalkan/'] button").click()
    expect(page.locator("#post-state")).to_have_class(re.compile("state-scheduled"))

    post.refresh_from_db()
    assert post.scheduled_at is not None
    local = post.scheduled_at.astimezone(zoneinfo.ZoneInfo("Asia/Jakarta"))
    calendar_url = f"{live_server.url}/studio/kalender/{local.year}/{local.month}/"
    page.goto(calendar_url)
    entry = page.locator(f"td[data-date='{local:%Y-%m-%d}'] .cal-post")
    expect(entry).to_contain_text("Cerita teman")
    expect(entry).to_have_class(re.compile("state-scheduled"))

    # The publishing time arrives (moved to now rather than waiting an hour), the worker runs.
    Publication.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    assert run_once() == 1
    assert Publication.objects.get().status == Publication.Status.PUBLISHED
    page.goto(calendar_url)
    expect(entry).to_have_class(re.compile("state-published"))
