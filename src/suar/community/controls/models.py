"""What each person sets to protect themselves; only they (and the export) ever see it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Block(models.Model):
    """Neither side sees the other's named posts, and the blocked person cannot reply."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "community"
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Mute(models.Model):
    """The muted person's posts leave my feeds; they are not told."""

    muter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes_made"
    )
    muted = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "community"
        constraints = [models.UniqueConstraint(fields=["muter", "muted"], name="mute_once")]

    def __str__(self) -> str:
        return f"{self.muter_id} mutes {self.muted_id}"


class GroupUnfollow(models.Model):
    """Still a member, but the group's stories stay out of my home feed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_unfollows"
    )
    group = models.ForeignKey("community.Group", on_delete=models.CASCADE, related_name="+")

    class Meta:
        app_label = "community"
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="unfollow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} unfollows {self.group_id}"


class MutedWord(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_words"
    )
    phrase = models.CharField(_("word or topic"), max_length=60)

    class Meta:
        app_label = "community"
        constraints = [models.UniqueConstraint(fields=["user", "phrase"], name="muted_word_once")]

    def __str__(self) -> str:
        return self.phrase


class ControlSettings(models.Model):
    class WarningPreference(models.TextChoices):
        HIDE = "hide", _("Always hide, I choose when to read")
        SHOW = "show", _("Show the text under the warning")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_controls"
    )
    content_warnings = models.CharField(
        _("content warnings"),
        max_length=8,
        choices=WarningPreference.choices,
        default=WarningPreference.HIDE,
    )
    daily_limit_minutes = models.PositiveSmallIntegerField(
        _("daily time limit (minutes)"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for no limit. Suar shows a gentle reminder, it never locks you out."
        ),
    )
    notify_replies = models.BooleanField(_("replies to my stories"), default=True)
    notify_reactions = models.BooleanField(_("reactions to my stories"), default=False)
    notify_group_requests = models.BooleanField(
        _("join requests in groups I moderate"), default=True
    )

    class Meta:
        app_label = "community"

    def __str__(self) -> str:
        return f"controls of {self.user_id}"


class DailyUsage(models.Model):
    """Minutes on Suar per person per day: a counter, never a log of when or what."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="daily_usage"
    )
    day = models.DateField()
    minutes = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "community"
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="usage_per_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}: {self.minutes} min"
