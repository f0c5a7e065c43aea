"""The privacy page, the data export and account deletion."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from suar.accounts.models import User
from suar.community.forms import DeleteAccountForm
from suar.community.privacy import delete_account, export_data


@require_GET
def privacy_page(request: HttpRequest) -> HttpResponse:
    return render(request, "community/privacy.html")


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    data = export_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="suar-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user=user)
        messages.info(request, _("Your account and what you wrote are deleted. Take care."))
        return redirect("core:home")
    return render(request, "community/delete_account.html", {"form": form})
