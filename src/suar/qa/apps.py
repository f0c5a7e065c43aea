"""Q&A: live question-and-answer sessions with experts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    name = "suar.qa"
    label = "qa"
    verbose_name = _("Q&A sessions")
