"""Back office for groups and stories."""

from django.contrib import admin

from suar.community.models import Group, Story


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin[Group]):
    list_display = ("name", "organisation", "visibility", "language")
    list_filter = ("visibility", "organisation")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("members",)


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin[Story]):
    list_display = ("title", "group", "author", "created_at")
    list_filter = ("group",)
    list_select_related = ("group", "author")
    search_fields = ("title",)
