"""Studio: compose, check, adapt per platform, review and schedule posts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudioConfig(AppConfig):
    name = "suar.studio"
    label = "studio"
    verbose_name = _("Studio")
