"""Writes of the review queue: queue an item, approve it, hide it, unmask an author."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.moderation.models import AuditEntry, QueueItem

PUBLISHED, HIDDEN = "published", "hidden"


def queue_item(
    *,
    item: models.Model,
    organisation: Organisation,
    category: str,
    risk: float,
    findings: list[dict[str, Any]],
) -> QueueItem:
    """Put an item in front of the moderators. Called by the screening of other services,
    inside their transaction, so a held item never exists without its queue entry."""
    entry = QueueItem(
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        category=category,
        is_crisis=category == QueueItem.Category.CRISIS,
        risk=risk,
        findings=findings,
    )
    entry.full_clean()
    entry.save()
    return entry


def record_audit(
    *,
    actor: AnyUser,
    action: str,
    target: models.Model,
    reason: str = "",
    organisation: Organisation | None = None,
) -> AuditEntry:
    label = f"{target._meta.label_lower}:{target.pk}"
    return AuditEntry.objects.create(
        actor=actor if isinstance(actor, User) else None,
        action=action,
        target=label,
        reason=reason,
        organisation=organisation,
    )


def _decide(*, actor: AnyUser, entry: QueueItem, state: str, item_status: str) -> QueueItem:
    require_perm(actor, Perm.MODERATE, entry.organisation)
    with transaction.atomic():
        entry = QueueItem.objects.select_for_update().get(pk=entry.pk)
        item = entry.item
        if item is not None:
            was_published = item.status == PUBLISHED
            item.status = item_status
            item.save(update_fields=["status"])
            if item_status == PUBLISHED and not was_published:
                _after_publishing(item)
        entry.state = state
        entry.decided_at = timezone.now()
        entry.decided_by = actor if isinstance(actor, User) else None
        entry.save(update_fields=["state", "decided_at", "decided_by"])
        record_audit(
            actor=actor,
            action=f"queue.{state}",
            target=item or entry,
            organisation=entry.organisation,
        )
    return entry


def _after_publishing(item: models.Model) -> None:
    """An approved reply now counts as an answer to its story (reply count, first reply)."""
    # Imported here: the community's services queue items through this module.
    from suar.community.models import Reply
    from suar.community.services import count_reply

    if isinstance(item, Reply):
        count_reply(item.story, item)


def approve_item(*, actor: AnyUser, entry: QueueItem) -> QueueItem:
    """The item is fine: publish it."""
    return _decide(actor=actor, entry=entry, state=QueueItem.State.APPROVED, item_status=PUBLISHED)


def hide_item(*, actor: AnyUser, entry: QueueItem) -> QueueItem:
    """Keep the item away from others; the author still sees it as hidden."""
    return _decide(actor=actor, entry=entry, state=QueueItem.State.HIDDEN, item_status=HIDDEN)


def unmask_author(*, actor: AnyUser, item: models.Model, reason: str) -> User:
    """Reveal who wrote an anonymous post. Admins only, with a reason, always logged."""
    organisation: Organisation = item.organisation  # type: ignore[attr-defined]
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
