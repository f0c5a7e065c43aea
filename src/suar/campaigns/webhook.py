"""Signed webhook requests: HMAC-SHA256 over "timestamp.body", a clock window, no replays."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from datetime import UTC, datetime

from django.db import IntegrityError, transaction

from suar.campaigns.models import Campaign, WebhookReceipt

logger = logging.getLogger(__name__)

TOLERANCE_SECONDS = 300  # clocks of senders drift; five minutes either way is accepted
TIMESTAMP_HEADER = "X-Suar-Timestamp"
SIGNATURE_HEADER = "X-Suar-Signature"


class WebhookRejected(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def sign(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(
    campaign: Campaign, *, timestamp: str, signature: str, body: bytes, now: float | None = None
) -> None:
    """Raise WebhookRejected unless the request is fresh, correctly signed and new."""
    now = time.time() if now is None else now
    try:
        sent = int(timestamp)
    except ValueError:
        raise WebhookRejected(401, "missing or malformed timestamp") from None
    expected = sign(campaign.webhook_secret, timestamp, body)
    if not hmac.compare_digest(expected, signature.strip().lower()):
        # The secret never appears in logs; the campaign and the age of the request do.
        logger.warning("campaign webhook: bad signature for campaign %s", campaign.slug)
        raise WebhookRejected(401, "bad signature")
    if abs(now - sent) > TOLERANCE_SECONDS:
        logger.warning(
            "campaign webhook: timestamp %ss off for campaign %s", int(now - sent), campaign.slug
        )
        raise WebhookRejected(401, "timestamp outside the allowed window (check the clock)")
    # Receipts older than the tolerance can never match a fresh request: forget them.
    cutoff = datetime.fromtimestamp(now - 2 * TOLERANCE_SECONDS, tz=UTC)
    WebhookReceipt.objects.filter(campaign=campaign, received_at__lt=cutoff).delete()
    try:
        with transaction.atomic():
            WebhookReceipt.objects.create(campaign=campaign, signature=expected)
    except IntegrityError:
        logger.warning("campaign webhook: replayed request for campaign %s", campaign.slug)
        raise WebhookRejected(409, "this request was already received") from None
