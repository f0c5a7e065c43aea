"""Help directory fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import translation


@pytest.fixture(autouse=True)
def english(client: Client) -> Iterator[None]:
    """Pages and services in English, so that tests can assert the messages people read."""
    client.cookies["suar_language"] = "en"
    with translation.override("en"):
        yield
