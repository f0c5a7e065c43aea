"""Q&A fixtures: an expert, a moderator, groups and a session factory."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.community.models import Group
from suar.qa.models import QASession, Question


@pytest.fixture(autouse=True)
def english(client: Client) -> None:
    """Pages in English: the Indonesian catalogue for this app is merged by the lead later."""
    client.cookies["suar_language"] = "en"


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    """Argon2 takes a quarter of a second per person; these tests log in without passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def expert(make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user("dr_sari", role=Role.EXPERT, display_name="Dr. Sari")


@pytest.fixture
def moderator(make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user("moda", role=Role.MODERATOR)


@pytest.fixture
def private_group(organisation: Organisation, member: User) -> Group:
    group = Group.objects.create(
        organisation=organisation, name="Keluarga", slug="keluarga", visibility="private"
    )
    group.members.add(member)
    return group


@pytest.fixture
def make_session(organisation: Organisation, expert: User):  # type: ignore[no-untyped-def]
    def make(
        *, group: Group | None = None, status: str = QASession.Status.LIVE, title: str = "Craving"
    ) -> QASession:
        now = timezone.now()
        return QASession.objects.create(
            organisation=organisation,
            group=group,
            title=title,
            expert=expert,
            starts_at=now - timedelta(minutes=10),
            ends_at=now + timedelta(hours=1),
            status=status,
        )

    return make


@pytest.fixture
def make_question():  # type: ignore[no-untyped-def]
    def make(
        session: QASession,
        author: User,
        text: str = "Bagaimana cara menghadapi craving?",
        *,
        status: str = Question.Status.APPROVED,
        anonymous: bool = False,
    ) -> Question:
        return Question.objects.create(
            session=session, author=author, text=text, status=status, is_anonymous=anonymous
        )

    return make
