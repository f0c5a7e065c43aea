"""Back office: the queue and decisions for reference, the audit log strictly read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from suar.moderation.models import AuditEntry, CrisisAlert, Decision, QueueItem, Report


class ReadOnly(admin.ModelAdmin[Any]):
    """Records of what people did: changed only through the services that write them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(QueueItem)
class QueueItemAdmin(ReadOnly):
    list_display = ("category", "is_crisis", "risk", "state", "organisation", "created_at")
    list_filter = ("state", "category", "organisation")


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ("created_at", "action", "organisation", "label", "overturned_at")
    list_filter = ("action", "organisation")


@admin.register(Report)
class ReportAdmin(ReadOnly):
    list_display = ("created_at", "reason", "content_type", "object_id")
    list_filter = ("reason",)


@admin.register(CrisisAlert)
class CrisisAlertAdmin(ReadOnly):
    list_display = ("created_at", "organisation", "first_contact_at", "contact_channel")
    list_filter = ("organisation",)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly):
    # An audit log that can be edited proves nothing.
    list_display = ("created_at", "actor_name", "action", "target", "organisation")
    list_filter = ("action", "organisation")
