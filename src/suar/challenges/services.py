"""Writes to challenges: creating, joining, checking in and the leaderboard opt-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.challenges.access import require_participation
from suar.challenges.models import Challenge, CheckIn, Participant
from suar.challenges.streaks import local_day
from suar.community.models import Group
from suar.moderation.models import QueueItem
from suar.moderation.services import queue_item
from suar.safety import analyze
from suar.safety.report import Category, Context


class AlreadyCheckedIn(ValidationError):
    """A second check-in on the same local day."""


@dataclass(frozen=True)
class CheckInResult:
    checkin: CheckIn
    needs_help: bool  # the private note reads like a crisis: show help resources now


def create_challenge(
    *,
    actor: AnyUser,
    organisation: Organisation,
    group: Group | None,
    title: str,
    description: str,
    starts_on: date,
    length_days: int,
) -> Challenge:
    require_perm(actor, Perm.MANAGE_GROUPS, organisation)
    if group is not None and group.organisation_id != organisation.pk:
        raise ValidationError(_("The group belongs to another organisation."))
    challenge = Challenge(
        organisation=organisation,
        group=group,
        title=title.strip(),
        description=description.strip(),
        starts_on=starts_on,
        length_days=length_days,
        created_by=actor if isinstance(actor, User) else None,
    )
    challenge.full_clean()
    with transaction.atomic():
        challenge.save()
    return challenge


def join_challenge(*, actor: AnyUser, challenge: Challenge) -> Participant:
    """Join once; joining again (a double click) returns the same entry."""
    require_participation(actor, challenge)
    assert isinstance(actor, User)
    with transaction.atomic():
        participant, _created = Participant.objects.get_or_create(challenge=challenge, user=actor)
    return participant


def check_in(
    *, actor: AnyUser, challenge: Challenge, note: str = "", now: datetime | None = None
) -> CheckInResult:
    """Record today's check-in (today in Asia/Jakarta); one per person per local day."""
    require_participation(actor, challenge)
    assert isinstance(actor, User)
    participant = Participant.objects.filter(challenge=challenge, user=actor).first()
    if participant is None:
        raise ValidationError(_("Join the challenge before checking in."))
    day = local_day(now or timezone.now())
    if day < challenge.starts_on:
        starts = formats.date_format(challenge.starts_on, "j F Y")
        raise ValidationError(_("The challenge starts on %(day)s.") % {"day": starts})
    if day > challenge.ends_on:
        raise ValidationError(_("This challenge has ended. Well done for taking part!"))
    if CheckIn.objects.filter(participant=participant, day=day).exists():
        raise AlreadyCheckedIn(_("You have already checked in today. See you tomorrow!"))
    note = note.strip()
    report = analyze(note, context=Context.STORY) if note else None
    needs_help = report is not None and report.has(Category.CRISIS)
    checkin = CheckIn(participant=participant, day=day, note=note)
    checkin.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            checkin.save()
            if needs_help and report is not None:
                # The note is private to other members, but a crisis is never silently
                # dropped: the organisation's moderators (only they) see it and reach out.
                queue_item(
                    item=checkin,
                    organisation=challenge.organisation,
                    category=QueueItem.Category.CRISIS,
                    risk=report.risk,
                    findings=[finding.to_dict() for finding in report.findings],
                )
    except IntegrityError as error:
        # Two submits raced; the day is recorded once.
        raise AlreadyCheckedIn(_("You have already checked in today. See you tomorrow!")) from error
    return CheckInResult(checkin=checkin, needs_help=needs_help)


def set_leaderboard_opt_in(*, actor: AnyUser, challenge: Challenge, show: bool) -> Participant:
    require_participation(actor, challenge)
    assert isinstance(actor, User)
    participant = Participant.objects.filter(challenge=challenge, user=actor).first()
    if participant is None:
        raise ValidationError(_("Join the challenge first."))
    with transaction.atomic():
        participant.on_leaderboard = show
        participant.save(update_fields=["on_leaderboard"])
    return participant
