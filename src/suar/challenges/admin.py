"""Back office for challenges; check-ins and their private notes are deliberately not shown."""

from django.contrib import admin

from suar.challenges.models import Challenge


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin[Challenge]):
    list_display = ("title", "organisation", "group", "starts_on", "length_days")
    list_filter = ("organisation",)
    list_select_related = ("organisation", "group")
