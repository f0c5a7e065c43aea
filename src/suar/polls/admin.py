"""Back office for polls: ballots are not shown, nobody needs to see who voted what."""

from django.contrib import admin

from suar.polls.models import Option, Poll


class OptionInline(admin.TabularInline[Option, Poll]):
    model = Option
    extra = 0


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin[Poll]):
    list_display = ("question", "organisation", "group", "kind", "closes_at")
    list_filter = ("kind", "organisation")
    list_select_related = ("organisation", "group")
    inlines = [OptionInline]
