"""Measuring success: engagement, short-link clicks, programme sign-ups, community health."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "suar.analytics"
    label = "analytics"
    verbose_name = _("Impact")
