"""Crisis response: alert the moderators on duty (everyone when nobody is), and record the
first human contact so that the community knows how fast a person in crisis was reached."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.moderation import notices
from suar.moderation.access import MODERATOR_ROLES
from suar.moderation.models import CrisisAlert, ModeratorDuty, Notice, QueueItem
from suar.moderation.services import record_audit

MAX_DUTY_HOURS = 24


def moderators_of(organisation: Organisation) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        memberships__organisation=organisation,
        memberships__role__in=MODERATOR_ROLES,
    ).distinct()


def on_duty(organisation: Organisation) -> QuerySet[User]:
    duty = ModeratorDuty.objects.filter(organisation=organisation, until__gt=timezone.now())
    return moderators_of(organisation).filter(pk__in=duty.values("user_id"))


def alert_recipients(organisation: Organisation) -> tuple[list[User], bool]:
    """The moderators on duty; if none, every moderator of the organisation; if the
    organisation has none, the people running the install. Never nobody."""
    people = list(on_duty(organisation))
    if people:
        return people, False
    people = list(moderators_of(organisation))
    if not people:
        people = list(User.objects.filter(is_active=True, is_superuser=True))
    return people, True


def raise_alert(*, entry: QueueItem) -> CrisisAlert:
    """Called inside the transaction that queues a crisis item. One open alert per person:
    a second crisis post before anyone reached out joins the alert that is waiting."""
    if entry.subject_id is not None:
        waiting = CrisisAlert.objects.filter(
            organisation=entry.organisation,
            subject_id=entry.subject_id,
            first_contact_at__isnull=True,
        ).first()
        if waiting is not None:
            return waiting
    recipients, fallback = alert_recipients(entry.organisation)
    alert = CrisisAlert.objects.create(
        organisation=entry.organisation,
        queue_item=entry,
        subject_id=entry.subject_id,
        fallback=fallback,
    )
    alert.recipients.set(recipients)
    from suar.moderation.tasks import email_crisis_alert

    transaction.on_commit(lambda: email_crisis_alert.enqueue(alert.pk))
    return alert


def set_duty(*, actor: AnyUser, organisation: Organisation, hours: int) -> ModeratorDuty | None:
    """Go on duty for `hours` (1 to 24), or off duty with 0."""
    require_perm(actor, Perm.MODERATE, organisation)
    assert isinstance(actor, User)
    if not 0 <= hours <= MAX_DUTY_HOURS:
        raise ValidationError(_("Choose between 1 and 24 hours."))
    with transaction.atomic():
        if hours == 0:
            ModeratorDuty.objects.filter(user=actor, organisation=organisation).delete()
            duty = None
        else:
            duty, _created = ModeratorDuty.objects.update_or_create(
                user=actor,
                organisation=organisation,
                defaults={
                    "until": timezone.now() + timedelta(hours=hours),
                    "started_at": timezone.now(),
                },
            )
        record_audit(
            actor=actor,
            action="duty.on" if hours else "duty.off",
            target=actor,
            reason=f"{hours}h" if hours else "",
            organisation=organisation,
        )
    return duty


def record_contact(
    *, actor: AnyUser, alert: CrisisAlert, channel: str, note: str = "", message: str = ""
) -> CrisisAlert:
    """A moderator reached out. The first contact's time is kept; a private message in Suar
    reaches the person without telling the moderator who an anonymous author is."""
    require_perm(actor, Perm.MODERATE, alert.organisation)
    assert isinstance(actor, User)
    if channel not in CrisisAlert.Channel.values:
        raise ValidationError({"channel": _("Choose how you reached out.")})
    message = message.strip()
    if channel == CrisisAlert.Channel.MESSAGE:
        if len(message) < 10:
            raise ValidationError({"message": _("Write your message to the person first.")})
        if alert.subject is None:
            raise ValidationError(_("The account no longer exists; a message cannot reach them."))
    with transaction.atomic():
        now = timezone.now()
        first = CrisisAlert.objects.filter(pk=alert.pk, first_contact_at__isnull=True).update(
            first_contact_at=now,
            first_contact_by=actor,
            contact_channel=channel,
            contact_note=note.strip()[:2000],
        )
        if not first and note.strip():
            current = CrisisAlert.objects.get(pk=alert.pk).contact_note
            stamp = timezone.localtime(now).strftime("%Y-%m-%d %H:%M")
            CrisisAlert.objects.filter(pk=alert.pk).update(
                contact_note=f"{current}\n[{stamp}] {note.strip()}"[:2000]
            )
        if channel == CrisisAlert.Channel.MESSAGE and alert.subject is not None:
            with translation.override(alert.subject.language):
                title = _("A moderator of %(organisation)s wrote to you") % {
                    "organisation": alert.organisation.name
                }
            notices.send(
                recipient=alert.subject,
                organisation=alert.organisation,
                kind=Notice.Kind.SUPPORT,
                title=title,
                body=message,
            )
        record_audit(
            actor=actor,
            action="crisis.contact",
            target=alert,
            reason=str(CrisisAlert.Channel(channel).label),
            organisation=alert.organisation,
        )
    alert.refresh_from_db()
    return alert


def alerts_for(user: User) -> QuerySet[CrisisAlert]:
    from suar.moderation.access import moderated_organisation_ids

    return (
        CrisisAlert.objects.filter(organisation_id__in=moderated_organisation_ids(user))
        .select_related("organisation", "first_contact_by", "queue_item")
        # Waiting alerts first (no contact yet), newest first within each.
        .order_by(F("first_contact_at").asc(nulls_first=True), "-created_at")
    )
