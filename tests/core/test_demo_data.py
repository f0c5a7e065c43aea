"""The demo community: every role, groups and stories in both languages, loaded idempotently."""

from __future__ import annotations

from django.test import Client

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import Role
from suar.community.models import Group, Story
from suar.core.demo import DEMO_PASSWORD, load_demo_community


def counts() -> tuple[int, int, int, int, int]:
    return (
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Group.objects.count(),
        Story.objects.count(),
    )


def test_demo_has_a_person_for_every_role(db: None) -> None:
    load_demo_community()

    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)


def test_demo_has_groups_and_stories_in_both_languages(db: None) -> None:
    load_demo_community()

    assert set(Story.objects.values_list("language", flat=True)) == {"id", "en"}
    assert set(Group.objects.values_list("language", flat=True)) == {"id", "en"}
    assert Group.objects.filter(visibility=Group.Visibility.PRIVATE).exists()


def test_loading_the_demo_twice_duplicates_nothing(db: None) -> None:
    load_demo_community()
    before = counts()

    logins = load_demo_community()

    assert counts() == before
    assert len(logins) == User.objects.count()


def test_demo_logins_work(client: Client, db: None) -> None:
    load_demo_community()

    response = client.post("/akun/masuk/", {"username": "member", "password": DEMO_PASSWORD})

    assert response.status_code == 302


def test_the_demo_admin_can_open_the_back_office(client: Client, db: None) -> None:
    load_demo_community()
    client.force_login(User.objects.get(username="admin"))

    assert client.get("/admin/").status_code == 200


def test_the_demo_has_a_session_a_challenge_a_poll_and_a_campaign(db: None) -> None:
    from suar.campaigns.models import Campaign
    from suar.challenges.models import Challenge
    from suar.core.demo import load_demo_community
    from suar.polls.models import Poll
    from suar.qa.models import QASession

    load_demo_community()
    load_demo_community()

    assert QASession.objects.count() == 1
    assert Challenge.objects.count() == 1
    assert Poll.objects.count() == 1
    assert Campaign.objects.get().sponsors.count() == 1
