"""Schemathesis over the whole project's OpenAPI schema (every app's endpoints), signed in as
a real person of the demo community: no input may cause a server error.

Each operation gets a bounded number of generated requests, so the run takes seconds, not
minutes; failures are collected across all operations and listed together.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

from suar.accounts.models import User
from suar.analytics import services
from suar.core.demo import load_demo_community

EXAMPLES_PER_OPERATION = 6


@contextmanager
def connection_kept() -> Iterator[None]:
    """Requests go through the real WSGI handler, which closes the database connection when
    a request ends; inside the test's transaction that would close it for good (Django's
    test client disconnects the same handler for the same reason, and connects it again
    after each of its requests, so this wraps the schemathesis calls only)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def demo_admin(db: None) -> User:
    load_demo_community()
    return User.objects.get(username="admin")


def test_no_generated_request_causes_a_server_error(demo_admin: User) -> None:
    client = Client()
    client.force_login(demo_admin, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/")  # the CSRF cookie, so that writes get past CSRF to the code behind it
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    _token, raw = services.create_token(
        actor=demo_admin, organisation=demo_admin.memberships.get().organisation, name="st"
    )
    headers = {"X-CSRFToken": cookies.get("csrftoken", "")}
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    operations = 0
    with connection_kept():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1
            failures += _server_errors(operation, headers, cookies, raw, statuses)
    assert operations >= 60  # the whole project's schema, not only this app's
    # Signed in for real: most requests got past authentication to the code behind it.
    assert statuses[200] > operations and statuses[401] < sum(statuses.values()) / 10, statuses
    assert failures == [], "\n".join(dict.fromkeys(failures))


def _server_errors(operation, headers, cookies, token: str, statuses: Counter[int]) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case) -> None:  # type: ignore[no-untyped-def]
        extra = dict(headers)
        if operation.path.startswith("/api/v1/analytics/") and len(seen) % 2:
            extra["Authorization"] = f"Bearer {token}"  # half the time by token
        response = case.call(headers=extra, cookies=cookies)
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            seen.append(
                f"{operation.method.upper()} {case.formatted_path} query={case.query!r} "
                f"body={case.body!r} -> {response.status_code}"
            )
        else:
            seen.append("")

    with contextlib.suppress(Unsatisfiable):
        check()
    return [s for s in seen if s]
