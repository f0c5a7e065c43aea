"""API endpoints of the publishing app, mounted under /api/v1/publishing/."""

from ninja import Router

router = Router(tags=["publishing"])
