"""Connected social-media accounts and the publications scheduled on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation
from suar.core.crypto import EncryptedTextField
from suar.publishing.limits import PLATFORM_LIMITS

PLATFORM_CHOICES = [(key, limits.name) for key, limits in PLATFORM_LIMITS.items()]


class AuthMethod(models.TextChoices):
    APP_PASSWORD = "app_password", _("App password")
    OAUTH = "oauth", _("OAuth")


class ConnectedAccount(models.Model):
    """An organisation's account on one platform, with its tokens encrypted at rest."""

    AuthMethod = AuthMethod

    class Status(models.TextChoices):
        CONNECTED = "connected", _("Connected")
        EXPIRED = "expired", _("Expired: reconnect")
        REVOKED = "revoked", _("Revoked")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="connected_accounts"
    )
    platform = models.CharField(_("platform"), max_length=20, choices=PLATFORM_CHOICES)
    handle = models.CharField(_("account"), max_length=200)
    # The platform's own id for the account: Page id, IG user id, Bluesky DID, TikTok open_id.
    platform_account_id = models.CharField(max_length=200, blank=True)
    base_url = models.URLField(_("server"), blank=True)  # Mastodon instance, Bluesky PDS
    access_token = EncryptedTextField(blank=True, editable=False)
    refresh_token = EncryptedTextField(blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    # The server's own limit when it differs from the platform default (Mastodon instances
    # set configuration.statuses.max_characters); None means the default in limits.py.
    max_chars = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONNECTED)
    # How Suar holds this account's access. Empty: the platform's one way (OAuth or none).
    # Bluesky has two: atproto OAuth (DPoP-bound tokens) or an app password session.
    auth_method = models.CharField(
        _("signed in with"), max_length=20, choices=AuthMethod.choices, blank=True, default=""
    )
    # atproto OAuth only (docs/publishing.md, "atproto OAuth"): the session's DPoP key (a
    # private JWK, encrypted like the tokens), when the access token ends, and what the
    # refresh needs again: the authorization server, its token endpoint, the client_id and
    # client key the session was started with (tokens are bound to both).
    dpop_private_key = EncryptedTextField(blank=True, editable=False)
    access_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    oauth_issuer = models.URLField(blank=True, editable=False)
    oauth_token_endpoint = models.URLField(max_length=500, blank=True, editable=False)
    oauth_client_id = models.CharField(max_length=1000, blank=True, editable=False)
    oauth_client_kid = models.CharField(max_length=100, blank=True, editable=False)
    status_reason = models.CharField(max_length=300, blank=True)
    # Per-account rate limiting: nothing is sent to this account before this moment.
    not_before = models.DateTimeField(null=True, blank=True)
    # A worker refreshing the tokens holds this lease (adapters/refresh_claim.py): a refresh
    # token that rotates must never be used by two workers at once.
    refresh_claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("connected account")
        verbose_name_plural = _("connected accounts")
        ordering = ["platform", "handle"]
        constraints = [
            # Reconnecting updates the row (and keeps its publications) instead of adding one.
            models.UniqueConstraint(
                fields=["organisation", "platform", "platform_account_id", "base_url"],
                name="publishing_one_row_per_remote_account",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}: {self.handle}"

    def __repr__(self) -> str:
        # Never the tokens: a repr ends up in tracebacks and debug logs.
        return f"<ConnectedAccount {self.pk} {self.platform} {self.handle!r} {self.status}>"


class Publication(models.Model):
    """One post on one account at one time; published at most once (see docs/publishing.md)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHING = "publishing", _("Publishing")
        PUBLISHED = "published", _("Published")
        FAILED = "failed", _("Failed")
        UNKNOWN = "unknown", _("Checking the platform")
        CANCELLED = "cancelled", _("Cancelled")

    class ErrorKind(models.TextChoices):
        TRANSIENT = "transient", _("Temporary problem")
        AUTH = "auth", _("Account needs reconnecting")
        CONTENT = "content", _("Rejected by the platform")
        UNKNOWN_OUTCOME = "unknown_outcome", _("Outcome unknown")
        INTERNAL = "internal", _("Internal error")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="publications"
    )
    account = models.ForeignKey(
        ConnectedAccount, on_delete=models.PROTECT, related_name="publications"
    )
    text = models.TextField(_("text"), blank=True)
    media = models.JSONField(_("media"), default=list, blank=True)  # [{path, alt_text, mime}]
    scheduled_at = models.DateTimeField(_("scheduled at"))
    idempotency_key = models.CharField(max_length=100, unique=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    platform_post_id = models.CharField(max_length=300, blank=True)
    platform_url = models.URLField(max_length=500, blank=True)
    error_kind = models.CharField(max_length=20, choices=ErrorKind.choices, blank=True)
    error_message = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # While `publishing`: the claiming worker owns the row until this moment; past it, the
    # worker is presumed dead and the outcome must be looked up before any retry.
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    # What an adapter already did on the platform (uploaded media ids, an Instagram
    # container id), so a retry reuses it instead of creating it twice.
    progress = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["scheduled_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="publishing_due_idx")]

    def __str__(self) -> str:
        return f"{self.account} @ {self.scheduled_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def platform(self) -> str:
        return self.account.platform


class MastodonApp(models.Model):
    """Suar's OAuth app on one Mastodon server, registered on first use of that server."""

    base_url = models.URLField(unique=True)
    client_id = models.CharField(max_length=200)
    client_secret = EncryptedTextField(editable=False)
    redirect_uri = models.URLField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.base_url

    def __repr__(self) -> str:
        return f"<MastodonApp {self.base_url}>"


class OAuthClientKey(models.Model):
    """Suar's own signing key as a confidential atproto OAuth client (private_key_jwt).

    The public half is served in the JWKS the client metadata names; authorization servers
    bind each session to the key it started with, so a key is never changed, only retired
    (left out of the JWKS) once no session uses it. Kept in the database, encrypted, so that
    every web and worker process on every machine signs with the same key."""

    kid = models.CharField(max_length=100, unique=True)
    private_jwk = EncryptedTextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("OAuth client key")
        verbose_name_plural = _("OAuth client keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.kid

    def __repr__(self) -> str:
        return f"<OAuthClientKey {self.kid}>"
