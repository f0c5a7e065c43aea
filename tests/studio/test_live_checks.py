"""The live-check panel (HTMX) and its one-click fixes."""

from __future__ import annotations

import html
import json
import re

import pytest

pytestmark = pytest.mark.django_db


def _check(client, text: str) -> str:  # type: ignore[no-untyped-def]
    response = client.post("/studio/periksa/", {"text": text}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def _replace_buttons(page: str) -> list[dict[str, object]]:
    return [json.loads(html.unescape(v)) for v in re.findall(r'hx-vals="([^"]+)"', page)]


def test_compose_page_has_the_live_check_wiring(login_as, writer) -> None:
    page = login_as(writer).get("/studio/baru/?jenis=story").content.decode()
    assert 'hx-post="/studio/periksa/"' in page
    assert 'hx-trigger="keyup changed delay:600ms"' in page
    assert "Dulu aku" in page  # the story template prefilled


def test_stigma_word_offers_a_replacement(login_as, writer) -> None:
    page = _check(login_as(writer), "Dia seorang mantan pecandu yang hebat.")
    assert "mantan pecandu" in page
    buttons = _replace_buttons(page)
    assert {"original": "mantan pecandu", "replacement": "orang dalam pemulihan"}.items() <= (
        buttons[0].items()
    )


def test_committed_suicide_becomes_died_by_suicide(login_as, writer) -> None:
    client = login_as(writer)
    text = "The singer committed suicide in 2019. Call 119 if you need help."
    buttons = [b for b in _replace_buttons(_check(client, text)) if b.get("action") == "replace"]
    assert buttons[0]["replacement"] == "died by suicide"
    response = client.post("/studio/ubah-teks/", {"text": text, **buttons[0]})
    page = response.content.decode()
    assert "The singer died by suicide in 2019." in page
    assert 'hx-swap-oob="innerHTML"' in page  # the panel is refreshed for the new text


def test_suicide_topic_without_help_shows_missing_resource(login_as, writer) -> None:
    client = login_as(writer)
    text = "Bunuh diri bisa dicegah. Kenali tandanya."
    page = _check(client, text)
    assert 'data-rule="S10"' in page
    fixed = client.post("/studio/ubah-teks/", {"text": text, "action": "help"}).content.decode()
    assert "Healing119.id" in fixed and "119 ext 8" in fixed
    assert 'data-rule="S10"' not in fixed


def test_personal_data_and_readability_are_shown(login_as, writer) -> None:
    page = _check(login_as(writer), "Hubungi aku di 081234567890 ya.")
    assert "081234567890" in page
    assert "/100" in page


def test_unsafe_and_misspelled_hashtags_are_warned(login_as, writer) -> None:
    client = login_as(writer)
    client.cookies["suar_language"] = "en"
    page = html.unescape(_check(client, "Semangat! #proana #kesehatanmentl"))
    assert "#proana is unsafe: pro-anorexia" in page
    assert "#kesehatanmentl may be misspelled: did you mean #kesehatanmental?" in page
