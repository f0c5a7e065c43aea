"""A notice for one person. It points at the thing (never copies its text), so whatever
happens to that thing later (hidden, deleted, a block) also applies to the notice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("A reply to my story")
        REACTIONS = "reactions", _("Support for my story")
        JOIN_REQUEST = "join_request", _("A request to join a group I moderate")
        JOIN_APPROVED = "join_approved", _("My request to join was approved")
        ANSWER = "answer", _("An expert answered my question")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    story = models.ForeignKey(
        "community.Story", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reply = models.ForeignKey(
        "community.Reply", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        "community.Group", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Things of other apps (a Q&A question): a link and a title the person could already see.
    url = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    count = models.PositiveIntegerField(default=1)  # reactions are gathered into one notice
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "community"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"
