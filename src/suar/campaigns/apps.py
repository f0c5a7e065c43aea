"""Campaigns: hashtag pledge drives counted exactly once, sponsors and live totals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "suar.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")
