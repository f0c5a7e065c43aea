"""API endpoints of the moderation app, mounted under /api/v1/moderation/."""

from ninja import Router

router = Router(tags=["moderation"])
