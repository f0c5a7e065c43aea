"""Upvoting toggles; moderators approve or reject; only the session's expert answers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from suar.accounts.roles import Role
from suar.qa.models import QASession, Question, QuestionVote
from suar.qa.services import answer_question, moderate_question, toggle_vote


def test_an_upvote_toggles(member, make_session, make_question, login_as) -> None:  # type: ignore[no-untyped-def]
    question = make_question(make_session(), member)
    client = login_as(member)
    url = f"/tanya-jawab/{question.session_id}/pertanyaan/{question.pk}/dukung/"
    client.post(url)
    assert QuestionVote.objects.filter(question=question, user=member).count() == 1
    client.post(url)
    assert not QuestionVote.objects.exists()


def test_an_htmx_upvote_returns_the_fragment(member, make_session, make_question, login_as) -> None:  # type: ignore[no-untyped-def]
    question = make_question(make_session(), member)
    response = login_as(member).post(
        f"/tanya-jawab/{question.session_id}/pertanyaan/{question.pk}/dukung/",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "1 upvote" in response.content.decode()


def test_a_waiting_question_cannot_be_upvoted(member, make_session, make_question) -> None:  # type: ignore[no-untyped-def]
    question = make_question(make_session(), member, status=Question.Status.PENDING)
    with pytest.raises(ValidationError):
        toggle_vote(actor=member, question=question)


def test_a_moderator_approves_and_the_question_goes_live(  # type: ignore[no-untyped-def]
    member, moderator, make_session, make_question, login_as
) -> None:
    session = make_session()
    question = make_question(session, member, "Tolong disetujui", status=Question.Status.PENDING)
    client = login_as(moderator)
    assert "Tolong disetujui" in client.get(f"/tanya-jawab/{session.pk}/moderasi/").content.decode()
    client.post(
        f"/tanya-jawab/{session.pk}/pertanyaan/{question.pk}/moderasi/", {"decision": "approve"}
    )
    question.refresh_from_db()
    assert question.status == Question.Status.APPROVED
    assert question.moderated_by == moderator
    assert "Tolong disetujui" in client.get(f"/tanya-jawab/{session.pk}/langsung/").content.decode()


def test_a_member_cannot_moderate(member, make_session, make_question, login_as) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    question = make_question(session, member, status=Question.Status.PENDING)
    client = login_as(member)
    assert client.get(f"/tanya-jawab/{session.pk}/moderasi/").status_code == 403
    response = client.post(
        f"/tanya-jawab/{session.pk}/pertanyaan/{question.pk}/moderasi/", {"decision": "approve"}
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING


def test_a_crisis_question_cannot_be_made_public(  # type: ignore[no-untyped-def]
    member, moderator, make_session, make_question
) -> None:
    question = make_question(make_session(), member, status=Question.Status.CRISIS)
    with pytest.raises(ValidationError):
        moderate_question(actor=moderator, question=question, approve=True)


def test_the_expert_answers_live(expert, member, make_session, make_question, login_as) -> None:  # type: ignore[no-untyped-def]
    question = make_question(make_session(), member)
    response = login_as(expert).post(
        f"/tanya-jawab/{question.session_id}/pertanyaan/{question.pk}/jawab/",
        {"text": "Tarik napas, hubungi pendampingmu."},
        headers={"HX-Request": "true"},
    )
    assert "Tarik napas, hubungi pendampingmu." in response.content.decode()
    question.refresh_from_db()
    assert question.answered_at is not None


def test_a_member_cannot_answer(member, make_session, make_question, login_as) -> None:  # type: ignore[no-untyped-def]
    question = make_question(make_session(), member)
    response = login_as(member).post(
        f"/tanya-jawab/{question.session_id}/pertanyaan/{question.pk}/jawab/", {"text": "Aku jawab"}
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.answer == ""


def test_another_expert_cannot_answer_someone_elses_session(  # type: ignore[no-untyped-def]
    make_user, member, make_session, make_question
) -> None:
    other_expert = make_user("dr_lain", role=Role.EXPERT)
    question = make_question(make_session(), member)
    with pytest.raises(PermissionDenied):
        answer_question(actor=other_expert, question=question, text="Jawaban")


def test_answers_wait_until_the_session_is_live(  # type: ignore[no-untyped-def]
    expert, member, make_session, make_question
) -> None:
    question = make_question(make_session(status=QASession.Status.SCHEDULED), member)
    with pytest.raises(ValidationError):
        answer_question(actor=expert, question=question, text="Terlalu cepat")


def test_the_expert_ends_the_session_and_the_archive_keeps_the_answers(  # type: ignore[no-untyped-def]
    expert, member, make_session, make_question, login_as, client
) -> None:
    session = make_session()
    answered = make_question(session, member, "Sudah dijawab")
    make_question(session, member, "Belum dijawab")
    answer_question(actor=expert, question=answered, text="Ini jawabannya.")
    login_as(expert).post(f"/tanya-jawab/{session.pk}/status/", {"status": "ended"})
    session.refresh_from_db()
    assert session.status == QASession.Status.ENDED
    client.logout()
    archive = client.get(f"/tanya-jawab/{session.pk}/arsip/").content.decode()
    assert "Sudah dijawab" in archive and "Ini jawabannya." in archive
    assert "Belum dijawab" not in archive


def test_a_member_cannot_start_a_session(member, make_session, login_as) -> None:  # type: ignore[no-untyped-def]
    session = make_session(status=QASession.Status.SCHEDULED)
    response = login_as(member).post(f"/tanya-jawab/{session.pk}/status/", {"status": "live"})
    assert response.status_code == 403
