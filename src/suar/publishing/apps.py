"""Publishing: platform adapters that post scheduled content exactly once."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "suar.publishing"
    label = "publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        # Every process that loads Suar (web, worker, publisher) redacts tokens from logs.
        from suar.core.crypto import install_log_filter

        install_log_filter()
