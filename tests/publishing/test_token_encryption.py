"""Tokens are encrypted at rest, never shown by repr/str, and redacted from logs."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from django.db import connection

from suar.core.crypto import RedactTokensFilter, redact
from suar.publishing.models import ConnectedAccount


def test_the_database_column_does_not_contain_the_token(
    make_account: Callable[..., ConnectedAccount],
) -> None:
    account = make_account("mastodon", access_token="plain-access-XYZ", refresh_token="r-XYZ")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT access_token, refresh_token FROM publishing_connectedaccount WHERE id = %s",
            [account.pk],
        )
        stored_access, stored_refresh = cursor.fetchone()
    assert "plain-access-XYZ" not in stored_access
    assert stored_access.startswith("fernet:")
    assert "r-XYZ" not in stored_refresh
    assert ConnectedAccount.objects.get(pk=account.pk).access_token == "plain-access-XYZ"


def test_repr_and_str_never_show_tokens(make_account: Callable[..., ConnectedAccount]) -> None:
    account = make_account("bluesky", access_token="jwt-secret-1")
    assert "jwt-secret-1" not in repr(account)
    assert "jwt-secret-1" not in str(account)


def test_log_records_carrying_tokens_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("suar.publishing.test")
    caplog.handler.addFilter(RedactTokensFilter())
    with caplog.at_level(logging.INFO):
        logger.info("sending Authorization: Bearer abc.def-123 to %s", "https://x.test")
        logger.info("got {'access_token': 'tok-999', 'expires_in': 7200}")
    assert "abc.def-123" not in caplog.text
    assert "tok-999" not in caplog.text
    assert "[redacted]" in caplog.text


def test_redact_hides_query_string_tokens() -> None:
    assert "s3cr3t" not in redact("GET https://graph.test/me?access_token=s3cr3t&fields=id")


def test_redact_hides_dpop_bound_tokens_but_keeps_the_prose() -> None:
    line = redact("Authorization: DPoP d8Yq3kP0c2Vq-opaque.token_value; the DPoP nonce was stale")

    assert "d8Yq3kP0c2Vq-opaque.token_value" not in line
    assert "the DPoP nonce was stale" in line
