"""In Chromium: a member writes a crisis text and sees help at once; a moderator gets the
alert in the menu, opens the item (blurred until revealed), reaches out and records it."""

from __future__ import annotations

import pytest

from suar.accounts.roles import Role
from suar.moderation.models import CrisisAlert, Notice
from tests.community.factories import make_group
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CRISIS = "Aku sudah nggak kuat lagi. Malam ini aku mau bunuh diri."
WORRIED = "Kakak aku pengen bunuh diri, aku harus gimana?"


def _log_in(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(f"{base}/akun/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def _member_writes(page, base: str, make_user, organisation, title: str, body: str):  # type: ignore[no-untyped-def]
    """Putri (a member of a group, with Moda as the moderator) writes a story."""
    putri = make_user("putri", role=Role.MEMBER, display_name="Putri")
    make_user("moda", role=Role.MODERATOR, display_name="Moda")
    make_group(organisation, "pulih-bersama", members=(putri,))
    _log_in(page, base, "putri")
    page.goto(f"{base}/komunitas/g/pulih/pulih-bersama/tulis/")
    page.locator("#id_title").fill(title)
    page.locator("#id_body").fill(body)
    page.locator("form.story-form button[type=submit]").click()
    return putri


def test_crisis_help_at_once_then_alert_and_recorded_contact(  # type: ignore[no-untyped-def]
    page, live_server, make_user, organisation
) -> None:
    putri = _member_writes(page, live_server.url, make_user, organisation, "Malam ini", CRISIS)
    base = live_server.url
    help_box = page.locator("section.crisis-help")
    help_box.wait_for()
    text = help_box.inner_text()
    assert "119 ext. 8" in text and "Healing119" in text
    assert page.locator("section.crisis-help a[href^='tel:']").count() >= 2

    _log_in(page, base, "moda")
    badge = page.locator("li.moderation-badge a.alert-badge")
    badge.wait_for()
    assert "1" in badge.inner_text()
    badge.click()
    page.wait_for_url(f"{base}/moderasi/krisis/")
    page.locator("article.alert a.button").first.click()
    page.wait_for_url(f"{base}/moderasi/krisis/*/")
    content = page.locator(".sensitive .blurrable").first
    assert "blur" in content.evaluate("el => getComputedStyle(el).filter")
    page.locator(".sensitive button.reveal").first.click()
    assert content.evaluate("el => getComputedStyle(el).filter") == "none"
    assert "bunuh diri" in content.inner_text()

    page.locator("#id_channel").select_option("message")
    page.locator("#id_message").fill(
        "Hai, aku Moda dari komunitas. Aku di sini kalau kamu mau cerita."
    )
    page.locator("form.contact-form button[type=submit]").click()
    page.locator("[data-testid=contacted]").wait_for()
    alert = CrisisAlert.objects.get()
    assert alert.first_contact_at is not None and alert.first_contact_by.username == "moda"
    assert alert.response_time is not None
    assert Notice.objects.get(kind="support").recipient == putri


def test_a_worried_friend_is_helped_and_the_post_waits_for_a_moderator_look(  # type: ignore[no-untyped-def]
    page, live_server, make_user, organisation
) -> None:
    base = live_server.url
    _member_writes(page, base, make_user, organisation, "Butuh saran", WORRIED)
    page.wait_for_url(f"{base}/komunitas/cerita/*/")
    message = page.locator(".messages .message").first.inner_text()
    assert "khawatir tentang seseorang" in message and "119 ext 8" in message
    assert "Butuh saran" in page.locator("article.story").inner_text()  # published

    _log_in(page, base, "moda")
    page.goto(f"{base}/moderasi/")
    page.locator("#jenis").select_option("concern")
    page.locator("form:has(#jenis) button[type=submit]").click()
    page.wait_for_url(f"{base}/moderasi/?*jenis=concern*")
    assert "Orang lain mungkin berisiko" in page.locator("main").inner_text()
    assert page.locator("main .sensitive .blurrable").count() >= 1
