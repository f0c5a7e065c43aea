"""The Django admin (back office) is for admins only."""

from __future__ import annotations

from django.test import Client

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.accounts.services import set_role


def test_an_admin_can_open_the_admin_site(login_as, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("rina", role=Role.ADMIN, is_staff=True)

    response = login_as(admin).get("/admin/")

    assert response.status_code == 200


def test_a_person_made_admin_can_open_the_admin_site(
    login_as,
    make_user,
    organisation: Organisation,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_user("rina", role=Role.ADMIN, is_staff=True)
    dimas = make_user("dimas", role=Role.MODERATOR)
    set_role(actor=admin, user=dimas, organisation=organisation, role=Role.ADMIN)

    assert login_as(User.objects.get(pk=dimas.pk)).get("/admin/").status_code == 200


def test_a_member_is_sent_to_the_admin_login(login_as, member: User) -> None:  # type: ignore[no-untyped-def]
    response = login_as(member).get("/admin/")

    assert response.status_code == 302
    assert response.url == "/admin/login/?next=/admin/"


def test_anonymous_visitors_are_sent_to_the_admin_login(client: Client, db: None) -> None:
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_the_back_office_link_shows_only_for_admins(login_as, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("rina", role=Role.ADMIN, is_staff=True)
    member = make_user("putri", role=Role.MEMBER)

    assert 'href="/admin/"' in login_as(admin).get("/").content.decode()
    assert 'href="/admin/"' not in login_as(member).get("/").content.decode()


def test_an_admin_who_is_not_a_superuser_can_manage_models(login_as, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("rina", role=Role.ADMIN, is_staff=True)

    index = login_as(admin).get("/admin/")
    users = login_as(admin).get("/admin/accounts/user/")

    assert 'href="/admin/accounts/user/"' in index.content.decode()
    assert users.status_code == 200


def test_a_staff_flag_without_the_admin_role_grants_nothing(login_as, make_user) -> None:  # type: ignore[no-untyped-def]
    moderator = make_user("dimas", role=Role.MODERATOR, is_staff=True)

    assert login_as(moderator).get("/admin/accounts/user/").status_code == 403
