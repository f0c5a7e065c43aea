"""Back office for Q&A sessions; questions are moderated on the session's moderation page."""

from django.contrib import admin

from suar.qa.models import QASession


@admin.register(QASession)
class QASessionAdmin(admin.ModelAdmin[QASession]):
    list_display = ("title", "organisation", "group", "expert", "starts_at", "status")
    list_filter = ("status", "organisation")
    list_select_related = ("organisation", "group", "expert")
    raw_id_fields = ("expert", "group")
