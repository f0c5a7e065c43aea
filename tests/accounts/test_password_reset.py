"""Password reset by e-mail: a working one-time link, and no hint whether an address exists."""

from __future__ import annotations

import re

from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse

from suar.accounts.roles import Role

RESET_URL = reverse("accounts:password_reset")
NEW_PASSWORD = "lembaran-baru-2026"


def without_csrf_tokens(html: bytes) -> str:
    return re.sub(
        r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", html.decode()
    )


def reset_link(message: EmailMessage) -> str:
    match = re.search(r"http://testserver(/akun/sandi/atur/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_reset_sends_an_email_with_a_link(client: Client, make_user, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    make_user("putri", role=Role.MEMBER, email="putri@example.org")

    response = client.post(RESET_URL, {"email": "PUTRI@example.org"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["putri@example.org"]
    assert reset_link(mailoutbox[0])


def test_the_link_sets_a_new_password_that_logs_in(client: Client, make_user, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    user = make_user("putri", role=Role.MEMBER, email="putri@example.org")
    client.post(RESET_URL, {"email": "putri@example.org"})

    form_page = client.get(reset_link(mailoutbox[0]), follow=True)
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Kata sandimu sudah diganti" in done.content.decode()

    response = client.post(
        reverse("accounts:login"), {"username": "putri", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_link_works_only_once(client: Client, make_user, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    make_user("putri", role=Role.MEMBER, email="putri@example.org")
    client.post(RESET_URL, {"email": "putri@example.org"})
    link = reset_link(mailoutbox[0])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert again.context["validlink"] is False


def test_unknown_email_gets_the_same_answer_and_no_mail(
    client: Client,
    make_user,
    mailoutbox,  # type: ignore[no-untyped-def]
) -> None:
    make_user("putri", role=Role.MEMBER, email="putri@example.org")
    known = client.post(RESET_URL, {"email": "putri@example.org"}, follow=True)
    mailoutbox.clear()

    unknown = client.post(RESET_URL, {"email": "nobody@example.org"}, follow=True)

    assert unknown.redirect_chain == known.redirect_chain
    assert without_csrf_tokens(unknown.content) == without_csrf_tokens(known.content)
    assert "Cek e-mailmu" in unknown.content.decode()
    assert mailoutbox == []
