"""Error pages are Suar's own, in the person's language, and never show a stack trace."""

from __future__ import annotations

from django.http import Http404
from django.test import Client, RequestFactory
from django.utils import translation

from suar.core.views import page_not_found, server_error


def test_unknown_page_shows_suars_404(client: Client, db: None) -> None:
    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "Halaman ini tidak ditemukan" in page
    assert '<html lang="id">' in page


def test_404_page_follows_the_chosen_language(client: Client, db: None) -> None:
    client.cookies["suar_language"] = "en"

    response = client.get("/tidak-ada/")

    assert "We couldn't find this page" in response.content.decode()


def test_server_error_page_is_bilingual_and_has_no_traceback(rf: RequestFactory) -> None:
    response = server_error(rf.get("/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert "Maaf, ada yang salah" in page
    assert "Sorry, something went wrong" in page
    assert "Traceback" not in page


def test_404_page_renders_even_before_the_user_is_known(rf: RequestFactory, db: None) -> None:
    with translation.override("id"):
        response = page_not_found(rf.get("/tidak-ada/"), Http404())

    assert response.status_code == 404
    assert "Halaman ini tidak ditemukan" in response.content.decode()
