"""Back office for the help directory (the pages under /bantuan/kelola/ are the usual way)."""

from django.contrib import admin

from suar.help.models import HelpService


@admin.register(HelpService)
class HelpServiceAdmin(admin.ModelAdmin[HelpService]):
    list_display = ("name", "kind", "city", "organisation", "show_in_crisis", "active")
    list_filter = ("kind", "cost", "bpjs", "show_in_crisis", "active", "organisation")
    search_fields = ("name", "city", "province")
