"""The moderators' pages: the review queue, one item and its decision, audit log, figures."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import perm_required, require_perm
from suar.accounts.roles import Perm
from suar.community.forms import UnmaskForm
from suar.moderation import access, decisions, items, selectors, services
from suar.moderation.forms import ContactForm, DecisionForm
from suar.moderation.models import Decision, ModeratorDuty, QueueItem, Sanction


def moderator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Organisation moderators and group moderators; the rest get the 403 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.can_see_queue(request.user):
            raise PermissionDenied(Perm.MODERATE.value)
        return view(request, *args, **kwargs)

    return wrapper


def _entry(request: HttpRequest, pk: int) -> QueueItem:
    entry = get_object_or_404(
        QueueItem.objects.select_related("organisation", "content_type", "group"), pk=pk
    )
    if not access.can_view_item(request.user, entry):
        raise PermissionDenied(Perm.MODERATE.value)
    return entry


@moderator_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    category = request.GET.get("jenis", "")
    page = selectors.queue_page(request.user, page=request.GET.get("hal", 1), category=category)
    org_ids = access.moderated_organisation_ids(request.user)
    context = {
        "page": page,
        "items": page.object_list,
        "category": category,
        "categories": QueueItem.Category.choices,
        "alerts_waiting": selectors.open_alert_count(request.user) if org_ids else 0,
        "duties": ModeratorDuty.objects.filter(user=request.user).select_related("organisation"),
        "duty_orgs": list(Organisation.objects.filter(pk__in=org_ids)),
        "is_org_moderator": bool(org_ids),
    }
    return render(request, "moderation/queue.html", context)


@moderator_required
@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    return _render_item(request, entry, DecisionForm(initial={"label": "auto"}))


def _render_item(
    request: HttpRequest, entry: QueueItem, form: DecisionForm, status: int = 200
) -> HttpResponse:
    item = entry.item
    # Offer only the actions this person may take on this item (the service checks too).
    allowed = set(decisions.CRISIS_ACTIONS) if entry.is_crisis else set(Decision.Action.values)
    if not access.is_organisation_moderator(request.user, entry):
        allowed &= set(access.GROUP_MODERATOR_ACTIONS)
    action = form.fields["action"]
    assert isinstance(action, forms.ChoiceField)
    action.choices = [c for c in Decision.Action.choices if c[0] in allowed]
    context: dict[str, Any] = {
        "entry": entry,
        "item": item,
        "pieces": items.highlighted(items.text_of(item), entry.findings),
        "form": form,
        "contact_form": ContactForm(),
        "is_org_moderator": access.is_organisation_moderator(request.user, entry),
        "decision": getattr(entry, "decision", None),
        **selectors.item_page(entry),
    }
    return render(request, "moderation/item.html", context, status=status)


@moderator_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_item(request, entry, form, status=422)
    data = form.cleaned_data
    label = None if data["label"] in ("auto", None) else data["label"]
    try:
        decisions.decide(
            actor=request.user,
            entry=entry,
            action=data["action"],
            reason=data["reason"],
            content_warning=data["content_warning"],
            hours=data["hours"],
            days=data["days"],
            label=label,
        )
    except decisions.AlreadyDecided as exc:
        messages.warning(request, exc.messages[0])
        return redirect("moderation:item", pk)
    except ValidationError as exc:
        _form_errors(form, exc)
        return _render_item(request, entry, form, status=422)
    messages.success(request, _("Decided. The person concerned has been told why."))
    return redirect("moderation:queue")


def _form_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _quick(request: HttpRequest, pk: int, approve: bool) -> HttpResponse:
    entry = _entry(request, pk)
    reason = request.POST.get("reason", "")
    try:
        if approve:
            services.approve_item(actor=request.user, entry=entry, reason=reason)
            messages.success(request, _("Approved: others can see it now."))
        else:
            services.hide_item(actor=request.user, entry=entry, reason=reason)
            messages.success(request, _("Hidden from others."))
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
    return redirect("moderation:queue")


@moderator_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _quick(request, pk, approve=True)


@moderator_required
@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _quick(request, pk, approve=False)


@perm_required(Perm.UNMASK_ANONYMOUS)
@require_http_methods(["GET", "POST"])
def unmask(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(QueueItem.objects.select_related("organisation"), pk=pk)
    require_perm(request.user, Perm.UNMASK_ANONYMOUS, entry.organisation)
    form = UnmaskForm(request.POST or None)
    context: dict[str, object] = {"entry": entry, "form": form}
    if request.method == "POST" and form.is_valid() and entry.item is not None:
        try:
            context["author"] = services.unmask_author(
                actor=request.user, item=entry.item, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error("reason", exc.messages)
    return render(request, "moderation/unmask.html", context)


@perm_required(Perm.VIEW_AUDIT_LOG)
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """Read-only: this page has no form, and the log has no edit path anywhere."""
    assert isinstance(request.user, User)
    action = request.GET.get("aksi", "")
    page = selectors.audit_log(request.user, page=request.GET.get("hal", 1), action=action)
    return render(request, "moderation/audit.html", {"page": page, "action": action})


@perm_required(Perm.MODERATE)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    try:
        days = max(1, min(365, int(request.GET.get("hari", 30))))
    except ValueError as exc:
        raise Http404 from exc
    figures = selectors.dashboard(access.moderated_organisation_ids(request.user), days=days)
    return render(request, "moderation/dashboard.html", {"figures": figures, "days": days})


@perm_required(Perm.MODERATE)
@require_POST
def lift_sanction(request: HttpRequest, pk: int) -> HttpResponse:
    sanction = get_object_or_404(Sanction.objects.select_related("organisation"), pk=pk)
    try:
        decisions.lift_sanction(
            actor=request.user, sanction=sanction, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Lifted: the person can post again."))
    back = request.POST.get("entry", "")
    return redirect("moderation:item", back) if back.isdigit() else redirect("moderation:queue")
