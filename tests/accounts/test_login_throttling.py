"""Log-in throttling: five failures lock a username (from one address); others are unaffected."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from suar.accounts.models import User
from suar.accounts.roles import Role
from tests.conftest import PASSWORD

LOGIN_URL = reverse("accounts:login")


def fail_to_log_in(client: Client, username: str, times: int = 5) -> None:
    for _ in range(times):
        client.post(LOGIN_URL, {"username": username, "password": "wrong-guess"})


def test_four_failures_still_allow_the_right_password(client: Client, member: User) -> None:
    fail_to_log_in(client, "putri", times=4)

    response = client.post(LOGIN_URL, {"username": "putri", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_after_five_failures_the_right_password_is_refused(client: Client, member: User) -> None:
    fail_to_log_in(client, "putri")

    response = client.post(LOGIN_URL, {"username": "putri", "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "accounts/lockout.html" in [t.name for t in response.templates]
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()


def test_lockout_does_not_affect_other_usernames(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("putri", role=Role.MEMBER)
    bayu = make_user("bayu", role=Role.MEMBER)
    fail_to_log_in(client, "putri")

    response = client.post(LOGIN_URL, {"username": "bayu", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bayu.pk)
