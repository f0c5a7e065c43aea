"""Who may decide what in the review queue: the rules in one place.

Organisation moderators (Perm.MODERATE) decide everything in their organisation. A group's
own moderators decide the non-crisis items of that group, with the lighter actions only:
suspensions and bans reach the whole organisation, and crises need a trained moderator.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from suar.accounts.models import Membership, User
from suar.accounts.permissions import AnyUser, has_perm
from suar.accounts.roles import ROLE_PERMISSIONS, Perm
from suar.community.models import Group
from suar.moderation.models import Decision, QueueItem

GROUP_MODERATOR_ACTIONS = frozenset(
    {
        Decision.Action.APPROVE,
        Decision.Action.HIDE,
        Decision.Action.CONTENT_WARNING,
        Decision.Action.WARN,
    }
)
MODERATOR_ROLES = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.MODERATE in perms]


def moderated_organisation_ids(user: AnyUser) -> list[int]:
    if not user.is_authenticated or not user.is_active:
        return []
    # Kept on the user object for the request, like accounts.permissions.roles_of.
    cached: list[int] | None = user.__dict__.get("_suar_moderated_orgs")
    if cached is None:
        memberships = Membership.objects.filter(user_id=user.pk)
        if not user.is_superuser:
            memberships = memberships.filter(role__in=MODERATOR_ROLES)
        cached = list(memberships.values_list("organisation_id", flat=True))
        user.__dict__["_suar_moderated_orgs"] = cached
    return cached


def moderated_group_ids(user: AnyUser) -> list[int]:
    """Groups this person moderates as a group moderator (with a membership there)."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[int] | None = user.__dict__.get("_suar_moderated_groups")
    if cached is None:
        member_orgs = Membership.objects.filter(user_id=user.pk).values("organisation_id")
        cached = list(
            Group.objects.filter(moderators=user, organisation_id__in=member_orgs).values_list(
                "pk", flat=True
            )
        )
        user.__dict__["_suar_moderated_groups"] = cached
    return cached


def queue_scope(user: AnyUser) -> Q:
    """The queue items this person may see: all of their organisations', plus the
    non-crisis items of the groups they moderate."""
    scope = Q(organisation_id__in=moderated_organisation_ids(user))
    groups = moderated_group_ids(user)
    if groups:
        scope |= Q(group_id__in=groups, is_crisis=False)
    return scope


def can_see_queue(user: AnyUser) -> bool:
    return bool(moderated_organisation_ids(user) or moderated_group_ids(user))


def is_organisation_moderator(user: AnyUser, entry: QueueItem) -> bool:
    return has_perm(user, Perm.MODERATE, entry.organisation)


def can_view_item(user: AnyUser, entry: QueueItem) -> bool:
    if is_organisation_moderator(user, entry):
        return True
    if entry.is_crisis or entry.group_id is None or not isinstance(user, User):
        return False
    return entry.group_id in moderated_group_ids(user)


def require_decide(user: AnyUser, entry: QueueItem, action: str) -> None:
    """Raise PermissionDenied unless the person may take `action` on this item."""
    if is_organisation_moderator(user, entry):
        return
    if can_view_item(user, entry) and action in GROUP_MODERATOR_ACTIONS:
        return
    raise PermissionDenied(Perm.MODERATE.value)
