"""Notifications: replies, support, join requests and Q&A answers reach the right person,
follow their settings, and never name someone behind a pseudonym or someone blocked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suar.community.controls.models import Block, ControlSettings, Mute
from suar.community.models import Notification
from suar.community.services import (
    decide_join_request,
    join_group,
    submit_reply,
    toggle_reaction,
)
from tests.community.factories import make_group, make_person, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation):  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri", display_name="Putri")
    budi = make_person(organisation, "budi", display_name="Budi Santoso")
    group = make_group(organisation, members=(putri, budi))
    return putri, budi, make_story(group, putri, title="Seratus hari")


def _page(client, user) -> str:  # type: ignore[no-untyped-def]
    client.cookies["suar_language"] = "en"
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.get(reverse("community:notifications")).content.decode()


def test_a_reply_notifies_the_author_with_a_link(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, story = people
    submit_reply(author=budi, story=story, body="Kamu hebat, terus semangat!")
    page = _page(client, putri)
    assert "Budi Santoso replied to your story “Seratus hari”." in page
    assert reverse("community:story_detail", args=[story.pk]) in page
    assert '<span class="badge">1</span>' in page
    client.post(reverse("community:notifications_read"))
    assert (
        '<span class="badge">'
        not in client.get(reverse("community:notifications")).content.decode()
    )


def test_an_anonymous_reply_names_only_the_pseudonym(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, story = people
    submit_reply(author=budi, story=story, body="Peluk dari jauh ya.", anonymous=True)
    page = _page(client, putri)
    assert "replied to your story" in page and "Budi" not in page


def test_blocked_and_muted_people_and_my_own_replies_do_not_notify(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, story = people
    submit_reply(author=putri, story=story, body="Tambahan dariku sendiri.")
    Mute.objects.create(muter=putri, muted=budi)
    submit_reply(author=budi, story=story, body="Semangat terus ya kak.")
    assert not Notification.objects.exists()
    Mute.objects.all().delete()
    submit_reply(author=budi, story=story, body="Aku ikut senang.")
    Block.objects.create(blocker=putri, blocked=budi)
    assert "Budi" not in _page(client, putri)  # a block afterwards takes it away too


def test_settings_decide_and_support_is_gathered_without_names(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, story = people
    toggle_reaction(user=budi, story=story, kind="hug")
    assert not Notification.objects.exists()  # reactions are off by default
    ControlSettings.objects.create(user=putri, notify_reactions=True, notify_replies=False)
    toggle_reaction(user=budi, story=story, kind="strength")
    toggle_reaction(user=budi, story=story, kind="thanks")
    assert Notification.objects.get().count == 2
    page = _page(client, putri)
    assert "2 people sent support" in page and "Budi" not in page
    submit_reply(author=budi, story=story, body="Semangat terus ya kak.")
    assert Notification.objects.count() == 1  # replies switched off


def test_join_requests_reach_the_group_moderators_and_approval_the_person(
    client, organisation
) -> None:  # type: ignore[no-untyped-def]
    lead = make_person(organisation, "lead")
    sari = make_person(organisation, "sari")
    group = make_group(organisation, "keluarga", private=True, moderators=(lead,))
    join_group(user=sari, group=group, message="Halo")
    join_group(user=sari, group=group, message="Halo")  # twice: one request, one notice
    assert "Someone asked to join Keluarga." in _page(client, lead)
    request = group.join_requests.get()
    decide_join_request(actor=lead, request=request, approve=True)
    decide_join_request(actor=lead, request=request, approve=True)  # a second click
    assert _page(client, sari).count("you are now a member of Keluarga") == 1


def test_an_answer_notifies_the_asker(client, organisation) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    from suar.accounts.roles import Role
    from suar.qa.models import QASession, Question
    from suar.qa.services import answer_question

    asker = make_person(organisation, "putri")
    expert = make_person(organisation, "dr_sari", role=Role.EXPERT)
    now = timezone.now()
    session = QASession.objects.create(
        organisation=organisation, title="Craving", expert=expert, status="live",
        starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=1),
    )  # fmt: skip
    question = Question.objects.create(
        session=session, author=asker, text="Bagaimana?", status=Question.Status.APPROVED
    )
    answer_question(actor=expert, question=question, text="Tarik napas.")
    page = _page(client, asker)
    assert "Your question in “Craving” was answered." in page
    assert f"/tanya-jawab/{session.pk}/#question-{question.pk}" in page
