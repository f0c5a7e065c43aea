"""Community: groups where people share recovery stories and support each other."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "suar.community"
    label = "community"
    verbose_name = _("Community")
