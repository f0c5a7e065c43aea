"""Core: the home page, language switching, health and the base layout."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "suar.core"
    label = "core"
    verbose_name = _("Core")
