"""The health endpoint that deployments and uptime checks poll."""

from __future__ import annotations

from django.test import Client


def test_health_answers_ok_when_the_database_answers(client: Client, db: None) -> None:
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"


def test_health_is_never_cached(client: Client, db: None) -> None:
    response = client.get("/health/")

    assert "no-cache" in response["Cache-Control"]


def test_health_is_reachable_over_plain_http_when_https_is_on(
    client: Client,
    db: None,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/health/").status_code == 200
    assert client.get("/").status_code == 301


def test_health_and_home_answer_head_requests_as_uptime_monitors_send_them(
    client: Client, db: None
) -> None:
    assert client.head("/health/").status_code == 200
    assert client.head("/").status_code == 200
