"""Challenges such as "30 hari tanpa rokok": who takes part and their daily check-ins."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation
from suar.community.models import Group

NOTE_MAX_LENGTH = 280


class Challenge(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="challenges"
    )
    # No group: the challenge is organisation-wide and open to everyone.
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="challenges", null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=80)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    starts_on = models.DateField(_("starts on"))
    length_days = models.PositiveSmallIntegerField(
        _("length in days"), validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_on(self) -> date:
        """The last day on which a check-in counts."""
        return self.starts_on + timedelta(days=self.length_days - 1)


class Participant(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_entries"
    )
    # Off by default: nobody appears on a leaderboard without choosing to.
    on_leaderboard = models.BooleanField(_("show me on the leaderboard"), default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="join_challenge_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.challenge_id}"


class CheckIn(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="checkins")
    day = models.DateField()  # the local day in Asia/Jakarta, not the UTC date
    note = models.CharField(_("private note"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "day"], name="one_checkin_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.day}"
