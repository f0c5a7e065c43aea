"""Polls: single or multiple choice, closing time, results after voting."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "suar.polls"
    label = "polls"
    verbose_name = _("Polls")
