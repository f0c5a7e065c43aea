"""Reads of groups and stories, with the visibility rules applied in one place."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from suar.accounts.permissions import AnyUser
from suar.community.models import Group, Story


def visible_groups(user: AnyUser) -> QuerySet[Group]:
    """Public groups for everyone; private groups only for their members."""
    groups = Group.objects.select_related("organisation")
    if user.is_authenticated:
        groups = groups.filter(Q(visibility=Group.Visibility.PUBLIC) | Q(members=user))
    else:
        groups = groups.filter(visibility=Group.Visibility.PUBLIC)
    return groups.distinct().annotate(story_count=Count("stories", distinct=True))


def visible_stories(user: AnyUser) -> QuerySet[Story]:
    group_ids = visible_groups(user).values("pk")
    return Story.objects.filter(group__in=group_ids).select_related(
        "group", "group__organisation", "author"
    )


def latest_stories(user: AnyUser, *, limit: int = 20) -> list[Story]:
    return list(visible_stories(user).order_by("-created_at")[:limit])
