"""Campaigns, their sponsors' pledges, and every interaction counted (or not) with its reason."""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation
from suar.core.crypto import EncryptedTextField


class Platform(models.TextChoices):
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    X = "x", "X"
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    SUAR = "suar", "Suar"


class Action(models.TextChoices):
    POST_WITH_HASHTAG = "post_with_hashtag", _("Post with the hashtag")
    REPOST = "repost", _("Repost")
    VIDEO_VIEW = "video_view", _("Video view")
    CHALLENGE_CHECKIN = "challenge_checkin", _("Challenge check-in")
    IN_APP_SHARE = "in_app_share", _("In-app share")


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            _("Unknown time zone %(zone)s: use an IANA name such as Asia/Jakarta."),
            params={"zone": value},
        ) from exc


def validate_rules(value: object) -> None:
    """Rules map a platform (or "*" for any other) to the list of actions that count there."""
    platforms = {p.value for p in Platform} | {"*"}
    actions = {a.value for a in Action}
    if not isinstance(value, dict):
        raise ValidationError(_("Rules must map each platform to a list of actions."))
    for platform, listed in value.items():
        if platform not in platforms:
            raise ValidationError(_("Unknown platform %(p)s."), params={"p": platform})
        if not isinstance(listed, list) or not set(listed) <= actions:
            raise ValidationError(_("Unknown action for %(p)s."), params={"p": platform})


class Campaign(models.Model):
    """A hashtag pledge drive: what counts, where, and when."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="campaigns"
    )
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    hashtags = models.JSONField(
        _("hashtags"), default=list, help_text=_("Without the #, e.g. SuarHarapan")
    )
    rules = models.JSONField(
        _("rules per platform"),
        default=dict,
        validators=[validate_rules],
        help_text=_('Which actions count per platform, e.g. {"mastodon": ["post_with_hashtag"]}'),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Jakarta", validators=[validate_time_zone]
    )
    is_public = models.BooleanField(_("public page"), default=False)
    # Spam rules (docs/campaigns.md): stated per campaign so the report can quote them.
    burst_limit = models.PositiveIntegerField(
        _("interactions per account per minute"), default=10, validators=[MinValueValidator(1)]
    )
    duplicate_text_accounts = models.PositiveIntegerField(
        _("accounts posting the same text before it is filtered"),
        default=50,
        validators=[MinValueValidator(2)],
    )
    # Salts the account hash: the same handle hashes differently in each campaign (privacy).
    account_salt = models.CharField(max_length=64, default=_new_secret, editable=False)
    # Shared with the sender of webhook events; never logged, shown only to organisers.
    # Encrypted at rest like platform tokens: whoever reads the database must not be able to
    # forge counted interactions.
    webhook_secret = EncryptedTextField(default=_new_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the deletion and spam rules last started a pass over this campaign's rows; live
    # sources skip a pass that one started after their rows were committed has already done.
    filters_refreshed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
        self.hashtags = sorted({str(t).lstrip("#").strip().lower() for t in self.hashtags if t})

    def counted_actions(self, platform: str) -> frozenset[str]:
        listed = self.rules.get(platform, self.rules.get("*", []))
        return frozenset(listed)

    def is_open(self, at: datetime) -> bool:
        return self.starts_at <= at < self.ends_at


class Sponsor(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sponsors")
    name = models.CharField(_("name"), max_length=160)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("sponsor")
        verbose_name_plural = _("sponsors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Pledge(models.Model):
    """A rate per counted interaction inside a matching window, limited by a cap."""

    sponsor = models.ForeignKey(Sponsor, on_delete=models.CASCADE, related_name="pledges")
    rate = models.DecimalField(
        _("amount per interaction"),
        max_digits=14,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    # Empty means the campaign's own window.
    matches_from = models.DateTimeField(_("matching from"), null=True, blank=True)
    matches_until = models.DateTimeField(_("matching until"), null=True, blank=True)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return f"{self.sponsor}: {self.rate} {self.currency}"

    def clean(self) -> None:
        self.currency = (self.currency or "IDR").upper()
        if self.matches_from and self.matches_until and self.matches_until <= self.matches_from:
            raise ValidationError({"matches_until": _("The end must come after the start.")})


class PledgeCap(models.Model):
    """One entry of a pledge's cap history; the latest in force applies (caps can be raised)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="caps")
    amount = models.DecimalField(
        _("cap"), max_digits=18, decimal_places=2, null=True, blank=True, help_text=_("Empty: none")
    )
    effective_from = models.DateTimeField(_("in force from"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pledge cap")
        verbose_name_plural = _("pledge caps")
        ordering = ["effective_from", "pk"]

    def __str__(self) -> str:
        return f"{self.amount if self.amount is not None else '-'} from {self.effective_from}"


class Interaction(models.Model):
    """One platform event seen for a campaign. The unique key makes counting exactly-once."""

    class Status(models.TextChoices):
        COUNTED = "counted", _("Counted")
        FILTERED = "filtered", _("Filtered")
        OUTSIDE_WINDOW = "outside_window", _("Outside the time window")
        DELETED = "deleted", _("Deleted")

    # No index of its own: the unique key below starts with the campaign (one index less to
    # maintain per insert is a measurable share of ingest speed).
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="interactions", db_index=False
    )
    platform = models.CharField(max_length=16, choices=Platform.choices)
    platform_event_id = models.CharField(max_length=200)
    action = models.CharField(max_length=24, choices=Action.choices)
    # 64-bit keyed hashes (events.hash64): integers keep rows small and the spam rules' sorts
    # fast; at a few million accounts per campaign a collision is vanishingly unlikely.
    account_hash = models.BigIntegerField()
    text_hash = models.BigIntegerField(default=0)  # 0: no text long enough to compare
    occurred_at = models.DateTimeField()
    # Minutes since the Unix epoch: lets the spam rules and the hourly chart group portably.
    minute = models.IntegerField()
    status = models.CharField(max_length=16, choices=Status.choices)
    reason = models.CharField(max_length=32, blank=True)
    source = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "platform", "platform_event_id"], name="interaction_once"
            )
        ]
        indexes = [
            # Only rows the filter pass flagged (a small share): it finds them again without a
            # scan, and inserting a counted row does not touch this index at all.
            models.Index(
                fields=["campaign"],
                condition=models.Q(status="deleted")
                | models.Q(reason__in=["burst", "duplicate_text"]),
                name="interaction_flagged",
            )
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.platform_event_id} ({self.status})"


class Deletion(models.Model):
    """A platform said an event was deleted (or un-reposted); applied by the deletion rule."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deletions")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    platform_event_id = models.CharField(max_length=200)
    occurred_at = models.DateTimeField()
    source = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "platform", "platform_event_id"], name="deletion_once"
            )
        ]

    def __str__(self) -> str:
        return f"deleted {self.platform}:{self.platform_event_id}"


class IngestCursor(models.Model):
    """Where a source (a file, a stream) got to; saved in the same transaction as its batch."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="cursors")
    source = models.CharField(max_length=300)
    position = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "source"], name="cursor_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.source} @ {self.position}"


class WebhookReceipt(models.Model):
    """Signatures already accepted, so a replayed request is refused."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="receipts")
    signature = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "signature"], name="receipt_once")
        ]

    def __str__(self) -> str:
        return f"receipt {self.received_at}"
