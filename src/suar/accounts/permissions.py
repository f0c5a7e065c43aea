"""The one permission helper every view, API endpoint, service and task uses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import ROLE_PERMISSIONS, Perm, Role

P = ParamSpec("P")
R = TypeVar("R")

AnyUser = User | AnonymousUser


def roles_of(user: AnyUser, organisation: Organisation | None = None) -> set[Role]:
    """The roles a person holds: in one organisation, or in any when none is given."""
    if not user.is_authenticated:
        return set()
    cache: dict[int | None, set[Role]] = user.__dict__.setdefault("_suar_roles", {})
    key = organisation.pk if organisation else None
    if key not in cache:
        memberships = Membership.objects.filter(user=user)
        if organisation is not None:
            memberships = memberships.filter(organisation=organisation)
        cache[key] = {Role(role) for role in memberships.values_list("role", flat=True)}
    return cache[key]


def forget_roles(user: AnyUser) -> None:
    """Drop the roles cached on this user object; call after changing a membership."""
    user.__dict__.pop("_suar_roles", None)


def has_perm(user: AnyUser, perm: Perm, organisation: Organisation | None = None) -> bool:
    """True when the person may do `perm` (in `organisation`, or in any of theirs).

    Inactive accounts may do nothing; superusers may do everything (they run the install).
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(perm in ROLE_PERMISSIONS[role] for role in roles_of(user, organisation))


def require_perm(user: AnyUser, perm: Perm, organisation: Organisation | None = None) -> None:
    """Raise PermissionDenied unless the person may do `perm`; services call this first."""
    if not has_perm(user, perm, organisation):
        raise PermissionDenied(perm.value)


def perm_required(
    perm: Perm,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator: anonymous visitors go to the log-in page, others get a 403 page."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require_perm(request.user, perm)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
