"""{% unread_notices %}: the number beside "Notifications" in the menu (one COUNT query)."""

from __future__ import annotations

from django import template

from suar.accounts.models import User
from suar.community.notices.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context: template.Context) -> int:
    user = context.get("user")
    return unread_count(user) if isinstance(user, User) else 0
