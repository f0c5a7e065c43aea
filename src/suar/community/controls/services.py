"""Writes of personal controls. Each person changes only their own controls."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from suar.accounts.models import Membership, User
from suar.accounts.permissions import require_perm
from suar.accounts.roles import Perm
from suar.community.controls.models import (
    Block,
    ControlSettings,
    DailyUsage,
    GroupUnfollow,
    Mute,
    MutedWord,
)
from suar.community.models import Group

MAX_MUTED_WORDS = 100


def _require_shared_organisation(user: User, target: User) -> None:
    # Only people one can meet here can be blocked or muted, so the buttons cannot be used
    # to look up who has an account.
    mine = Membership.objects.filter(user=user).values("organisation_id")
    if not Membership.objects.filter(user=target, organisation_id__in=mine).exists():
        raise PermissionDenied("no shared organisation")


def block(*, user: User, target: User) -> None:
    require_perm(user, Perm.VIEW_COMMUNITY)
    if target.pk == user.pk:
        raise ValidationError(_("You cannot block yourself."))
    _require_shared_organisation(user, target)
    with transaction.atomic():
        Block.objects.get_or_create(blocker=user, blocked=target)
        # A block includes a mute: nothing of theirs should reach me any more.
        Mute.objects.get_or_create(muter=user, muted=target)


def unblock(*, user: User, target: User) -> None:
    require_perm(user, Perm.VIEW_COMMUNITY)
    Block.objects.filter(blocker=user, blocked=target).delete()


def mute(*, user: User, target: User) -> None:
    require_perm(user, Perm.VIEW_COMMUNITY)
    if target.pk == user.pk:
        raise ValidationError(_("You cannot mute yourself."))
    _require_shared_organisation(user, target)
    Mute.objects.get_or_create(muter=user, muted=target)


def unmute(*, user: User, target: User) -> None:
    require_perm(user, Perm.VIEW_COMMUNITY)
    Mute.objects.filter(muter=user, muted=target).delete()


def set_following(*, user: User, group: Group, follow: bool) -> None:
    require_perm(user, Perm.VIEW_COMMUNITY, group.organisation)
    if follow:
        GroupUnfollow.objects.filter(user=user, group=group).delete()
    else:
        GroupUnfollow.objects.get_or_create(user=user, group=group)


def set_muted_words(*, user: User, text: str) -> list[str]:
    """Replace the list with one phrase per line (or comma-separated)."""
    require_perm(user, Perm.VIEW_COMMUNITY)
    phrases: list[str] = []
    for raw in text.replace(",", "\n").splitlines():
        phrase = " ".join(raw.split()).lower()
        if phrase and phrase not in phrases:
            if len(phrase) > 60:
                raise ValidationError(_("A muted word or topic can be 60 characters at most."))
            phrases.append(phrase)
    if len(phrases) > MAX_MUTED_WORDS:
        raise ValidationError(_("You can mute up to 100 words or topics."))
    with transaction.atomic():
        MutedWord.objects.filter(user=user).exclude(phrase__in=phrases).delete()
        existing = set(MutedWord.objects.filter(user=user).values_list("phrase", flat=True))
        MutedWord.objects.bulk_create(
            [MutedWord(user=user, phrase=p) for p in phrases if p not in existing]
        )
    return phrases


def save_settings(
    *,
    user: User,
    content_warnings: str,
    daily_limit_minutes: int | None,
    notify_replies: bool,
    notify_reactions: bool,
    notify_group_requests: bool,
) -> ControlSettings:
    require_perm(user, Perm.VIEW_COMMUNITY)
    settings, _created = ControlSettings.objects.get_or_create(user=user)
    settings.content_warnings = content_warnings
    settings.daily_limit_minutes = daily_limit_minutes
    settings.notify_replies = notify_replies
    settings.notify_reactions = notify_reactions
    settings.notify_group_requests = notify_group_requests
    settings.full_clean()
    settings.save()
    return settings


def add_minute(*, user: User, today: date | None = None) -> int:
    """Count one more minute of use today; the page calls this once a minute while open."""
    day = today or timezone.localdate()
    with transaction.atomic():
        usage, created = DailyUsage.objects.get_or_create(
            user=user, day=day, defaults={"minutes": 1}
        )
        if not created:
            DailyUsage.objects.filter(pk=usage.pk).update(minutes=F("minutes") + 1)
            usage.refresh_from_db(fields=["minutes"])
        # Only today's and yesterday's counters are needed for the reminder: keep no history.
        DailyUsage.objects.filter(user=user, day__lt=day.fromordinal(day.toordinal() - 1)).delete()
    return usage.minutes
