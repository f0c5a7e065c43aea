"""The deletion rule and the spam rules: stated, order-independent, shown with reasons."""

from __future__ import annotations

import pytest

from suar.campaigns.models import Interaction
from suar.campaigns.services import record_events
from tests.campaigns.conftest import post

pytestmark = pytest.mark.django_db


def status_of(campaign, event_id: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    row = Interaction.objects.get(campaign=campaign, platform_event_id=event_id)
    return row.status, row.reason


def delete(event_id: str, minutes: float) -> dict[str, object]:
    return {**post(event_id, minutes=minutes), "action": "delete"}


def test_a_deletion_inside_the_window_stops_the_interaction_counting(campaign) -> None:  # type: ignore[no-untyped-def]
    record_events(campaign=campaign, events=[post("1"), post("2")], source="test")
    record_events(campaign=campaign, events=[delete("1", minutes=90)], source="test")
    assert status_of(campaign, "1") == ("deleted", "")
    assert status_of(campaign, "2") == ("counted", "")


def test_a_deletion_after_the_window_leaves_the_final_count_alone(campaign) -> None:  # type: ignore[no-untyped-def]
    record_events(campaign=campaign, events=[post("1"), delete("1", minutes=25 * 60)], source="t")
    assert status_of(campaign, "1") == ("counted", "")


def test_a_deletion_that_arrives_before_its_post_still_applies(campaign) -> None:  # type: ignore[no-untyped-def]
    record_events(campaign=campaign, events=[delete("1", minutes=90)], source="test")
    record_events(campaign=campaign, events=[post("1")], source="test")
    assert status_of(campaign, "1") == ("deleted", "")


def test_an_unrepost_is_a_deletion_of_the_repost(campaign) -> None:  # type: ignore[no-untyped-def]
    repost = post("r1", action="repost", text="")
    record_events(campaign=campaign, events=[repost], source="test")
    record_events(campaign=campaign, events=[{**repost, "action": "unrepost"}], source="test")
    assert status_of(campaign, "r1") == ("deleted", "")


def test_an_account_over_the_per_minute_limit_counts_only_up_to_it(make_campaign) -> None:  # type: ignore[no-untyped-def]
    campaign = make_campaign(burst_limit=3)
    events = [post(f"b{i}", account="bot@spam", minutes=10 + i / 100) for i in range(5)]
    record_events(campaign=campaign, events=[*events, post("ok", account="putri")], source="t")
    assert [status_of(campaign, f"b{i}")[1] for i in range(5)] == ["", "", "", "burst", "burst"]
    assert status_of(campaign, "ok") == ("counted", "")


def test_the_same_text_from_many_accounts_is_filtered(make_campaign) -> None:  # type: ignore[no-untyped-def]
    campaign = make_campaign(duplicate_text_accounts=3)
    promo = "Follow kami untuk promo spesial! #SuarHarapan"
    events = [post(f"p{i}", account=f"bot{i}", text=promo) for i in range(4)]
    short = [post(f"s{i}", account=f"u{i}", text="#SuarHarapan") for i in range(4)]
    record_events(campaign=campaign, events=events + short, source="test")
    assert {status_of(campaign, f"p{i}") for i in range(4)} == {("filtered", "duplicate_text")}
    assert {status_of(campaign, f"s{i}") for i in range(4)} == {("counted", "")}


def test_filters_follow_the_rules_when_they_change(make_campaign) -> None:  # type: ignore[no-untyped-def]
    campaign = make_campaign(burst_limit=1)
    events = [post(f"b{i}", account="fast", minutes=5) for i in range(3)]
    record_events(campaign=campaign, events=events, source="test")
    assert Interaction.objects.filter(status="counted").count() == 1
    campaign.burst_limit = 10
    campaign.save()
    from suar.campaigns.filters import refresh_filters

    refresh_filters(campaign)
    assert Interaction.objects.filter(status="counted").count() == 3
