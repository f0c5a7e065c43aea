"""An organiser connects a Bluesky account with "Sign in with Bluesky" in Chromium: Suar on
127.0.0.1 is atproto's loopback client; the servers Suar talks to are faked at the HTTP level
(respx) and the Bluesky sign-in page by the browser's request routing, which sends the person
straight back as a server does once they allow Suar."""

from __future__ import annotations

import re

import pytest
import respx
from playwright.sync_api import Route, expect

from suar.accounts.roles import Role
from suar.publishing import oauth_dpop
from suar.publishing.models import ConnectedAccount
from tests.conftest import PASSWORD
from tests.publishing.bluesky_oauth_fakes import DID, ISSUER, atproto_world, form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_in_with_bluesky_connects_the_account(  # type: ignore[no-untyped-def]
    page, live_server, make_user, settings
) -> None:
    # The loopback client's redirect URI is on 127.0.0.1, so the browser must be there too
    # (a session cookie set for "localhost" would not come back to 127.0.0.1).
    base = live_server.url.replace("localhost", "127.0.0.1")
    settings.SITE_URL = base
    oauth_dpop.NONCES.clear()
    make_user("wulan", role=Role.ORGANISER, display_name="Wulan")

    with respx.mock:
        world = atproto_world()

        def bluesky_page(route: Route) -> None:
            pushed = form(world.par.calls.last.request)
            back = f"{pushed['redirect_uri']}?state={pushed['state']}&iss={ISSUER}&code=c-1"
            route.fulfill(status=302, headers={"Location": back})

        page.route(f"{ISSUER}/oauth/authorize**", bluesky_page)
        page.goto(f"{base}/akun/masuk/?next=/publikasi/")
        page.locator("#id_username").fill("wulan")
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(f"{base}/publikasi/")

        card = page.locator("#connect-bluesky")
        expect(card.get_by_role("button", name="Masuk dengan Bluesky")).to_be_visible()
        # The app password is the folded-away alternative.
        expect(card.locator("#id_app_password")).to_be_hidden()
        card.locator("#id_bluesky_handle").fill("@pulih.test")
        card.get_by_role("button", name="Masuk dengan Bluesky").click()

        page.wait_for_url(re.compile(r"/publikasi/$"))
        expect(page.locator("body")).to_contain_text("Bluesky: @pulih.test tersambung.")
        assert world.token.call_count == 1

    account = ConnectedAccount.objects.get()
    assert (account.platform_account_id, account.auth_method) == (DID, "oauth")
    assert account.access_token == "at-1"
