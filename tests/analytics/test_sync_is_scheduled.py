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
