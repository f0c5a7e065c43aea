"""In Chromium: post a story with a content warning, a reader reveals it, replies, blocks."""

from __future__ import annotations

import pytest

from suar.accounts.roles import Role
from suar.community.models import Block, Reply, Story
from tests.community.factories import make_group
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(f"{base}/akun/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def test_story_with_warning_reveal_reply_and_block(
    page, live_server, make_user, organisation
) -> None:  # type: ignore[no-untyped-def]
    putri = make_user("putri", role=Role.MEMBER, display_name="Putri")
    budi = make_user("budi", role=Role.MEMBER, display_name="Budi")
    make_group(organisation, "pulih-bersama", members=(putri, budi))
    base = live_server.url

    _log_in(page, base, "putri")
    page.goto(f"{base}/komunitas/g/pulih/pulih-bersama/tulis/")
    page.locator("#id_title").fill("Malam yang berat")
    page.locator("#id_body").fill("Tadi malam aku hampir **relapse**. Tapi aku telepon sponsor.")
    page.locator("#id_content_warning").fill("Relapse")
    page.locator("form.story-form button[type=submit]").click()
    page.wait_for_url(f"{base}/komunitas/cerita/*/")
    story = Story.objects.get()
    assert story.content_warning == "Relapse"

    _log_in(page, base, "budi")
    page.goto(f"{base}/komunitas/cerita/{story.pk}/")
    body = page.locator("article.story .story-text")
    assert not body.is_visible()  # hidden behind the warning until the reader chooses
    page.locator("article.story details.cw summary").click()
    assert body.is_visible()
    assert body.locator("strong").inner_text() == "relapse"

    page.locator("form.reply-form #id_body").fill("Keren kamu bisa bertahan. Peluk!")
    page.locator("form.reply-form button[type=submit]").click()
    page.wait_for_url(f"{base}/komunitas/cerita/{story.pk}/")
    assert "Keren kamu bisa bertahan" in page.locator("article.reply").first.inner_text()
    assert Reply.objects.get().author == budi

    page.locator("details.person-actions summary").click()
    page.locator("details.person-actions form[action*='/blokir/'] button").click()
    page.wait_for_url(f"{base}/komunitas/beranda/")
    assert Block.objects.filter(blocker=budi, blocked=putri).exists()
    assert "Malam yang berat" not in page.content()
    response = page.goto(f"{base}/komunitas/cerita/{story.pk}/")
    assert response is not None and response.status == 404
