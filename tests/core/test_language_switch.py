"""Indonesian by default; English remembered by cookie and, when signed in, on the account."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from suar.accounts.models import User
from suar.accounts.roles import Role

SWITCH_URL = reverse("core:set_language")
HOME_URL = reverse("core:home")


def test_the_interface_is_indonesian_by_default(client: Client, db: None) -> None:
    page = client.get(HOME_URL).content.decode()

    assert '<html lang="id">' in page
    assert "Cerita terbaru" in page


def test_switching_sets_the_cookie_and_returns_to_the_page(client: Client, db: None) -> None:
    response = client.post(SWITCH_URL, {"language": "en", "next": "/komunitas/"})

    assert response.status_code == 302
    assert response.url == "/komunitas/"
    assert response.cookies["suar_language"].value == "en"
    page = client.get(HOME_URL).content.decode()
    assert '<html lang="en">' in page
    assert "Latest stories" in page


def test_switching_back_to_indonesian(client: Client, db: None) -> None:
    client.cookies["suar_language"] = "en"

    client.post(SWITCH_URL, {"language": "id", "next": "/"})

    assert '<html lang="id">' in client.get(HOME_URL).content.decode()


def test_switching_while_signed_in_saves_the_choice_on_the_account(
    login_as,
    member: User,  # type: ignore[no-untyped-def]
) -> None:
    login_as(member).post(SWITCH_URL, {"language": "en", "next": "/"})

    member.refresh_from_db()
    assert member.language == "en"


def test_an_unknown_language_changes_nothing(login_as, member: User) -> None:  # type: ignore[no-untyped-def]
    response = login_as(member).post(SWITCH_URL, {"language": "fr", "next": "/"})

    assert response.status_code == 400
    assert "suar_language" not in response.cookies
    member.refresh_from_db()
    assert member.language == "id"


def test_switching_needs_a_post(client: Client, db: None) -> None:
    assert client.get(SWITCH_URL, {"language": "en"}).status_code == 405


def test_a_signed_in_persons_language_applies_on_a_new_device(login_as, make_user) -> None:  # type: ignore[no-untyped-def]
    alex = make_user("alex", role=Role.MEMBER, language="en", display_name="Alex")

    page = login_as(alex).get(HOME_URL).content.decode()

    assert '<html lang="en">' in page
    assert "Hello, Alex." in page


def test_this_devices_choice_wins_over_the_saved_language(login_as, make_user) -> None:  # type: ignore[no-untyped-def]
    alex = make_user("alex", role=Role.MEMBER, language="en")
    client = login_as(alex)
    client.cookies["suar_language"] = "id"

    assert '<html lang="id">' in client.get(HOME_URL).content.decode()


def test_an_english_browser_still_starts_in_indonesian(client: Client, db: None) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="id">' in response.content.decode()


def test_the_chosen_language_wins_over_the_browser(client: Client, db: None) -> None:
    client.cookies["suar_language"] = "en"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="id-ID")

    assert '<html lang="en">' in response.content.decode()
