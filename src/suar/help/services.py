"""Writes of the help directory: organisations curate their own entries (permission-checked,
audited); install-wide entries are the install's operators' (superusers)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.help.models import HelpService
from suar.moderation.services import record_audit

FIELDS = (
    "kind", "name", "description", "city", "province", "country", "address", "online",
    "languages", "cost", "cost_note", "bpjs", "phone", "email", "url", "hours",
    "show_in_crisis", "priority", "source_url", "verified_on", "active",
)  # fmt: skip


def require_curator(
    actor: AnyUser, service: HelpService | None, organisation: Organisation | None
) -> None:
    target = service.organisation if service is not None else organisation
    if target is None:
        if not (actor.is_authenticated and actor.is_superuser):
            raise PermissionDenied("install-wide entries are curated by the operators")
        return
    require_perm(actor, Perm.MANAGE_HELP_DIRECTORY, target)


def _languages(value: str) -> str:
    codes = [c.strip().lower() for c in value.replace(";", ",").split(",") if c.strip()]
    return ",".join(dict.fromkeys(codes))[:60] or "id"


def save_service(
    *,
    actor: AnyUser,
    organisation: Organisation | None,
    data: dict[str, Any],
    service: HelpService | None = None,
) -> HelpService:
    """Create or update an entry from validated form data."""
    require_curator(actor, service, organisation)
    created = service is None
    if service is None:
        service = HelpService(
            organisation=organisation, created_by=actor if isinstance(actor, User) else None
        )
    for field in FIELDS:
        if field in data:
            setattr(service, field, data[field])
    service.languages = _languages(service.languages)
    service.full_clean()
    with transaction.atomic():
        service.save()
        record_audit(
            actor=actor,
            action="help.create" if created else "help.update",
            target=service,
            reason=service.name,
            organisation=service.organisation,
        )
    return service
