"""Writes of the review queue: queue an item, record an audit entry, unmask an author.

Decisions and appeals live in decisions.py, reports in reports.py, crisis alerts in crisis.py;
this module keeps the names other apps import (queue_item, record_audit, approve_item,
hide_item).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.moderation.items import context_of
from suar.moderation.models import AuditEntry, QueueItem, band

PUBLISHED, HIDDEN = "published", "hidden"


def queue_item(
    *,
    item: models.Model,
    organisation: Organisation,
    category: str,
    risk: float,
    findings: list[dict[str, Any]],
    reported: bool = False,
) -> QueueItem:
    """Put an item in front of the moderators, or add to its open entry. Called inside the
    caller's transaction, so a held item never exists without its queue entry. A crisis
    raises an alert to the moderators on duty."""
    with transaction.atomic():  # usually the caller's; its own when called alone
        return _queue_item(item, organisation, category, risk, findings, reported)


def _queue_item(
    item: models.Model,
    organisation: Organisation,
    category: str,
    risk: float,
    findings: list[dict[str, Any]],
    reported: bool,
) -> QueueItem:
    content_type = ContentType.objects.get_for_model(item)
    is_crisis = category == QueueItem.Category.CRISIS
    entry = (
        QueueItem.objects.select_for_update()
        .filter(content_type=content_type, object_id=item.pk, state=QueueItem.State.OPEN)
        .first()
    )
    if entry is None:
        context = context_of(item)
        entry = QueueItem(
            organisation=organisation,
            group=context.group,
            subject=context.subject,
            content_type=content_type,
            object_id=item.pk,
            category=category,
            is_crisis=is_crisis,
            risk=risk,
            findings=findings,
            report_count=int(reported),
            priority=band(risk, int(reported)),
        )
        entry.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            # Another request opened the entry for this item at the same moment: join it.
            return _queue_item(item, organisation, category, risk, findings, reported)
    else:
        was_crisis = entry.is_crisis
        entry.is_crisis = entry.is_crisis or is_crisis
        if is_crisis or (entry.category == QueueItem.Category.REPORT and not reported):
            entry.category = category  # the more telling category wins
        entry.risk = max(entry.risk, risk)
        entry.findings = entry.findings or findings
        entry.report_count += int(reported)
        entry.priority = band(entry.risk, entry.report_count)
        entry.save()
        if was_crisis:
            return entry
    if entry.is_crisis:
        from suar.moderation.crisis import raise_alert

        raise_alert(entry=entry)
    return entry


def record_audit(
    *,
    actor: AnyUser | None,
    action: str,
    target: models.Model | str,
    reason: str = "",
    organisation: Organisation | None = None,
) -> AuditEntry:
    """Append to the audit log. No actor: a command run by the install's operators."""
    label = target if isinstance(target, str) else f"{target._meta.label_lower}:{target.pk}"
    user = actor if isinstance(actor, User) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.username if user else "",
        action=action,
        target=label[:120],
        reason=reason,
        organisation=organisation,
    )


def approve_item(*, actor: AnyUser, entry: QueueItem, reason: str = "") -> QueueItem:
    """The item is fine: publish it (for callers outside the queue page, e.g. Q&A)."""
    from suar.moderation.decisions import decide

    decide(actor=actor, entry=entry, action="approve", reason=reason)
    entry.refresh_from_db()
    return entry


def hide_item(*, actor: AnyUser, entry: QueueItem, reason: str = "") -> QueueItem:
    """Keep the item away from others; the author still sees it as hidden."""
    from suar.moderation.decisions import decide

    decide(
        actor=actor,
        entry=entry,
        action="hide",
        reason=reason or _("It does not fit this community's rules."),
    )
    entry.refresh_from_db()
    return entry


def unmask_author(*, actor: AnyUser, item: models.Model, reason: str) -> User:
    """Reveal who wrote an anonymous post. Admins only, with a reason, always logged."""
    organisation: Organisation = (
        item.session.organisation if hasattr(item, "session") else item.organisation  # type: ignore[attr-defined]
    )
    require_perm(actor, Perm.UNMASK_ANONYMOUS, organisation)
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(_("Write down why you need to know who this is (10 characters+)."))
    author = item.author  # type: ignore[attr-defined]
    if author is None:
        raise PermissionDenied("the account was deleted")
    record_audit(
        actor=actor,
        action="anonymous.unmask",
        target=item,
        reason=reason,
        organisation=organisation,
    )
    return author
