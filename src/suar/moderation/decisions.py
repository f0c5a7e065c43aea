"""Moderators' decisions on queue items, sanctions, and the one appeal a person may file.

Two moderators deciding the same item at once: the state moves from "open" with one
conditional UPDATE, so exactly one of them wins and the other is told who did what.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from suar.accounts.models import User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.moderation import items, notices
from suar.moderation.access import require_decide
from suar.moderation.models import Appeal, Decision, QueueItem, Sanction
from suar.moderation.services import record_audit

Action = Decision.Action
MIN_REASON = 5
MAX_MUTE_HOURS = 30 * 24
MAX_SUSPEND_DAYS = 365
ACCOUNT_ACTIONS = frozenset({Action.WARN, Action.MUTE, Action.SUSPEND, Action.BAN})
# Crisis is routed, never punished (safety-guidelines: "What the best platforms do").
CRISIS_ACTIONS = frozenset({Action.APPROVE, Action.HIDE, Action.CONTENT_WARNING})
_STATE = {
    Action.APPROVE: QueueItem.State.APPROVED,
    Action.CONTENT_WARNING: QueueItem.State.WARNING,
}
_SANCTION = {
    Action.MUTE: Sanction.Kind.MUTE,
    Action.SUSPEND: Sanction.Kind.SUSPENSION,
    Action.BAN: Sanction.Kind.BAN,
}


class AlreadyDecided(ValidationError):
    """Someone decided first; nothing was changed."""


def default_label(entry: QueueItem, action: str) -> str:
    """What the decision says the text was, unless the moderator says otherwise."""
    if entry.is_crisis:
        return Decision.Label.CRISIS
    if action == Action.APPROVE:
        return Decision.Label.OK
    reasons = {r.reason for r in entry.reports.all()}
    if entry.category == QueueItem.Category.HARASSMENT or "harassment" in reasons:
        return Decision.Label.HARASSMENT
    return Decision.Label.NONE


def _validate(
    entry: QueueItem,
    item: object,
    action: str,
    reason: str,
    content_warning: str,
    hours: int | None,
    days: int | None,
) -> timedelta | None:
    if action not in Action.values:
        raise ValidationError(_("Unknown action."))
    if entry.is_crisis and action not in CRISIS_ACTIONS:
        raise ValidationError(
            _(
                "Someone who may be in crisis needs support, not a sanction: approve, hide or "
                "add a content warning, and reach out to them."
            )
        )
    if action != Action.APPROVE and len(reason.strip()) < MIN_REASON:
        raise ValidationError(
            {"reason": _("Write the reason the person will see (at least 5 characters).")}
        )
    if entry.is_profile and action in (Action.HIDE, Action.CONTENT_WARNING):
        raise ValidationError(_("A profile cannot be hidden or given a content warning."))
    if action == Action.CONTENT_WARNING:
        if not hasattr(item, "content_warning"):
            raise ValidationError(_("Questions have no content warning: approve or hide it."))
        if not content_warning.strip():
            raise ValidationError({"content_warning": _("Write the content warning to show.")})
    if action == Action.APPROVE and entry.is_crisis and entry.kind == "question":
        raise ValidationError(_("A question flagged as a possible crisis stays private."))
    if action in ACCOUNT_ACTIONS and entry.subject_id is None:
        raise ValidationError(_("The account no longer exists: hide the content instead."))
    if action == Action.MUTE:
        if hours is None or not 1 <= hours <= MAX_MUTE_HOURS:
            raise ValidationError({"hours": _("Mute for 1 to 720 hours (30 days).")})
        return timedelta(hours=hours)
    if action == Action.SUSPEND and days is not None:
        if not 1 <= days <= MAX_SUSPEND_DAYS:
            raise ValidationError({"days": _("Suspend for 1 to 365 days, or leave it empty.")})
        return timedelta(days=days)
    return None


def _claim(entry: QueueItem, actor: AnyUser, state: str) -> None:
    """Move the item out of "open" unless someone else already did."""
    now = timezone.now()
    won = QueueItem.objects.filter(pk=entry.pk, state=QueueItem.State.OPEN).update(
        state=state, decided_at=now, decided_by=actor if isinstance(actor, User) else None
    )
    if not won:
        _already_decided(entry)


def _already_decided(entry: QueueItem) -> None:
    current = QueueItem.objects.select_related("decided_by").get(pk=entry.pk)
    who = current.decided_by.public_name if current.decided_by else _("another moderator")
    when = (
        date_format(timezone.localtime(current.decided_at), "j M Y H:i")
        if current.decided_at
        else ""
    )
    raise AlreadyDecided(
        _("%(who)s already decided this (%(state)s, %(when)s). Nothing was changed.")
        % {"who": who, "state": current.get_state_display(), "when": when},
        code="already_decided",
    )


def decide(
    *,
    actor: AnyUser,
    entry: QueueItem,
    action: str,
    reason: str = "",
    content_warning: str = "",
    hours: int | None = None,
    days: int | None = None,
    label: str | None = None,
) -> Decision:
    """Decide one queue item; the person concerned is told why, and may appeal once."""
    require_decide(actor, entry, action)
    if not QueueItem.objects.filter(pk=entry.pk, state=QueueItem.State.OPEN).exists():
        _already_decided(entry)
    item = entry.item
    length = _validate(entry, item, action, reason, content_warning, hours, days)
    if label is not None and label not in Decision.Label.values:
        raise ValidationError(_("Unknown label."))
    with transaction.atomic():
        state = _STATE.get(Action(action), QueueItem.State.HIDDEN)
        _claim(entry, actor, state)
        was_published = getattr(item, "status", None) == items.PUBLISHED
        _apply_to_item(entry, item, action, content_warning.strip())
        now = timezone.now()
        decision = Decision.objects.create(
            queue_item=entry,
            organisation=entry.organisation,
            action=action,
            reason=reason.strip(),
            content_warning=content_warning.strip(),
            ends_at=now + length if length else None,
            label=default_label(entry, action) if label is None else label,
            moderator=actor if isinstance(actor, User) else None,
            subject=entry.subject,
            created_at=now,
        )
        if action in _SANCTION and entry.subject is not None:
            Sanction.objects.create(
                user=entry.subject,
                organisation=entry.organisation,
                kind=_SANCTION[Action(action)],
                decision=decision,
                reason=decision.reason,
                starts_at=now,
                ends_at=decision.ends_at,
            )
        notices.tell_about_decision(decision, item_was_published=was_published)
        record_audit(
            actor=actor,
            action=f"decision.{action}",
            target=item or entry,
            reason=decision.reason,
            organisation=entry.organisation,
        )
    entry.state = state
    return decision


def _apply_to_item(entry: QueueItem, item: object, action: str, warning: str) -> None:
    from django.db import models

    if not isinstance(item, models.Model) or not items.has_status(item):
        return
    before = item.status  # type: ignore[attr-defined]
    if action == Action.APPROVE:
        items.set_status(item, items.PUBLISHED)
    elif action == Action.CONTENT_WARNING:
        items.set_status(item, items.PUBLISHED, content_warning=warning[:120])
    else:
        items.set_status(item, items.HIDDEN)
    # An approved reply now counts as an answer (once: a reply hidden by reports was counted).
    if items.PUBLISHED == item.status != before and not entry.auto_hidden:  # type: ignore[attr-defined]
        from suar.community.models import Reply
        from suar.community.services import count_reply

        if isinstance(item, Reply):
            count_reply(item.story, item)


# ---- appeals -------------------------------------------------------------------------------


def file_appeal(*, actor: AnyUser, decision: Decision, text: str) -> Appeal:
    """The person a decision is about asks once, within the deadline, to change it."""
    if not actor.is_authenticated or decision.subject_id != actor.pk:
        raise PermissionDenied("only the person concerned appeals")
    assert isinstance(actor, User)
    if not decision.appealable:
        raise ValidationError(_("Nothing to appeal: this decision did not act against you."))
    if hasattr(decision, "appeal"):
        raise ValidationError(_("You already appealed this decision. A moderator will answer it."))
    if timezone.now() > decision.appeal_deadline:
        deadline = date_format(timezone.localtime(decision.appeal_deadline), "j F Y")
        raise ValidationError(
            _(
                "The time to appeal this decision ended on %(date)s: an appeal is possible "
                "for 20 days after a decision."
            )
            % {"date": deadline},
            code="too_late",
        )
    if len(text.strip()) < 10:
        raise ValidationError({"text": _("Tell the moderators why (at least 10 characters).")})
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(decision=decision, appellant=actor, text=text.strip())
    except IntegrityError as exc:
        raise ValidationError(
            _("You already appealed this decision. A moderator will answer it.")
        ) from exc
    return appeal


def decide_appeal(*, actor: AnyUser, appeal: Appeal, overturn: bool, response: str) -> Appeal:
    """Another moderator keeps or reverses the decision; the person is told why."""
    decision = appeal.decision
    require_perm(actor, Perm.MODERATE, decision.organisation)
    if decision.moderator_id == actor.pk and not actor.is_superuser:
        raise ValidationError(
            _("An appeal is reviewed by someone other than the moderator who decided.")
        )
    if len(response.strip()) < MIN_REASON:
        raise ValidationError(
            {"response": _("Write the answer the person will see (at least 5 characters).")}
        )
    state = Appeal.State.OVERTURNED if overturn else Appeal.State.UPHELD
    with transaction.atomic():
        now = timezone.now()
        won = Appeal.objects.filter(pk=appeal.pk, state=Appeal.State.OPEN).update(
            state=state, decided_at=now, decided_by=actor, response=response.strip()
        )
        if not won:
            raise AlreadyDecided(
                _("This appeal was already answered. Nothing was changed."),
                code="already_decided",
            )
        if overturn:
            _reverse(decision, now)
        appeal.refresh_from_db()
        notices.tell_about_appeal(appeal)
        record_audit(
            actor=actor,
            action=f"appeal.{state}",
            target=decision,
            reason=response.strip(),
            organisation=decision.organisation,
        )
    return appeal


def _reverse(decision: Decision, now: object) -> None:
    Decision.objects.filter(pk=decision.pk).update(overturned_at=now)
    Sanction.objects.filter(decision=decision, lifted_at__isnull=True).update(lifted_at=now)
    item = decision.queue_item.item
    if item is not None and items.has_status(item) and item.status == items.HIDDEN:
        items.set_status(item, items.PUBLISHED)
    elif item is not None and decision.action == Action.CONTENT_WARNING:
        items.set_status(item, items.PUBLISHED, content_warning="")


def lift_sanction(*, actor: AnyUser, sanction: Sanction, reason: str) -> Sanction:
    require_perm(actor, Perm.MODERATE, sanction.organisation)
    if len(reason.strip()) < MIN_REASON:
        raise ValidationError({"reason": _("Write why (at least 5 characters).")})
    with transaction.atomic():
        Sanction.objects.filter(pk=sanction.pk, lifted_at__isnull=True).update(
            lifted_at=timezone.now()
        )
        record_audit(
            actor=actor,
            action="sanction.lift",
            target=sanction,
            reason=reason.strip(),
            organisation=sanction.organisation,
        )
    sanction.refresh_from_db()
    return sanction
