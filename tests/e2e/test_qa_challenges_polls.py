"""In Chromium: a live Q&A answered while the asker watches, a challenge check-in, a poll vote."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.challenges.models import Challenge
from suar.challenges.streaks import local_day
from suar.polls.models import Option, Poll
from suar.qa.models import QASession

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    """Argon2 takes a quarter of a second per person; the browser logs in by session cookie."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(context, live_server, user: User) -> None:  # type: ignore[no-untyped-def]
    """Log the browser in through a real session cookie (the log-in form has its own test)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        },
        # English pages: this app's Indonesian catalogue is merged by the lead later.
        {"name": "suar_language", "value": "en"},
    ]
    context.add_cookies([{**c, "url": live_server.url} for c in cookies])


def test_a_question_is_approved_and_answered_while_the_asker_watches(  # type: ignore[no-untyped-def]
    page, chromium, live_server, make_user, organisation: Organisation
) -> None:
    member = make_user("putri", display_name="Putri")
    moderator = make_user("moda", role=Role.MODERATOR)
    expert = make_user("dr_sari", role=Role.EXPERT, display_name="Dr. Sari")
    now = timezone.now()
    session = QASession.objects.create(
        organisation=organisation,
        title="Menghadapi craving",
        expert=expert,
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(hours=1),
        status=QASession.Status.LIVE,
    )
    url = f"{live_server.url}/tanya-jawab/{session.pk}/"

    sign_in(page.context, live_server, member)
    page.goto(url)
    page.get_by_label("Your question").fill("Apa yang bisa aku lakukan saat craving datang?")
    page.get_by_label("Ask anonymously").check()
    page.get_by_role("button", name="Send my question").click()
    page.get_by_text("Your question is waiting for a moderator.").wait_for()
    page.evaluate("window.stillTheSamePage = true")  # lost if the page reloads

    staff = chromium.new_context(locale="id-ID")
    try:
        moderator_page = staff.new_page()
        sign_in(staff, live_server, moderator)
        moderator_page.goto(f"{url}moderasi/")
        moderator_page.get_by_role("button", name="Approve").click()
        moderator_page.get_by_text("Question approved").wait_for()

        live = page.locator("#live")
        live.get_by_text("Apa yang bisa aku lakukan saat craving datang?").wait_for()
        assert "Anonymous (you)" in live.inner_text()

        staff.clear_cookies()
        sign_in(staff, live_server, expert)
        expert_page = staff.new_page()
        expert_page.goto(url)
        expert_page.get_by_label("Your answer").fill(
            "Tarik napas dalam, lalu hubungi pendampingmu."
        )
        expert_page.get_by_role("button", name="Publish answer").click()
        expert_page.locator("#live").get_by_text("Tarik napas dalam").wait_for()
    finally:
        staff.close()

    live.get_by_text("Tarik napas dalam, lalu hubungi pendampingmu.").wait_for()
    assert "Dr. Sari answered" in live.inner_text()
    assert page.evaluate("window.stillTheSamePage") is True


def test_a_member_checks_in_and_votes(  # type: ignore[no-untyped-def]
    page, live_server, make_user, organisation: Organisation
) -> None:
    member = make_user("putri", display_name="Putri")
    challenge = Challenge.objects.create(
        organisation=organisation,
        title="30 hari tanpa rokok",
        starts_on=local_day(timezone.now()) - timedelta(days=3),
        length_days=30,
    )
    poll = Poll.objects.create(
        organisation=organisation,
        question="Apa yang paling membantumu?",
        closes_at=timezone.now() + timedelta(days=2),
    )
    for position, text in enumerate(["Olahraga", "Teman", "Doa"]):
        Option.objects.create(poll=poll, text=text, position=position)
    sign_in(page.context, live_server, member)

    page.goto(f"{live_server.url}/tantangan/{challenge.pk}/")
    page.get_by_role("button", name="Join the challenge").click()
    page.get_by_label("A short note for yourself (optional)").fill("Hari pertama, semangat")
    page.get_by_role("button", name="Check in for today").click()
    page.get_by_text("Checked in for today. Well done!").wait_for()
    assert "1 of 30 days" in page.content()
    assert "You have checked in today" in page.content()

    page.goto(f"{live_server.url}/polling/{poll.pk}/")
    assert page.locator("#results-heading").count() == 0
    page.get_by_label("Teman").check()
    page.get_by_role("button", name="Vote").click()
    page.get_by_text("Thank you for voting!").wait_for()
    results = page.locator("section[aria-labelledby=results-heading]")
    assert "100% (1 vote)" in results.inner_text()
    assert page.get_by_role("button", name="Vote").count() == 0
