"""Challenges: daily check-ins, streaks and shareable milestones."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "suar.challenges"
    label = "challenges"
    verbose_name = _("Challenges")
