"""Numbers grouped by thousands the way the reader's language writes them."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def grouped(value: int | Decimal) -> str:
    return number_format(value, force_grouping=True)
