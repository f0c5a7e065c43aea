"""Export of one's own data and deletion of one's account, with what happens to replies."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone

from suar.accounts.models import User
from suar.community.controls.models import (
    Block,
    ControlSettings,
    DailyUsage,
    GroupUnfollow,
    Mute,
    MutedWord,
)
from suar.community.models import Reaction, Reply, Status, Story


def export_data(user: User) -> dict[str, Any]:
    """Everything Suar's community keeps about this person. Other people appear only as
    counts: the export must never reveal who they are (or who is behind a pseudonym)."""
    settings = ControlSettings.objects.filter(user=user).first()
    stories = Story.objects.filter(author=user).select_related("group").order_by("created_at")
    replies = Reply.objects.filter(author=user).select_related("story").order_by("created_at")
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "display_name": user.display_name,
            "email": user.email,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
        },
        "organisations": [
            {"organisation": m.organisation.name, "role": m.role}
            for m in user.memberships.select_related("organisation")
        ],
        "groups": list(user.community_groups.values_list("name", flat=True)),
        "pseudonyms": [
            {"group": p.group.name, "pseudonym": p.name}
            for p in user.pseudonyms.select_related("group")
        ],
        "stories": [
            {
                "id": s.pk,
                "group": s.group.name,
                "title": s.title,
                "body": s.body,
                "content_warning": s.content_warning,
                "visibility": s.visibility,
                "anonymous": s.anonymous,
                "pseudonym": s.pseudonym,
                "status": s.status,
                "image_alt": s.image_alt,
                "created_at": s.created_at.isoformat(),
                "replies_from_others": s.reply_count,
            }
            for s in stories
        ],
        "replies": [
            {
                "id": r.pk,
                "story_id": r.story_id,
                "story_title": r.story.title,
                "body": r.body,
                "content_warning": r.content_warning,
                "anonymous": r.anonymous,
                "pseudonym": r.pseudonym,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in replies
        ],
        "reactions": [
            {"story_id": story_id, "kind": kind, "created_at": created.isoformat()}
            for story_id, kind, created in Reaction.objects.filter(user=user).values_list(
                "story_id", "kind", "created_at"
            )
        ],
        "controls": {
            "people_blocked": Block.objects.filter(blocker=user).count(),
            "people_muted": Mute.objects.filter(muter=user).count(),
            "groups_unfollowed": list(
                GroupUnfollow.objects.filter(user=user).values_list("group__name", flat=True)
            ),
            "muted_words": list(
                MutedWord.objects.filter(user=user).values_list("phrase", flat=True)
            ),
            "content_warnings": settings.content_warnings if settings else "hide",
            "daily_limit_minutes": settings.daily_limit_minutes if settings else None,
            "notifications": {
                "replies": settings.notify_replies if settings else True,
                "reactions": settings.notify_reactions if settings else False,
                "group_requests": settings.notify_group_requests if settings else True,
            },
            "minutes_per_day": {
                str(day): minutes
                for day, minutes in DailyUsage.objects.filter(user=user).values_list(
                    "day", "minutes"
                )
            },
        },
    }
    for exporter in _exporters_of_other_apps():
        data.update(exporter(user))
    return data


def _exporters_of_other_apps() -> list[Callable[[User], dict[str, Any]]]:
    """The other apps' parts of the export (Q&A, polls, challenges).

    Imported here, not at module level, because those apps build on the community app.
    """
    from suar.challenges.privacy import export_data as challenges_export
    from suar.moderation.privacy import export_data as moderation_export
    from suar.polls.privacy import export_data as polls_export
    from suar.qa.privacy import export_data as qa_export

    return [qa_export, polls_export, challenges_export, moderation_export]


def delete_account(*, user: User) -> None:
    """Delete the account and everything it wrote.

    The rule: a person's words leave with them. Stories and replies lose their text and
    their link to the account. A story that other people replied to stays as an empty
    "deleted" entry so their replies keep their place; a reply stays as a placeholder
    ("deleted account, message removed") so a conversation still reads in order.
    Everything else (reactions, controls, pseudonyms, memberships) is deleted.
    """
    with transaction.atomic():
        mine = Story.objects.filter(author=user)
        answered = Reply.objects.filter(~Q(author=user), story__in=mine).values("story_id")
        mine.exclude(pk__in=answered).delete()
        for story in Story.objects.filter(author=user).exclude(status=Status.DELETED):
            if story.image:
                story.image.delete(save=False)
        Story.objects.filter(author=user).update(
            title="", body="", body_html="", content_warning="", image="", image_alt="",
            status=Status.DELETED, author=None, pseudonym="",
        )  # fmt: skip
        Reply.objects.filter(author=user).update(
            body="", body_html="", content_warning="", status=Status.DELETED, author=None,
            pseudonym="",
        )  # fmt: skip
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:
            # Another part of Suar keeps a record that must outlive the account (for example
            # a moderation decision): keep a nameless, locked shell instead.
            user.username = f"deleted-{uuid.uuid4().hex[:12]}"
            user.display_name, user.email, user.is_active = "", "", False
            user.set_unusable_password()
            user.save()
