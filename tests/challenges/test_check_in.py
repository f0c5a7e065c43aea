"""Checking in: once per local day, only inside the challenge, only after joining."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from suar.accounts.roles import Role
from suar.challenges.models import CheckIn
from suar.challenges.services import AlreadyCheckedIn, check_in, join_challenge
from suar.community.models import Group


def test_a_member_joins_and_checks_in_from_the_page(member, make_challenge, login_as) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge()
    client = login_as(member)
    client.post(f"/tantangan/{challenge.pk}/ikut/")
    response = client.post(
        f"/tantangan/{challenge.pk}/lapor/", {"note": "Hari berat, tapi bisa"}, follow=True
    )
    page = response.content.decode()
    assert "Checked in for today." in page
    assert "1 of 30 days" in page
    assert "Current streak: 1 day" in page
    assert "Hari berat, tapi bisa" in page
    assert CheckIn.objects.get().note == "Hari berat, tapi bisa"


def test_checking_in_twice_on_the_same_day_is_refused(member, make_challenge, login_as) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge()
    client = login_as(member)
    client.post(f"/tantangan/{challenge.pk}/ikut/")
    client.post(f"/tantangan/{challenge.pk}/lapor/", {"note": "pertama"})
    response = client.post(f"/tantangan/{challenge.pk}/lapor/", {"note": "kedua"}, follow=True)
    assert "already checked in today" in response.content.decode()
    assert CheckIn.objects.get().note == "pertama"


def test_two_check_ins_on_one_jakarta_day_across_the_utc_date_change(
    member, make_challenge
) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge(starts_on=date(2026, 1, 1))
    join_challenge(actor=member, challenge=challenge)
    # 08:00 WIB and 23:30 WIB on 10 January: 01:00 UTC and 16:30 UTC the same UTC day...
    check_in(actor=member, challenge=challenge, now=datetime(2026, 1, 10, 1, 0, tzinfo=UTC))
    with pytest.raises(AlreadyCheckedIn):
        check_in(actor=member, challenge=challenge, now=datetime(2026, 1, 10, 16, 30, tzinfo=UTC))
    # ...while 00:30 WIB on 11 January is still 10 January in UTC, yet a new local day.
    result = check_in(
        actor=member, challenge=challenge, now=datetime(2026, 1, 10, 17, 30, tzinfo=UTC)
    )
    assert result.checkin.day == date(2026, 1, 11)
    assert CheckIn.objects.count() == 2


def test_no_check_in_before_the_start_or_after_the_end(member, make_challenge, today) -> None:  # type: ignore[no-untyped-def]
    upcoming = make_challenge("Nanti", starts_on=today + timedelta(days=2))
    join_challenge(actor=member, challenge=upcoming)
    with pytest.raises(ValidationError, match="starts on"):
        check_in(actor=member, challenge=upcoming)
    finished = make_challenge("Selesai", starts_on=today - timedelta(days=40), length_days=30)
    join_challenge(actor=member, challenge=finished)
    with pytest.raises(ValidationError, match="ended"):
        check_in(actor=member, challenge=finished)


def test_joining_comes_before_checking_in(member, make_challenge) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Join"):
        check_in(actor=member, challenge=make_challenge())


def test_joining_twice_keeps_one_entry(member, make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge()
    assert join_challenge(actor=member, challenge=challenge) == join_challenge(
        actor=member, challenge=challenge
    )


def test_an_outsider_cannot_join_a_private_group_challenge(  # type: ignore[no-untyped-def]
    organisation, make_user, make_challenge, login_as
) -> None:
    group = Group.objects.create(
        organisation=organisation, name="Tertutup", slug="tertutup", visibility="private"
    )
    challenge = make_challenge(group=group)
    outsider = make_user("budi")
    with pytest.raises(PermissionDenied):
        join_challenge(actor=outsider, challenge=challenge)
    assert login_as(outsider).get(f"/tantangan/{challenge.pk}/").status_code == 404


def test_a_crisis_note_shows_help_and_stays_private(member, make_challenge, login_as) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge()
    client = login_as(member)
    client.post(f"/tantangan/{challenge.pk}/ikut/")
    response = client.post(
        f"/tantangan/{challenge.pk}/lapor/", {"note": "Aku mau bunuh diri malam ini"}
    )
    assert "healing119.id" in response.content.decode().lower()
    assert CheckIn.objects.count() == 1


def test_a_visitor_sees_the_challenge_and_a_log_in_link(client, make_challenge) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge()
    page = client.get(f"/tantangan/{challenge.pk}/").content.decode()
    assert "30 hari tanpa rokok" in page
    assert "Log in to join this challenge" in page
    assert client.post(f"/tantangan/{challenge.pk}/ikut/").status_code == 302


def test_a_check_in_note_in_crisis_shows_help_and_reaches_only_the_moderators(
    member, make_challenge, login_as, make_user
) -> None:  # type: ignore[no-untyped-def]
    from suar.help.models import HelpService
    from suar.moderation.models import CrisisAlert, QueueItem

    HelpService.objects.create(
        name="Garis Harapan Kota",
        kind="hotline",
        phone="0800 123",
        show_in_crisis=True,
        country="ID",
        active=True,
    )
    challenge = make_challenge()
    client = login_as(member)
    client.post(f"/tantangan/{challenge.pk}/ikut/")

    response = client.post(
        f"/tantangan/{challenge.pk}/lapor/", {"note": "aku pengen mati aja, udah nggak kuat"}
    )

    page = response.content.decode()
    assert "You are not alone" in page
    assert "Garis Harapan Kota" in page
    checkin = CheckIn.objects.get()
    entry = QueueItem.objects.get(object_id=checkin.pk)
    assert entry.is_crisis and entry.category == QueueItem.Category.CRISIS
    assert CrisisAlert.objects.filter(organisation=challenge.organisation).count() == 1
    other = login_as(make_user("lain"))
    assert "pengen mati" not in other.get(f"/tantangan/{challenge.pk}/").content.decode()
    moderator = login_as(make_user("dimas", role=Role.MODERATOR))
    item_page = moderator.get(f"/moderasi/{entry.pk}/")
    assert item_page.status_code == 200
    assert "pengen mati" in item_page.content.decode()
    alert = CrisisAlert.objects.get()
    assert moderator.get(f"/moderasi/krisis/{alert.pk}/").status_code == 200


def test_an_everyday_check_in_note_reaches_nobody(member, make_challenge) -> None:  # type: ignore[no-untyped-def]
    from suar.moderation.models import QueueItem

    challenge = make_challenge()
    join_challenge(actor=member, challenge=challenge)

    result = check_in(actor=member, challenge=challenge, note="capek kerja, tapi tetap bertahan")

    assert not result.needs_help
    assert not QueueItem.objects.exists()
