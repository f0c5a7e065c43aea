"""Accounts: people, organisations, roles and the permission helper."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "suar.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
