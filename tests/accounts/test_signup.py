"""Signing up: an Argon2-hashed account, a membership, a session; errors in one's language."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import Role

SIGNUP_URL = reverse("accounts:signup")


def signup_data(**overrides: str) -> dict[str, str]:
    data = {
        "username": "bayu",
        "display_name": "Bayu",
        "email": "bayu@example.org",
        "password1": "pelan-pelan-pulih-2026",
        "password2": "pelan-pelan-pulih-2026",
    }
    data.update(overrides)
    return data


def test_signup_creates_an_argon2_hashed_account(
    client: Client, organisation: Organisation
) -> None:
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    user = User.objects.get(username="bayu")
    assert user.password.startswith("argon2")
    assert user.check_password("pelan-pelan-pulih-2026")
    assert user.email == "bayu@example.org"


def test_signup_makes_the_person_a_member_of_the_default_organisation(
    client: Client, organisation: Organisation
) -> None:
    client.post(SIGNUP_URL, signup_data())

    membership = Membership.objects.get(user__username="bayu")
    assert membership.organisation == organisation
    assert membership.role == Role.MEMBER


def test_signup_logs_the_person_in(client: Client, organisation: Organisation) -> None:
    response = client.post(SIGNUP_URL, signup_data(), follow=True)

    assert response.context["user"].username == "bayu"
    assert "Halo, Bayu." in response.content.decode()


def test_signup_remembers_the_interface_language(
    client: Client, organisation: Organisation
) -> None:
    client.cookies["suar_language"] = "en"

    client.post(SIGNUP_URL, signup_data())

    assert User.objects.get(username="bayu").language == "en"


def test_invalid_signup_shows_errors_in_indonesian_by_default(
    client: Client, organisation: Organisation
) -> None:
    response = client.post(SIGNUP_URL, signup_data(username="", password2="something-else-42"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Bidang ini tidak boleh kosong." in page
    assert "Dua bidang sandi tidak cocok." in page
    assert not User.objects.exists()


def test_invalid_signup_shows_errors_in_english_when_chosen(
    client: Client, organisation: Organisation
) -> None:
    client.cookies["suar_language"] = "en"

    response = client.post(SIGNUP_URL, signup_data(username="", password2="something-else-42"))

    page = response.content.decode()
    assert "This field is required." in page
    assert "The two password fields didn\u2019t match." in page


def test_duplicate_email_is_rejected_whatever_its_case(
    client: Client, organisation: Organisation
) -> None:
    User.objects.create_user("putri", email="Putri@Example.org", password="x-long-pass-42")

    response = client.post(SIGNUP_URL, signup_data(email="putri@EXAMPLE.org"))

    assert response.status_code == 200
    assert "E-mail ini sudah dipakai akun lain." in response.content.decode()
    assert not User.objects.filter(username="bayu").exists()


def test_signup_without_email_is_allowed(client: Client, organisation: Organisation) -> None:
    client.post(SIGNUP_URL, signup_data(email=""))

    assert User.objects.get(username="bayu").email == ""


def test_signed_in_people_are_sent_home(login_as, member: User) -> None:  # type: ignore[no-untyped-def]
    response = login_as(member).get(SIGNUP_URL)

    assert response.status_code == 302
    assert response.url == reverse("core:home")


def test_duplicate_username_is_rejected_whatever_its_case(
    client: Client, organisation: Organisation
) -> None:
    User.objects.create_user("Bayu", password="x-long-pass-42")

    response = client.post(SIGNUP_URL, signup_data(username="bayu"))

    assert response.status_code == 200
    assert User.objects.filter(username__iexact="bayu").count() == 1


def test_a_common_password_is_refused_with_an_indonesian_message(
    client: Client, organisation: Organisation
) -> None:
    response = client.post(SIGNUP_URL, signup_data(password1="password", password2="password"))

    assert "Kata sandi ini terlalu umum." in response.content.decode()
    assert not User.objects.exists()
