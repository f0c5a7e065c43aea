"""API endpoints of the publishing app, mounted under /api/v1/publishing/.

The same services and selectors as the pages; tokens never appear in any answer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Answer
from ninja.errors import HttpError

from suar.accounts.permissions import has_perm
from suar.accounts.roles import Perm
from suar.publishing import selectors, services
from suar.publishing.models import Publication

router = Router(tags=["publishing"])


class AccountOut(Schema):
    id: int
    organisation: str
    platform: str
    handle: str
    status: str
    expires_at: datetime | None


class PublicationOut(Schema):
    id: int
    account_id: int
    text: str
    scheduled_at: datetime
    status: str
    attempts: int
    platform_post_id: str
    platform_url: str
    error_kind: str
    error_message: str
    published_at: datetime | None


class ScheduleIn(Schema):
    account_id: int
    text: str
    media: list[dict[str, Any]] = []
    scheduled_at: datetime
    idempotency_key: str


def _require_composer(request: HttpRequest) -> None:
    if not has_perm(request.user, Perm.COMPOSE_POSTS):
        raise HttpError(403, "You may not publish for any organisation.")


@router.get("/accounts", response=list[AccountOut])
def list_accounts(request: HttpRequest) -> list[AccountOut]:
    _require_composer(request)
    accounts = selectors.accounts_of(selectors.publishing_organisations(request.user))
    return [
        AccountOut(
            id=a.pk,
            organisation=a.organisation.slug,
            platform=a.platform,
            handle=a.handle,
            status=a.status,
            expires_at=a.expires_at,
        )
        for a in accounts
    ]


@router.get("/publications", response=list[PublicationOut])
def list_publications(request: HttpRequest) -> list[Publication]:
    _require_composer(request)
    return list(selectors.publications_of(selectors.publishing_organisations(request.user)))


@router.post("/publications", response={201: PublicationOut})
def schedule(request: HttpRequest, payload: ScheduleIn) -> Answer:
    _require_composer(request)
    account = selectors.visible_account(request.user, payload.account_id)
    if account is None:
        raise HttpError(404, "No such account.")
    try:
        publication = services.schedule_publication(
            actor=request.user,
            account=account,
            text=payload.text,
            media=payload.media,
            scheduled_at=payload.scheduled_at,
            idempotency_key=payload.idempotency_key,
        )
    except PermissionDenied as exc:
        raise HttpError(403, "You may not publish for this organisation.") from exc
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return Answer(201, publication)


def _action(request: HttpRequest, pk: int, action: str) -> Publication:
    _require_composer(request)
    publication = selectors.visible_publication(request.user, pk)
    if publication is None:
        raise HttpError(404, "No such publication.")
    try:
        if action == "retry":
            return services.retry_publication(actor=request.user, publication=publication)
        return services.cancel_publication(actor=request.user, publication=publication)
    except PermissionDenied as exc:
        raise HttpError(403, "You may not publish for this organisation.") from exc
    except ValidationError as exc:
        raise HttpError(409, " ".join(exc.messages)) from exc


@router.post("/publications/{pk}/retry", response=PublicationOut)
def retry(request: HttpRequest, pk: int) -> Publication:
    return _action(request, pk, "retry")


@router.post("/publications/{pk}/cancel", response=PublicationOut)
def cancel(request: HttpRequest, pk: int) -> Publication:
    return _action(request, pk, "cancel")
