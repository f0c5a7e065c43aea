"""Reads the analytics pages need besides the figures: whose figures a person may see,
programmes, sign-ups, flagged comments, tokens."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from suar.accounts.models import Organisation
from suar.accounts.permissions import AnyUser, has_perm
from suar.accounts.roles import Perm
from suar.analytics.models import ApiToken, ImportBatch, PlatformComment, Programme, SignUp


def analytics_organisations(user: AnyUser, perm: Perm = Perm.VIEW_ANALYTICS) -> list[Organisation]:
    """Organisations whose figures this person may see."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Organisation.objects.order_by("name")[:500])
    orgs = Organisation.objects.filter(memberships__user=user).distinct().order_by("name")
    return [org for org in orgs if has_perm(user, perm, org)]


def programmes(organisation: Organisation) -> list[Programme]:
    return list(
        Programme.objects.filter(organisation=organisation)
        .select_related("campaign")
        .annotate(signup_count=Count("signups"))
        .order_by("-created_at")[:200]
    )


def programme_signups(programme: Programme, *, limit: int = 500) -> QuerySet[SignUp]:
    return programme.signups.select_related("campaign", "post", "link").order_by("-created_at")[
        :limit
    ]


def flagged_comments(organisation: Organisation, *, limit: int = 200) -> list[PlatformComment]:
    """Harassing comments waiting for a person's decision, newest first, then the decided."""
    State = PlatformComment.PlatformState
    base = PlatformComment.objects.filter(organisation=organisation).select_related(
        "post", "post__account", "decided_by"
    )
    waiting = list(base.filter(platform_state=State.SUGGESTED).order_by("-written_at")[:limit])
    decided = list(
        base.filter(verdict=PlatformComment.Verdict.TOXIC)
        .exclude(platform_state=State.SUGGESTED)
        .order_by("-written_at")[:limit]
    )
    return waiting + decided


def recent_comments(organisation: Organisation, *, limit: int = 50) -> list[PlatformComment]:
    return list(
        PlatformComment.objects.filter(organisation=organisation)
        .select_related("post")
        .order_by("-written_at")[:limit]
    )


def tokens(organisation: Organisation) -> list[ApiToken]:
    return list(
        ApiToken.objects.filter(organisation=organisation)
        .select_related("created_by")
        .order_by("-created_at")[:100]
    )


def imports(organisation: Organisation) -> list[ImportBatch]:
    return list(
        ImportBatch.objects.filter(organisation=organisation)
        .select_related("created_by")
        .order_by("-created_at")[:20]
    )
