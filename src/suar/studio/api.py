"""API endpoints of the studio app, mounted under /api/v1/studio/."""

from ninja import Router

router = Router(tags=["studio"])
