"""Writes about people and roles: each one checks, validates and saves in one transaction."""

from __future__ import annotations

from django.db import transaction

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.permissions import AnyUser, forget_roles, require_perm
from suar.accounts.roles import Perm, Role


@transaction.atomic
def register_user(
    *, username: str, password: str, email: str = "", display_name: str = "", language: str = "id"
) -> User:
    """Create an account and make the person a member of the default organisation."""
    user = User(username=username, email=email, display_name=display_name, language=language)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    organisation = Organisation.objects.order_by("pk").first()
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=Role.MEMBER)
    return user


@transaction.atomic
def set_role(*, actor: AnyUser, user: User, organisation: Organisation, role: Role) -> Membership:
    """Give a person a role in an organisation; only its admins may."""
    require_perm(actor, Perm.MANAGE_ORGANISATION, organisation)
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    forget_roles(user)
    # The Django admin is for admins only; keep is_staff in step with the role.
    is_admin = Membership.objects.filter(user=user, role=Role.ADMIN).exists()
    if user.is_staff != is_admin and not user.is_superuser:
        user.is_staff = is_admin
        user.save(update_fields=["is_staff"])
    return membership


def save_language(*, user: AnyUser, language: str) -> None:
    """Remember a signed-in person's language choice across devices."""
    if user.is_authenticated and isinstance(user, User) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
