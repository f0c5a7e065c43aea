"""Polls with single or multiple choice, a closing time and one ballot per person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation
from suar.community.models import Group

MAX_OPTIONS = 10


class Poll(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One answer")
        MULTIPLE = "multiple", _("Several answers")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="polls")
    # No group: the poll is organisation-wide and visible to everyone.
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="polls", null=True, blank=True
    )
    question = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    closes_at = models.DateTimeField(_("closes at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.question

    @property
    def is_closed(self) -> bool:
        return self.closes_at <= timezone.now()


class Option(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Ballot(models.Model):
    """One person's vote in one poll; the unique constraint makes a second vote impossible."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="poll_ballots"
    )
    options = models.ManyToManyField(Option, related_name="ballots")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="one_ballot_per_poll")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.poll_id}"
