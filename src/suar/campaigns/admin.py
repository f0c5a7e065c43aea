"""Back office for campaigns, sponsors, pledges and their cap history."""

from django.contrib import admin

from suar.campaigns.models import Campaign, Interaction, Pledge, PledgeCap, Sponsor


class SponsorInline(admin.TabularInline[Sponsor, Campaign]):
    model = Sponsor
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin[Campaign]):
    list_display = ("name", "organisation", "starts_at", "ends_at", "is_public")
    list_filter = ("is_public", "organisation")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SponsorInline]


class PledgeCapInline(admin.TabularInline[PledgeCap, Pledge]):
    model = PledgeCap
    extra = 1


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin[Pledge]):
    list_display = ("sponsor", "rate", "currency", "matches_from", "matches_until")
    list_select_related = ("sponsor",)
    inlines = [PledgeCapInline]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin[Interaction]):
    """Read-only: interactions change only through ingest and the filter rules."""

    list_display = ("platform", "platform_event_id", "action", "status", "reason", "occurred_at")
    list_filter = ("status", "platform", "action")
    show_full_result_count = False

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
