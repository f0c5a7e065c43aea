"""Moderation: the review queue, decisions, crisis alerts and the audit log."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "suar.moderation"
    label = "moderation"
    verbose_name = _("Moderation")
