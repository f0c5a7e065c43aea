"""One's own settings: display name, e-mail and language, remembered on this device too."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from suar.accounts.models import User
from suar.accounts.roles import Role

PROFILE_URL = reverse("accounts:profile")


def test_anonymous_visitors_are_asked_to_log_in(client: Client) -> None:
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={PROFILE_URL}"


def test_saving_settings_updates_the_account(login_as, member: User) -> None:  # type: ignore[no-untyped-def]
    client = login_as(member)

    response = client.post(
        PROFILE_URL, {"display_name": "Putri P.", "email": "putri@example.org", "language": "id"}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Putri P."
    assert member.email == "putri@example.org"


def test_choosing_english_switches_the_interface_and_sets_the_cookie(
    login_as,
    member: User,  # type: ignore[no-untyped-def]
) -> None:
    client = login_as(member)

    response = client.post(PROFILE_URL, {"display_name": "", "email": "", "language": "en"})

    assert response.cookies["suar_language"].value == "en"
    member.refresh_from_db()
    assert member.language == "en"
    page = client.get(PROFILE_URL).content.decode()
    assert '<html lang="en">' in page
    assert "My settings" in page


def test_an_email_used_by_another_account_is_refused(login_as, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("bayu", role=Role.MEMBER, email="bayu@example.org")
    putri = make_user("putri", role=Role.MEMBER)

    response = login_as(putri).post(
        PROFILE_URL, {"display_name": "", "email": "BAYU@example.org", "language": "id"}
    )

    assert response.status_code == 200
    assert "E-mail ini sudah dipakai akun lain." in response.content.decode()
    putri.refresh_from_db()
    assert putri.email == ""


def test_keeping_ones_own_email_is_fine(login_as, make_user) -> None:  # type: ignore[no-untyped-def]
    putri = make_user("putri", role=Role.MEMBER, email="putri@example.org")

    response = login_as(putri).post(
        PROFILE_URL, {"display_name": "", "email": "Putri@example.org", "language": "id"}
    )

    assert response.status_code == 302
