"""Pages of the publishing app: connected accounts, connection flows, the publication queue."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from suar.accounts.permissions import has_perm, perm_required
from suar.accounts.roles import Perm
from suar.publishing import oauth, selectors, services
from suar.publishing import oauth_bluesky_client as bluesky_client
from suar.publishing.adapters.export import bundle_path
from suar.publishing.forms import (
    BlueskyForm,
    BlueskySignInForm,
    ExportForm,
    MastodonForm,
    OrganisationForm,
)
from suar.publishing.media_fit import CannotFit, fit_file
from suar.publishing.models import Publication
from suar.publishing.oauth_config import is_configured
from suar.publishing.public_media import read_media_token

FORMS = {"mastodon": MastodonForm, "bluesky": BlueskyForm, "export": ExportForm}


def _form_class(request: HttpRequest, platform: str) -> type[OrganisationForm]:
    if platform == "bluesky":
        # Two ways in: "Sign in with Bluesky" (OAuth, the default) or an app password.
        method = request.POST.get("method") or (
            "app_password" if "app_password" in request.POST else "oauth"
        )
        return BlueskyForm if method == "app_password" else BlueskySignInForm
    return FORMS.get(platform, OrganisationForm)


def _home() -> HttpResponseRedirect:
    return redirect("publishing:index")


def _messages(request: HttpRequest, exc: ValidationError | oauth.ConnectError) -> None:
    for message in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
        messages.error(request, message)


@perm_required(Perm.COMPOSE_POSTS)
def index(request: HttpRequest) -> HttpResponse:
    organisations = selectors.publishing_organisations(request.user)
    can_connect = [o for o in organisations if has_perm(request.user, Perm.CONNECT_ACCOUNTS, o)]
    connect_forms = {
        platform: form_class(organisations=can_connect) for platform, form_class in FORMS.items()
    }
    return render(
        request,
        "publishing/index.html",
        {
            "accounts": list(selectors.accounts_of(organisations)),
            "publications": list(selectors.publications_of(organisations)),
            "can_connect": bool(can_connect),
            "connect_forms": connect_forms,
            "oauth_form": OrganisationForm(organisations=can_connect),
            "oauth_platforms": [(p, is_configured(p)) for p in ("x", "facebook", "tiktok")],
            "bluesky_sign_in": BlueskySignInForm(
                organisations=can_connect, auto_id="id_bluesky_%s"
            ),
            "bluesky_oauth_unavailable": (
                "" if bluesky_client.client_config() else bluesky_client.unavailable_reason()
            ),
        },
    )


@require_POST
@perm_required(Perm.CONNECT_ACCOUNTS)
def connect(request: HttpRequest, platform: str) -> HttpResponse:
    organisations = [
        o
        for o in selectors.publishing_organisations(request.user)
        if has_perm(request.user, Perm.CONNECT_ACCOUNTS, o)
    ]
    if platform not in {*FORMS, *oauth.OAUTH_PLATFORMS}:
        raise Http404
    form = _form_class(request, platform)(request.POST, organisations=organisations)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _home()
    organisation = form.cleaned_data["organisation"]
    try:
        if isinstance(form, BlueskySignInForm):
            return redirect(
                oauth.start(
                    request,
                    platform,
                    organisation,
                    instance=form.cleaned_data["server"],
                    handle=form.cleaned_data["handle"],
                )
            )
        if platform == "bluesky":
            account = oauth.connect_bluesky(
                actor=request.user,
                organisation=organisation,
                identifier=form.cleaned_data["identifier"],
                app_password=form.cleaned_data["app_password"],
                service=form.cleaned_data["service"],
            )
        elif platform == "export":
            account = oauth.connect_export(
                actor=request.user, organisation=organisation, name=form.cleaned_data["name"]
            )
        else:
            instance = form.cleaned_data.get("instance", "")
            return redirect(oauth.start(request, platform, organisation, instance=instance))
    except (ValidationError, oauth.ConnectError) as exc:
        _messages(request, exc)
        return _home()
    messages.success(request, _("Connected %(account)s.") % {"account": account})
    return _home()


@require_GET
@perm_required(Perm.CONNECT_ACCOUNTS)
def callback(request: HttpRequest, platform: str) -> HttpResponse:
    if platform not in oauth.OAUTH_PLATFORMS:
        raise Http404
    try:
        accounts = oauth.finish(request, platform)
    except oauth.ConnectError as exc:
        _messages(request, exc)
        return _home()
    for account in accounts:
        messages.success(request, _("Connected %(account)s.") % {"account": account})
    return _home()


@require_POST
@perm_required(Perm.CONNECT_ACCOUNTS)
def disconnect(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.visible_account(request.user, pk)
    if account is None:
        raise Http404
    services.disconnect_account(actor=request.user, account=account)
    messages.success(request, _("Disconnected %(account)s.") % {"account": account})
    return _home()


def _publication_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    publication = selectors.visible_publication(request.user, pk)
    if publication is None:
        raise Http404
    try:
        if action == "retry":
            services.retry_publication(actor=request.user, publication=publication)
            messages.success(request, _("The post is queued again."))
        else:
            services.cancel_publication(actor=request.user, publication=publication)
            messages.success(request, _("The post is cancelled."))
    except ValidationError as exc:
        _messages(request, exc)
    return _home()


@require_POST
@perm_required(Perm.COMPOSE_POSTS)
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    return _publication_action(request, pk, "retry")


@require_POST
@perm_required(Perm.COMPOSE_POSTS)
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _publication_action(request, pk, "cancel")


@require_GET
@login_required
def export_bundle(request: HttpRequest, pk: int) -> FileResponse:
    # visible_publication() scopes to the organisations where the person composes or connects.
    publication = selectors.visible_publication(request.user, pk)
    if publication is None or publication.account.platform != "export":
        raise Http404
    path = bundle_path(publication)
    if publication.status != Publication.Status.PUBLISHED or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


@require_GET
def public_media(request: HttpRequest, token: str) -> HttpResponseBase:
    """The file Instagram or TikTok pulls; the signed token is the only key (no log-in)."""
    try:
        publication_id, index = read_media_token(token)
    except signing.BadSignature:
        raise Http404 from None
    publication = (
        Publication.objects.select_related("account")
        .filter(
            pk=publication_id,
            # Published posts' media are public anyway; TikTok may pull after we saw success.
            status__in=[
                Publication.Status.SCHEDULED,
                Publication.Status.PUBLISHING,
                Publication.Status.UNKNOWN,
                Publication.Status.PUBLISHED,
            ],
        )
        .first()
    )
    if publication is None or not 0 <= index < len(publication.media):
        raise Http404
    item = publication.media[index]
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / str(item["path"])).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404
    mime = str(item.get("mime") or mimetypes.guess_type(path.name)[0] or "")
    if mime.startswith("image/"):
        # Instagram takes only JPEG, TikTok JPEG or WebP: they get the image in a form they
        # accept (the same bytes each time, so a retried pull sees the same file).
        try:
            data, mime = fit_file(path, mime, publication.account.platform)
        except CannotFit:
            raise Http404 from None
        return HttpResponse(data, content_type=mime)
    return FileResponse(path.open("rb"), content_type=mime)


@require_GET
def bluesky_client_metadata(request: HttpRequest) -> JsonResponse:
    """atproto OAuth's client metadata document, public: authorization servers fetch it."""
    config = bluesky_client.client_config()
    if config is None or not config.confidential:
        raise Http404  # the loopback client has no document; http:// cannot be a client_id
    response = JsonResponse(bluesky_client.client_metadata())
    response["Cache-Control"] = "public, max-age=600"
    return response


@require_GET
def bluesky_jwks(request: HttpRequest) -> JsonResponse:
    """The public keys that confidential-client assertions are checked with."""
    config = bluesky_client.client_config()
    if config is None or not config.confidential:
        raise Http404
    response = JsonResponse(bluesky_client.jwks())
    response["Cache-Control"] = "public, max-age=600"
    return response
