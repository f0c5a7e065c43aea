"""Template context: what the signed-in person may do, for showing the right menu entries."""

from __future__ import annotations

from django.http import HttpRequest

from suar.accounts.permissions import has_perm
from suar.accounts.roles import Perm


def roles(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)  # absent when an error page renders before auth ran
    if user is None or not user.is_authenticated:
        return {"can": {}}
    return {"can": {perm.name.lower(): has_perm(user, perm) for perm in Perm}}
