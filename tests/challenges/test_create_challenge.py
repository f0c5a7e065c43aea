"""Creating a challenge: organisers and moderators only."""

from __future__ import annotations

from datetime import date

from suar.accounts.roles import Role
from suar.challenges.models import Challenge


def test_an_organiser_creates_a_challenge(make_user, organisation, login_as) -> None:  # type: ignore[no-untyped-def]
    client = login_as(make_user("ora", role=Role.ORGANISER))
    response = client.post(
        "/tantangan/baru/",
        {
            "organisation": organisation.pk,
            "title": "30 hari tanpa rokok",
            "starts_on": "2026-12-01",
            "length_days": "30",
        },
    )
    challenge = Challenge.objects.get()
    assert response.status_code == 302
    assert challenge.ends_on == date(2026, 12, 30)


def test_a_member_cannot_create_a_challenge(member, login_as) -> None:  # type: ignore[no-untyped-def]
    assert login_as(member).get("/tantangan/baru/").status_code == 403
