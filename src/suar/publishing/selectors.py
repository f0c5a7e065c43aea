"""Reads of the publishing app, scoped to the organisations the person may publish for."""

from __future__ import annotations

from django.db.models import QuerySet

from suar.accounts.models import Organisation
from suar.accounts.permissions import AnyUser, has_perm
from suar.accounts.roles import Perm
from suar.publishing.models import ConnectedAccount, Publication

RECENT_PUBLICATIONS = 50


def publishing_organisations(user: AnyUser) -> list[Organisation]:
    """Organisations where the person composes or connects accounts."""
    if not user.is_authenticated:
        return []
    organisations = (
        Organisation.objects.all()
        if user.is_superuser
        else Organisation.objects.filter(memberships__user=user).distinct()
    )
    return [
        org
        for org in organisations
        if has_perm(user, Perm.COMPOSE_POSTS, org) or has_perm(user, Perm.CONNECT_ACCOUNTS, org)
    ]


def accounts_of(organisations: list[Organisation]) -> QuerySet[ConnectedAccount]:
    return ConnectedAccount.objects.filter(organisation__in=organisations).select_related(
        "organisation"
    )


def publications_of(organisations: list[Organisation]) -> QuerySet[Publication]:
    """The most recent publications first, with what each row shows fetched up front."""
    return (
        Publication.objects.filter(organisation__in=organisations)
        .select_related("account", "organisation")
        .order_by("-scheduled_at", "-pk")[:RECENT_PUBLICATIONS]
    )


def visible_publication(user: AnyUser, pk: int) -> Publication | None:
    organisations = publishing_organisations(user)
    return (
        Publication.objects.filter(pk=pk, organisation__in=organisations)
        .select_related("account", "organisation")
        .first()
    )


def visible_account(user: AnyUser, pk: int) -> ConnectedAccount | None:
    organisations = publishing_organisations(user)
    return (
        ConnectedAccount.objects.filter(pk=pk, organisation__in=organisations)
        .select_related("organisation")
        .first()
    )
