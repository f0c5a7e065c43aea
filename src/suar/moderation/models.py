"""The review queue of held and flagged items, and the audit log of sensitive actions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation


class QueueItem(models.Model):
    """One item waiting for a moderator: any model with a `status` field can be queued."""

    class Category(models.TextChoices):
        # The safety engine's categories that hold an item, plus reports by people.
        CRISIS = "crisis", _("Crisis")
        HARASSMENT = "harassment", _("Harassment")
        TRIGGERING = "triggering", _("Triggering detail")
        PERSONAL_DATA = "personal_data", _("Personal data")
        REPORT = "report", _("Reported")

    class State(models.TextChoices):
        OPEN = "open", _("Waiting")
        APPROVED = "approved", _("Approved")
        HIDDEN = "hidden", _("Hidden")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="queue_items"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    # Crisis sorts first whatever the scores say: a flag, not a weight.
    is_crisis = models.BooleanField(default=False)
    risk = models.FloatField(_("risk"), default=0.0)
    findings = models.JSONField(_("findings"), default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("review queue item")
        verbose_name_plural = _("review queue")
        ordering = ["-is_crisis", "-risk", "created_at"]
        indexes = [models.Index(fields=["organisation", "state", "-is_crisis", "-risk"])]

    def __str__(self) -> str:
        return f"{self.get_category_display()} #{self.object_id}"


class AuditEntry(models.Model):
    """Who did what sensitive thing to what, and why. Written by services, never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=40)
    target = models.CharField(_("target"), max_length=120)
    reason = models.TextField(_("reason"), blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.action} {self.target}"
