"""Searching stories finds what the person may read, and never by an author's name."""

from __future__ import annotations

import pytest

from suar.community.controls.models import Block
from tests.community.factories import make_group, make_person, make_story

pytestmark = pytest.mark.django_db


def _search(client, query: str, user=None) -> str:  # type: ignore[no-untyped-def]
    client.cookies["suar_language"] = "en"
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.get("/komunitas/cari/", {"q": query}).content.decode()


def test_search_finds_public_stories_by_every_word(client, organisation) -> None:  # type: ignore[no-untyped-def]
    rina = make_person(organisation, "rina")
    group = make_group(organisation, members=(rina,))
    make_story(group, rina, title="Pagi yang tenang", body="Jalan pagi bersama anjingku.")
    make_story(group, rina, title="Malam", body="Tidur lebih awal.")
    page = _search(client, "pagi anjing")
    assert "Pagi yang tenang" in page and "Malam" not in page
    assert "Type at least 2 characters" in _search(client, "a")


def test_search_never_reaches_private_anonymous_or_blocked_authors(client, organisation) -> None:  # type: ignore[no-untyped-def]
    rina = make_person(organisation, "rina", display_name="Rina Wijaya")
    budi = make_person(organisation, "budi")
    private = make_group(organisation, "keluarga", private=True, members=(rina,))
    public = make_group(organisation, members=(rina, budi))
    make_story(private, rina, title="Rahasia pulih")
    make_story(public, rina, title="Tanpa nama pulih", anonymous=True, pseudonym="Rusa Tenang")
    make_story(public, rina, title="Cerita pulih Rina")
    assert "Rahasia pulih" not in _search(client, "pulih", budi)
    assert "Tanpa nama pulih" not in _search(client, "Wijaya", budi)  # names are not searched
    Block.objects.create(blocker=rina, blocked=budi)
    page = _search(client, "pulih", budi)
    assert "Cerita pulih Rina" not in page and "Tanpa nama pulih" in page
    api = client.get("/api/v1/community/search", {"q": "pulih"}).json()
    assert [s["title"] for s in api] == ["Tanpa nama pulih"] and api[0]["author"] == "Rusa Tenang"
