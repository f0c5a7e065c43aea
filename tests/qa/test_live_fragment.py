"""The live fragment htmx polls: approved questions only, most upvoted first, with answers."""

from __future__ import annotations

from suar.community.controls.models import Block
from suar.qa.models import QASession, Question
from suar.qa.services import toggle_vote


def test_the_fragment_lists_only_approved_questions(  # type: ignore[no-untyped-def]
    client, member, make_session, make_question
) -> None:
    session = make_session()
    make_question(session, member, "Disetujui")
    make_question(session, member, "Menunggu", status=Question.Status.PENDING)
    make_question(session, member, "Ditolak", status=Question.Status.REJECTED)
    make_question(session, member, "Ditahan", status=Question.Status.HELD)
    make_question(session, member, "Krisis", status=Question.Status.CRISIS)
    page = client.get(f"/tanya-jawab/{session.pk}/langsung/").content.decode()
    assert "Disetujui" in page
    for hidden in ("Menunggu", "Ditolak", "Ditahan", "Krisis"):
        assert hidden not in page


def test_questions_are_sorted_by_upvotes(  # type: ignore[no-untyped-def]
    client, member, make_user, make_session, make_question
) -> None:
    session = make_session()
    make_question(session, member, "Sedikit dukungan")
    popular = make_question(session, member, "Banyak dukungan")
    for name in ("a1", "a2"):
        toggle_vote(actor=make_user(name), question=popular)
    page = client.get(f"/tanya-jawab/{session.pk}/langsung/").content.decode()
    assert page.index("Banyak dukungan") < page.index("Sedikit dukungan")
    assert "2 upvotes" in page


def test_the_session_page_polls_the_fragment_every_three_seconds(client, make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    page = client.get(f"/tanya-jawab/{session.pk}/").content.decode()
    assert f'hx-get="/tanya-jawab/{session.pk}/langsung/"' in page
    assert 'hx-trigger="every 3s"' in page


def test_polling_stops_when_the_session_has_ended(client, make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session(status=QASession.Status.ENDED)
    assert client.get(f"/tanya-jawab/{session.pk}/langsung/").status_code == 286


def test_anonymous_questions_show_anonymous_even_to_the_expert(  # type: ignore[no-untyped-def]
    member, expert, moderator, make_session, make_question, login_as
) -> None:
    member.display_name = "Putri Rahasia"
    member.save()
    session = make_session()
    make_question(session, member, "Pertanyaan anonim", anonymous=True)
    for viewer in (expert, moderator):
        page = login_as(viewer).get(f"/tanya-jawab/{session.pk}/langsung/").content.decode()
        assert "Anonymous" in page
        assert "Putri Rahasia" not in page and "putri" not in page
    own = login_as(member).get(f"/tanya-jawab/{session.pk}/langsung/").content.decode()
    assert "Anonymous (you)" in own


def test_named_questions_of_blocked_people_are_left_out_both_ways(  # type: ignore[no-untyped-def]
    member, make_user, make_session, make_question, login_as
) -> None:
    budi = make_user("budi")
    Block.objects.create(blocker=member, blocked=budi)
    session = make_session()
    make_question(session, budi, "Pertanyaan Budi")
    make_question(session, budi, "Pertanyaan anonim Budi", anonymous=True)
    make_question(session, member, "Pertanyaan Putri")
    mine = login_as(member).get(f"/tanya-jawab/{session.pk}/langsung/").content.decode()
    assert "Pertanyaan Budi" not in mine and "Pertanyaan anonim Budi" in mine
    theirs = login_as(budi).get(f"/tanya-jawab/{session.pk}/langsung/").content.decode()
    assert "Pertanyaan Putri" not in theirs
