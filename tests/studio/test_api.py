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
