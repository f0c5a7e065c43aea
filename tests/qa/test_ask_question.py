"""Asking: screened by the safety engine, queued for moderators, never shown before approval."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from suar.qa.models import QASession, Question
from suar.qa.services import ask_question


def test_a_plain_question_waits_for_a_moderator(member, make_session) -> None:  # type: ignore[no-untyped-def]
    question = ask_question(
        actor=member, session=make_session(), text="  Bagaimana menghadapi craving?  "
    )
    assert question.status == Question.Status.PENDING
    assert question.text == "Bagaimana menghadapi craving?"


def test_crisis_language_is_flagged_and_the_asker_sees_help(member, make_session, login_as) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    response = login_as(member).post(
        f"/tanya-jawab/{session.pk}/tanya/", {"text": "Aku mau bunuh diri malam ini"}
    )
    assert response.status_code == 200
    assert "healing119.id" in response.content.decode().lower()
    assert "119" in response.content.decode()
    question = Question.objects.get()
    assert question.status == Question.Status.CRISIS
    assert "crisis" in question.safety_categories
    live = login_as(member).get(f"/tanya-jawab/{session.pk}/langsung/")
    assert "bunuh diri" not in live.content.decode()


def test_harassment_is_held_for_review(member, make_session) -> None:  # type: ignore[no-untyped-def]
    question = ask_question(actor=member, session=make_session(), text="Kamu tolol dan goblok")
    assert question.status == Question.Status.HELD


def test_a_double_submit_keeps_one_question(member, make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    first = ask_question(actor=member, session=session, text="Apa itu relaps?")
    second = ask_question(actor=member, session=session, text="Apa itu relaps?")
    assert first.pk == second.pk
    assert Question.objects.count() == 1


def test_an_ended_session_takes_no_questions(member, make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session(status=QASession.Status.ENDED)
    with pytest.raises(ValidationError):
        ask_question(actor=member, session=session, text="Masih bisa tanya?")


def test_questions_can_be_asked_before_the_session_starts(member, make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session(status=QASession.Status.SCHEDULED)
    assert ask_question(actor=member, session=session, text="Untuk nanti").pk


def test_non_member_of_a_private_group_cannot_ask(make_user, make_session, private_group) -> None:  # type: ignore[no-untyped-def]
    outsider = make_user("budi")
    with pytest.raises(PermissionDenied):
        ask_question(actor=outsider, session=make_session(group=private_group), text="Halo?")


def test_an_empty_question_keeps_the_page_with_an_error(member, make_session, login_as) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    response = login_as(member).post(f"/tanya-jawab/{session.pk}/tanya/", {"text": "   "})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Question.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    response = client.post(f"/tanya-jawab/{session.pk}/tanya/", {"text": "Halo"})
    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]
    assert not Question.objects.exists()
