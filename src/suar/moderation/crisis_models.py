"""Crisis alerts (and how fast a person reached out) and which moderators are on duty."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation


class CrisisAlert(models.Model):
    """A crisis finding (or a member's worried report) that needs a human to reach out.

    analytics reads `organisation`, `created_at` and `first_contact_at` for the community's
    health figures: keep those names.
    """

    class Channel(models.TextChoices):
        MESSAGE = "message", _("Private message in Suar")
        PHONE = "phone", _("Phone call")
        EMAIL = "email", _("E-mail")
        IN_PERSON = "in_person", _("In person")
        OTHER = "other", _("Another way")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="crisis_alerts"
    )
    queue_item = models.ForeignKey(
        "moderation.QueueItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crisis_alerts",
    )
    # The person who may be in crisis. Moderators never see the account of an anonymous post.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="crisis_alerts_received", blank=True
    )
    # Everyone was alerted because nobody was on duty.
    fallback = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    first_contact_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_channel = models.CharField(max_length=12, choices=Channel.choices, blank=True)
    # For the moderators only; never shown to the person or to members.
    contact_note = models.TextField(blank=True, max_length=2000)

    class Meta:
        verbose_name = _("crisis alert")
        verbose_name_plural = _("crisis alerts")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "first_contact_at"])]

    def __str__(self) -> str:
        return f"crisis alert {self.pk}"

    @property
    def response_time(self) -> timedelta | None:
        if self.first_contact_at is None:
            return None
        return self.first_contact_at - self.created_at

    @property
    def waiting(self) -> timedelta:
        return timezone.now() - self.created_at


class ModeratorDuty(models.Model):
    """A moderator on duty in an organisation until a time; crisis alerts go to them first."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_duties"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("moderator on duty")
        verbose_name_plural = _("moderators on duty")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_duty_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on duty until {self.until}"

    @property
    def active(self) -> bool:
        return self.until > timezone.now()
