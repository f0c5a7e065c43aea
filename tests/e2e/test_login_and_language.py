"""A person logs in, switches the interface to English, and it stays English."""

from __future__ import annotations

import pytest

from suar.accounts.roles import Role
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_log_in_switch_language_and_see_both(page, live_server, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("putri", role=Role.MEMBER, display_name="Putri")

    page.goto(f"{live_server.url}/akun/masuk/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", level=1).inner_text() == "Masuk"

    page.locator("#id_username").fill("putri")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "Halo, Putri" in page.content()

    page.get_by_role("navigation").get_by_label("Bahasa").select_option("en")
    page.get_by_role("navigation").get_by_role("button", name="Ganti").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Hello, Putri" in page.content()

    # Remembered: a new page load, and the settings page, stay in English.
    page.goto(f"{live_server.url}/akun/profil/")
    assert page.get_by_role("heading", level=1).inner_text() == "My settings"

    page.get_by_role("navigation").get_by_label("Language").select_option("id")
    page.get_by_role("navigation").get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Pengaturan saya"
