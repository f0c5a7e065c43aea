"""Reads of notices: each one checked again against what the person may see now."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from suar.accounts.models import User
from suar.community.audience import audience_of
from suar.community.models import Status
from suar.community.notices.models import Notification

LIMIT = 50


@dataclass(frozen=True)
class Notice:
    pk: int
    text: str
    url: str
    unread: bool
    created_at: object


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def _describe(notice: Notification) -> tuple[str, str] | None:
    """The sentence and the link, or None when the thing is gone or out of reach."""
    kind = notice.kind
    if kind == Notification.Kind.REPLY:
        reply, story = notice.reply, notice.story
        if reply is None or story is None or reply.status != Status.PUBLISHED:
            return None
        text = _("%(name)s replied to your story “%(title)s”.") % {
            "name": reply.author_label,  # the pseudonym for an anonymous reply, never the account
            "title": story.title,
        }
        return text, reverse("community:story_detail", args=[story.pk]) + f"#reply-{reply.pk}"
    if kind == Notification.Kind.REACTIONS:
        story = notice.story
        if story is None or story.status == Status.DELETED:
            return None
        text = ngettext(
            "Someone sent support to your story “%(title)s”.",
            "%(count)d people sent support to your story “%(title)s”.",
            notice.count,
        ) % {"count": notice.count, "title": story.title}
        return text, reverse("community:story_detail", args=[story.pk])
    if kind in (Notification.Kind.JOIN_REQUEST, Notification.Kind.JOIN_APPROVED):
        group = notice.group
        if group is None:
            return None
        url = reverse("community:group_detail", args=[group.organisation.slug, group.slug])
        if kind == Notification.Kind.JOIN_REQUEST:
            return _("Someone asked to join %(group)s.") % {"group": group.name}, url
        return _("Welcome: you are now a member of %(group)s.") % {"group": group.name}, url
    if kind == Notification.Kind.ANSWER:
        return _("Your question in “%(title)s” was answered.") % {"title": notice.title}, notice.url
    return None


def notices_for(user: User, *, limit: int = LIMIT) -> list[Notice]:
    audience = audience_of(user)
    rows = (
        Notification.objects.filter(user=user)
        .select_related("reply__author", "story", "group__organisation")
        .order_by("-created_at")[:limit]
    )
    notices = []
    for row in rows:
        # A reply by someone blocked since (either way) disappears, as it does on the page.
        reply = row.reply
        if reply is not None and not reply.anonymous and reply.author_id in audience.blocked_ids:
            continue
        described = _describe(row)
        if described is not None:
            text, url = described
            notices.append(Notice(row.pk, text, url, row.read_at is None, row.created_at))
    return notices
