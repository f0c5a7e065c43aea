"""Private groups and their stories are seen by their members only; outsiders get a plain 404."""

from __future__ import annotations

import pytest
from django.test import Client

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.community.models import Group, Story


@pytest.fixture
def private_group(organisation: Organisation) -> Group:
    return Group.objects.create(
        organisation=organisation,
        slug="keluarga",
        name="Keluarga Pendamping",
        visibility=Group.Visibility.PRIVATE,
    )


@pytest.fixture
def private_story(private_group: Group, make_user) -> Story:  # type: ignore[no-untyped-def]
    author = make_user("rina", role=Role.ORGANISER)
    private_group.members.add(author)
    return Story.objects.create(
        group=private_group, author=author, title="Rahasia keluarga", body="Tetap di sini."
    )


GROUP_URL = "/komunitas/g/pulih/keluarga/"


def test_private_group_is_not_found_for_anonymous_visitors(
    client: Client, private_group: Group
) -> None:
    response = client.get(GROUP_URL)

    assert response.status_code == 404
    assert "Keluarga Pendamping" not in response.content.decode()


def test_private_group_is_not_found_for_people_outside_it(
    login_as,
    member: User,
    private_group: Group,  # type: ignore[no-untyped-def]
) -> None:
    assert login_as(member).get(GROUP_URL).status_code == 404


def test_private_group_shows_for_its_members(
    login_as,
    member: User,
    private_story: Story,  # type: ignore[no-untyped-def]
) -> None:
    private_story.group.members.add(member)

    response = login_as(member).get(GROUP_URL)

    assert response.status_code == 200
    assert "Rahasia keluarga" in response.content.decode()


def test_private_story_is_not_found_for_outsiders(
    login_as,
    member: User,
    private_story: Story,  # type: ignore[no-untyped-def]
) -> None:
    assert login_as(member).get(f"/komunitas/cerita/{private_story.pk}/").status_code == 404


def test_private_story_is_not_in_outsiders_home_feed(
    client: Client,
    login_as,
    member: User,
    private_story: Story,  # type: ignore[no-untyped-def]
) -> None:
    assert "Rahasia keluarga" not in client.get("/").content.decode()
    assert "Rahasia keluarga" not in login_as(member).get("/").content.decode()


def test_private_story_is_in_members_home_feed(
    login_as,
    member: User,
    private_story: Story,  # type: ignore[no-untyped-def]
) -> None:
    private_story.group.members.add(member)

    assert "Rahasia keluarga" in login_as(member).get("/").content.decode()


def test_private_group_is_not_listed_for_outsiders(
    client: Client, private_group: Group, organisation: Organisation
) -> None:
    Group.objects.create(organisation=organisation, slug="terbuka", name="Grup Terbuka")

    page = client.get("/komunitas/").content.decode()

    assert "Grup Terbuka" in page
    assert "Keluarga Pendamping" not in page


def test_public_group_and_story_show_to_everyone(
    client: Client, organisation: Organisation, member: User
) -> None:
    group = Group.objects.create(organisation=organisation, slug="terbuka", name="Grup Terbuka")
    story = Story.objects.create(group=group, author=member, title="Setahun pulih", body="...")

    assert client.get("/komunitas/g/pulih/terbuka/").status_code == 200
    assert "Setahun pulih" in client.get(f"/komunitas/cerita/{story.pk}/").content.decode()
