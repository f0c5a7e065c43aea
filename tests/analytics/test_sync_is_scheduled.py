"""The publisher loop, which every install runs, also keeps the engagement figures fresh."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from suar.publishing.runner import run_forever

# transaction=True: the loop manages its own connections (close_old_connections), as in
# production, which a test wrapped in one transaction would not survive on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_publisher_loop_enqueues_the_engagement_sync(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    run_forever(once=True)

    queued = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == ["suar.analytics.tasks.sync_all"]


def test_a_freshly_booted_server_syncs_at_once_not_after_an_hour_of_uptime(  # type: ignore[no-untyped-def]
    settings, monkeypatch
) -> None:
    # The monotonic clock counts from boot: a minute after boot it reads about 60.
    monkeypatch.setattr("suar.publishing.runner.time.monotonic", lambda: 60.0)
    refreshed: list[object] = []
    monkeypatch.setattr(
        "suar.publishing.runner.publisher.refresh_expiring_tokens", refreshed.append
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    run_forever(once=True)

    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "suar.analytics.tasks.sync_all"
    ]
    assert len(refreshed) == 1
