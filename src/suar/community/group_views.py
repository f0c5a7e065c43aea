"""Pages for creating a group and editing its description, rules and moderators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from suar.accounts.models import User
from suar.accounts.permissions import has_perm, perm_required
from suar.accounts.roles import Perm
from suar.community import groups, selectors
from suar.community.forms import GroupEditForm, GroupForm


def _add_errors(form: GroupForm | GroupEditForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@perm_required(Perm.MANAGE_GROUPS)
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = GroupForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = groups.create_group(
                actor=request.user,
                organisation=data["organisation"],
                name=data["name"],
                description=data["description"],
                rules=data["rules"],
                visibility=data["visibility"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The group is ready. You are its first moderator."))
            return redirect("community:group_detail", group.organisation.slug, group.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "community/group_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    group = get_object_or_404(selectors.group_for(request.user), organisation__slug=org, slug=slug)
    if not selectors.can_manage_group(request.user, group):
        raise PermissionDenied("not a manager of this group")
    manager = has_perm(request.user, Perm.MANAGE_GROUPS, group.organisation)
    initial = {
        "description": group.description,
        "rules": group.rules,
        "visibility": group.visibility,
        "moderators": list(group.moderators.all()),
    }
    form = GroupEditForm(request.POST or None, initial=initial, group=group, manager=manager)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            groups.update_group(
                actor=request.user,
                group=group,
                description=data["description"],
                rules=data["rules"],
                visibility=data.get("visibility") if manager else None,
                moderators=data.get("moderators") if manager else None,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The group is updated."))
            return redirect("community:group_detail", group.organisation.slug, group.slug)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "group": group}
    return render(request, "community/group_form.html", context, status=status)
