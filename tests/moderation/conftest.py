"""Moderation fixtures: an organisation with a group, a member, a moderator; helpers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.community.models import Group, Status, Story
from suar.moderation.models import QueueItem
from suar.moderation.services import queue_item
from tests.community.factories import make_group, make_person, make_story

CRISIS_TEXT = "Aku sudah nggak kuat lagi, malam ini aku mau bunuh diri."
HARASSMENT_TEXT = "Dasar goblok lu, mati aja sana anjing"


@pytest.fixture(autouse=True)
def english(client: Client) -> Iterator[None]:
    """Pages and services in English, so that tests can assert the messages people read."""
    client.cookies["suar_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def author(organisation: Organisation) -> User:
    user = make_person(
        organisation, "rina", display_name="Rina", email="rina@example.org", language="en"
    )
    # Older than a day: not held as a new account unless a test says so.
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=30))
    user.refresh_from_db()
    return user


@pytest.fixture
def reader(organisation: Organisation) -> User:
    return make_person(organisation, "budi", language="en")


@pytest.fixture
def moderator(organisation: Organisation) -> User:
    return make_person(organisation, "moda", role=Role.MODERATOR, email="moda@example.org")


@pytest.fixture
def group(organisation: Organisation, author: User, reader: User) -> Group:
    return make_group(organisation, members=(author, reader))


@pytest.fixture
def held_story(group: Group, author: User, organisation: Organisation) -> Story:
    return make_story(group, author, title="Kasar", body=HARASSMENT_TEXT, status=Status.HELD)


@pytest.fixture
def entry(held_story: Story, organisation: Organisation) -> QueueItem:
    return queue_item(
        item=held_story, organisation=organisation, category="harassment", risk=0.7, findings=[]
    )


def as_(client: Client, user: User) -> Client:
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
