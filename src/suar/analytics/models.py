"""What measuring success stores: post figures over time, link clicks per day, programmes and
their sign-ups, comments from the platforms, sync health and API tokens.

No table here holds a visitor's IP address, user agent or any identifier of a person who
clicked a link: clicks are daily counts; the de-duplication hashes live for one day only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.html import linebreaks
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation
from suar.core.crypto import EncryptedTextField

METRICS = ("likes", "comments", "shares", "reach", "impressions")
INTERACTIONS = ("likes", "comments", "shares")


class TrackedPost(models.Model):
    """One post on one platform whose figures we know: published by Suar or imported."""

    class Origin(models.TextChoices):
        SUAR = "suar", _("Published with Suar")
        IMPORT = "import", _("Imported from a platform export")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="tracked_posts"
    )
    platform = models.CharField(_("platform"), max_length=20)
    account = models.ForeignKey(
        "publishing.ConnectedAccount",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tracked_posts",
    )
    publication = models.OneToOneField(
        "publishing.Publication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tracked_post",
    )
    platform_post_id = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    # The Studio's post kind (story, tip, ...) when Suar published it; an imported post gets
    # the platform's own type ("Photo", "Reel") so that comparisons by kind stay possible.
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    label = models.CharField(_("post"), max_length=200, blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.SUAR)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Where reading comments got to: the adapter's since_id.
    comments_cursor = models.CharField(max_length=300, blank=True)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("measured post")
        verbose_name_plural = _("measured posts")
        ordering = ["-published_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "platform", "platform_post_id"],
                name="analytics_post_once_per_platform",
            )
        ]
        indexes = [models.Index(fields=["organisation", "published_at"])]

    def __str__(self) -> str:
        return f"{self.platform}: {self.label or self.platform_post_id}"


class ImportBatch(models.Model):
    """One platform export file imported; the digest makes a second import of it a no-op."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="analytics_imports"
    )
    platform = models.CharField(_("platform"), max_length=20)
    file_name = models.CharField(_("file"), max_length=255)
    digest = models.CharField(max_length=64)
    rows_read = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"line": 7, "message": "..."}]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("imported export")
        verbose_name_plural = _("imported exports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "digest"], name="analytics_import_once_per_file"
            )
        ]

    def __str__(self) -> str:
        return self.file_name


class EngagementSnapshot(models.Model):
    """A post's figures at one moment. None where the platform gives no figure: a missing
    number stays missing and is never added up as zero."""

    class Source(models.TextChoices):
        API = "api", _("Platform API")
        IMPORT = "import", _("Export file")

    post = models.ForeignKey(TrackedPost, on_delete=models.CASCADE, related_name="snapshots")
    taken_at = models.DateTimeField()
    # taken_at floored to the hour: a sync that runs twice in one hour updates its snapshot
    # instead of adding a second one (the task is idempotent).
    slot = models.DateTimeField()
    source = models.CharField(max_length=8, choices=Source.choices)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="snapshots"
    )
    likes = models.PositiveBigIntegerField(null=True, blank=True)
    comments = models.PositiveBigIntegerField(null=True, blank=True)
    shares = models.PositiveBigIntegerField(null=True, blank=True)
    reach = models.PositiveBigIntegerField(null=True, blank=True)
    impressions = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("figures snapshot")
        verbose_name_plural = _("figures snapshots")
        ordering = ["taken_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "slot", "source"], name="analytics_one_snapshot_per_hour"
            )
        ]
        indexes = [models.Index(fields=["post", "-taken_at"])]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.taken_at:%Y-%m-%d %H:%M}"


class SyncState(models.Model):
    """How the last pull from one connected account went, so pages can say what is missing."""

    class Status(models.TextChoices):
        NEVER = "never", _("Not fetched yet")
        OK = "ok", _("Up to date")
        PARTIAL = "partial", _("Stopped part-way")
        AUTH = "auth", _("Access revoked or expired")
        NOT_SUPPORTED = "not_supported", _("The platform gives no figures")
        ERROR = "error", _("Temporary problem")

    account = models.OneToOneField(
        "publishing.ConnectedAccount", on_delete=models.CASCADE, related_name="analytics_sync"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEVER)
    message = models.CharField(max_length=500, blank=True)
    engagement_supported = models.BooleanField(null=True)
    comments_supported = models.BooleanField(null=True)
    # Learnt from the first refused attempt: an adapter may implement hiding yet refuse it
    # for its platform (Mastodon has no such API).
    hide_supported = models.BooleanField(null=True)
    # Likewise for blocking a comment's author.
    block_supported = models.BooleanField(null=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    # When access failed: figures after this moment are missing for this account's posts.
    failed_at = models.DateTimeField(null=True, blank=True)
    posts_synced = models.PositiveIntegerField(default=0)
    posts_missed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("figures sync")
        verbose_name_plural = _("figures syncs")

    def __str__(self) -> str:
        return f"{self.account_id}: {self.status}"


class Programme(models.Model):
    """A support programme people can sign up for: a peer group, a counselling intake, an
    event. Sign-ups record where people came from, never more about them than they give."""

    class Kind(models.TextChoices):
        PEER_GROUP = "peer_group", _("Peer support group")
        COUNSELLING = "counselling", _("Counselling intake")
        EVENT = "event", _("Event")
        OTHER = "other", _("Other programme")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programmes"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("address"), max_length=60)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    location = models.CharField(_("where"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    is_open = models.BooleanField(_("open for sign-ups"), default=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("part of the campaign"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="analytics_programme_slug_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SignUp(models.Model):
    """One person's sign-up: a name or nickname and a contact they chose, both encrypted at
    rest, plus where they came from (campaign, post, short link, platform)."""

    class ContactMethod(models.TextChoices):
        WHATSAPP = "whatsapp", "WhatsApp"
        PHONE = "phone", _("Phone or SMS")
        EMAIL = "email", _("E-mail")
        INSTAGRAM = "instagram", _("Instagram message")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="signups")
    name = EncryptedTextField(_("name or nickname"))
    contact = EncryptedTextField(_("how to reach you"))
    contact_method = models.CharField(_("contact by"), max_length=12, choices=ContactMethod.choices)
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey(
        "studio.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    link = models.ForeignKey(
        "studio.ShortLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_platform = models.CharField(max_length=20, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.NEW)
    # The token of the form that created it: a second submit of the same form finds this row.
    client_token = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "client_token"],
                condition=~models.Q(client_token=""),
                name="analytics_signup_once_per_form",
            )
        ]
        indexes = [models.Index(fields=["programme", "created_at"])]

    def __str__(self) -> str:
        return f"sign-up {self.pk} for {self.programme_id}"

    def __repr__(self) -> str:
        # Never the name or contact: a repr ends up in tracebacks and logs.
        return f"<SignUp {self.pk} programme={self.programme_id}>"


class TrackedLink(models.Model):
    """What a Studio short link is for, when the analytics app made it (programme, site)."""

    class Kind(models.TextChoices):
        POST = "post", _("Post")
        GROUP = "group", _("Group")
        QA = "qa", _("Q&A session")
        CHALLENGE = "challenge", _("Challenge")
        PROGRAMME = "programme", _("Programme")
        SITE = "site", _("Our website")
        OTHER = "other", _("Other page")

    link = models.OneToOneField(
        "studio.ShortLink", on_delete=models.CASCADE, related_name="analytics"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.link_id}: {self.kind}"


class LinkClickDay(models.Model):
    """Clicks on one short link on one local day from one source platform; nothing else."""

    link = models.ForeignKey("studio.ShortLink", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    source = models.CharField(max_length=20)
    clicks = models.PositiveIntegerField(default=0)
    # Clicks after removing repeats by the same browser on the same day (the daily hash).
    visitors = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["link", "day", "source"], name="analytics_click_day_per_source"
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.link_id} {self.day} {self.source}: {self.clicks}"


class ClickSalt(models.Model):
    """Today's random salt for de-duplicating clicks; yesterday's is deleted, with its hashes,
    so a hash cannot be linked to anything once the day is over."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return str(self.day)


class ClickSeen(models.Model):
    day = models.DateField()
    digest = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "digest"], name="analytics_click_seen_once")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.digest[:6]}"


class PlatformComment(models.Model):
    """A comment someone left on one of the organisation's posts, with the safety verdict."""

    class Verdict(models.TextChoices):
        SUPPORTIVE = "supportive", _("Supportive")
        NEUTRAL = "neutral", _("Neutral")
        TOXIC = "toxic", _("Harassment or abuse")
        CRISIS = "crisis", _("The writer may be in crisis")

    class PlatformState(models.TextChoices):
        NONE = "none", _("Nothing to do")
        SUGGESTED = "suggested", _("Suggested for hiding")
        HIDDEN = "hidden", _("Hidden on the platform")
        KEPT = "kept", _("Kept by a person")
        NOT_SUPPORTED = "not_supported", _("The platform does not allow hiding it")
        FAILED = "failed", _("Hiding failed")

    class BlockState(models.TextChoices):
        """Blocking the author, apart from hiding the comment: a person may do both."""

        NONE = "none", _("Nothing to do")
        OFFERED = "offered", _("Blocking the author is offered")
        BLOCKING = "blocking", _("Being blocked")
        BLOCKED = "blocked", _("Author blocked on the platform")
        NOT_SUPPORTED = "not_supported", _("The platform does not allow blocking")
        FAILED = "failed", _("Blocking failed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="platform_comments"
    )
    post = models.ForeignKey(
        TrackedPost, on_delete=models.CASCADE, related_name="platform_comments"
    )
    platform_comment_id = models.CharField(max_length=300)
    text = models.TextField(max_length=20_000)
    author_handle = models.CharField(max_length=200, blank=True)
    # The author's id on the platform, which blocking needs ("" for comments read before
    # it was kept: the adapter then looks the author up from the comment).
    author_id = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    written_at = models.DateTimeField()
    verdict = models.CharField(max_length=12, choices=Verdict.choices)
    risk = models.FloatField(default=0.0)
    findings = models.JSONField(default=list, blank=True)
    # The moderation queue sets `status` (published/hidden) when a moderator decides.
    status = models.CharField(max_length=16, default="published")
    platform_state = models.CharField(
        max_length=16, choices=PlatformState.choices, default=PlatformState.NONE
    )
    platform_message = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    block_state = models.CharField(
        max_length=16, choices=BlockState.choices, default=BlockState.NONE
    )
    block_message = models.CharField(max_length=500, blank=True)
    block_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When blocking was asked (a claim while BLOCKING, so a crashed request can be retried)
    # or decided.
    block_decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("platform comment")
        verbose_name_plural = _("platform comments")
        ordering = ["-written_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "platform_comment_id"], name="analytics_comment_once"
            )
        ]
        indexes = [models.Index(fields=["organisation", "written_at"])]

    def __str__(self) -> str:
        return self.text[:60]

    # What the moderation queue shows for any queued item.
    anonymous = False

    @property
    def title(self) -> str:
        return str(
            _("Comment on %(platform)s under “%(post)s”")
            % {"platform": self.post.platform, "post": self.post.label or self.post.url}
        )

    @property
    def author_label(self) -> str:
        return self.author_handle or str(_("someone on the platform"))

    @property
    def html(self) -> SafeString:
        return SafeString(linebreaks(self.text, autoescape=True))


class ApiToken(models.Model):
    """A read-only token for the analytics API, scoped to one organisation. Only a SHA-256
    digest is stored (the token is 256 random bits, so a fast digest cannot be guessed back);
    the token itself is shown once, when it is made."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="analytics_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="analytics_tokens"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def __repr__(self) -> str:
        return f"<ApiToken {self.pk} {self.prefix}…>"


class ImpactSettings(models.Model):
    """The organisation's own website, the only outside address a short link may lead to."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="impact_settings"
    )
    website = models.URLField(_("our website"), blank=True)

    def __str__(self) -> str:
        return self.website
