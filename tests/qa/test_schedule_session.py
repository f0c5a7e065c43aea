"""Scheduling a session: organisers and moderators may, members may not; times are WIB."""

from __future__ import annotations

from datetime import UTC, datetime

from suar.qa.models import QASession


def test_a_moderator_schedules_a_session_in_jakarta_time(  # type: ignore[no-untyped-def]
    moderator, expert, organisation, login_as
) -> None:
    client = login_as(moderator)
    assert client.get("/tanya-jawab/baru/").status_code == 200
    response = client.post(
        "/tanya-jawab/baru/",
        {
            "organisation": organisation.pk,
            "title": "Pulih dari judi online",
            "description": "Bersama konselor.",
            "expert": expert.pk,
            "starts_at": "2026-12-01T19:00",
            "ends_at": "2026-12-01T20:30",
        },
    )
    session = QASession.objects.get()
    assert response.status_code == 302
    assert session.starts_at == datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # 19:00 WIB
    assert session.status == QASession.Status.SCHEDULED
    page = client.get(f"/tanya-jawab/{session.pk}/").content.decode()
    assert ">1 Dec 2026, 19:00</time>" in page
    assert ">20:30</time> WIB" in page


def test_the_end_must_come_after_the_start(moderator, expert, organisation, login_as) -> None:  # type: ignore[no-untyped-def]
    response = login_as(moderator).post(
        "/tanya-jawab/baru/",
        {
            "organisation": organisation.pk,
            "title": "Terbalik",
            "expert": expert.pk,
            "starts_at": "2026-12-01T19:00",
            "ends_at": "2026-12-01T18:00",
        },
    )
    assert response.status_code == 200
    assert "The session must end after it starts." in response.content.decode()
    assert not QASession.objects.exists()


def test_a_member_cannot_schedule(member, login_as) -> None:  # type: ignore[no-untyped-def]
    assert login_as(member).get("/tanya-jawab/baru/").status_code == 403


def test_only_experts_can_be_chosen(moderator, member, organisation, login_as) -> None:  # type: ignore[no-untyped-def]
    response = login_as(moderator).post(
        "/tanya-jawab/baru/",
        {
            "organisation": organisation.pk,
            "title": "Tanpa ahli",
            "expert": member.pk,
            "starts_at": "2026-12-01T19:00",
            "ends_at": "2026-12-01T20:00",
        },
    )
    assert response.status_code == 200
    assert not QASession.objects.exists()
