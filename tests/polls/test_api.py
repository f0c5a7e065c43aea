"""The polls API: list, vote (once), and results only after voting."""

from __future__ import annotations


def test_list_vote_and_results(member, make_poll, login_as) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    client = login_as(member)
    listed = client.get("/api/v1/polls/").json()
    assert listed[0]["question"] == poll.question and listed[0]["voted"] is False
    assert client.get(f"/api/v1/polls/{poll.pk}/results").status_code == 403
    option = listed[0]["options"][1]["id"]
    response = client.post(
        f"/api/v1/polls/{poll.pk}/vote", {"options": [option]}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["voters"] == 1
    again = client.post(
        f"/api/v1/polls/{poll.pk}/vote", {"options": [option]}, content_type="application/json"
    )
    assert again.status_code == 409
    assert "already voted" in again.json()["detail"]
    results = client.get(f"/api/v1/polls/{poll.pk}/results").json()
    assert results["options"][1] == {"id": option, "text": "Teman", "votes": 1, "percent": 100}


def test_a_visitor_cannot_vote(client, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll = make_poll()
    response = client.post(
        f"/api/v1/polls/{poll.pk}/vote", {"options": [1]}, content_type="application/json"
    )
    assert response.status_code == 401


def test_an_outsider_never_sees_a_private_poll(  # type: ignore[no-untyped-def]
    make_user, make_poll, private_group, login_as
) -> None:
    poll = make_poll(group=private_group)
    client = login_as(make_user("budi"))
    assert client.get("/api/v1/polls/").json() == []
    assert client.get(f"/api/v1/polls/{poll.pk}/results").status_code == 404
