"""Roles grant capabilities per organisation; one permission helper decides everywhere."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.permissions import has_perm, require_perm
from suar.accounts.roles import ROLE_PERMISSIONS, Perm, Role
from suar.accounts.services import set_role
from tests.conftest import PASSWORD


@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_its_capabilities(make_user, role: Role) -> None:  # type: ignore[no-untyped-def]
    user = make_user("someone", role=role)

    granted = {perm for perm in Perm if has_perm(user, perm)}

    assert granted == set(ROLE_PERMISSIONS[role])


@pytest.mark.parametrize("role", list(Role))
def test_require_perm_refuses_what_the_role_lacks(make_user, role: Role) -> None:  # type: ignore[no-untyped-def]
    user = make_user("someone", role=role)

    for perm in Perm:
        if perm in ROLE_PERMISSIONS[role]:
            require_perm(user, perm)
        else:
            with pytest.raises(PermissionDenied):
                require_perm(user, perm)


def test_roles_are_not_a_ladder() -> None:
    assert Perm.ANSWER_QA in ROLE_PERMISSIONS[Role.EXPERT]
    assert Perm.MODERATE not in ROLE_PERMISSIONS[Role.EXPERT]
    assert Perm.MODERATE in ROLE_PERMISSIONS[Role.MODERATOR]
    assert Perm.COMPOSE_POSTS not in ROLE_PERMISSIONS[Role.MODERATOR]
    assert Perm.ANSWER_QA not in ROLE_PERMISSIONS[Role.ORGANISER]
    assert set(Perm) == set(ROLE_PERMISSIONS[Role.ADMIN])


def test_a_role_in_one_organisation_gives_nothing_in_another(make_user) -> None:  # type: ignore[no-untyped-def]
    moderator = make_user("dimas", role=Role.MODERATOR)
    organisation = moderator.memberships.get().organisation
    other = Organisation.objects.create(name="Rumah Harapan", slug="harapan")

    assert has_perm(moderator, Perm.MODERATE, organisation)
    assert not has_perm(moderator, Perm.MODERATE, other)
    assert not has_perm(moderator, Perm.VIEW_COMMUNITY, other)


def test_roles_in_two_organisations_are_kept_apart(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("rina", role=Role.MEMBER)
    home = user.memberships.get().organisation
    other = Organisation.objects.create(name="Rumah Harapan", slug="harapan")
    Membership.objects.create(user=user, organisation=other, role=Role.ORGANISER)

    assert not has_perm(user, Perm.COMPOSE_POSTS, home)
    assert has_perm(user, Perm.COMPOSE_POSTS, other)
    assert has_perm(user, Perm.COMPOSE_POSTS)  # in any of theirs


def test_inactive_people_may_do_nothing(make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("admin", role=Role.ADMIN, is_active=False)

    assert not any(has_perm(admin, perm) for perm in Perm)


def test_anonymous_visitors_may_do_nothing() -> None:
    assert not any(has_perm(AnonymousUser(), perm) for perm in Perm)


def test_people_without_a_membership_may_do_nothing(db: None) -> None:
    user = User.objects.create_user("tamu", password=PASSWORD)

    assert not any(has_perm(user, perm) for perm in Perm)


@pytest.mark.urls("tests.accounts.perm_urls")
def test_perm_required_sends_anonymous_visitors_to_log_in(client: Client) -> None:
    response = client.get("/test-moderation/")

    assert response.status_code == 302
    assert response.url == "/akun/masuk/?next=/test-moderation/"


@pytest.mark.urls("tests.accounts.perm_urls")
def test_perm_required_shows_the_403_page_to_people_without_the_capability(
    login_as,
    make_user,  # type: ignore[no-untyped-def]
) -> None:
    response = login_as(make_user("putri", role=Role.MEMBER)).get("/test-moderation/")

    assert response.status_code == 403
    assert "Kamu tidak punya akses ke halaman ini" in response.content.decode()


@pytest.mark.urls("tests.accounts.perm_urls")
def test_perm_required_lets_people_with_the_capability_in(login_as, make_user) -> None:  # type: ignore[no-untyped-def]
    response = login_as(make_user("dimas", role=Role.MODERATOR)).get("/test-moderation/")

    assert response.status_code == 200
    assert response.content == b"moderation queue"


def test_set_role_needs_manage_organisation(make_user, organisation: Organisation) -> None:  # type: ignore[no-untyped-def]
    organiser = make_user("rina", role=Role.ORGANISER)
    member = make_user("putri", role=Role.MEMBER)

    with pytest.raises(PermissionDenied):
        set_role(actor=organiser, user=member, organisation=organisation, role=Role.MODERATOR)

    assert Membership.objects.get(user=member).role == Role.MEMBER


def test_set_role_by_an_admin_of_another_organisation_is_refused(make_user) -> None:  # type: ignore[no-untyped-def]
    member = make_user("putri", role=Role.MEMBER)
    other = Organisation.objects.create(name="Rumah Harapan", slug="harapan")
    outsider_admin = User.objects.create_user("luar", password=PASSWORD)
    Membership.objects.create(user=outsider_admin, organisation=other, role=Role.ADMIN)

    with pytest.raises(PermissionDenied):
        set_role(
            actor=outsider_admin,
            user=member,
            organisation=member.memberships.get().organisation,
            role=Role.ADMIN,
        )


def test_set_role_changes_what_the_person_may_do(make_user, organisation: Organisation) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("admin", role=Role.ADMIN)
    member = make_user("putri", role=Role.MEMBER)
    assert not has_perm(member, Perm.MODERATE)

    set_role(actor=admin, user=member, organisation=organisation, role=Role.MODERATOR)

    assert Membership.objects.get(user=member).role == Role.MODERATOR
    assert has_perm(member, Perm.MODERATE)
    assert has_perm(User.objects.get(pk=member.pk), Perm.MODERATE)


def test_set_role_keeps_is_staff_in_step_with_the_admin_role(
    make_user,
    organisation: Organisation,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_user("admin", role=Role.ADMIN)
    member = make_user("putri", role=Role.MEMBER)

    set_role(actor=admin, user=member, organisation=organisation, role=Role.ADMIN)
    assert User.objects.get(pk=member.pk).is_staff

    set_role(actor=admin, user=member, organisation=organisation, role=Role.MEMBER)
    assert not User.objects.get(pk=member.pk).is_staff
