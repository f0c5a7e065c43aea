"""Flagged questions reach the organisation's review queue, crisis first, identity kept."""

from __future__ import annotations

from suar.moderation.models import QueueItem
from suar.qa.models import Question
from suar.qa.services import ask_question, moderate_question


def test_a_crisis_question_is_queued_first_and_stays_anonymous(  # type: ignore[no-untyped-def]
    member, moderator, make_session, login_as
) -> None:
    member.display_name = "Putri Rahasia"
    member.save()
    session = make_session()
    ask_question(actor=member, session=session, text="Kamu tolol dan goblok")
    ask_question(actor=member, session=session, text="Aku mau bunuh diri malam ini", anonymous=True)
    entries = list(QueueItem.objects.order_by("-is_crisis", "-risk"))
    assert [e.category for e in entries] == ["crisis", "harassment"]
    page = login_as(moderator).get("/moderasi/").content.decode()
    assert page.index("bunuh diri") < page.index("tolol")
    crisis_card = page[page.index("bunuh diri") - 600 : page.index("bunuh diri")]
    assert "Putri Rahasia" not in crisis_card
    assert "Anonymous" in crisis_card


def test_deciding_on_the_session_page_closes_the_queue_entry(  # type: ignore[no-untyped-def]
    member, moderator, make_session
) -> None:
    question = ask_question(actor=member, session=make_session(), text="Kamu tolol dan goblok")
    moderate_question(actor=moderator, question=question, approve=False)
    entry = QueueItem.objects.get()
    assert entry.state == QueueItem.State.HIDDEN
    question.refresh_from_db()
    assert question.status == Question.Status.REJECTED


def test_approving_in_the_review_queue_puts_the_question_live(  # type: ignore[no-untyped-def]
    member, moderator, make_session, login_as
) -> None:
    session = make_session()
    question = ask_question(actor=member, session=session, text="Kamu tolol dan goblok")
    client = login_as(moderator)
    client.post(f"/moderasi/{QueueItem.objects.get().pk}/setujui/")
    question.refresh_from_db()
    assert question.status == Question.Status.APPROVED
    live = client.get(f"/tanya-jawab/{session.pk}/langsung/").content.decode()
    assert "Kamu tolol dan goblok" in live
