"""The demo campaign's interactions: something to see on the counter, loaded once only."""

from __future__ import annotations

import pytest

from suar.campaigns import demo
from suar.campaigns.models import Interaction

pytestmark = pytest.mark.django_db


def test_demo_interactions_load_once_and_show_every_kind_of_status(campaign, organisation) -> None:  # type: ignore[no-untyped-def]
    demo.load(organisation=organisation, people={}, groups={})
    first = sorted(Interaction.objects.values_list("platform_event_id", "status", "reason"))
    demo.load(organisation=organisation, people={}, groups={})
    assert sorted(Interaction.objects.values_list("platform_event_id", "status", "reason")) == first
    statuses = {(status, reason) for _id, status, reason in first}
    assert {("counted", ""), ("deleted", ""), ("filtered", "burst")} <= statuses
