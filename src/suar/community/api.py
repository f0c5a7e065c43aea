"""API endpoints of the community app, mounted under /api/v1/community/."""

from ninja import Router

router = Router(tags=["community"])
