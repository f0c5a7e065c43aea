"""Help directory fixtures."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def english(client: Client) -> None:
    client.cookies["suar_language"] = "en"
