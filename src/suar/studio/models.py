"""Studio posts, their media, per-platform variants, deliveries, comments and short links."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation

MAX_TEXT = 10_000
MAX_ALT_TEXT = 1_500


class PostKind(models.TextChoices):
    STORY = "story", _("Personal story")
    TIP = "tip", _("Tip")
    QUOTE = "quote", _("Motivational quote")
    RESOURCE = "resource", _("Resource / where to get help")
    ANNOUNCEMENT = "announcement", _("Event or Q&A announcement")
    CHALLENGE = "challenge", _("Challenge")
    POLL = "poll", _("Poll")


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Scheduled")


class Post(models.Model):
    """One message written once; variants adapt it per platform."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="studio_posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="studio_posts",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PostKind.choices)
    title = models.CharField(
        _("working title"), max_length=120, help_text=_("Only your team sees this.")
    )
    text = models.TextField(_("text"), max_length=MAX_TEXT)
    status = models.CharField(
        _("status"), max_length=12, choices=PostStatus.choices, default=PostStatus.DRAFT
    )
    # Every edit or cancellation bumps the revision: an approval is for one revision, and the
    # idempotency key of a delivery includes it, so a re-schedule is a new publication.
    revision = models.PositiveIntegerField(default=1)
    sensitive = models.BooleanField(_("needs a second person's approval"), default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_revision = models.PositiveIntegerField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    scheduled_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    # The campaign the post is part of (its hashtags are suggested first, and the measurement
    # counts the post for it). The name is kept so that a campaign deleted later is named in
    # the message that stops the post from being scheduled (studio.campaign_link).
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="studio_posts",
        verbose_name=_("campaign"),
    )
    campaign_name = models.CharField(max_length=160, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["organisation", "scheduled_at"]),
            models.Index(fields=["organisation", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in (PostStatus.DRAFT, PostStatus.REVIEW, PostStatus.APPROVED)


class PostMedia(models.Model):
    """An image attached to a post; alt text is required (people using screen readers)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="media")
    image = models.ImageField(upload_to="studio/%Y/%m/")
    alt_text = models.TextField(_("alt text"), max_length=MAX_ALT_TEXT)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.alt_text[:60]


class Variant(models.Model):
    """The post adapted for one platform (a key of PLATFORM_LIMITS)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="variants")
    platform = models.CharField(_("platform"), max_length=20)
    text = models.TextField(_("text"), max_length=MAX_TEXT)

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        ordering = ["platform"]
        constraints = [
            models.UniqueConstraint(fields=["post", "platform"], name="one_variant_per_platform")
        ]

    def __str__(self) -> str:
        return f"{self.post} · {self.platform}"


class Delivery(models.Model):
    """One variant sent to one connected account: the publishing app's Publication does it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="deliveries")
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="deliveries")
    account = models.ForeignKey(
        "publishing.ConnectedAccount", on_delete=models.PROTECT, related_name="+"
    )
    publication = models.OneToOneField(
        "publishing.Publication", on_delete=models.PROTECT, related_name="studio_delivery"
    )
    revision = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["pk"]
        indexes = [models.Index(fields=["post", "revision"])]

    def __str__(self) -> str:
        return f"{self.variant} → {self.account_id}"


class Comment(models.Model):
    """A team member's note on a post, e.g. during review."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class ShortLink(models.Model):
    """A Suar short link from a post to a group, Q&A session or challenge.

    Clicks are counted by the measurement issue (see `suar.studio.links.record_click`); no
    visitor data (IP, user agent) is stored here.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="short_links"
    )
    code = models.CharField(max_length=16, unique=True)
    target = models.CharField(_("target"), max_length=500)
    label = models.CharField(_("label"), max_length=160, blank=True)
    post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="short_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("short link")
        verbose_name_plural = _("short links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.code
