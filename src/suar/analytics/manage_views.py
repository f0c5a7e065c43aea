"""Pages where organisers set up what is measured: short links, programmes and their
sign-ups, export imports, API tokens, the website; and the public sign-up form."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from suar.accounts.models import Organisation
from suar.accounts.permissions import has_perm, perm_required
from suar.accounts.roles import Perm
from suar.analytics import selectors, services
from suar.analytics.forms import (
    ImportForm,
    LinkForm,
    ProgrammeForm,
    SignUpForm,
    SiteLinkForm,
    TokenForm,
    WebsiteForm,
)
from suar.analytics.imports import ImportRefused, import_export
from suar.analytics.models import ApiToken, ImpactSettings, Programme, SignUp
from suar.analytics.period import default_period
from suar.analytics.traffic import click_figures
from suar.analytics.views import organisation_for
from suar.studio.timezones import studio_zone


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@require_http_methods(["GET", "POST"])
@perm_required(Perm.COMPOSE_POSTS)
def links(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_for(request, org, Perm.COMPOSE_POSTS)
    targets = services.link_targets(organisation)
    link_form = LinkForm(targets=targets, organisation=organisation)
    site_form = SiteLinkForm()
    if request.method == "POST":
        try:
            if "url" in request.POST:
                site_form = SiteLinkForm(request.POST)
                if site_form.is_valid():
                    data = site_form.cleaned_data
                    link = services.create_site_link(
                        actor=request.user,
                        organisation=organisation,
                        url=data["url"],
                        source=data["source"],
                        campaign_name=data["campaign_name"],
                        content=data["content"],
                        label=data["label"],
                    )
                    return _created(request, organisation, link.code)
            else:
                link_form = LinkForm(request.POST, targets=targets, organisation=organisation)
                if link_form.is_valid():
                    data = link_form.cleaned_data
                    link = services.create_tracked_link(
                        actor=request.user,
                        organisation=organisation,
                        target=data["target"],
                        label=data["label"],
                        campaign=data["campaign"],
                    )
                    return _created(request, organisation, link.code)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
    zone = studio_zone(organisation)
    figures = click_figures(organisation, default_period(zone, 90))
    return render(
        request,
        "analytics/links.html",
        {
            "organisation": organisation,
            "link_form": link_form,
            "site_form": site_form,
            "figures": figures,
            "website": getattr(
                ImpactSettings.objects.filter(organisation=organisation).first(), "website", ""
            ),
        },
    )


def _created(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    url = request.build_absolute_uri(reverse("studio:short_link", args=[code]))
    messages.success(
        request,
        _("Short link created: %(url)s — add ?s=instagram (or the platform) when you post it.")
        % {"url": url},
    )
    return redirect("analytics:links", organisation.slug)


@require_http_methods(["GET", "POST"])
@perm_required(Perm.MANAGE_PROGRAMMES)
def programmes(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_for(request, org, Perm.MANAGE_PROGRAMMES)
    form = ProgrammeForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = services.create_programme(
                actor=request.user, organisation=organisation, **data
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Programme created. Share its sign-up page."))
            return redirect("analytics:programme", organisation.slug, programme.slug)
    return render(
        request,
        "analytics/programmes.html",
        {
            "organisation": organisation,
            "form": form,
            "programmes": selectors.programmes(organisation),
        },
    )


@require_http_methods(["GET", "POST"])
@perm_required(Perm.MANAGE_PROGRAMMES)
def programme_detail(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    organisation = organisation_for(request, org, Perm.MANAGE_PROGRAMMES)
    programme = get_object_or_404(Programme, organisation=organisation, slug=slug)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ("open", "close"):
            services.set_programme_open(
                actor=request.user, programme=programme, is_open=action == "open"
            )
        elif action in ("contacted", "closed", "new", "delete"):
            signup = get_object_or_404(
                SignUp, pk=request.POST.get("signup", "0") or 0, programme=programme
            )
            if action == "delete":
                services.delete_signup(actor=request.user, signup=signup)
                messages.success(request, _("The sign-up was deleted."))
            else:
                services.set_signup_state(actor=request.user, signup=signup, state=action)
        return redirect("analytics:programme", organisation.slug, programme.slug)
    signup_url = request.build_absolute_uri(
        reverse("analytics:signup", args=[organisation.slug, programme.slug])
    )
    return render(
        request,
        "analytics/programme_detail.html",
        {
            "organisation": organisation,
            "programme": programme,
            "signups": selectors.programme_signups(programme),
            "signup_url": signup_url,
            "States": SignUp.State,
        },
    )


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    """Public: anyone may sign up, with a nickname and a contact of their choice."""
    programme = get_object_or_404(
        Programme.objects.select_related("organisation"), organisation__slug=org, slug=slug
    )
    initial = {
        "via": request.GET.get("via", "")[:16],
        "s": request.GET.get("s", "")[:20],
        "p": request.GET.get("p", "")[:12],
        "c": request.GET.get("c", "")[:60],
        "token": secrets.token_urlsafe(24),
    }
    form = SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sign_up(
                programme=programme,
                name=data["name"],
                contact=data["contact"],
                contact_method=data["contact_method"],
                via=data["via"],
                source=data["s"],
                post_id=data["p"],
                campaign_slug=data["c"],
                client_token=data["token"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return render(request, "analytics/signup_done.html", {"programme": programme})
    return render(request, "analytics/signup.html", {"programme": programme, "form": form})


@require_http_methods(["GET", "POST"])
@perm_required(Perm.VIEW_ANALYTICS)
def import_file(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_for(request, org)
    form = ImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = import_export(
                actor=request.user,
                organisation=organisation,
                data=upload.read(),
                file_name=upload.name,
                platform=form.cleaned_data["platform"] or None,
            )
        except ImportRefused as exc:
            form.add_error("file", str(exc))
    return render(
        request,
        "analytics/import.html",
        {
            "organisation": organisation,
            "form": form,
            "outcome": outcome,
            "imports": selectors.imports(organisation),
        },
    )


@require_http_methods(["GET", "POST"])
@perm_required(Perm.VIEW_ANALYTICS)
def tokens(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_for(request, org)
    form = TokenForm(request.POST or None)
    raw = ""
    if request.method == "POST" and form.is_valid():
        _token, raw = services.create_token(
            actor=request.user,
            organisation=organisation,
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"] or None,
        )
        form = TokenForm()
    return render(
        request,
        "analytics/tokens.html",
        {
            "organisation": organisation,
            "form": form,
            "raw": raw,
            "tokens": selectors.tokens(organisation),
        },
    )


@require_POST
@perm_required(Perm.VIEW_ANALYTICS)
def revoke_token(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = organisation_for(request, org)
    token = get_object_or_404(ApiToken, pk=pk, organisation=organisation)
    services.revoke_token(actor=request.user, token=token)
    messages.success(request, _("The token was revoked: it no longer opens anything."))
    return redirect("analytics:tokens", organisation.slug)


@require_http_methods(["GET", "POST"])
@perm_required(Perm.MANAGE_ORGANISATION)
def site_settings(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_for(request, org, Perm.MANAGE_ORGANISATION)
    current = ImpactSettings.objects.filter(organisation=organisation).first()
    form = WebsiteForm(
        request.POST or None, initial={"website": current.website if current else ""}
    )
    if request.method == "POST" and form.is_valid():
        services.set_website(
            actor=request.user, organisation=organisation, website=form.cleaned_data["website"]
        )
        messages.success(request, _("Saved."))
        return redirect("analytics:dashboard", organisation.slug)
    return render(
        request,
        "analytics/settings.html",
        {
            "organisation": organisation,
            "form": form,
            "can_manage": has_perm(request.user, Perm.MANAGE_ORGANISATION, organisation),
        },
    )
