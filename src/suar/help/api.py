"""API endpoints of the help app, mounted under /api/v1/help/: a public, read-only search of
the directory and the crisis lines, and curation for organisations (permission-checked)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja import Status as Answer
from ninja.errors import HttpError

from suar.accounts.models import Organisation
from suar.help import selectors, services
from suar.help.models import HelpService

router = Router(tags=["help"])


class ServiceOut(Schema):
    id: int
    kind: str
    name: str
    description: str
    city: str
    province: str
    country: str
    online: bool
    languages: list[str]
    cost: str
    cost_note: str
    bpjs: str
    phone: str
    url: str
    hours: str
    is_example: bool
    verified_on: date | None


class ServiceIn(Schema):
    kind: str
    name: str
    description: str = ""
    city: str = ""
    province: str = ""
    country: str = "ID"
    address: str = ""
    online: bool = False
    languages: str = "id"
    cost: str = HelpService.Cost.PAID
    cost_note: str = ""
    bpjs: str = HelpService.Bpjs.UNKNOWN
    phone: str = ""
    email: str = ""
    url: str = ""
    hours: str = ""
    show_in_crisis: bool = False
    priority: int = 100
    source_url: str = ""
    verified_on: date | None = None
    active: bool = True


def _out(s: HelpService) -> dict[str, Any]:
    return {
        **{f: getattr(s, f) for f in ServiceOut.model_fields if f != "languages"},
        "languages": s.language_list,
    }


@router.get("/services", response=list[ServiceOut], auth=None)
def search(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    city: str = "",
    language: str = "",
    cost: str = "",
    bpjs: bool = False,
    online: bool = False,
    page: int = 1,
) -> list[dict[str, Any]]:
    filters = selectors.Filters(q, kind, city, language, cost, bpjs, online)
    return [_out(s) for s in selectors.search(request.user, filters, page=page)]


@router.get("/crisis-lines", response=list[ServiceOut], auth=None)
def crisis_lines(request: HttpRequest, country: str = "") -> list[dict[str, Any]]:
    return [
        _out(s)
        for s in selectors.crisis_lines(country.upper()[:2] or selectors.country_of(request.user))
    ]


@router.post("/organisations/{slug}/services", response={201: ServiceOut})
def create(request: HttpRequest, slug: str, payload: ServiceIn) -> Answer[Any]:
    organisation = get_object_or_404(Organisation, slug=slug)
    try:
        service = services.save_service(
            actor=request.user, organisation=organisation, data=payload.dict()
        )
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return Answer(201, _out(service))


@router.patch("/services/{service_id}", response=ServiceOut)
def update(request: HttpRequest, service_id: int, payload: ServiceIn) -> dict[str, Any]:
    service = get_object_or_404(HelpService, pk=service_id)
    try:
        service = services.save_service(
            actor=request.user,
            organisation=service.organisation,
            data=payload.dict(exclude_unset=True),
            service=service,
        )
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return _out(service)
