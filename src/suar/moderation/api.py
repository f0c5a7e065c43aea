"""API endpoints of the moderation app, mounted under /api/v1/moderation/.

The same services as the pages. The audit log is read-only here too: it has a GET and
nothing else. Conflicts (already reported, already decided) answer 409 with the message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja import Status as Answer
from ninja.errors import HttpError
from pydantic import Field

from suar.accounts.models import User
from suar.accounts.permissions import has_perm, require_perm
from suar.accounts.roles import Perm
from suar.moderation import access, crisis, decisions, reports, selectors
from suar.moderation.models import Appeal, CrisisAlert, Decision, QueueItem

router = Router(tags=["moderation"])


class ReportIn(Schema):
    kind: str = Field(pattern="^(story|reply|question|profile)$")
    id: int
    reason: str
    note: str = Field(default="", max_length=500)


class ReportOut(Schema):
    id: int
    reason: str
    created_at: datetime


class Message(Schema):
    detail: str


class QueueItemOut(Schema):
    id: int
    organisation: str
    kind: str
    object_id: int
    category: str
    is_crisis: bool
    risk: float
    priority: int
    report_count: int
    state: str
    created_at: datetime
    author: str
    findings: list[dict[str, Any]]


class QueuePageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[QueueItemOut]


class DecisionIn(Schema):
    action: str
    reason: str = Field(default="", max_length=1000)
    content_warning: str = Field(default="", max_length=120)
    hours: int | None = None
    days: int | None = None
    label: str | None = None


class DecisionOut(Schema):
    id: int
    queue_item: int
    action: str
    reason: str
    ends_at: datetime | None
    label: str
    appeal_deadline: datetime


class AppealIn(Schema):
    text: str = Field(max_length=2000)


class AppealDecisionIn(Schema):
    overturn: bool
    response: str = Field(max_length=1000)


class AppealOut(Schema):
    id: int
    decision: int
    state: str
    response: str
    created_at: datetime


class ContactIn(Schema):
    channel: str
    note: str = Field(default="", max_length=2000)
    message: str = Field(default="", max_length=2000)


class AlertOut(Schema):
    id: int
    organisation: str
    queue_item: int | None
    created_at: datetime
    first_contact_at: datetime | None
    response_seconds: float | None


class DutyIn(Schema):
    organisation_id: int
    hours: int


class AuditOut(Schema):
    id: int
    created_at: datetime
    actor: str
    action: str
    target: str
    reason: str


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied("log in")
    return request.user


def _invalid(exc: ValidationError) -> HttpError:
    return HttpError(422, " ".join(exc.messages))


def _entry_out(entry: QueueItem) -> dict[str, Any]:
    item = entry.item
    return {
        "id": entry.pk,
        "organisation": entry.organisation.slug,
        "kind": "profile" if entry.is_profile else entry.content_type.model,
        "object_id": entry.object_id,
        "category": entry.category,
        "is_crisis": entry.is_crisis,
        "risk": entry.risk,
        "priority": entry.priority,
        "report_count": entry.report_count,
        "state": entry.state,
        "created_at": entry.created_at,
        # The name others see; never the account behind an anonymous post.
        "author": getattr(item, "public_name", "") or getattr(item, "author_label", ""),
        "findings": entry.findings,
    }


def _decision_out(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "queue_item": decision.queue_item_id,
        "action": decision.action,
        "reason": decision.reason,
        "ends_at": decision.ends_at,
        "label": decision.label,
        "appeal_deadline": decision.appeal_deadline,
    }


@router.post("/reports", response={201: ReportOut, 409: Message})
def file_report(request: HttpRequest, payload: ReportIn) -> Answer[Any]:
    try:
        filed = reports.report(
            reporter=request.user,
            kind=payload.kind,
            pk=payload.id,
            reason=payload.reason,
            note=payload.note,
        )
    except reports.AlreadyReported as exc:
        return Answer(409, {"detail": exc.messages[0]})
    except PermissionDenied as exc:
        if not request.user.is_authenticated:
            raise
        raise Http404 from exc  # what you cannot see does not exist for you
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return Answer(201, {"id": filed.pk, "reason": filed.reason, "created_at": filed.created_at})


@router.get("/queue", response=QueuePageOut)
def queue(request: HttpRequest, page: int = 1, category: str = "") -> dict[str, Any]:
    user = _user(request)
    if not access.can_see_queue(user):
        raise PermissionDenied(Perm.MODERATE.value)
    result = selectors.queue_page(user, page=page, category=category)
    return {
        "count": result.paginator.count,
        "page": result.number,
        "pages": result.paginator.num_pages,
        "items": [_entry_out(e) for e in result.object_list],
    }


def _visible_entry(request: HttpRequest, pk: int) -> QueueItem:
    entry = get_object_or_404(
        QueueItem.objects.select_related("organisation", "content_type"), pk=pk
    )
    if not access.can_view_item(request.user, entry):
        raise PermissionDenied(Perm.MODERATE.value)
    return entry


@router.get("/queue/{item_id}", response=QueueItemOut)
def queue_item(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return _entry_out(_visible_entry(request, item_id))


@router.post("/queue/{item_id}/decision", response={201: DecisionOut, 409: Message})
def decide(request: HttpRequest, item_id: int, payload: DecisionIn) -> Answer[Any]:
    entry = _visible_entry(request, item_id)
    try:
        decision = decisions.decide(
            actor=request.user,
            entry=entry,
            action=payload.action,
            reason=payload.reason,
            content_warning=payload.content_warning,
            hours=payload.hours,
            days=payload.days,
            label=payload.label,
        )
    except decisions.AlreadyDecided as exc:
        return Answer(409, {"detail": exc.messages[0]})
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return Answer(201, _decision_out(decision))


@router.post("/decisions/{decision_id}/appeal", response={201: AppealOut, 409: Message})
def appeal(request: HttpRequest, decision_id: int, payload: AppealIn) -> Answer[Any]:
    user = _user(request)
    decision = get_object_or_404(Decision, pk=decision_id, subject=user)
    try:
        filed = decisions.file_appeal(actor=user, decision=decision, text=payload.text)
    except ValidationError as exc:
        if hasattr(decision, "appeal") or getattr(exc, "code", "") == "too_late":
            return Answer(409, {"detail": " ".join(exc.messages)})
        raise _invalid(exc) from exc
    return Answer(201, _appeal_out(filed))


def _appeal_out(item: Appeal) -> dict[str, Any]:
    return {
        "id": item.pk,
        "decision": item.decision_id,
        "state": item.state,
        "response": item.response,
        "created_at": item.created_at,
    }


@router.post("/appeals/{appeal_id}/decision", response={200: AppealOut, 409: Message})
def decide_appeal(request: HttpRequest, appeal_id: int, payload: AppealDecisionIn) -> Answer[Any]:
    item = get_object_or_404(Appeal.objects.select_related("decision__organisation"), pk=appeal_id)
    require_perm(request.user, Perm.MODERATE, item.decision.organisation)
    try:
        item = decisions.decide_appeal(
            actor=request.user, appeal=item, overturn=payload.overturn, response=payload.response
        )
    except decisions.AlreadyDecided as exc:
        return Answer(409, {"detail": exc.messages[0]})
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return Answer(200, _appeal_out(item))


def _alert_out(alert: CrisisAlert) -> dict[str, Any]:
    response = alert.response_time
    return {
        "id": alert.pk,
        "organisation": alert.organisation.slug,
        "queue_item": alert.queue_item_id,
        "created_at": alert.created_at,
        "first_contact_at": alert.first_contact_at,
        "response_seconds": response.total_seconds() if response else None,
    }


@router.get("/alerts", response=list[AlertOut])
def alerts(request: HttpRequest) -> list[dict[str, Any]]:
    user = _user(request)
    require_perm(user, Perm.MODERATE)
    return [_alert_out(a) for a in crisis.alerts_for(user)[:100]]


@router.post("/alerts/{alert_id}/contact", response=AlertOut)
def record_contact(request: HttpRequest, alert_id: int, payload: ContactIn) -> dict[str, Any]:
    alert = get_object_or_404(CrisisAlert.objects.select_related("organisation"), pk=alert_id)
    if not has_perm(request.user, Perm.MODERATE, alert.organisation):
        raise PermissionDenied(Perm.MODERATE.value)
    try:
        alert = crisis.record_contact(
            actor=request.user,
            alert=alert,
            channel=payload.channel,
            note=payload.note,
            message=payload.message,
        )
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return _alert_out(alert)


@router.post("/duty", response=Message)
def duty(request: HttpRequest, payload: DutyIn) -> dict[str, str]:
    from suar.accounts.models import Organisation

    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    try:
        crisis.set_duty(actor=request.user, organisation=organisation, hours=payload.hours)
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return {"detail": "on duty" if payload.hours else "off duty"}


@router.get("/audit", response=list[AuditOut])
def audit(request: HttpRequest, page: int = 1) -> list[dict[str, Any]]:
    user = _user(request)
    require_perm(user, Perm.VIEW_AUDIT_LOG)
    return [
        {
            "id": e.pk,
            "created_at": e.created_at,
            "actor": e.actor_name,
            "action": e.action,
            "target": e.target,
            "reason": e.reason,
        }
        for e in selectors.audit_log(user, page=page)
    ]


@router.get("/dashboard")
def dashboard(request: HttpRequest, days: int = 30) -> dict[str, Any]:
    user = _user(request)
    require_perm(user, Perm.MODERATE)
    # Bounded: a huge `days` overflowed the date arithmetic (a 500 found by schemathesis).
    figures = selectors.dashboard(
        access.moderated_organisation_ids(user), days=max(1, min(days, 3660))
    )
    return {**figures.__dict__, "harassment_rate": figures.harassment_rate}
