"""Crisis alerts for moderators: the list, one alert with the contact form, duty, badge."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import has_perm, perm_required
from suar.accounts.roles import Perm
from suar.moderation import crisis, items, selectors
from suar.moderation.forms import ContactForm, DutyForm
from suar.moderation.models import CrisisAlert
from suar.moderation.views import _form_errors


@perm_required(Perm.MODERATE)
@require_GET
def alerts(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    return render(
        request, "moderation/alerts.html", {"alerts": list(crisis.alerts_for(request.user)[:100])}
    )


@perm_required(Perm.MODERATE)
@require_http_methods(["GET", "POST"])
def alert(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        CrisisAlert.objects.select_related("organisation", "queue_item", "first_contact_by"), pk=pk
    )
    if not has_perm(request.user, Perm.MODERATE, item.organisation):
        raise PermissionDenied(Perm.MODERATE.value)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            crisis.record_contact(
                actor=request.user,
                alert=item,
                channel=form.cleaned_data["channel"],
                note=form.cleaned_data["note"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Contact recorded. Thank you for reaching out."))
            return redirect("moderation:alert", pk)
    entry = item.queue_item
    content = entry.item if entry else None
    context = {
        "alert": item,
        "entry": entry,
        "item": content,
        "pieces": items.highlighted(items.text_of(content), entry.findings if entry else []),
        "form": form,
    }
    return render(request, "moderation/alert.html", context, status=422 if form.errors else 200)


@perm_required(Perm.MODERATE)
@require_POST
def duty(request: HttpRequest) -> HttpResponse:
    form = DutyForm(request.POST)
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
    if not form.is_valid():
        messages.error(request, _("Choose between 1 and 24 hours."))
        return redirect("moderation:queue")
    hours = form.cleaned_data["hours"]
    try:
        crisis.set_duty(actor=request.user, organisation=organisation, hours=hours)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("You are on duty for %(hours)d hours: crisis alerts come to you first.")
            % {"hours": hours}
            if hours
            else _("You are off duty."),
        )
    return redirect("moderation:queue")


@require_GET
def badge(request: HttpRequest) -> HttpResponse:
    """The menu entry's content, loaded by htmx: waiting crisis alerts for moderators, unread
    notices for everyone. Empty for visitors."""
    if not isinstance(request.user, User):
        return HttpResponse("")
    context = {
        "alerts": selectors.open_alert_count(request.user)
        if has_perm(request.user, Perm.MODERATE)
        else 0,
        "unread": selectors.unread_notice_count(request.user),
        # Group moderators have no menu entry for the queue (that is Perm.MODERATE's).
        "group_queue": selectors.group_queue_count(request.user)
        if not has_perm(request.user, Perm.MODERATE)
        else None,
    }
    response = render(request, "moderation/_badge.html", context)
    response["Cache-Control"] = "no-store"
    return response
