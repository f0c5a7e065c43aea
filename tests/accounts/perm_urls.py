"""Suar's URLs plus one page guarded by perm_required, to see the decorator's responses."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from suar.accounts.permissions import perm_required
from suar.accounts.roles import Perm
from suar.urls import handler403, handler404, handler500
from suar.urls import urlpatterns as suar_urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


@perm_required(Perm.MODERATE)
def moderation_queue(request: HttpRequest) -> HttpResponse:
    return HttpResponse("moderation queue")


urlpatterns = [path("test-moderation/", moderation_queue), *suar_urlpatterns]
