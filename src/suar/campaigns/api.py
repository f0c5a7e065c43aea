"""API endpoints of the campaigns app, mounted under /api/v1/campaigns/."""

from ninja import Router

router = Router(tags=["campaigns"])
