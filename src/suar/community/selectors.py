"""Reads of groups and stories, with the visibility rules applied in one place."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Collection
from datetime import timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from suar.accounts.models import Membership, User
from suar.accounts.permissions import AnyUser, has_perm
from suar.accounts.roles import Perm
from suar.community.audience import Audience, audience_of
from suar.community.models import Group, JoinRequest, Reaction, Reply, Status, Story


def visible_groups(user: AnyUser) -> QuerySet[Group]:
    """Public groups for everyone; private groups only for their members."""
    groups = Group.objects.select_related("organisation")
    if user.is_authenticated:
        groups = groups.filter(Q(visibility=Group.Visibility.PUBLIC) | Q(members=user))
    else:
        groups = groups.filter(visibility=Group.Visibility.PUBLIC)
    return groups.distinct().annotate(
        story_count=Count("stories", filter=Q(stories__status=Status.PUBLISHED), distinct=True)
    )


def in_visible_groups(user: AnyUser) -> Q:
    """For things that belong to a group or to no group (organisation-wide): the condition
    that the person may see them. Q&A sessions, polls and challenges share this rule."""
    return Q(group__isnull=True) | Q(group__in=visible_groups(user).values("pk"))


def group_for(user: AnyUser) -> QuerySet[Group]:
    """Groups this person may open, without the story counts lists need."""
    groups = Group.objects.select_related("organisation")
    if not user.is_authenticated:
        return groups.filter(visibility=Group.Visibility.PUBLIC)
    return groups.filter(Q(visibility=Group.Visibility.PUBLIC) | Q(pk__in=_member_group_ids(user)))


def my_groups(user: User) -> QuerySet[Group]:
    return (
        Group.objects.filter(members=user)
        .select_related("organisation")
        .annotate(
            story_count=Count("stories", filter=Q(stories__status=Status.PUBLISHED), distinct=True)
        )
    )


def _member_group_ids(user: User) -> QuerySet[Any]:
    return Group.members.through.objects.filter(user_id=user.pk).values("group_id")


def _readable(audience: Audience) -> Q:
    """The visibility rule as a condition on stories: a story is never wider than its group."""
    public_group = Q(group__visibility=Group.Visibility.PUBLIC)
    if not audience.signed_in:
        return public_group & Q(visibility=Story.Visibility.PUBLIC)
    outside_my_groups = public_group & (
        Q(visibility=Story.Visibility.PUBLIC)
        | Q(
            visibility=Story.Visibility.ORGANISATION,
            group__organisation_id__in=audience.organisation_ids,
        )
    )
    return Q(group_id__in=audience.group_ids) | outside_my_groups


def _not_from(author_ids: frozenset[int]) -> Q:
    """Named content of these people. Anonymous content is exempt: hiding it would tell a
    person which pseudonym belongs to whom."""
    return Q(anonymous=False, author_id__in=author_ids)


def visible_stories(
    user: AnyUser, audience: Audience | None = None, *, in_groups: Collection[int] | None = None
) -> QuerySet[Story]:
    """Published stories this person may read (of these groups only, when given), without
    the named stories of people they blocked or who blocked them."""
    audience = audience or audience_of(user)
    # Lists need the group's name and the author's; pages that link to the group add its
    # organisation (story_page).
    stories = Story.objects.filter(status=Status.PUBLISHED).select_related("group", "author")
    if in_groups is not None:
        stories = stories.filter(group_id__in=in_groups)
    # A member reads every story of their groups: within them the rule adds nothing but
    # the cost of building and planning a larger query.
    if in_groups is None or not audience.group_ids.issuperset(in_groups):
        stories = stories.filter(_readable(audience))
    if audience.blocked_ids:
        stories = stories.exclude(_not_from(audience.blocked_ids))
    return stories


# What a story card shows: loading only these keeps a list of cards cheap to build.
CARD_FIELDS = (
    *("title", "body", "content_warning", "anonymous", "pseudonym", "status", "visibility"),
    *("risk", "created_at", "reply_count", "first_reply_at", "group_id", "author_id"),
    *("group__name", "group__slug", "group__visibility", "group__organisation_id"),
    *("author__username", "author__display_name"),
)


def for_lists(stories: QuerySet[Story], audience: Audience) -> QuerySet[Story]:
    """Without muted people, and only the columns a card needs."""
    if audience.muted_ids:
        stories = stories.exclude(_not_from(audience.muted_ids))
    return stories.only(*CARD_FIELDS)


def latest_stories(
    user: AnyUser, *, limit: int = 20, audience: Audience | None = None
) -> list[Story]:
    audience = audience or audience_of(user)
    stories = for_lists(visible_stories(user, audience), audience)
    return list(stories.order_by("-created_at")[:limit])


def home_feed(user: User, *, limit: int = 20, audience: Audience | None = None) -> list[Story]:
    """The latest stories of my groups, without the groups I unfollowed or muted people."""
    audience = audience or audience_of(user)
    followed = audience.group_ids - audience.unfollowed_group_ids
    stories = visible_stories(user, audience, in_groups=followed)
    return list(for_lists(stories, audience).order_by("-created_at")[:limit])


def group_stories(
    user: AnyUser, group: Group, *, limit: int = 20, audience: Audience | None = None
) -> list[Story]:
    audience = audience or audience_of(user)
    stories = visible_stories(user, audience, in_groups={group.pk})
    return list(for_lists(stories, audience).order_by("-created_at")[:limit])


def is_member(user: AnyUser, group: Group) -> bool:
    return isinstance(user, User) and group.members.filter(pk=user.pk).exists()


MODERATORS_SHOWN = 20


def group_moderators(group: Group) -> list[User]:
    """The moderators a group page names: the first MODERATORS_SHOWN."""
    return list(group.moderators.only("username", "display_name")[:MODERATORS_SHOWN])


def can_manage_group(user: AnyUser, group: Group, *, moderators: list[User] | None = None) -> bool:
    """Organisers and moderators of the organisation, and the group's own moderators.

    `moderators`, what group_moderators gave a page, saves a query when it answers: the
    person is in it, or it is shorter than a page's list and so holds every moderator."""
    if has_perm(user, Perm.MANAGE_GROUPS, group.organisation):
        return True
    if not (isinstance(user, User) and has_perm(user, Perm.VIEW_COMMUNITY, group.organisation)):
        return False
    if moderators is not None:
        if any(person.pk == user.pk for person in moderators):
            return True
        if len(moderators) < MODERATORS_SHOWN:
            return False
    return group.moderators.filter(pk=user.pk).exists()


def pending_join_requests(group: Group) -> QuerySet[JoinRequest]:
    return group.join_requests.filter(state=JoinRequest.State.PENDING).select_related("user")


def story_page(user: AnyUser, pk: int, *, audience: Audience | None = None) -> Story | None:
    """The story with its published replies (blocked people's named replies left out)."""
    # Deleted replies stay as placeholders so the conversation keeps its order.
    replies = Reply.objects.filter(status__in=[Status.PUBLISHED, Status.DELETED]).select_related(
        "author"
    )
    audience = audience or audience_of(user)
    if audience.blocked_ids:
        replies = replies.exclude(_not_from(audience.blocked_ids))
    stories = (
        visible_stories(user, audience)
        .select_related("group__organisation")
        .prefetch_related(
            Prefetch("replies", queryset=replies.order_by("created_at"), to_attr="visible_replies")
        )
    )
    return stories.filter(pk=pk).first()


def own_story(user: AnyUser, pk: int) -> Story | None:
    """The author's own story whatever its status (held, in review, hidden), not deleted."""
    if not user.is_authenticated:
        return None
    return (
        Story.objects.filter(pk=pk, author_id=user.pk)
        .exclude(status=Status.DELETED)
        .select_related("group", "group__organisation")
        .first()
    )


def reaction_summary(story: Story, user: AnyUser) -> list[dict[str, object]]:
    mine = Count("id", filter=Q(user_id=user.pk)) if user.is_authenticated else Value(0)
    rows = {
        kind: (n, given)
        for kind, n, given in Reaction.objects.filter(story=story)
        .values("kind")
        .annotate(n=Count("id"), given=mine)
        .values_list("kind", "n", "given")
    }
    return [
        {
            "kind": kind,
            "label": label,
            "count": rows.get(kind, (0, 0))[0],
            "mine": bool(rows.get(kind, (0, 0))[1]),
        }
        for kind, label in Reaction.Kind.choices
    ]


def inbox(user: User, *, limit: int = 50) -> list[Story]:
    """Stories nobody has answered yet, riskiest and longest-waiting first."""
    org_ids = [
        m.organisation_id
        for m in Membership.objects.filter(user=user)
        if has_perm(user, Perm.ANSWER_INBOX, m.organisation)
    ]
    has_reply = Reply.objects.filter(story_id=OuterRef("pk"), status=Status.PUBLISHED)
    stories = (
        visible_stories(user)
        .filter(group__organisation_id__in=org_ids, first_reply_at__isnull=True)
        .exclude(author_id=user.pk)
        .filter(~Exists(has_reply))
    )
    return list(stories.order_by("-risk", "created_at")[:limit])


def reply_times(user: User, *, days: int = 90) -> list[dict[str, object]]:
    """Median time to first reply per group over recent stories, in minutes."""
    since = timezone.now() - timedelta(days=days)
    rows = (
        visible_stories(user)
        .filter(created_at__gte=since, first_reply_at__isnull=False)
        .values_list("group__name", "created_at", "first_reply_at")
        .order_by("-created_at")[:5000]
    )
    waits: dict[str, list[float]] = defaultdict(list)
    for name, created, first in rows:
        if first is not None:
            waits[name].append((first - created).total_seconds() / 60)
    return [
        {"group": name, "median_minutes": round(statistics.median(values)), "stories": len(values)}
        for name, values in sorted(waits.items())
    ]
