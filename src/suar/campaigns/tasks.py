"""Background work of the campaigns app (django-tasks), run by `suar worker`."""

from __future__ import annotations

from datetime import datetime

from django_tasks import task

from suar.campaigns.filters import refresh_unless_done_since


@task()
def refresh_campaign_filters(campaign_id: int, requested_at: str) -> bool:
    """The deletion and spam pass for rows that live sources committed before `requested_at`.
    Idempotent: it recomputes statuses from the stored rows, and skips when already done."""
    return refresh_unless_done_since(campaign_id, datetime.fromisoformat(requested_at))
