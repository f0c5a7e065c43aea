"""Challenge fixtures: a challenge running today (in Jakarta) and English pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from suar.accounts.models import Organisation, User
from suar.challenges.models import Challenge, CheckIn, Participant
from suar.challenges.streaks import local_day
from suar.community.models import Group


@pytest.fixture(autouse=True)
def english(client: Client) -> None:
    """Pages in English: the Indonesian catalogue for this app is merged by the lead later."""
    client.cookies["suar_language"] = "en"


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    """Argon2 takes a quarter of a second per person; these tests log in without passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today() -> date:
    return local_day(timezone.now())


@pytest.fixture
def make_challenge(organisation: Organisation, today: date):  # type: ignore[no-untyped-def]
    def make(
        title: str = "30 hari tanpa rokok",
        *,
        starts_on: date | None = None,
        length_days: int = 30,
        group: Group | None = None,
    ) -> Challenge:
        return Challenge.objects.create(
            organisation=organisation,
            group=group,
            title=title,
            starts_on=starts_on or today - timedelta(days=20),
            length_days=length_days,
        )

    return make


@pytest.fixture
def record_days():  # type: ignore[no-untyped-def]
    """Past check-ins written directly: the service only ever records today."""

    def record(challenge: Challenge, user: User, days: list[date]) -> Participant:
        participant, _ = Participant.objects.get_or_create(challenge=challenge, user=user)
        CheckIn.objects.bulk_create(CheckIn(participant=participant, day=d) for d in days)
        return participant

    return record
