"""API endpoints of the challenges app, mounted under /api/v1/challenges/."""

from ninja import Router

router = Router(tags=["challenges"])
