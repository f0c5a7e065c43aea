"""The notifications page: what happened to my stories, groups and questions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from suar.accounts.models import User
from suar.community.notices import selectors, services


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    context = {"notices": selectors.notices_for(request.user)}
    return render(request, "community/notifications.html", context)


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    services.mark_all_read(user=request.user)
    return redirect("community:notifications")
