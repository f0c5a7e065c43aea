"""The analytics API: read endpoints for every figure, with an organisation-scoped token
(stored only as a digest) or the signed-in session."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import Role
from suar.analytics import services
from suar.analytics.models import ApiToken
from tests.analytics.history import generate


@pytest.fixture
def token(organiser, organisation) -> str:  # type: ignore[no-untyped-def]
    _row, raw = services.create_token(
        actor=organiser, organisation=organisation, name="Dasbor donatur"
    )
    return raw


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_organisers_make_tokens_on_a_page_that_shows_them_once(login_as, organiser) -> None:  # type: ignore[no-untyped-def]
    client = login_as(organiser)
    page = client.post(
        "/dampak/pulih/token/", {"name": "Laporan bulanan", "days": "90"}
    ).content.decode()
    raw = re.search(r'data-testid="new-token">(suar_[^<]+)<', page).group(1)  # type: ignore[union-attr]
    again = client.get("/dampak/pulih/token/").content.decode()
    assert raw not in again and raw[:12] in again
    row = ApiToken.objects.get()
    assert row.expires_at is not None and row.expires_at > timezone.now() + dt.timedelta(days=89)


def test_the_token_is_stored_only_as_a_digest(token: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM analytics_apitoken")
        stored = " ".join(str(v) for v in cursor.fetchone())
    assert token not in stored and token[12:] not in stored


def test_a_token_reads_its_organisations_figures(client: Client, token: str, organisation) -> None:  # type: ignore[no-untyped-def]
    posts = generate(organisation, posts=25)
    start = (timezone.localdate() - dt.timedelta(days=80)).isoformat()

    response = client.get(f"/api/v1/analytics/posts?start={start}", **bearer(token))

    assert response.status_code == 200
    got = {row["platform_post_id"]: row for row in response.json()}
    expected = {f"gen-{i}": p for i, p in enumerate(posts)}
    assert set(got) == set(expected)
    for pid, post in expected.items():
        latest = post.latest or {}
        for metric in ("likes", "comments", "shares", "reach", "impressions"):
            assert got[pid][metric] == latest.get(metric), (pid, metric)
    for path in ("report", "links", "signups", "health", "comments", "best-times"):
        assert client.get(f"/api/v1/analytics/{path}", **bearer(token)).status_code == 200, path
    assert ApiToken.objects.get().last_used_at is not None


def test_the_report_endpoint_gives_the_dashboards_figures(
    client: Client, token: str, organisation, login_as, organiser
) -> None:  # type: ignore[no-untyped-def]
    generate(organisation, posts=25)
    api = client.get("/api/v1/analytics/report?start=2026-01-01", **bearer(token)).json()
    web = login_as(organiser)
    web.cookies["suar_language"] = "id"
    page = web.get("/dampak/pulih/?start=2026-01-01").content.decode()
    for figure in api["figures"]:
        assert f'data-testid="figure-{figure["key"]}">{figure["display"]}<' in page, figure["key"]
    missing = [f["key"] for f in api["figures"] if f["value"] is None]
    assert "signups" in missing  # no programme: not measured, so null rather than 0


@pytest.mark.parametrize(
    "header", ["Bearer suar_nonsense", "Bearer ", "Basic abc", "Bearer " + "x" * 500]
)
def test_a_bad_token_is_refused(client: Client, header: str, organisation) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/analytics/report", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_a_revoked_or_expired_token_no_longer_opens_anything(
    client: Client, token: str, organiser
) -> None:  # type: ignore[no-untyped-def]
    row = ApiToken.objects.get()
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/api/v1/analytics/report", **bearer(token)).status_code == 401
    ApiToken.objects.filter(pk=row.pk).update(expires_at=None)
    assert client.get("/api/v1/analytics/report", **bearer(token)).status_code == 200
    services.revoke_token(actor=organiser, token=row)
    assert client.get("/api/v1/analytics/report", **bearer(token)).status_code == 401


def test_a_token_dies_with_its_makers_role(client: Client, token: str, organiser) -> None:  # type: ignore[no-untyped-def]
    Membership.objects.filter(user=organiser).update(role=Role.MEMBER)
    assert client.get("/api/v1/analytics/report", **bearer(token)).status_code == 401


def test_a_token_never_reads_another_organisation(client: Client, token: str) -> None:
    Organisation.objects.create(name="Lain", slug="lain")
    response = client.get("/api/v1/analytics/report?organisation=lain", **bearer(token))
    assert response.status_code == 403


def test_the_session_works_too_and_members_are_refused(login_as, organiser, member) -> None:  # type: ignore[no-untyped-def]
    assert login_as(organiser).get("/api/v1/analytics/health").status_code == 200
    assert login_as(member).get("/api/v1/analytics/health").status_code == 403


def test_someone_in_two_organisations_names_one(login_as, organiser) -> None:  # type: ignore[no-untyped-def]
    other = Organisation.objects.create(name="Lain", slug="lain")
    Membership.objects.create(user=organiser, organisation=other, role=Role.ORGANISER)
    client = login_as(User.objects.get(pk=organiser.pk))
    assert client.get("/api/v1/analytics/report").status_code == 422
    assert client.get("/api/v1/analytics/report?organisation=lain").json()["organisation"] == "lain"


def test_a_bad_date_is_a_422_with_the_reason(client: Client, token: str) -> None:
    response = client.get("/api/v1/analytics/report?start=2026-13-01", **bearer(token))
    assert response.status_code == 422
    assert "2026-03-31" in response.json()["detail"]  # the example of the right form


def test_the_endpoints_are_in_the_openapi_schema_with_the_token_scheme(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = [p for p in schema["paths"] if p.startswith("/api/v1/analytics/")]
    assert len(paths) >= 8
    assert "TokenAuth" in schema["components"]["securitySchemes"]
