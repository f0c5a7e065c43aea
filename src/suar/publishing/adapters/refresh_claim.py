"""One token refresh at a time per account, across threads, processes and machines.

A platform that rotates refresh tokens (atproto, X, TikTok) answers the second of two
simultaneous refreshes with an error, or leaves the account holding a token that is already
spent. So a worker first takes a short lease on the account row (one conditional UPDATE, the
same pattern as the publisher's claims); no database lock is held during the HTTP call.
A worker that finds the lease taken waits for the other's result and uses it.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from suar.publishing.adapters.base import TransientError
from suar.publishing.models import ConnectedAccount

log = logging.getLogger("suar.publishing.refresh")

# Longer than one refresh call can take (the adapters' HTTP timeouts are 30 s), so a lease
# never runs out under a live worker; short enough that a dead worker's lease is soon gone.
LEASE = dt.timedelta(seconds=60)
WAIT_SECONDS = 20.0
POLL_SECONDS = 0.1


@dataclass
class Claim:
    """This worker holds the account's refresh lease until `until`."""

    account: ConnectedAccount
    until: dt.datetime

    def store(
        self, *, access_token: str, refresh_token: str, expires_at: dt.datetime | None
    ) -> None:
        """Keep the new tokens (encrypted by the field) on the row and on `account`."""
        now = timezone.now()
        ConnectedAccount.objects.filter(pk=self.account.pk).update(
            access_token=access_token,
            refresh_token=refresh_token,
            expires_at=expires_at,
            updated_at=now,
        )
        self.account.access_token = access_token
        self.account.refresh_token = refresh_token
        self.account.expires_at = expires_at
        self.account.updated_at = now


def _take(account: ConnectedAccount) -> dt.datetime | None:
    now = timezone.now()
    until = now + LEASE
    free = Q(refresh_claimed_until__isnull=True) | Q(refresh_claimed_until__lt=now)
    won = ConnectedAccount.objects.filter(free, pk=account.pk).update(refresh_claimed_until=until)
    return until if won else None


@contextmanager
def refresh_claim(account: ConnectedAccount) -> Iterator[Claim | None]:
    """Yield a Claim when this worker must refresh, or None when another worker refreshed
    while this one waited (`account` then holds the new tokens). Raises TransientError when
    the lease stays taken (a worker died mid-refresh: its lease runs out within LEASE)."""
    seen = account.access_token
    deadline = time.monotonic() + WAIT_SECONDS
    while (until := _take(account)) is None:
        if time.monotonic() > deadline:
            raise TransientError("another worker is refreshing this account's tokens")
        time.sleep(POLL_SECONDS)
    try:
        stored = ConnectedAccount.objects.only(
            "access_token", "refresh_token", "expires_at", "updated_at"
        ).get(pk=account.pk)
        account.refresh_token = stored.refresh_token  # the newest, whoever stored it
        if stored.access_token != seen:
            account.access_token = stored.access_token
            account.expires_at = stored.expires_at
            account.updated_at = stored.updated_at
            yield None
        else:
            yield Claim(account, until)
    finally:
        released = ConnectedAccount.objects.filter(
            pk=account.pk, refresh_claimed_until=until
        ).update(refresh_claimed_until=None)
        if not released:
            log.warning("account %s: refresh lease ran out before the refresh ended", account.pk)
