"""Encryption at rest for secrets (platform tokens, webhook secrets) and a log filter."""

from __future__ import annotations

import base64
import logging
import os
import re
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

PREFIX = "fernet:"


def _derive(secret: str) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"suar.publishing.tokens",
        info=b"fernet-key-v1",
    )
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode()))


@cache
def fernet() -> MultiFernet:
    """SUAR_TOKEN_KEY (a Fernet key) when set, else a key derived from SECRET_KEY by HKDF.

    A separate key lets the operator rotate SECRET_KEY without reconnecting every account;
    the derived key is the fallback so a fresh install works with nothing configured.
    """
    keys: list[bytes] = []
    if explicit := os.environ.get("SUAR_TOKEN_KEY", "").strip():
        keys.append(explicit.encode())
    keys.append(_derive(settings.SECRET_KEY))
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(value: str) -> str:
    if not value:
        return ""
    return PREFIX + fernet().encrypt(value.encode()).decode()


def decrypt(value: str) -> str:
    if not value:
        return ""
    if not value.startswith(PREFIX):
        raise ValueError("token column is not encrypted")
    try:
        return fernet().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise ValueError(
            "cannot decrypt a stored token: SECRET_KEY or SUAR_TOKEN_KEY changed; "
            "reconnect the account"
        ) from exc


class EncryptedTextField(models.TextField):
    """A text column holding Fernet ciphertext; Python code sees the plain value."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str:
        if value is None or value == "":
            return ""
        try:
            return decrypt(value)
        except ValueError:
            # An undecryptable token behaves like a missing one: the account shows as
            # needing reconnection instead of crashing every page that lists accounts.
            return ""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""


# Bearer tokens, JWTs, OAuth secrets in query strings or JSON: enough shapes to catch the
# tokens Suar handles if an exception message or a debug line ever carries one.
_SECRET_PATTERNS = [
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    # "Authorization: DPoP <token>" (atproto OAuth); long enough not to eat the prose
    # "DPoP proof" or "DPoP nonce".
    re.compile(r"(?i)(dpop\s+)[A-Za-z0-9._~+/=-]{16,}"),
    re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"),
    re.compile(
        r"(?i)((?:access_token|refresh_token|accessJwt|refreshJwt|client_secret|password)"
        r"[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"
    ),
    # OAuth authorization codes travel in callback query strings; error codes are not secret.
    re.compile(r"([?&]code=)[^\s&]+"),
    re.compile(r"fernet:[A-Za-z0-9_=-]+"),
]


def redact(text: str) -> str:
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "[redacted]", text)
    return text


class RedactTokensFilter(logging.Filter):
    """Rewrites log records so no token reaches a log file, whatever logged it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix here
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install_log_filter() -> None:
    """Attach the filter to the root handlers (they see every propagated record) and to the
    loggers that could see tokens (httpx logs request URLs, which may carry query tokens)."""
    targets: list[logging.Filterer] = list(logging.getLogger().handlers)
    targets += [logging.getLogger(name) for name in ("suar.publishing", "httpx", "httpcore")]
    for target in targets:
        if not any(isinstance(f, RedactTokensFilter) for f in target.filters):
            target.addFilter(RedactTokensFilter())
