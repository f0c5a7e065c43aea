"""Template helpers for the Studio: translated state names."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATE_LABELS = {
    "draft": _("Draft"),
    "review": _("In review"),
    "approved": _("Approved"),
    "scheduled": _("Scheduled"),
    "publishing": _("Publishing"),
    "published": _("Published"),
    "failed": _("Failed"),
    "unknown": _("Checking the platform"),
    "cancelled": _("Cancelled"),
}


@register.filter
def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))
