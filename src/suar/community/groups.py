"""Writes of group management: creating a group, its description and rules, its moderators."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, has_perm, require_perm
from suar.accounts.roles import Perm
from suar.community.models import Group
from suar.community.selectors import can_manage_group
from suar.moderation.services import record_audit


def _free_slug(organisation: Organisation, name: str) -> str:
    base = slugify(name)[:50] or "grup"
    slug, n = base, 2
    while Group.objects.filter(organisation=organisation, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_group(
    *,
    actor: AnyUser,
    organisation: Organisation,
    name: str,
    description: str,
    rules: str,
    visibility: str,
    language: str = "id",
) -> Group:
    """Organisers and moderators create groups; the creator joins and moderates it."""
    require_perm(actor, Perm.MANAGE_GROUPS, organisation)
    assert isinstance(actor, User)
    name = name.strip()
    # A second click on "create" finds the group the first one made.
    existing = Group.objects.filter(organisation=organisation, name__iexact=name).first()
    if existing is not None:
        raise ValidationError({"name": _("A group with this name already exists.")})
    group = Group(
        organisation=organisation,
        name=name,
        slug=_free_slug(organisation, name),
        description=description.strip(),
        rules=rules.strip(),
        visibility=visibility,
        language=language,
    )
    group.full_clean()
    with transaction.atomic():
        group.save()
        group.members.add(actor)
        group.moderators.add(actor)
        record_audit(actor=actor, action="group.create", target=group, organisation=organisation)
    return group


def update_group(
    *,
    actor: AnyUser,
    group: Group,
    description: str,
    rules: str,
    visibility: str | None = None,
    moderators: Iterable[User] | None = None,
) -> Group:
    """Group moderators edit the description and rules; the organisation's managers also
    the visibility and who moderates (moderators must be members)."""
    if not can_manage_group(actor, group):
        raise PermissionDenied("not a manager of this group")
    manager = has_perm(actor, Perm.MANAGE_GROUPS, group.organisation)
    if not manager and (visibility is not None or moderators is not None):
        raise PermissionDenied("only the organisation's managers change these")
    group.description, group.rules = description.strip(), rules.strip()
    if visibility is not None:
        group.visibility = visibility
    group.full_clean()
    with transaction.atomic():
        group.save()
        if moderators is not None:
            chosen = list(moderators)
            members = set(group.members.values_list("pk", flat=True))
            if any(person.pk not in members for person in chosen):
                raise ValidationError({"moderators": _("Moderators must be members of the group.")})
            group.moderators.set(chosen)
        record_audit(
            actor=actor, action="group.update", target=group, organisation=group.organisation
        )
    return group
