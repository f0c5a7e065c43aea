"""The roles people hold in an organisation and what each role may do."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    PEER_SUPPORTER = "peer_supporter", _("Peer supporter")
    EXPERT = "expert", _("Expert")
    MODERATOR = "moderator", _("Moderator")
    ORGANISER = "organiser", _("Organiser")
    ADMIN = "admin", _("Admin")


class Perm(StrEnum):
    """Capabilities checked by views, API endpoints, services and tasks.

    Capabilities rather than role comparisons, because roles are not a ladder: an expert
    answers Q&A questions but does not moderate, a moderator moderates but does not publish.
    """

    VIEW_COMMUNITY = "community.view"
    POST_STORY = "community.post_story"
    REPLY = "community.reply"
    ANSWER_INBOX = "community.answer_inbox"  # the fast-reply inbox of unanswered stories
    ANSWER_QA = "community.answer_qa"
    MANAGE_GROUPS = "community.manage_groups"
    MODERATE = "moderation.review"
    UNMASK_ANONYMOUS = "moderation.unmask"
    VIEW_AUDIT_LOG = "moderation.audit_log"
    COMPOSE_POSTS = "studio.compose"
    APPROVE_POSTS = "studio.approve"
    CONNECT_ACCOUNTS = "publishing.connect"
    MANAGE_CAMPAIGNS = "campaigns.manage"
    VIEW_ANALYTICS = "analytics.view"
    MANAGE_PROGRAMMES = "analytics.manage_programmes"  # programmes and their sign-ups
    MANAGE_HELP_DIRECTORY = "help.manage"
    MANAGE_ORGANISATION = "accounts.manage_organisation"
    USE_ADMIN_SITE = "accounts.admin_site"


_MEMBER = {Perm.VIEW_COMMUNITY, Perm.POST_STORY, Perm.REPLY}
_PEER = _MEMBER | {Perm.ANSWER_INBOX}
_EXPERT = _PEER | {Perm.ANSWER_QA}
_MODERATOR = _PEER | {Perm.MODERATE, Perm.VIEW_AUDIT_LOG, Perm.MANAGE_GROUPS}
_ORGANISER = _MODERATOR | {
    Perm.COMPOSE_POSTS,
    Perm.APPROVE_POSTS,
    Perm.CONNECT_ACCOUNTS,
    Perm.MANAGE_CAMPAIGNS,
    Perm.VIEW_ANALYTICS,
    Perm.MANAGE_PROGRAMMES,
    Perm.MANAGE_HELP_DIRECTORY,
}
_ADMIN = (
    _ORGANISER
    | _EXPERT
    | {
        Perm.UNMASK_ANONYMOUS,
        Perm.MANAGE_ORGANISATION,
        Perm.USE_ADMIN_SITE,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.MEMBER: frozenset(_MEMBER),
    Role.PEER_SUPPORTER: frozenset(_PEER),
    Role.EXPERT: frozenset(_EXPERT),
    Role.MODERATOR: frozenset(_MODERATOR),
    Role.ORGANISER: frozenset(_ORGANISER),
    Role.ADMIN: frozenset(_ADMIN),
}
