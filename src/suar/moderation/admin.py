"""Back office: the queue for reference, the audit log read-only."""

from django.contrib import admin
from django.http import HttpRequest

from suar.moderation.models import AuditEntry, QueueItem


@admin.register(QueueItem)
class QueueItemAdmin(admin.ModelAdmin[QueueItem]):
    list_display = ("category", "is_crisis", "risk", "state", "organisation", "created_at")
    list_filter = ("state", "category", "organisation")
    readonly_fields = ("content_type", "object_id", "findings", "created_at")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ("created_at", "actor", "action", "target", "organisation")
    list_filter = ("action", "organisation")

    # An audit log that can be edited proves nothing.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
