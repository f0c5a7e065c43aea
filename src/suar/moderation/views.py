"""The moderators' review queue page and its decisions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from suar.accounts.models import User
from suar.accounts.permissions import perm_required, require_perm
from suar.accounts.roles import Perm
from suar.community.forms import UnmaskForm
from suar.moderation import selectors, services
from suar.moderation.models import QueueItem


@perm_required(Perm.MODERATE)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    return render(request, "moderation/queue.html", {"items": selectors.open_queue(request.user)})


@perm_required(Perm.MODERATE)
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(QueueItem.objects.select_related("organisation"), pk=pk)
    services.approve_item(actor=request.user, entry=entry)
    messages.success(request, _("Approved: others can see it now."))
    return redirect("moderation:queue")


@perm_required(Perm.MODERATE)
@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(QueueItem.objects.select_related("organisation"), pk=pk)
    services.hide_item(actor=request.user, entry=entry)
    messages.success(request, _("Hidden from others."))
    return redirect("moderation:queue")


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
