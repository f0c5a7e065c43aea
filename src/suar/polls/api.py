"""API endpoints of the polls app, mounted under /api/v1/polls/."""

from ninja import Router

router = Router(tags=["polls"])
