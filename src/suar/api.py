"""The HTTP API (django-ninja): one NinjaAPI, each app adds its router here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from suar import __version__
from suar.analytics.api import router as analytics_router
from suar.campaigns.api import router as campaigns_router
from suar.challenges.api import router as challenges_router
from suar.community.api import router as community_router
from suar.core.safety_api import router as safety_router
from suar.help.api import router as help_router
from suar.moderation.api import router as moderation_router
from suar.polls.api import router as polls_router
from suar.publishing.api import router as publishing_router
from suar.qa.api import router as qa_router
from suar.studio.api import router as studio_router

api = NinjaAPI(
    title="Suar API",
    version=__version__,
    description="Suar's API. Every endpoint checks the caller's permissions.",
    auth=django_auth,
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Permission denied"}, status=403)


class VersionOut(Schema):
    version: str


@api.get("/version", response=VersionOut, auth=None, tags=["meta"])
def version(request: HttpRequest) -> dict[str, str]:
    return {"version": __version__}


api.add_router("/safety", safety_router)
api.add_router("/community", community_router)
api.add_router("/qa", qa_router)
api.add_router("/challenges", challenges_router)
api.add_router("/polls", polls_router)
api.add_router("/moderation", moderation_router)
api.add_router("/studio", studio_router)
api.add_router("/publishing", publishing_router)
api.add_router("/campaigns", campaigns_router)
api.add_router("/help", help_router)
api.add_router("/analytics", analytics_router)
