"""Logging in with a username and password, and logging out with a POST."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from suar.accounts.models import User
from tests.conftest import PASSWORD

LOGIN_URL = reverse("accounts:login")
LOGOUT_URL = reverse("accounts:logout")


def test_correct_password_logs_in_and_goes_home(client: Client, member: User) -> None:
    response = client.post(LOGIN_URL, {"username": "putri", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert client.session["_auth_user_id"] == str(member.pk)


def test_log_in_returns_to_the_page_asked_for(client: Client, member: User) -> None:
    profile = reverse("accounts:profile")

    response = client.post(LOGIN_URL, {"username": "putri", "password": PASSWORD, "next": profile})

    assert response.url == profile


def test_wrong_password_shows_an_error_and_no_session(client: Client, member: User) -> None:
    response = client.post(LOGIN_URL, {"username": "putri", "password": "not-the-password"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'role="alert"' in response.content.decode()


def test_log_out_by_post_ends_the_session(login_as, member: User) -> None:  # type: ignore[no-untyped-def]
    client = login_as(member)

    response = client.post(LOGOUT_URL)

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_log_out_by_get_is_refused(login_as, member: User) -> None:  # type: ignore[no-untyped-def]
    client = login_as(member)

    response = client.get(LOGOUT_URL)

    assert response.status_code == 405
    assert client.session["_auth_user_id"] == str(member.pk)
