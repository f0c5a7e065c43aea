"""Moderation: the review queue, decisions, crisis alerts and the audit log."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def mirror_admin_action(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """Changes made in the back office go to the audit log as well. A signal, because the
    admin writes its own LogEntry for every add, change and delete form, and no service
    sits in between. (Bulk actions on several rows write their log with bulk_create, which
    sends no signal, so those are not mirrored here.)"""
    if not created:
        return
    from suar.moderation.models import AuditEntry

    verb = {1: "add", 2: "change", 3: "delete"}.get(instance.action_flag, "change")
    label = instance.content_type.model if instance.content_type_id else "object"
    AuditEntry.objects.create(
        actor_id=instance.user_id,
        actor_name=instance.user.username if instance.user_id else "",
        action=f"admin.{verb}",
        target=f"{label}:{instance.object_id}"[:120],
        reason=(instance.get_change_message() or str(instance.object_repr))[:1000],
    )


class ModerationConfig(AppConfig):
    name = "suar.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry

        post_save.connect(mirror_admin_action, sender=LogEntry, dispatch_uid="suar.audit.admin")
