"""Back office for groups, stories and the help resources shown to people in crisis."""

from django.contrib import admin

from suar.community.models import Group, JoinRequest, Reply, Story


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin[Group]):
    list_display = ("name", "organisation", "visibility", "language")
    list_filter = ("visibility", "organisation")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("members", "moderators")


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin[Story]):
    # No author column: anonymous stories are unmasked only through the logged moderation
    # action, never by browsing the back office.
    list_display = ("title", "group", "status", "visibility", "created_at")
    list_filter = ("group", "status")
    list_select_related = ("group",)
    search_fields = ("title",)
    exclude = ("author", "client_token")
    readonly_fields = ("pseudonym", "anonymous", "risk", "first_reply_at")


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin[Reply]):
    list_display = ("story", "status", "created_at")
    list_filter = ("status",)
    exclude = ("author", "client_token")
    readonly_fields = ("story", "pseudonym", "anonymous", "risk")


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin[JoinRequest]):
    list_display = ("group", "user", "state", "created_at")
    list_filter = ("state",)
