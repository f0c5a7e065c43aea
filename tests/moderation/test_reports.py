"""Members report stories, replies, Q&A questions and profiles; twice is refused clearly."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from suar.community.models import Status
from suar.moderation import reports
from suar.moderation.models import CrisisAlert, QueueItem, Report
from tests.community.factories import make_group, make_person, make_reply, make_story
from tests.moderation.conftest import as_

pytestmark = pytest.mark.django_db


def test_a_member_reports_a_story_and_it_reaches_the_queue(client, group, author, reader) -> None:  # type: ignore[no-untyped-def]
    story = make_story(group, author, body="Beli obat diet murah di tokoku sekarang juga")
    url = reverse("moderation:report", args=["story", story.pk])
    page = as_(client, reader).get(url)
    assert page.status_code == 200 and "harassment" in page.content.decode()
    response = client.post(url + "?next=/komunitas/", {"reason": "spam", "note": "iklan"})
    assert response.status_code == 302 and response["Location"] == "/komunitas/"
    entry = QueueItem.objects.get()
    assert entry.category == "report" and entry.report_count == 1 and entry.subject == author
    assert Report.objects.get().note == "iklan"
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED  # one report does not hide it


def test_reporting_twice_says_so_and_adds_nothing(client, group, author, reader) -> None:  # type: ignore[no-untyped-def]
    story = make_story(group, author)
    url = reverse("moderation:report", args=["story", story.pk])
    as_(client, reader).post(url, {"reason": "harassment"})
    again = client.post(url, {"reason": "spam"}, follow=True)
    assert "You already reported this" in again.content.decode()
    assert Report.objects.count() == 1
    assert QueueItem.objects.get().report_count == 1


def test_reports_of_several_people_join_one_entry_and_three_hide_it(
    group, author, organisation
) -> None:  # type: ignore[no-untyped-def]
    story = make_story(group, author)
    people = [make_person(organisation, f"p{i}") for i in range(3)]
    for person in people:
        group.members.add(person)
        reports.report(reporter=person, kind="story", pk=story.pk, reason="harassment")
    entry = QueueItem.objects.get()
    assert entry.report_count == 3 and entry.auto_hidden and entry.priority > 7
    story.refresh_from_db()
    assert story.status == Status.HELD


def test_replies_questions_and_profiles_can_be_reported(
    group, author, reader, organisation
) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    from suar.qa.models import QASession, Question

    reply = make_reply(make_story(group, reader), author)
    reports.report(reporter=reader, kind="reply", pk=reply.pk, reason="harassment")
    expert = make_person(organisation, "ahli", role="expert")
    session = QASession.objects.create(
        organisation=organisation,
        title="Tanya",
        expert=expert,
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    question = Question.objects.create(
        session=session, author=author, text="Kenapa?", status=Question.Status.APPROVED
    )
    reports.report(reporter=reader, kind="question", pk=question.pk, reason="misinformation")
    reports.report(reporter=reader, kind="profile", pk=author.pk, reason="harassment")
    kinds = sorted(e.content_type.model for e in QueueItem.objects.all())
    assert kinds == ["question", "reply", "user"]
    assert all(e.subject == author for e in QueueItem.objects.all())


def test_what_you_cannot_see_cannot_be_reported(client, organisation, author, reader) -> None:  # type: ignore[no-untyped-def]
    secret = make_group(organisation, "rahasia", private=True, members=(author,))
    story = make_story(secret, author)
    response = as_(client, reader).post(
        reverse("moderation:report", args=["story", story.pk]), {"reason": "spam"}
    )
    assert response.status_code == 404
    from suar.accounts.models import Organisation

    stranger = make_person(Organisation.objects.create(name="Lain", slug="lain"), "asing")
    with pytest.raises(PermissionDenied):
        reports.report(reporter=stranger, kind="profile", pk=author.pk, reason="spam")
    assert not Report.objects.exists()


def test_own_content_and_bad_reasons_are_refused(group, author) -> None:  # type: ignore[no-untyped-def]
    story = make_story(group, author)
    with pytest.raises(ValidationError, match="your own"):
        reports.report(reporter=author, kind="story", pk=story.pk, reason="spam")
    other = make_person(group.organisation, "lain")
    group.members.add(other)
    with pytest.raises(ValidationError):
        reports.report(reporter=other, kind="story", pk=story.pk, reason="nonsense")


def test_a_worried_report_alerts_the_moderators(  # type: ignore[no-untyped-def]
    group, author, reader, moderator, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    story = make_story(group, author, body="Capek banget sama semuanya.")
    with django_capture_on_commit_callbacks(execute=True):
        reports.report(reporter=reader, kind="story", pk=story.pk, reason="crisis")
    entry = QueueItem.objects.get()
    assert entry.is_crisis and entry.category == "crisis"
    alert = CrisisAlert.objects.get()
    assert list(alert.recipients.all()) == [moderator]
    assert [m.to for m in mailoutbox] == [["moda@example.org"]]
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED


def test_reporting_through_the_api(client, group, author, reader) -> None:  # type: ignore[no-untyped-def]
    story = make_story(group, author)
    as_(client, reader)
    body = {"kind": "story", "id": story.pk, "reason": "harassment"}
    first = client.post("/api/v1/moderation/reports", body, content_type="application/json")
    assert first.status_code == 201
    second = client.post("/api/v1/moderation/reports", body, content_type="application/json")
    assert second.status_code == 409 and "already reported" in second.json()["detail"]
    missing = client.post(
        "/api/v1/moderation/reports", {**body, "id": 9999}, content_type="application/json"
    )
    assert missing.status_code == 404
    client.logout()
    anonymous = client.post("/api/v1/moderation/reports", body, content_type="application/json")
    assert anonymous.status_code in (401, 403)


def test_my_moderation_data_is_in_my_privacy_export(
    entry, moderator, author, reader, group
) -> None:  # type: ignore[no-untyped-def]
    from suar.community.privacy import export_data
    from suar.moderation import decisions

    story = make_story(group, author, title="Lain")
    reports.report(reporter=reader, kind="story", pk=story.pk, reason="spam", note="iklan")
    decisions.decide(actor=moderator, entry=entry, action="warn", reason="Tolong lebih sopan")
    mine = export_data(author)["moderation"]
    assert mine["decisions_about_me"][0]["reason"] == "Tolong lebih sopan"
    assert mine["messages"] and mine["reports_filed"] == []
    theirs = export_data(reader)["moderation"]
    assert theirs["reports_filed"][0]["note"] == "iklan"
    assert "Lain" not in str(theirs)  # the export names no reported person or post


def test_report_links_sit_on_stories_replies_and_profiles_but_not_my_own(  # type: ignore[no-untyped-def]
    client, group, author, reader
) -> None:
    story = make_story(group, author)
    reply = make_reply(story, reader)
    page = as_(client, reader).get(reverse("community:story_detail", args=[story.pk]))
    html = page.content.decode()
    assert reverse("moderation:report", args=["story", story.pk]) in html
    assert reverse("moderation:report", args=["profile", author.pk]) in html
    assert reverse("moderation:report", args=["reply", reply.pk]) not in html  # my own reply
    mine = as_(client, author).get(reverse("community:story_detail", args=[story.pk]))
    html = mine.content.decode()
    assert reverse("moderation:report", args=["story", story.pk]) not in html
    assert reverse("moderation:report", args=["reply", reply.pk]) in html


def test_anonymous_authors_have_no_profile_report_link(client, group, author, reader) -> None:  # type: ignore[no-untyped-def]
    story = make_story(group, author, anonymous=True, pseudonym="Bintang")
    html = as_(client, reader).get(reverse("community:story_detail", args=[story.pk]))
    text = html.content.decode()
    assert reverse("moderation:report", args=["profile", author.pk]) not in text
    assert reverse("moderation:report", args=["story", story.pk]) in text


def test_qa_questions_have_a_report_link(client, organisation, author, reader) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    from suar.qa.models import QASession, Question

    expert = make_person(organisation, "ahli", role="expert")
    session = QASession.objects.create(
        organisation=organisation,
        title="Tanya",
        expert=expert,
        status="live",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    question = Question.objects.create(
        session=session, author=author, text="Kenapa?", status=Question.Status.APPROVED
    )
    html = as_(client, reader).get(f"/tanya-jawab/{session.pk}/").content.decode()
    assert reverse("moderation:report", args=["question", question.pk]) in html
