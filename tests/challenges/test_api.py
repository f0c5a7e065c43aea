"""The challenges API: list, join, check in (once a day) and one's own progress."""

from __future__ import annotations


def test_join_check_in_and_progress(member, make_challenge, login_as) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge()
    client = login_as(member)
    assert [c["title"] for c in client.get("/api/v1/challenges/").json()] == [challenge.title]
    assert client.get(f"/api/v1/challenges/{challenge.pk}/progress").status_code == 404
    assert client.post(f"/api/v1/challenges/{challenge.pk}/join").json()["days_done"] == 0
    first = client.post(
        f"/api/v1/challenges/{challenge.pk}/check-in", {"note": ""}, content_type="application/json"
    )
    assert first.status_code == 201
    assert first.json()["progress"]["current_streak"] == 1
    again = client.post(
        f"/api/v1/challenges/{challenge.pk}/check-in", {}, content_type="application/json"
    )
    assert again.status_code == 409
    progress = client.get(f"/api/v1/challenges/{challenge.pk}/progress").json()
    assert progress["days_done"] == 1 and progress["on_leaderboard"] is False


def test_a_visitor_cannot_join(client, make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge()
    assert client.post(f"/api/v1/challenges/{challenge.pk}/join").status_code == 401
