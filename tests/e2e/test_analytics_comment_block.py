"""A moderator blocks the author of a harassing Mastodon reply from the comments page, after
confirming, in Debian's Chromium (the Mastodon server is answered by respx, in-process)."""

from __future__ import annotations

import pytest
import respx
from playwright.sync_api import expect

from suar.accounts.roles import Role
from suar.analytics.models import PlatformComment
from suar.analytics.sync import sync_account
from suar.publishing.models import ConnectedAccount, Publication
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MASTODON = "https://mastodon.test"


def test_block_the_author_of_a_harassing_reply_after_confirming(  # type: ignore[no-untyped-def]
    page, live_server, make_user, organisation
) -> None:
    make_user("dimas", role=Role.MODERATOR)
    account = ConnectedAccount.objects.create(
        organisation=organisation,
        platform="mastodon",
        handle="@pulih@mastodon.test",
        platform_account_id="109",
        base_url=MASTODON,
        access_token="secret-access",
    )
    publication = Publication.objects.create(
        organisation=organisation,
        account=account,
        text="Cerita pemulihan",
        scheduled_at="2026-05-01T10:00:00Z",
        published_at="2026-05-01T10:00:00Z",
        status=Publication.Status.PUBLISHED,
        idempotency_key="e2e-block-1",
        platform_post_id="111",
    )
    # The live server runs in this process: respx answers for Mastodon in both threads, and
    # lets the loopback requests of the browser and the live server through.
    with respx.mock(assert_all_called=False) as mastodon:
        mastodon.route(host="127.0.0.1").pass_through()
        mastodon.route(host="localhost").pass_through()
        mastodon.get(f"{MASTODON}/api/v1/statuses/111").respond(
            200, json={"id": "111", "favourites_count": 2, "reblogs_count": 0, "replies_count": 1}
        )
        mastodon.get(f"{MASTODON}/api/v1/statuses/111/context").respond(
            200,
            json={
                "ancestors": [],
                "descendants": [
                    {
                        "id": "301",
                        "created_at": "2026-05-01T10:01:00Z",
                        "content": "<p>goblok lo, tolol banget</p>",
                        "url": f"{MASTODON}/@troll/301",
                        "account": {"id": "8", "acct": "troll@elsewhere.test"},
                    }
                ],
            },
        )
        block = mastodon.post(f"{MASTODON}/api/v1/accounts/8/block").respond(
            200, json={"id": "8", "blocking": True, "following": False, "followed_by": False}
        )
        sync_account(account)
        assert publication.tracked_post.platform_comments.count() == 1

        page.goto(f"{live_server.url}/akun/masuk/?next=/dampak/pulih/komentar/")
        page.locator("#id_username").fill("dimas")
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(f"{live_server.url}/dampak/pulih/komentar/")

        flagged = page.get_by_test_id("flagged-comment")
        expect(flagged).to_contain_text("goblok lo, tolol banget")
        flagged.get_by_test_id("block-author").click()

        expect(page.get_by_test_id("block-explained")).to_contain_text(
            "Blokir troll@elsewhere.test dari @pulih@mastodon.test di Mastodon?"
        )
        assert not block.called  # nothing is sent until the person confirms
        page.get_by_role("button", name="Ya, blokir penulisnya").click()

        page.wait_for_url(f"{live_server.url}/dampak/pulih/komentar/")
        expect(page.get_by_text("troll@elsewhere.test sudah diblokir di Mastodon.")).to_be_visible()
        expect(page.get_by_test_id("block-state")).to_contain_text(
            "Penulis sudah diblokir di platform"
        )
        expect(page.get_by_test_id("block-author")).to_have_count(0)
        assert block.call_count == 1

    stored = PlatformComment.objects.get(platform_comment_id="301")
    assert stored.block_state == PlatformComment.BlockState.BLOCKED
