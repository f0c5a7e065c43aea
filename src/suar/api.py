"""The HTTP API (django-ninja): one NinjaAPI, each app adds its router here."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from suar import __version__
from suar.core.safety_api import router as safety_router

api = NinjaAPI(
    title="Suar API",
    version=__version__,
    description="Suar's API. Every endpoint checks the caller's permissions.",
    auth=django_auth,
    urls_namespace="api",
)


class VersionOut(Schema):
    version: str


@api.get("/version", response=VersionOut, auth=None, tags=["meta"])
def version(request: HttpRequest) -> dict[str, str]:
    return {"version": __version__}


api.add_router("/safety", safety_router)
