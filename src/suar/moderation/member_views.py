"""Pages for every member: report something, read my notices, appeal a decision; and the
moderators' list of appeals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from suar.accounts.models import User
from suar.accounts.permissions import perm_required
from suar.accounts.roles import Perm
from suar.moderation import decisions, reports, selectors
from suar.moderation.forms import AppealDecisionForm, AppealForm, ReportForm
from suar.moderation.models import Appeal, Decision, Notice
from suar.moderation.views import _form_errors


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in reports.KINDS:
        raise Http404
    try:
        item, _org = reports.find_reportable(reporter=request.user, kind=kind, pk=pk)
    except PermissionDenied as exc:
        raise Http404 from exc  # what a person cannot see does not exist for them
    form = ReportForm(request.POST or None)
    context = {"form": form, "kind": kind, "item": item, "next": _back(request)}
    if request.method == "POST" and form.is_valid():
        try:
            reports.report(
                reporter=request.user,
                kind=kind,
                pk=pk,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except reports.AlreadyReported as exc:
            messages.info(request, exc.messages[0])
            return redirect(_back(request))
        except ValidationError as exc:
            _form_errors(form, exc)
            return render(request, "moderation/report.html", context, status=422)
        if form.cleaned_data["reason"] == "crisis":
            messages.success(
                request,
                _(
                    "Thank you for caring. A moderator will reach out to them privately. If "
                    "someone is in danger right now, call 112 or 119."
                ),
            )
        else:
            messages.success(request, _("Thank you. A moderator will look at it."))
        return redirect(_back(request))
    return render(request, "moderation/report.html", context, status=422 if form.errors else 200)


@login_required
@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    return render(
        request, "moderation/notices.html", {"notices": selectors.my_notices(request.user)}
    )


@login_required
@require_GET
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Notice.objects.select_related("decision", "organisation"), pk=pk, recipient=request.user
    )
    if item.read_at is None:
        Notice.objects.filter(pk=item.pk, read_at__isnull=True).update(read_at=timezone.now())
    decision = item.decision
    context = {
        "notice": item,
        "decision": decision,
        "appeal": getattr(decision, "appeal", None) if decision else None,
        "can_appeal": decision is not None
        and decision.subject_id == request.user.pk
        and decision.appealable
        and not hasattr(decision, "appeal"),
        "too_late": decision is not None and timezone.now() > decision.appeal_deadline,
        "form": AppealForm(),
    }
    return render(request, "moderation/notice.html", context)


@login_required
@require_POST
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision, pk=pk, subject=request.user)
    form = AppealForm(request.POST)
    notice_pk = request.POST.get("notice", "")
    back = (
        redirect("moderation:notice", notice_pk)
        if notice_pk.isdigit()
        else redirect("moderation:notices")
    )
    if not form.is_valid():
        messages.error(request, _("Tell the moderators why (at least 10 characters)."))
        return back
    try:
        decisions.file_appeal(actor=request.user, decision=decision, text=form.cleaned_data["text"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return back
    messages.success(request, _("Your appeal was sent. Another moderator will review it."))
    return back


@perm_required(Perm.MODERATE)
@require_GET
def appeals(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    context = {"appeals": selectors.open_appeals(request.user), "form": AppealDecisionForm()}
    return render(request, "moderation/appeals.html", context)


@perm_required(Perm.MODERATE)
@require_POST
def appeal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Appeal.objects.select_related("decision__organisation"), pk=pk)
    form = AppealDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the outcome and write the answer the person will see."))
        return redirect("moderation:appeals")
    try:
        decisions.decide_appeal(
            actor=request.user,
            appeal=item,
            overturn=form.cleaned_data["overturn"],
            response=form.cleaned_data["response"],
        )
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
        return redirect("moderation:appeals")
    messages.success(request, _("Answered. The person has been told."))
    return redirect("moderation:appeals")
