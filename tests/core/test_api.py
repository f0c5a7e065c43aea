"""The HTTP API: a public version endpoint, the safety check for members, and its schema."""

from __future__ import annotations

from django.test import Client

from suar import __version__
from suar.accounts.models import User
from tests.conftest import PASSWORD

ANALYZE_URL = "/api/v1/safety/analyze"


def test_version_is_public(client: Client, db: None) -> None:
    response = client.get("/api/v1/version")

    assert response.status_code == 200
    assert response.json() == {"version": __version__}


def test_safety_check_needs_a_signed_in_person(client: Client, db: None) -> None:
    response = client.post(ANALYZE_URL, {"text": "halo"}, content_type="application/json")

    assert response.status_code == 401


def test_safety_check_needs_a_community_membership(client: Client, db: None) -> None:
    client.force_login(User.objects.create_user("tamu", password=PASSWORD))

    response = client.post(ANALYZE_URL, {"text": "halo"}, content_type="application/json")

    assert response.status_code == 403


def test_safety_check_returns_a_report_to_members(login_as, member: User) -> None:  # type: ignore[no-untyped-def]
    response = login_as(member).post(
        ANALYZE_URL,
        {"text": "Hari ini aku capek banget, tapi besok coba lagi.", "lang": "id"},
        content_type="application/json",
    )

    assert response.status_code == 200
    report = response.json()
    assert {"language", "findings", "blocking"} <= report.keys()
    assert isinstance(report["findings"], list)
    assert isinstance(report["blocking"], bool)


def test_safety_check_rejects_an_unknown_language(login_as, member: User) -> None:  # type: ignore[no-untyped-def]
    response = login_as(member).post(
        ANALYZE_URL, {"text": "halo", "lang": "fr"}, content_type="application/json"
    )

    assert response.status_code == 422


def test_openapi_schema_lists_the_endpoints(client: Client, db: None) -> None:
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/version" in paths
    assert ANALYZE_URL in paths
