"""Measuring success: engagement, short-link clicks, programme sign-ups, community health."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "suar.analytics"
    label = "analytics"
    verbose_name = _("Impact")

    def ready(self) -> None:
        # The Studio's short-link view calls its recorders on every click; ours counts it.
        from suar.analytics.clicks import record_click
        from suar.studio.links import click_recorders

        if record_click not in click_recorders:
            click_recorders.append(record_click)
