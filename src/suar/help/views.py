"""Pages of the help directory, the crisis page, and when to seek professional help."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from suar.accounts.models import Membership, Organisation
from suar.accounts.permissions import has_perm
from suar.accounts.roles import Perm
from suar.help import selectors, services
from suar.help.forms import HelpServiceForm, SearchForm
from suar.help.models import HelpService


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.Filters(
        q=data.get("q", ""),
        kind=data.get("kind", ""),
        city=data.get("city", ""),
        language=data.get("language", ""),
        cost=data.get("cost", ""),
        bpjs=bool(data.get("bpjs")),
        online=bool(data.get("online")),
    )
    page = selectors.search(request.user, filters, page=request.GET.get("hal", 1))
    query = request.GET.copy()
    query.pop("hal", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_curate": bool(_curated_orgs(request)),
    }
    return render(request, "help/directory.html", context)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(
        HelpService.objects.select_related("organisation"), pk=pk, active=True
    )
    return render(request, "help/detail.html", {"service": service})


@require_GET
def when_to_seek_help(request: HttpRequest) -> HttpResponse:
    lines = selectors.crisis_lines(selectors.country_of(request.user))
    return render(request, "help/when_to_seek_help.html", {"lines": lines})


@require_GET
def crisis(request: HttpRequest) -> HttpResponse:
    """What a person sees at once after writing something that sounds like a crisis."""
    organisation = None
    slug = request.GET.get("org", "")
    if slug and request.user.is_authenticated:
        organisation = Organisation.objects.filter(
            slug=slug, memberships__user_id=request.user.pk
        ).first()
    country = organisation.country if organisation else selectors.country_of(request.user)
    lines = selectors.crisis_lines(country, organisation)
    response = render(request, "help/crisis.html", {"lines": lines, "country": country})
    response["Cache-Control"] = "no-store"
    return response


def _curated_orgs(request: HttpRequest) -> list[Organisation]:
    if not request.user.is_authenticated:
        return []
    memberships = Membership.objects.filter(user_id=request.user.pk).select_related("organisation")
    return [
        m.organisation
        for m in memberships
        if has_perm(request.user, Perm.MANAGE_HELP_DIRECTORY, m.organisation)
    ]


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    orgs = _curated_orgs(request)
    if not orgs and not request.user.is_superuser:
        raise PermissionDenied(Perm.MANAGE_HELP_DIRECTORY.value)
    context = {
        "sections": [(org, list(selectors.curated_by(org))) for org in orgs],
        "install_wide": list(HelpService.objects.filter(organisation__isnull=True))
        if request.user.is_superuser
        else [],
    }
    return render(request, "help/manage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    service = get_object_or_404(HelpService, pk=pk) if pk else None
    organisation = None
    if service is None:
        org_id = request.GET.get("org") or request.POST.get("org")
        organisation = get_object_or_404(Organisation, pk=org_id) if org_id else None
    services.require_curator(request.user, service, organisation)
    form = HelpServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_service(
                actor=request.user,
                organisation=organisation,
                data=form.cleaned_data,
                service=service,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Saved: “%(name)s”.") % {"name": saved.name})
            return redirect("help:manage")
    context = {"form": form, "service": service, "organisation": organisation}
    return render(request, "help/edit.html", context, status=422 if form.errors else 200)
