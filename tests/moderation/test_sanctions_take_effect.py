"""Mutes, suspensions and bans really stop posting; a mute ends when its time passes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from suar.community.models import Status, Story
from suar.community.services import submit_reply, submit_story
from suar.moderation import decisions
from suar.moderation.models import Sanction
from tests.community.factories import make_story
from tests.moderation.conftest import CRISIS_TEXT, as_

pytestmark = pytest.mark.django_db


def _post(author, group, body="Hari ini aku jalan pagi dan rasanya lebih ringan."):  # type: ignore[no-untyped-def]
    return submit_story(author=author, group=group, title="Pagi", body=body)


@pytest.mark.parametrize(
    ("action", "extra", "says"),
    [
        ("suspend", {"days": 3}, "suspended until"),
        ("suspend", {}, "suspended, so you cannot post"),
        ("ban", {}, "banned"),
        ("mute", {"hours": 2}, "muted until"),
    ],
)
def test_a_sanctioned_person_cannot_post_stories_replies_or_questions(  # type: ignore[no-untyped-def]
    entry, moderator, author, group, reader, action, extra, says
) -> None:
    decisions.decide(
        actor=moderator, entry=entry, action=action, reason="Mengancam anggota", **extra
    )
    with pytest.raises(ValidationError, match=says):
        _post(author, group)
    story = make_story(group, reader)
    with pytest.raises(ValidationError, match="Mengancam anggota"):
        submit_reply(author=author, story=story, body="Aku balas ya")
    from suar.qa.models import QASession
    from suar.qa.services import ask_question

    session = QASession.objects.create(
        organisation=group.organisation,
        title="Tanya",
        expert=moderator,
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    with pytest.raises(ValidationError, match=says):
        ask_question(actor=author, session=session, text="Boleh tanya?")
    assert Story.objects.filter(author=author, title="Pagi").count() == 0


def test_the_story_form_explains_why_and_keeps_the_text(
    client, entry, moderator, author, group
) -> None:  # type: ignore[no-untyped-def]
    decisions.decide(actor=moderator, entry=entry, action="suspend", reason="Spam berulang", days=1)
    response = as_(client, author).post(
        reverse("community:story_create", args=[group.organisation.slug, group.slug]),
        {
            "title": "Pagi",
            "body": "Teks yang tidak boleh hilang",
            "visibility": "group",
            "token": "t1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "suspended until" in page and "Spam berulang" in page
    assert "Teks yang tidak boleh hilang" in page


def test_a_mute_ends_when_its_time_passes(entry, moderator, author, group) -> None:  # type: ignore[no-untyped-def]
    decisions.decide(actor=moderator, entry=entry, action="mute", reason="Tenangkan diri", hours=1)
    with pytest.raises(ValidationError):
        _post(author, group)
    Sanction.objects.update(ends_at=timezone.now() - timedelta(seconds=1))
    assert _post(author, group).item is not None


def test_a_lifted_or_overturned_sanction_no_longer_applies(
    entry, moderator, author, group, organisation
) -> None:  # type: ignore[no-untyped-def]
    decision = decisions.decide(actor=moderator, entry=entry, action="ban", reason="Kasar sekali")
    from tests.community.factories import make_person

    other = make_person(organisation, "modb", role="moderator")
    appeal = decisions.file_appeal(
        actor=author, decision=decision, text="Akun saya diretas kemarin"
    )
    decisions.decide_appeal(actor=other, appeal=appeal, overturn=True, response="Maaf, kami salah")
    assert _post(author, group).item is not None


def test_a_person_in_crisis_is_never_silenced(entry, moderator, author, group) -> None:  # type: ignore[no-untyped-def]
    decisions.decide(actor=moderator, entry=entry, action="ban", reason="Kasar sekali")
    submission = _post(author, group, body=CRISIS_TEXT)
    assert submission.item is not None and submission.item.status == Status.CRISIS_REVIEW


def test_a_moderator_lifts_a_sanction_from_the_item_page(
    client, entry, moderator, author, group
) -> None:  # type: ignore[no-untyped-def]
    decisions.decide(actor=moderator, entry=entry, action="suspend", reason="Kasar sekali")
    sanction = Sanction.objects.get()
    page = as_(client, moderator).get(reverse("moderation:item", args=[entry.pk])).content.decode()
    assert reverse("moderation:lift_sanction", args=[sanction.pk]) in page
    client.post(
        reverse("moderation:lift_sanction", args=[sanction.pk]),
        {"reason": "Sudah minta maaf", "entry": entry.pk},
    )
    sanction.refresh_from_db()
    assert sanction.lifted_at is not None
    assert _post(author, group).item is not None
    from suar.moderation.models import AuditEntry

    assert AuditEntry.objects.get(action="sanction.lift").reason == "Sudah minta maaf"


def test_only_moderators_of_that_organisation_lift(client, entry, moderator, reader) -> None:  # type: ignore[no-untyped-def]
    decisions.decide(actor=moderator, entry=entry, action="ban", reason="Kasar sekali")
    sanction = Sanction.objects.get()
    as_(client, reader).post(
        reverse("moderation:lift_sanction", args=[sanction.pk]), {"reason": "bebaskan saja"}
    )
    sanction.refresh_from_db()
    assert sanction.lifted_at is None
