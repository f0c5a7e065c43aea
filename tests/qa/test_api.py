"""The Q&A API follows the pages' rules: visibility, participation, moderation, answering."""

from __future__ import annotations

from suar.qa.models import Question


def test_anyone_lists_open_sessions_but_not_private_ones(  # type: ignore[no-untyped-def]
    client, make_session, private_group
) -> None:
    make_session(title="Terbuka")
    make_session(group=private_group, title="Rahasia")
    titles = [s["title"] for s in client.get("/api/v1/qa/sessions").json()]
    assert titles == ["Terbuka"]


def test_a_member_asks_and_the_question_waits(member, make_session, login_as) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    response = login_as(member).post(
        f"/api/v1/qa/sessions/{session.pk}/questions",
        {"text": "Apa itu relaps?", "anonymous": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert response.json()["help"] is None


def test_a_crisis_question_returns_help(member, make_session, login_as) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    response = login_as(member).post(
        f"/api/v1/qa/sessions/{session.pk}/questions",
        {"text": "Aku mau bunuh diri malam ini"},
        content_type="application/json",
    )
    assert response.json()["status"] == "crisis"
    assert "healing119.id" in response.json()["help"]["website"]


def test_a_visitor_cannot_ask(client, make_session) -> None:  # type: ignore[no-untyped-def]
    session = make_session()
    response = client.post(
        f"/api/v1/qa/sessions/{session.pk}/questions",
        {"text": "Halo"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_an_outsider_gets_404_for_a_private_session(  # type: ignore[no-untyped-def]
    make_user, make_session, private_group, login_as
) -> None:
    session = make_session(group=private_group)
    client = login_as(make_user("budi"))
    assert client.get(f"/api/v1/qa/sessions/{session.pk}").status_code == 404


def test_anonymous_askers_stay_anonymous_in_the_api(  # type: ignore[no-untyped-def]
    member, expert, make_session, make_question, login_as
) -> None:
    session = make_session()
    make_question(session, member, "Rahasia", anonymous=True)
    body = login_as(expert).get(f"/api/v1/qa/sessions/{session.pk}").json()
    assert body["questions"][0]["asker"] == "Anonymous"
    assert "putri" not in str(body)


def test_vote_moderate_and_answer(  # type: ignore[no-untyped-def]
    member, moderator, expert, make_session, make_question, login_as
) -> None:
    session = make_session()
    question = make_question(session, member, status=Question.Status.PENDING)
    client = login_as(member)
    assert client.post(f"/api/v1/qa/questions/{question.pk}/vote").status_code == 400
    denied = client.post(
        f"/api/v1/qa/questions/{question.pk}/moderate",
        {"approve": True},
        content_type="application/json",
    )
    assert denied.status_code == 403
    client = login_as(moderator)
    queue = client.get(f"/api/v1/qa/sessions/{session.pk}/queue").json()
    assert [item["id"] for item in queue] == [question.pk]
    client.post(
        f"/api/v1/qa/questions/{question.pk}/moderate",
        {"approve": True},
        content_type="application/json",
    )
    client = login_as(member)
    assert client.post(f"/api/v1/qa/questions/{question.pk}/vote").json() == {"voted": True}
    refused = client.post(
        f"/api/v1/qa/questions/{question.pk}/answer",
        {"text": "Aku"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    client = login_as(expert)
    answered = client.post(
        f"/api/v1/qa/questions/{question.pk}/answer",
        {"text": "Jawaban ahli"},
        content_type="application/json",
    )
    assert answered.status_code == 200
    assert answered.json()["answer"] == "Jawaban ahli"
    assert answered.json()["votes"] == 1
