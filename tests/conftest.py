"""Fixtures shared by every app: an organisation, people with roles, logging in.

The environment (data dir, plain HTTP, immediate tasks) is set in pyproject.toml.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest
from django.test import Client

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import Role

PASSWORD = "a-long-test-passphrase-42"


@pytest.fixture(scope="session")
def django_db_modify_db_settings() -> Iterator[None]:
    """On SQLite, test in a WAL database file (in memory-backed /dev/shm where there is one),
    as Suar runs, not in Django's shared-cache in-memory database: there, two connections
    fail at once with "table is locked" instead of waiting their turn as they do in
    production, so tests of concurrent workers would test the harness, not Suar."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        yield
        return
    # mkdtemp makes a fresh folder only this user can open, so a shared /dev/shm is safe.
    memory_backed = "/dev/shm"  # noqa: S108
    folder = tempfile.mkdtemp(
        prefix="suar-test-db-", dir=memory_backed if os.path.isdir(memory_backed) else None
    )
    database.setdefault("TEST", {})["NAME"] = os.path.join(folder, "test.sqlite3")
    yield
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def organisation(db: None) -> Organisation:
    return Organisation.objects.create(name="Yayasan Pulih", slug="pulih")


@pytest.fixture
def make_user(db: None, organisation: Organisation):  # type: ignore[no-untyped-def]
    """Factory: a person with a role in the default organisation."""

    def make(
        username: str = "putri", *, role: Role = Role.MEMBER, language: str = "id", **extra: object
    ) -> User:
        user = User(username=username, language=language, **extra)  # type: ignore[misc]
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def member(make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user("putri", role=Role.MEMBER)


@pytest.fixture
def login_as(client: Client):  # type: ignore[no-untyped-def]
    def login(user: User) -> Client:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login
