"""Professional help: the directory of services and the guidance on when to seek help."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpConfig(AppConfig):
    name = "suar.help"
    label = "help"
    verbose_name = _("Professional help")
