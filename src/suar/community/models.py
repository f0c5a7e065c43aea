"""Groups, the recovery stories people share in them, replies, reactions and pseudonyms."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation
from suar.community.markup import render


class Group(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    rules = models.TextField(_("rules"), blank=True)
    language = models.CharField(_("main language"), max_length=8, default="id")
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="community_groups", blank=True
    )
    # Group moderators approve join requests and share invitation links for this group only;
    # the organisation-wide review queue needs the moderator role (Perm.MODERATE).
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="moderated_groups",
        blank=True,
        verbose_name=_("group moderators"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="group_slug_per_org")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_private(self) -> bool:
        return self.visibility == self.Visibility.PRIVATE


class Status(models.TextChoices):
    """Where a story or reply stands; only PUBLISHED is ever shown to other people."""

    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for review")
    CRISIS_REVIEW = "crisis_review", _("Waiting for a moderator (crisis)")
    HIDDEN = "hidden", _("Hidden by a moderator")
    DELETED = "deleted", _("Deleted")


class Authored(models.Model):
    """What stories and replies share: an author (or a pseudonym), screening and a status."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    anonymous = models.BooleanField(_("post anonymously"), default=False)
    # A copy of the author's pseudonym in this group, so a page never needs the author row.
    pseudonym = models.CharField(_("pseudonym"), max_length=60, blank=True)
    body = models.TextField()
    body_html = models.TextField(blank=True, editable=False)
    content_warning = models.CharField(_("content warning"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PUBLISHED
    )
    risk = models.FloatField(default=0.0)
    # The token of the form that created it: a second submit of the same form finds this row.
    client_token = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def html(self) -> SafeString:
        # markup.render escapes all input first and passes the result through nh3's
        # allow-list; that sanitised HTML is the only user-derived text marked safe.
        return mark_safe(self.body_html or render(self.body))  # noqa: S308

    @property
    def author_label(self) -> str:
        """The name others see: never the account behind an anonymous post."""
        if self.anonymous:
            return self.pseudonym
        if self.author_id is None:
            return str(_("deleted account"))
        return self.author.public_name if self.author else ""


class Story(Authored):
    """A recovery story shared in a group."""

    class Visibility(models.TextChoices):
        # Never wider than the group: a private group's stories stay in the group.
        GROUP = "group", _("Members of this group")
        ORGANISATION = "organisation", _("Members of the organisation")
        PUBLIC = "public", _("Everyone, also without an account")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="stories")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
    )
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("story"))
    language = models.CharField(_("language"), max_length=8, default="id")
    # Stories created before per-story visibility existed were public in public groups; new
    # stories get the narrowest choice by default from the compose form.
    visibility = models.CharField(
        _("who can read it"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    image = models.ImageField(_("image"), upload_to="community/stories/", blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=300, blank=True)
    first_reply_at = models.DateTimeField(null=True, blank=True)
    reply_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["group", "-created_at"]),
            models.Index(fields=["status", "-created_at"], name="story_status_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"],
                condition=~models.Q(client_token=""),
                name="story_once_per_form",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def organisation(self) -> Organisation:
        return self.group.organisation

    @property
    def audience_label(self) -> str:
        """Who can really read it: a private group narrows any choice to its members."""
        if self.group.is_private:
            return str(self.Visibility.GROUP.label)
        return str(self.get_visibility_display())


class Reply(Authored):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="story_replies",
    )
    body = models.TextField(_("reply"))

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["story", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"],
                condition=~models.Q(client_token=""),
                name="reply_once_per_form",
            )
        ]

    def __str__(self) -> str:
        return f"{self.story}: {self.body[:40]}"

    @property
    def organisation(self) -> Organisation:
        return self.story.group.organisation


class Reaction(models.Model):
    """A small fixed set of supportive reactions; no counts of dislikes, no scores."""

    class Kind(models.TextChoices):
        HUG = "hug", _("Hug")
        STRENGTH = "strength", _("Stay strong")
        THANKS = "thanks", _("Thank you")

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_reactions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "user", "kind"], name="one_reaction_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.story_id}"


class Pseudonym(models.Model):
    """The stable name a person posts under anonymously in one group."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pseudonyms"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="pseudonyms")
    name = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="one_pseudonym_per_group"),
            models.UniqueConstraint(fields=["group", "name"], name="pseudonym_unique_in_group"),
        ]

    def __str__(self) -> str:
        return self.name


class JoinRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.CharField(_("message to the organisers"), max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_join_request_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.group_id}: {self.state}"


# The personal controls live in their own module; importing them registers their models.
from suar.community.controls.models import (  # noqa: E402
    Block,
    ControlSettings,
    DailyUsage,
    GroupUnfollow,
    Mute,
    MutedWord,
)
from suar.community.notices.models import Notification  # noqa: E402

__all__ = [
    "Block",
    "ControlSettings",
    "DailyUsage",
    "Group",
    "GroupUnfollow",
    "JoinRequest",
    "Mute",
    "MutedWord",
    "Notification",
    "Pseudonym",
    "Reaction",
    "Reply",
    "Status",
    "Story",
]
