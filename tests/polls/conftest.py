"""Poll fixtures: a poll factory and English pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from suar.accounts.models import Organisation, User
from suar.community.models import Group
from suar.polls.models import Option, Poll


@pytest.fixture(autouse=True)
def english(client: Client) -> None:
    """Pages in English: the Indonesian catalogue for this app is merged by the lead later."""
    client.cookies["suar_language"] = "en"


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    """Argon2 takes a quarter of a second per person; these tests log in without passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def private_group(organisation: Organisation, member: User) -> Group:
    group = Group.objects.create(
        organisation=organisation, name="Keluarga", slug="keluarga", visibility="private"
    )
    group.members.add(member)
    return group


@pytest.fixture
def make_poll(organisation: Organisation):  # type: ignore[no-untyped-def]
    def make(
        question: str = "Apa yang paling membantumu?",
        options: tuple[str, ...] = ("Olahraga", "Teman", "Doa"),
        *,
        kind: str = Poll.Kind.SINGLE,
        group: Group | None = None,
        closes_in: timedelta = timedelta(days=3),
    ) -> Poll:
        poll = Poll.objects.create(
            organisation=organisation,
            group=group,
            question=question,
            kind=kind,
            closes_at=timezone.now() + closes_in,
        )
        for position, text in enumerate(options):
            Option.objects.create(poll=poll, text=text, position=position)
        return poll

    return make
