"""`POST /api/v1/safety/analyze` with bad input: a report or a clear error, never a crash."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from suar.accounts.models import User

ANALYZE_URL = "/api/v1/safety/analyze"


@pytest.fixture
def api(login_as, member: User) -> Client:  # type: ignore[no-untyped-def]
    return login_as(member)


def post(client: Client, body: bytes | dict[str, object]) -> tuple[int, dict[str, object]]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = client.post(ANALYZE_URL, data, content_type="application/json")
    return response.status_code, response.json()


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😭😭😭🙏", "aku\x00pengen\x00mati", "\x1b[31mhalo\x1b[0m", "\u200b\u200b"],
)
def test_odd_texts_get_a_report(api: Client, text: str) -> None:
    status, report = post(api, {"text": text})

    assert status == 200
    assert report["text_length"] == len(text)
    assert isinstance(report["findings"], list)


def test_control_characters_do_not_hide_a_crisis(api: Client) -> None:
    _, report = post(api, {"text": "aku\x00pengen\x00mati"})

    assert any(f["category"] == "crisis" for f in report["findings"])  # type: ignore[index, union-attr]
    assert report["blocking"] is True


def test_invalid_utf8_is_a_clear_error(api: Client) -> None:
    # JSON must be UTF-8 (RFC 8259): the body is refused as a whole, before any analysis.
    status, body = post(api, b'{"text": "halo \xff\xfe dunia"}')

    assert status == 400
    assert body == {"detail": "Cannot parse request body"}


def test_malformed_json_is_a_clear_error(api: Client) -> None:
    status, body = post(api, b'{"text": "halo"')

    assert status == 400
    assert body == {"detail": "Cannot parse request body"}


def test_a_megabyte_is_refused_with_the_limit_named(api: Client) -> None:
    status, body = post(api, {"text": "halo " * 210_000})

    assert status == 422
    assert "100000" in json.dumps(body) or "100,000" in json.dumps(body)


def test_the_longest_accepted_text_is_analysed(api: Client) -> None:
    text = ("Semangat ya teman-teman. " * 4000)[:100_000]
    status, report = post(api, {"text": text})

    assert status == 200
    assert report["text_length"] == 100_000


def test_missing_text_is_a_field_error(api: Client) -> None:
    status, body = post(api, {"lang": "id"})

    assert status == 422
    assert "text" in json.dumps(body)


def test_unknown_context_is_a_field_error(api: Client) -> None:
    status, _ = post(api, {"text": "halo", "context": "tweet"})

    assert status == 422
