"""Writes of notices, called inside the services that cause them (same transaction).

Each person's notification settings decide; nobody is notified about someone they blocked,
who blocked them, or whom they muted, unless the post is anonymous (acting on a pseudonym
that way would tell who is behind it). A notice names people only as the page would.
"""

from __future__ import annotations

from django.db.models import F, Q
from django.utils import timezone

from suar.accounts.models import User
from suar.community.controls.models import Block, ControlSettings, Mute
from suar.community.models import Group, JoinRequest, Reply, Story
from suar.community.notices.models import Notification

DEFAULTS = {"notify_replies": True, "notify_reactions": False, "notify_group_requests": True}


def _wants(user_ids: list[int], setting: str) -> list[int]:
    chosen = dict(
        ControlSettings.objects.filter(user_id__in=user_ids).values_list("user_id", setting)
    )
    return [pk for pk in user_ids if chosen.get(pk, DEFAULTS[setting])]


def _keeps_away(user_id: int, other_id: int | None) -> bool:
    if other_id is None:
        return False
    return (
        Block.objects.filter(
            Q(blocker_id=user_id, blocked_id=other_id) | Q(blocker_id=other_id, blocked_id=user_id)
        ).exists()
        or Mute.objects.filter(muter_id=user_id, muted_id=other_id).exists()
    )


def notify_reply(reply: Reply) -> None:
    """Tell the story's author that a reply is visible now (not their own follow-up)."""
    story = reply.story
    author_id = story.author_id
    if author_id is None or author_id == reply.author_id:
        return
    if not reply.anonymous and _keeps_away(author_id, reply.author_id):
        return
    if _wants([author_id], "notify_replies"):
        Notification.objects.create(
            user_id=author_id, kind=Notification.Kind.REPLY, story=story, reply=reply
        )


def notify_reaction(story: Story, reactor: User) -> None:
    """Support is gathered into one unread notice per story; reactions never carry names."""
    author_id = story.author_id
    if author_id is None or author_id == reactor.pk or _keeps_away(author_id, reactor.pk):
        return
    if not _wants([author_id], "notify_reactions"):
        return
    gathered = Notification.objects.filter(
        user_id=author_id, kind=Notification.Kind.REACTIONS, story=story, read_at__isnull=True
    ).update(count=F("count") + 1, created_at=timezone.now())
    if not gathered:
        Notification.objects.create(
            user_id=author_id, kind=Notification.Kind.REACTIONS, story=story
        )


def notify_join_request(request: JoinRequest) -> None:
    group: Group = request.group
    moderators = list(group.moderators.values_list("pk", flat=True))
    Notification.objects.bulk_create(
        [
            Notification(user_id=pk, kind=Notification.Kind.JOIN_REQUEST, group=group)
            for pk in _wants(moderators, "notify_group_requests")
            if pk != request.user_id
        ]
    )


def notify_join_approved(request: JoinRequest) -> None:
    Notification.objects.create(
        user_id=request.user_id, kind=Notification.Kind.JOIN_APPROVED, group=request.group
    )


def notify_elsewhere(*, user: User, kind: str, url: str, title: str) -> None:
    """For other apps (a Q&A answer): a link and a title the person can already see."""
    Notification.objects.create(user=user, kind=kind, url=url[:200], title=title[:200])


def mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
