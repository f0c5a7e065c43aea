"""API endpoints of the help app, mounted under /api/v1/help/."""

from ninja import Router

router = Router(tags=["help"])
