"""Pledged totals: exact decimals, caps (and raised caps), several sponsors, rounding."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from suar.accounts.roles import Role
from suar.campaigns.money import round_money
from suar.campaigns.selectors import sponsor_totals
from suar.campaigns.services import add_sponsor, change_cap, record_events
from tests.campaigns.conftest import START, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(make_user):  # type: ignore[no-untyped-def]
    return make_user("rani", role=Role.ORGANISER)


def count(campaign, n: int, minutes: float = 60) -> None:  # type: ignore[no-untyped-def]
    events = [post(f"e{minutes}-{i}", account=f"u{i}", minutes=minutes) for i in range(n)]
    record_events(campaign=campaign, events=events, source="test")


def totals(campaign, **kw) -> dict[str, dict[str, Decimal]]:  # type: ignore[no-untyped-def]
    return {s.sponsor.name: s.by_currency for s in sponsor_totals(campaign, **kw)}


def test_amount_is_interactions_times_rate_in_exact_decimals(campaign, organiser) -> None:  # type: ignore[no-untyped-def]
    add_sponsor(
        user=organiser, campaign=campaign, name="Bank Harapan", rate=Decimal("0.1"), currency="USD"
    )
    count(campaign, 3)
    # 3 x 0.1 is exactly 0.30, not 0.30000000000000004.
    assert totals(campaign) == {"Bank Harapan": {"USD": Decimal("0.30")}}


def test_several_sponsors_and_a_cap(campaign, organiser) -> None:  # type: ignore[no-untyped-def]
    add_sponsor(user=organiser, campaign=campaign, name="A", rate=Decimal("500"))
    add_sponsor(
        user=organiser, campaign=campaign, name="B", rate=Decimal("1000"), cap=Decimal("2500")
    )
    count(campaign, 4)
    assert totals(campaign) == {"A": {"IDR": Decimal("2000")}, "B": {"IDR": Decimal("2500")}}


def test_a_raised_cap_applies_from_when_it_was_raised_and_keeps_history(
    campaign, organiser
) -> None:  # type: ignore[no-untyped-def]
    pledge = add_sponsor(
        user=organiser, campaign=campaign, name="Disney", rate=Decimal("1000"), cap=Decimal("2000")
    )
    count(campaign, 5)
    raised_at = START + timedelta(hours=3)
    change_cap(
        user=organiser,
        pledge=pledge,
        amount=Decimal("4000"),
        effective_from=raised_at,
        note="cap reached, raised",
    )
    assert totals(campaign, at=raised_at - timedelta(minutes=1)) == {
        "Disney": {"IDR": Decimal("2000")}
    }
    assert totals(campaign, at=raised_at) == {"Disney": {"IDR": Decimal("4000")}}
    assert pledge.caps.count() == 2


def test_idr_rounds_to_whole_rupiah_half_to_even(campaign, organiser) -> None:  # type: ignore[no-untyped-def]
    add_sponsor(user=organiser, campaign=campaign, name="Toko", rate=Decimal("0.5"))
    count(campaign, 5)  # 2.5 rupiah -> 2 (half to even)
    assert totals(campaign) == {"Toko": {"IDR": Decimal("2")}}
    assert round_money(Decimal("3.5"), "IDR") == Decimal("4")
    assert round_money(Decimal("0.125"), "USD") == Decimal("0.12")


def test_a_matching_window_counts_only_its_own_hours(campaign, organiser) -> None:  # type: ignore[no-untyped-def]
    add_sponsor(
        user=organiser,
        campaign=campaign,
        name="Pagi",
        rate=Decimal("100"),
        matches_from=START,
        matches_until=START + timedelta(hours=2),
    )
    count(campaign, 2, minutes=30)
    count(campaign, 3, minutes=5 * 60)
    assert totals(campaign) == {"Pagi": {"IDR": Decimal("200")}}


def test_only_organisers_add_sponsors(campaign, member) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        add_sponsor(user=member, campaign=campaign, name="X", rate=Decimal("1"))


def test_a_sponsor_with_pledges_in_two_currencies_has_a_total_per_currency(
    campaign, organiser
) -> None:  # type: ignore[no-untyped-def]
    from suar.campaigns.models import Pledge

    first = add_sponsor(user=organiser, campaign=campaign, name="Global", rate=Decimal("0.05"))
    Pledge.objects.create(sponsor=first.sponsor, rate=Decimal("0.05"), currency="CAD")
    Pledge.objects.create(sponsor=first.sponsor, rate=Decimal("0.015"), currency="CAD")
    count(campaign, 3)
    # IDR: 3 x 0.05 = 0.15 -> 0 rupiah; CAD: 0.15 + 0.045 -> 0.15 + 0.04 (each pledge rounds)
    assert totals(campaign) == {"Global": {"IDR": Decimal("0"), "CAD": Decimal("0.19")}}


def test_only_counted_interactions_earn_money(make_campaign, organiser) -> None:  # type: ignore[no-untyped-def]
    campaign = make_campaign(burst_limit=2)
    add_sponsor(user=organiser, campaign=campaign, name="A", rate=Decimal("1000"))
    flood = [post(f"b{i}", account="bot", minutes=30) for i in range(5)]
    outside = [post("late", account="x", minutes=25 * 60)]
    deleted = [post("d", account="y"), {**post("d"), "action": "delete"}]
    record_events(campaign=campaign, events=flood + outside + deleted, source="test")
    assert totals(campaign) == {"A": {"IDR": Decimal("2000")}}


def test_a_cap_that_is_not_a_whole_rupiah_rounds_like_any_amount(campaign, organiser) -> None:  # type: ignore[no-untyped-def]
    add_sponsor(
        user=organiser, campaign=campaign, name="B", rate=Decimal("1000"), cap=Decimal("2500.50")
    )
    count(campaign, 4)
    assert totals(campaign) == {"B": {"IDR": Decimal("2500")}}  # 2500.50 -> 2500 (half even)
