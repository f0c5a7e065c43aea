"""Pledged amounts, computed exactly with Decimal: count x rate, capped, rounded half-even.

Rule (docs/campaigns.md): for each pledge, take the counted interactions that happened inside
its matching window, multiply by its rate, limit by the cap in force (the latest cap entry
whose `effective_from` is not after the moment of computing), then round to the currency's
minor unit with ROUND_HALF_EVEN (banker's rounding). A sponsor's total is the sum of its
pledges' rounded amounts, per currency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal

from suar.campaigns.models import Pledge, PledgeCap

# ISO 4217 minor units for currencies people are likely to pledge in; others default to 2.
MINOR_UNITS = {"IDR": 0, "JPY": 0, "KRW": 0, "VND": 0, "USD": 2, "EUR": 2, "CAD": 2, "SGD": 2}


def minor_unit(currency: str) -> Decimal:
    return Decimal(1).scaleb(-MINOR_UNITS.get(currency.upper(), 2))


def round_money(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_EVEN)


def cap_in_force(caps: list[PledgeCap], at: datetime) -> Decimal | None:
    """The latest cap that started at or before `at`; None means no cap."""
    current: Decimal | None = None
    for cap in sorted(caps, key=lambda c: (c.effective_from, c.pk or 0)):
        if cap.effective_from <= at:
            current = cap.amount
    return current


@dataclass(frozen=True)
class PledgeAmount:
    pledge: Pledge
    interactions: int
    uncapped: Decimal
    cap: Decimal | None
    amount: Decimal  # capped and rounded

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.uncapped > self.cap


def pledge_amount(
    pledge: Pledge, interactions: int, caps: list[PledgeCap], at: datetime
) -> PledgeAmount:
    uncapped = Decimal(interactions) * pledge.rate
    cap = cap_in_force(caps, at)
    amount = uncapped if cap is None else min(uncapped, cap)
    return PledgeAmount(pledge, interactions, uncapped, cap, round_money(amount, pledge.currency))
