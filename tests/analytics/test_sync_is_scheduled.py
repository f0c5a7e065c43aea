"""The publisher loop, which every install runs, also keeps the engagement figures fresh."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from suar.publishing.runner import run_forever

pytestmark = pytest.mark.django_db


def test_the_publisher_loop_enqueues_the_engagement_sync(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    run_forever(once=True)

    queued = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == ["suar.analytics.tasks.sync_all"]
