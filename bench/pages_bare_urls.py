"""Suar's URLs plus /bench/bare/: a view that does nothing, behind the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from suar.urls import handler403, handler404, handler500
from suar.urls import urlpatterns as suar_urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *suar_urlpatterns]
