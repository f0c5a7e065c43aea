"""The home page and group pages run a bounded number of queries whatever the amount of data."""

from __future__ import annotations

import pytest
from django.test import Client

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.community.models import Group, Story


def add_stories(organisation: Organisation, make_user, groups: int, per_group: int) -> None:  # type: ignore[no-untyped-def]
    for g in range(groups):
        group = Group.objects.create(organisation=organisation, slug=f"grup-{g}", name=f"Grup {g}")
        for s in range(per_group):
            author = User.objects.create(username=f"penulis-{g}-{s}")
            group.members.add(author)
            Story.objects.create(group=group, author=author, title=f"Cerita {g}-{s}", body="...")


@pytest.mark.parametrize("groups", [1, 12])
def test_home_page_queries_are_bounded_for_visitors(
    client: Client,
    organisation: Organisation,
    make_user,
    django_assert_max_num_queries,
    groups: int,  # type: ignore[no-untyped-def]
) -> None:
    add_stories(organisation, make_user, groups=groups, per_group=3)

    with django_assert_max_num_queries(3):
        response = client.get("/")

    assert response.status_code == 200


@pytest.mark.parametrize("groups", [1, 12])
def test_home_page_queries_are_bounded_for_members(
    login_as,
    make_user,
    organisation: Organisation,
    django_assert_max_num_queries,
    groups: int,  # type: ignore[no-untyped-def]
) -> None:
    client = login_as(make_user("putri", role=Role.MEMBER))
    add_stories(organisation, make_user, groups=groups, per_group=3)

    with django_assert_max_num_queries(7):  # + the unread notifications count in the menu
        response = client.get("/")

    assert response.status_code == 200


@pytest.mark.parametrize("stories", [1, 30])
def test_group_page_queries_are_bounded(
    client: Client,
    organisation: Organisation,
    make_user,
    django_assert_max_num_queries,
    stories: int,  # type: ignore[no-untyped-def]
) -> None:
    add_stories(organisation, make_user, groups=1, per_group=stories)

    with django_assert_max_num_queries(3):
        response = client.get("/komunitas/g/pulih/grup-0/")

    assert response.status_code == 200


@pytest.mark.parametrize("groups", [1, 12])
def test_group_list_queries_are_bounded(
    client: Client,
    organisation: Organisation,
    make_user,
    django_assert_max_num_queries,
    groups: int,  # type: ignore[no-untyped-def]
) -> None:
    add_stories(organisation, make_user, groups=groups, per_group=2)

    with django_assert_max_num_queries(2):
        response = client.get("/komunitas/")

    assert response.status_code == 200
