"""Who may see and join a challenge: group visibility comes from the community app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from suar.accounts.permissions import AnyUser, has_perm
from suar.accounts.roles import Perm
from suar.challenges.models import Challenge
from suar.community.selectors import in_visible_groups

# Joining and checking in are private acts that show nothing to others unless the person
# opts in, so any community member may take part.
PARTICIPATE = Perm.VIEW_COMMUNITY


def visible_challenges(user: AnyUser) -> QuerySet[Challenge]:
    challenges = Challenge.objects.select_related("organisation", "group")
    if user.is_authenticated and user.is_superuser:
        return challenges
    return challenges.filter(in_visible_groups(user))


def can_join(user: AnyUser, challenge: Challenge) -> bool:
    return (
        has_perm(user, PARTICIPATE, challenge.organisation)
        and visible_challenges(user).filter(pk=challenge.pk).exists()
    )


def require_participation(user: AnyUser, challenge: Challenge) -> None:
    if not can_join(user, challenge):
        raise PermissionDenied(PARTICIPATE.value)
