"""Who sees which session page: visitors, members, outsiders of private groups, moderators."""

from __future__ import annotations

from suar.accounts.models import User
from suar.qa.models import QASession, Question


def test_a_visitor_reads_an_open_session_but_is_asked_to_log_in(client, make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session(title="Hidup tanpa rokok")
    response = client.get(f"/tanya-jawab/{session.pk}/")
    assert response.status_code == 200
    assert "Hidup tanpa rokok" in response.content.decode()
    assert f"/tanya-jawab/{session.pk}/tanya/" not in response.content.decode()
    assert "/akun/masuk/" in response.content.decode()


def test_the_list_shows_live_upcoming_and_past_sessions(client, make_session) -> None:  # type: ignore[no-untyped-def]
    make_session(title="Sesi langsung")
    make_session(title="Sesi nanti", status=QASession.Status.SCHEDULED)
    make_session(title="Sesi lalu", status=QASession.Status.ENDED)
    page = client.get("/tanya-jawab/").content.decode()
    assert "Sesi langsung" in page and "Sesi nanti" in page and "Sesi lalu" in page


def test_a_private_group_session_is_hidden_from_outsiders(  # type: ignore[no-untyped-def]
    client, make_user, make_session, private_group, login_as
) -> None:
    session = make_session(group=private_group, title="Sesi keluarga")
    assert client.get(f"/tanya-jawab/{session.pk}/").status_code == 404
    assert "Sesi keluarga" not in client.get("/tanya-jawab/").content.decode()
    outsider = login_as(make_user("budi"))
    assert outsider.get(f"/tanya-jawab/{session.pk}/").status_code == 404
    assert outsider.get(f"/tanya-jawab/{session.pk}/langsung/").status_code == 404
    assert outsider.get(f"/tanya-jawab/{session.pk}/arsip/").status_code == 404


def test_a_group_member_sees_the_private_session_and_can_ask(  # type: ignore[no-untyped-def]
    member, make_session, private_group, login_as
) -> None:
    session = make_session(group=private_group)
    client = login_as(member)
    assert client.get(f"/tanya-jawab/{session.pk}/").status_code == 200
    client.post(f"/tanya-jawab/{session.pk}/tanya/", {"text": "Boleh cerita ke keluarga?"})
    assert Question.objects.get().author == member


def test_the_moderator_sees_private_sessions_of_their_organisation(  # type: ignore[no-untyped-def]
    moderator, make_session, private_group, login_as
) -> None:
    session = make_session(group=private_group)
    assert login_as(moderator).get(f"/tanya-jawab/{session.pk}/").status_code == 200


def test_the_asker_sees_their_waiting_question_others_do_not(  # type: ignore[no-untyped-def]
    member, make_user, make_session, make_question, login_as
) -> None:
    session = make_session()
    make_question(session, member, "Pertanyaan yang menunggu", status=Question.Status.PENDING)
    assert (
        "Pertanyaan yang menunggu"
        in login_as(member).get(f"/tanya-jawab/{session.pk}/").content.decode()
    )
    other = login_as(make_user("budi"))
    assert (
        "Pertanyaan yang menunggu" not in other.get(f"/tanya-jawab/{session.pk}/").content.decode()
    )


def test_the_session_page_runs_a_bounded_number_of_queries(  # type: ignore[no-untyped-def]
    member, make_session, make_question, login_as, django_assert_max_num_queries
) -> None:
    session = make_session()
    for n in range(20):
        asker = User.objects.create(username=f"p{n}")  # no password: hashing is slow
        make_question(session, asker, f"Pertanyaan {n}", anonymous=n % 2 == 0)
    client = login_as(member)
    with django_assert_max_num_queries(14):
        assert client.get(f"/tanya-jawab/{session.pk}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/tanya-jawab/{session.pk}/langsung/").status_code == 200
