"""Home, language switching, health and error pages."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from suar import __version__
from suar.accounts.services import save_language
from suar.community.selectors import latest_stories, visible_groups


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "stories": latest_stories(request.user, limit=10),
        "groups": list(visible_groups(request.user)[:8]),
    }
    return render(request, "core/home.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie), plus the person's saved preference when signed in."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        # Django's view would keep any language it has a catalogue for ("fr"), and such a
        # cookie would hide the person's saved language.
        return HttpResponseBadRequest("Unknown language.")
    save_language(user=request.user, language=language)
    return django_set_language(request)


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and uptime checks: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", whatever its type
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "version": __version__})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the error may have happened before the session or user was loaded.
    return HttpResponseServerError(loader.get_template("500.html").render())
