"""Django admin access for people holding the admin role, without making them superusers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

from suar.accounts.permissions import has_perm
from suar.accounts.roles import Perm


class RoleAdminBackend(BaseBackend):
    """Grants Django's model permissions to people whose role allows the back office.

    Roles are Suar's permission system; Django's per-model permissions would be a second one
    to keep in step. Admin-role holders may use every admin page; nobody else gets any.
    """

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return bool(user_obj.is_staff) and has_perm(user_obj, Perm.USE_ADMIN_SITE)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(user_obj.is_staff) and has_perm(user_obj, Perm.USE_ADMIN_SITE)
