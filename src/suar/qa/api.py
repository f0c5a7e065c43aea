"""API endpoints of the qa app, mounted under /api/v1/qa/."""

from ninja import Router

router = Router(tags=["qa"])
