"""Who may see, join, moderate and answer a Q&A session: the rules in one place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from suar.accounts.models import Membership
from suar.accounts.permissions import AnyUser, has_perm
from suar.accounts.roles import ROLE_PERMISSIONS, Perm
from suar.community.selectors import in_visible_groups
from suar.qa.models import QASession

# Asking and upvoting is taking part in a conversation, like replying to a story.
PARTICIPATE = Perm.REPLY


def moderated_organisation_ids(user: AnyUser) -> list[int]:
    """Organisations where the person moderates; their sessions are all visible to them."""
    if not user.is_authenticated or not user.is_active:
        return []
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.MODERATE in perms]
    return list(
        Membership.objects.filter(user=user, role__in=roles).values_list(
            "organisation_id", flat=True
        )
    )


def visible_sessions(user: AnyUser) -> QuerySet[QASession]:
    """Open sessions and public-group sessions for everyone; private-group sessions for the
    group's members, the session's expert and the organisation's moderators."""
    sessions = QASession.objects.select_related("organisation", "group", "expert")
    if user.is_authenticated and user.is_superuser:
        return sessions
    # Group visibility is the community app's rule; reuse it rather than restate it.
    rule = in_visible_groups(user)
    if user.is_authenticated:
        rule |= Q(expert=user) | Q(organisation_id__in=moderated_organisation_ids(user))
    return sessions.filter(rule)


def can_view(user: AnyUser, session: QASession) -> bool:
    return visible_sessions(user).filter(pk=session.pk).exists()


def can_participate(user: AnyUser, session: QASession) -> bool:
    return has_perm(user, PARTICIPATE, session.organisation) and can_view(user, session)


def can_moderate(user: AnyUser, session: QASession) -> bool:
    return has_perm(user, Perm.MODERATE, session.organisation)


def is_session_expert(user: AnyUser, session: QASession) -> bool:
    """Only the expert named on the session answers, and only while they hold the capability."""
    if not has_perm(user, Perm.ANSWER_QA, session.organisation):
        return False
    return user.is_superuser or session.expert_id == user.pk


def require_participation(user: AnyUser, session: QASession) -> None:
    if not can_participate(user, session):
        raise PermissionDenied(PARTICIPATE.value)


def require_expert(user: AnyUser, session: QASession) -> None:
    if not is_session_expert(user, session):
        raise PermissionDenied(Perm.ANSWER_QA.value)
