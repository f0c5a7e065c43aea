"""API endpoints of the analytics app, mounted under /api/v1/analytics/."""

from ninja import Router

router = Router(tags=["analytics"])
