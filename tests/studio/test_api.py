"""The Studio API: the same services and permission checks as the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from suar.publishing.models import Publication

pytestmark = pytest.mark.django_db


def test_compose_check_review_approve_schedule(login_as, writer, reviewer, export_account) -> None:
    client = login_as(writer)
    created = client.post(
        "/api/v1/studio/posts",
        {"kind": "story", "title": "Cerita", "text": "Dulu aku pecandu. Sekarang aku pulih."},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    check = client.post(
        "/api/v1/studio/check", {"text": "He committed suicide."}, content_type="application/json"
    ).json()
    assert check["replacements"][0]["replacement"] == "died by suicide"
    assert check["missing_help"] is True
    worried = client.post(
        "/api/v1/studio/check",
        {"text": "My brother wants to kill himself, what do I do?"},
        content_type="application/json",
    ).json()
    # A post about someone else at risk still needs help resources for its readers.
    assert worried["missing_help"] is True
    assert worried["sensitive"] is True
    assert [f["category"] for f in worried["report"]["findings"]] == ["concern"]
    assert client.post(f"/api/v1/studio/posts/{pk}/submit").json()["status"] == "review"
    assert client.post(f"/api/v1/studio/posts/{pk}/approve").status_code == 403
    approved = login_as(reviewer).post(f"/api/v1/studio/posts/{pk}/approve")
    assert approved.json()["status"] == "approved"
    client = login_as(writer)
    client.cookies["suar_language"] = "en"
    past = client.post(
        f"/api/v1/studio/posts/{pk}/schedule",
        {"scheduled_at": "2020-01-01T09:00:00+07:00", "account_ids": [export_account.pk]},
        content_type="application/json",
    )
    assert past.status_code == 400 and "passed" in past.json()["detail"]
    when = (timezone.now() + dt.timedelta(days=1)).isoformat()
    scheduled = client.post(
        f"/api/v1/studio/posts/{pk}/schedule",
        {"scheduled_at": when, "account_ids": [export_account.pk]},
        content_type="application/json",
    )
    assert scheduled.json()["state"] == "scheduled"
    assert Publication.objects.get().account == export_account


def test_member_cannot_use_the_api(login_as, member) -> None:
    client = login_as(member)
    assert client.get("/api/v1/studio/posts").status_code == 403
    response = client.post("/api/v1/studio/check", {"text": "x"}, content_type="application/json")
    assert response.status_code == 403


def test_a_post_joins_and_leaves_a_campaign_through_the_api(login_as, writer, organisation) -> None:  # type: ignore[no-untyped-def]
    from suar.campaigns.models import Campaign

    Campaign.objects.create(
        organisation=organisation,
        name="Hari Bicara",
        slug="hari-bicara",
        starts_at=timezone.now(),
        ends_at=timezone.now() + dt.timedelta(days=3),
    )
    client = login_as(writer)
    client.cookies["suar_language"] = "en"
    body = {"kind": "tip", "title": "t", "text": "Halo", "campaign": "hari-bicara"}
    created = client.post("/api/v1/studio/posts", body, content_type="application/json").json()
    assert created["campaign"] == "hari-bicara" and created["campaign_deleted"] is False

    unknown = client.put(
        f"/api/v1/studio/posts/{created['id']}",
        {**body, "campaign": "nope"},
        content_type="application/json",
    )
    assert unknown.status_code == 400 and "Unknown campaign: nope." in unknown.json()["detail"]
    kept = client.put(
        f"/api/v1/studio/posts/{created['id']}",
        {"kind": "tip", "title": "t", "text": "Halo lagi"},
        content_type="application/json",
    ).json()
    assert kept["campaign"] == "hari-bicara"  # left out: unchanged
    left = client.put(
        f"/api/v1/studio/posts/{created['id']}",
        {**body, "campaign": ""},
        content_type="application/json",
    ).json()
    assert left["campaign"] is None
