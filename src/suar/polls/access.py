"""Who may see and vote in a poll: group visibility comes from the community app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from suar.accounts.permissions import AnyUser, has_perm
from suar.accounts.roles import Perm
from suar.community.selectors import in_visible_groups
from suar.polls.models import Poll

# Voting is taking part, like replying; the closest existing capability.
PARTICIPATE = Perm.REPLY


def visible_polls(user: AnyUser) -> QuerySet[Poll]:
    polls = Poll.objects.select_related("organisation", "group")
    if user.is_authenticated and user.is_superuser:
        return polls
    return polls.filter(in_visible_groups(user))


def can_vote(user: AnyUser, poll: Poll) -> bool:
    return (
        has_perm(user, PARTICIPATE, poll.organisation)
        and visible_polls(user).filter(pk=poll.pk).exists()
    )


def require_vote_permission(user: AnyUser, poll: Poll) -> None:
    if not can_vote(user, poll):
        raise PermissionDenied(PARTICIPATE.value)
