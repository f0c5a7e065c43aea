"""The moderators' figures: queue size, time to decision, crisis alerts and response times,
harassment rate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from suar.community.models import Status
from suar.moderation import decisions
from suar.moderation.models import CrisisAlert, QueueItem
from suar.moderation.selectors import dashboard
from suar.moderation.services import queue_item
from tests.community.factories import make_story
from tests.moderation.conftest import as_

pytestmark = pytest.mark.django_db


def test_figures_are_computed_from_what_happened(
    client, group, author, organisation, moderator
) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    for minutes, action in [(10, "hide"), (30, "approve")]:
        story = make_story(group, author, status=Status.HELD)
        entry = queue_item(
            item=story, organisation=organisation, category="harassment", risk=0.7, findings=[]
        )
        QueueItem.objects.filter(pk=entry.pk).update(created_at=now - timedelta(minutes=minutes))
        decisions.decide(actor=moderator, entry=entry, action=action, reason="Kasar sekali")
    waiting = make_story(group, author, status=Status.CRISIS_REVIEW)
    queue_item(item=waiting, organisation=organisation, category="crisis", risk=1.0, findings=[])
    CrisisAlert.objects.create(
        organisation=organisation,
        created_at=now - timedelta(minutes=20),
        first_contact_at=now - timedelta(minutes=15),
    )
    make_story(group, author)  # an ordinary post
    figures = dashboard([organisation.pk])
    assert figures.queue_size == 1 and figures.crisis_waiting == 1
    assert figures.decisions == 2 and 9 < figures.median_decision_minutes < 31
    assert figures.alerts == 2 and figures.alerts_contacted == 1 and figures.alerts_waiting == 1
    assert figures.median_response_minutes == 5.0
    assert figures.posts == 4 and figures.harassment == 1
    assert figures.harassment_percent == "25.0%"
    page = as_(client, moderator).get(reverse("moderation:dashboard")).content.decode()
    assert "25.0%" in page and "median time from alert to first contact" in page
    api = client.get("/api/v1/moderation/dashboard").json()
    assert api["queue_size"] == 1 and api["harassment_rate"] == 0.25


def test_only_moderators_see_the_figures(client, reader) -> None:  # type: ignore[no-untyped-def]
    assert as_(client, reader).get(reverse("moderation:dashboard")).status_code == 403
    assert client.get("/api/v1/moderation/dashboard").status_code == 403
