"""Scheduling: permissions, validation against the platform's limits, idempotency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import Role
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.services import cancel_publication, retry_publication, schedule_publication


def _schedule(actor: User, account: ConnectedAccount, **extra: object) -> Publication:
    fields: dict[str, object] = {
        "text": "Kamu tidak sendiri.",
        "media": [],
        "scheduled_at": timezone.now() + dt.timedelta(hours=1),
        "idempotency_key": "k-1",
    }
    fields.update(extra)
    return schedule_publication(actor=actor, account=account, **fields)  # type: ignore[arg-type]


def test_an_organiser_schedules_a_post(
    organiser: User, make_account: Callable[..., ConnectedAccount]
) -> None:
    publication = _schedule(organiser, make_account())
    assert publication.status == Publication.Status.SCHEDULED
    assert publication.next_attempt_at == publication.scheduled_at


def test_the_same_idempotency_key_returns_the_first_publication(
    organiser: User, make_account: Callable[..., ConnectedAccount]
) -> None:
    account = make_account()
    first = _schedule(organiser, account)
    second = _schedule(organiser, account, text="different")
    assert first.pk == second.pk
    assert Publication.objects.count() == 1


def test_a_member_cannot_schedule(
    make_user: Callable[..., User], make_account: Callable[..., ConnectedAccount]
) -> None:
    with pytest.raises(PermissionDenied):
        _schedule(make_user("anggota", role=Role.MEMBER), make_account())


def test_an_organiser_of_another_organisation_cannot_schedule(
    make_account: Callable[..., ConnectedAccount],
) -> None:
    other = Organisation.objects.create(name="Lain", slug="lain")
    outsider = User.objects.create(username="luar")
    Membership.objects.create(user=outsider, organisation=other, role=Role.ORGANISER)
    with pytest.raises(PermissionDenied):
        _schedule(outsider, make_account())


def test_a_schedule_in_the_past_is_refused_with_a_clear_message(
    organiser: User, make_account: Callable[..., ConnectedAccount]
) -> None:
    with pytest.raises(ValidationError) as error:
        _schedule(organiser, make_account(), scheduled_at=timezone.now() - dt.timedelta(hours=2))
    assert "This time is in the past: choose a time from now on." in error.value.messages


def test_a_text_over_the_limit_is_refused_before_scheduling(
    organiser: User, make_account: Callable[..., ConnectedAccount]
) -> None:
    with pytest.raises(ValidationError) as error:
        _schedule(organiser, make_account("x"), text="a" * 300)
    assert error.value.messages == ["Too long for X: 300 of 280 characters."]
    assert not Publication.objects.exists()


def test_unsupported_media_is_refused(
    organiser: User, make_account: Callable[..., ConnectedAccount]
) -> None:
    with pytest.raises(ValidationError) as error:
        _schedule(organiser, make_account(), media=[{"path": "a.pdf", "mime": "application/pdf"}])
    assert "Unsupported media type application/pdf" in error.value.messages[0]


def test_a_disconnected_account_is_refused(
    organiser: User, make_account: Callable[..., ConnectedAccount]
) -> None:
    account = make_account(status=ConnectedAccount.Status.EXPIRED)
    with pytest.raises(ValidationError) as error:
        _schedule(organiser, account)
    assert "is not connected: reconnect it first" in error.value.messages[0]


def test_cancel_then_retry_rules(
    organiser: User, make_account: Callable[..., ConnectedAccount]
) -> None:
    publication = _schedule(organiser, make_account())
    assert cancel_publication(actor=organiser, publication=publication).status == "cancelled"
    with pytest.raises(ValidationError):
        retry_publication(actor=organiser, publication=publication)
    Publication.objects.filter(pk=publication.pk).update(status="failed", error_kind="content")
    retried = retry_publication(actor=organiser, publication=publication)
    assert retried.status == Publication.Status.SCHEDULED
    assert retried.error_kind == ""
