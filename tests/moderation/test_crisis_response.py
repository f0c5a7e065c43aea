"""A crisis finding: the author sees help at once, moderators on duty are alerted in the app
and by mail, the first human contact is timed, and nothing shows to other members."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from suar.accounts.models import User
from suar.community.models import Story
from suar.moderation import crisis
from suar.moderation.models import CrisisAlert, ModeratorDuty, Notice
from tests.community.factories import make_person
from tests.moderation.conftest import CRISIS_TEXT, as_

pytestmark = pytest.mark.django_db


def _post_crisis(client, author, group):  # type: ignore[no-untyped-def]
    url = reverse("community:story_create", args=[group.organisation.slug, group.slug])
    data = {"title": "Malam ini", "body": CRISIS_TEXT, "visibility": "group", "token": "c1"}
    return as_(client, author).post(url, data, follow=True)


def test_the_author_sees_calm_help_for_their_country_at_once(  # type: ignore[no-untyped-def]
    client, author, group, moderator, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = _post_crisis(client, author, group).content.decode()
    assert "You are not alone" in page
    assert "119 ext. 8" in page and "healing119.id" in page
    assert "only the community's moderators can see it" in page
    assert CrisisAlert.objects.get().subject == author


def test_on_duty_moderators_are_alerted_in_the_app_and_by_mail(  # type: ignore[no-untyped-def]
    client, author, group, moderator, organisation, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    resting = make_person(organisation, "modb", role="moderator", email="modb@example.org")
    crisis.set_duty(actor=moderator, organisation=organisation, hours=8)
    with django_capture_on_commit_callbacks(execute=True):
        _post_crisis(client, author, group)
    alert = CrisisAlert.objects.get()
    assert list(alert.recipients.all()) == [moderator] and not alert.fallback
    assert [m.to for m in mailoutbox] == [["moda@example.org"]]
    mail = mailoutbox[0]
    assert reverse("moderation:alert", args=[alert.pk]) in mail.body
    assert "bunuh diri" not in mail.body and "Malam ini" not in mail.body  # no content by mail
    badge = as_(client, moderator).get(reverse("moderation:badge")).content.decode()
    assert ">1</span>" in badge and reverse("moderation:alerts") in badge
    assert resting not in alert.recipients.all()


def test_with_nobody_on_duty_every_moderator_is_alerted(
    author, group, moderator, organisation
) -> None:  # type: ignore[no-untyped-def]
    other = make_person(organisation, "modb", role="moderator")
    ModeratorDuty.objects.create(
        user=other, organisation=organisation, until=timezone.now() - timedelta(minutes=1)
    )
    from suar.community.services import submit_story

    submit_story(author=author, group=group, title="Tolong", body=CRISIS_TEXT)
    alert = CrisisAlert.objects.get()
    assert alert.fallback and set(alert.recipients.all()) == {moderator, other}


def test_with_no_moderator_at_all_the_operators_are_alerted(author, group) -> None:  # type: ignore[no-untyped-def]
    root = User.objects.create(username="root", is_superuser=True, is_staff=True)
    from suar.community.services import submit_story

    submit_story(author=author, group=group, title="Tolong", body=CRISIS_TEXT)
    assert list(CrisisAlert.objects.get().recipients.all()) == [root]


def test_a_second_crisis_post_joins_the_waiting_alert(author, group, moderator) -> None:  # type: ignore[no-untyped-def]
    from suar.community.services import submit_story

    submit_story(author=author, group=group, title="Tolong", body=CRISIS_TEXT)
    submit_story(author=author, group=group, title="Tolong lagi", body=CRISIS_TEXT + " Beneran.")
    assert CrisisAlert.objects.count() == 1


def test_recording_contact_times_the_first_one_only(
    client, author, group, moderator, organisation
) -> None:  # type: ignore[no-untyped-def]
    from suar.community.services import submit_story

    submit_story(author=author, group=group, title="Tolong", body=CRISIS_TEXT)
    alert = CrisisAlert.objects.get()
    CrisisAlert.objects.filter(pk=alert.pk).update(
        created_at=timezone.now() - timedelta(minutes=12)
    )
    url = reverse("moderation:alert", args=[alert.pk])
    page = as_(client, moderator).get(url).content.decode()
    assert "Nobody has reached out yet" in page and "sensitive" in page
    bad = client.post(url, {"channel": "message", "message": ""})
    assert bad.status_code == 422 and "Write your message" in bad.content.decode()
    client.post(
        url,
        {
            "channel": "message",
            "note": "Dia membalas",
            "message": "Hai Rina, aku Moda dari komunitas. Aku di sini kalau mau cerita.",
        },
    )
    alert.refresh_from_db()
    first = alert.first_contact_at
    assert alert.first_contact_by == moderator and alert.contact_channel == "message"
    assert timedelta(minutes=11) < alert.response_time < timedelta(minutes=13)
    message = Notice.objects.get(recipient=author, kind="support")
    assert "aku di sini" in message.body.lower()
    other = make_person(organisation, "modb", role="moderator")
    crisis.record_contact(actor=other, alert=alert, channel="phone", note="Telepon 10 menit")
    alert.refresh_from_db()
    assert alert.first_contact_at == first and alert.first_contact_by == moderator
    assert "Telepon 10 menit" in alert.contact_note
    shown = client.get(url).content.decode()
    assert "First contact by moda" in shown


def test_nothing_about_a_crisis_reaches_other_members(
    client, author, group, reader, moderator
) -> None:  # type: ignore[no-untyped-def]
    from suar.community.services import submit_story

    submission = submit_story(author=author, group=group, title="Tolong", body=CRISIS_TEXT)
    story = submission.item
    assert isinstance(story, Story)
    alert = CrisisAlert.objects.get()
    as_(client, reader)
    assert client.get(reverse("community:story_detail", args=[story.pk])).status_code == 404
    assert client.get(reverse("moderation:alerts")).status_code == 403
    assert client.get(reverse("moderation:alert", args=[alert.pk])).status_code == 403
    assert client.get("/api/v1/moderation/alerts").status_code == 403
    assert client.get(reverse("moderation:badge")).content.decode().strip() == ""
    with pytest.raises(PermissionDenied):
        crisis.record_contact(actor=reader, alert=alert, channel="phone")
    group.moderators.add(reader)  # a group moderator does not see crises either
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "Tolong" not in queue


def test_duty_is_bounded_and_checked(moderator, reader, organisation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        crisis.set_duty(actor=moderator, organisation=organisation, hours=30)
    with pytest.raises(PermissionDenied):
        crisis.set_duty(actor=reader, organisation=organisation, hours=2)
    crisis.set_duty(actor=moderator, organisation=organisation, hours=2)
    assert list(crisis.on_duty(organisation)) == [moderator]
    crisis.set_duty(actor=moderator, organisation=organisation, hours=0)
    assert not crisis.on_duty(organisation).exists()


def test_contact_through_the_api(client, author, group, moderator) -> None:  # type: ignore[no-untyped-def]
    from suar.community.services import submit_story

    submit_story(author=author, group=group, title="Tolong", body=CRISIS_TEXT)
    alert = CrisisAlert.objects.get()
    as_(client, moderator)
    listed = client.get("/api/v1/moderation/alerts").json()
    assert listed[0]["id"] == alert.pk and listed[0]["first_contact_at"] is None
    done = client.post(
        f"/api/v1/moderation/alerts/{alert.pk}/contact",
        {"channel": "phone"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["response_seconds"] >= 0
