"""Back office for connected accounts and publications; tokens are never shown or editable."""

from django.contrib import admin

from suar.publishing.models import ConnectedAccount, MastodonApp, Publication


@admin.register(ConnectedAccount)
class ConnectedAccountAdmin(admin.ModelAdmin[ConnectedAccount]):
    list_display = ("handle", "platform", "organisation", "status", "expires_at")
    list_filter = ("platform", "status")
    list_select_related = ("organisation",)
    # The token fields are editable=False, so no form ever renders them; excluded again here
    # so a later change to the model cannot expose them by accident.
    exclude = ("access_token", "refresh_token", "dpop_private_key")
    readonly_fields = (
        "platform",
        "platform_account_id",
        "base_url",
        "expires_at",
        "not_before",
        "connected_by",
    )


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin[Publication]):
    list_display = ("id", "account", "status", "scheduled_at", "attempts", "error_kind")
    list_filter = ("status", "error_kind")
    list_select_related = ("account", "organisation")
    search_fields = ("idempotency_key", "platform_post_id")
    # State changes go through the services and the publisher, never through a form.
    readonly_fields = (
        "status",
        "attempts",
        "platform_post_id",
        "platform_url",
        "error_kind",
        "error_message",
        "published_at",
        "next_attempt_at",
        "lease_expires_at",
        "claimed_by",
        "progress",
        "idempotency_key",
    )


@admin.register(MastodonApp)
class MastodonAppAdmin(admin.ModelAdmin[MastodonApp]):
    list_display = ("base_url", "created_at")
    exclude = ("client_secret",)
    readonly_fields = ("client_id",)
