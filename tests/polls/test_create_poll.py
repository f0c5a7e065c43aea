"""Creating a poll: organisers and moderators only, with 2 to 10 distinct options."""

from __future__ import annotations

from suar.accounts.roles import Role
from suar.polls.models import Poll


def test_a_moderator_creates_a_poll(make_user, organisation, login_as) -> None:  # type: ignore[no-untyped-def]
    client = login_as(make_user("moda", role=Role.MODERATOR))
    response = client.post(
        "/polling/baru/",
        {
            "organisation": organisation.pk,
            "question": "Kapan waktu terbaik untuk sesi?",
            "kind": "multiple",
            "options": "Pagi\nSiang\n\nMalam\n",
            "closes_at": "2099-01-01T12:00",
        },
    )
    poll = Poll.objects.get()
    assert response.status_code == 302
    assert [o.text for o in poll.options.all()] == ["Pagi", "Siang", "Malam"]


def test_one_option_is_not_a_poll(make_user, organisation, login_as) -> None:  # type: ignore[no-untyped-def]
    client = login_as(make_user("moda", role=Role.MODERATOR))
    response = client.post(
        "/polling/baru/",
        {
            "organisation": organisation.pk,
            "question": "Ya?",
            "kind": "single",
            "options": "Ya",
            "closes_at": "2099-01-01T12:00",
        },
    )
    assert "between 2 and 10 options" in response.content.decode()
    assert not Poll.objects.exists()


def test_a_member_cannot_create_a_poll(member, login_as) -> None:  # type: ignore[no-untyped-def]
    assert login_as(member).get("/polling/baru/").status_code == 403
