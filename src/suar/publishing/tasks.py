"""Background tasks of the publishing app (django-tasks), run by `suar worker`."""

from __future__ import annotations

from django_tasks import task

from suar.publishing import publisher


@task()
def publish_due(limit: int = 100) -> int:
    """Publish what is due now; safe to enqueue as often as wanted (claims are atomic)."""
    return publisher.run_once(limit)


@task()
def refresh_tokens(days: int = 7) -> int:
    """Refresh access tokens that expire within `days`; idempotent."""
    import datetime as dt

    return publisher.refresh_expiring_tokens(dt.timedelta(days=days))
