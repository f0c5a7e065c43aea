"""The exactly-once publishing loop: claim a due publication atomically, call the platform,
record the outcome; reconcile anything whose outcome is unknown before retrying it."""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import time
import uuid
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone

from suar.publishing.adapters import (
    Adapter,
    AuthError,
    ContentError,
    PublishError,
    PublishResult,
    TransientError,
    UnknownOutcome,
    adapter_for,
)
from suar.publishing.models import ConnectedAccount, Publication

log = logging.getLogger("suar.publishing.publisher")

Status = Publication.Status
Kind = Publication.ErrorKind

MAX_ATTEMPTS = 8
BACKOFF_BASE = dt.timedelta(seconds=30)
BACKOFF_MAX = dt.timedelta(hours=1)
# Platforms whose per-account quotas are tiny: space posts out even before a 429.
MIN_INTERVAL = {"tiktok": dt.timedelta(seconds=10), "x": dt.timedelta(seconds=5)}


def lease_duration() -> dt.timedelta:
    """How long a claim holds. It must outlast one adapter call (HTTP timeouts are 30 s);
    the crash test shortens it so a dead worker's claims expire quickly."""
    return dt.timedelta(seconds=float(os.environ.get("SUAR_PUBLISHING_LEASE_SECONDS", "300")))


@dataclass
class Claim:
    publication: Publication
    token: str
    reconcile: bool  # the previous attempt's outcome is unknown: look it up first
    claimed_at: float = field(default_factory=time.monotonic)


def expire_leases(now: dt.datetime | None = None) -> int:
    """Publications left `publishing` by a dead worker: their outcome is unknown."""
    now = now or timezone.now()
    return Publication.objects.filter(status=Status.PUBLISHING, lease_expires_at__lt=now).update(
        status=Status.UNKNOWN,
        error_kind=Kind.UNKNOWN_OUTCOME,
        error_message="the worker stopped while publishing; checking the platform",
        next_attempt_at=now,
        claimed_by="",
        updated_at=now,
    )


def due_ids(limit: int, now: dt.datetime | None = None) -> list[int]:
    """Oldest due first; accounts under a rate limit ("not before") wait."""
    now = now or timezone.now()
    return list(
        Publication.objects.filter(
            status__in=[Status.SCHEDULED, Status.UNKNOWN], next_attempt_at__lte=now
        )
        .filter(Q(account__not_before__isnull=True) | Q(account__not_before__lte=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def claim(pk: int, now: dt.datetime | None = None) -> Claim | None:
    """Take one publication for this worker; one conditional UPDATE, so exactly one wins."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    for previous in (Status.SCHEDULED, Status.UNKNOWN):
        won = Publication.objects.filter(pk=pk, status=previous, next_attempt_at__lte=now).update(
            status=Status.PUBLISHING,
            lease_expires_at=now + lease_duration(),
            claimed_by=token,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
        if won:
            publication = Publication.objects.select_related("account").get(pk=pk)
            return Claim(publication, token, reconcile=previous == Status.UNKNOWN)
    return None


def claim_batch(limit: int, now: dt.datetime | None = None) -> list[Claim]:
    """Claim up to `limit` due publications with one UPDATE per previous state: the rows
    this worker's token ends up on are its own, whatever other workers did meanwhile."""
    now = now or timezone.now()
    ids = due_ids(limit, now)
    claims: list[Claim] = []
    for previous in (Status.SCHEDULED, Status.UNKNOWN):
        token = uuid.uuid4().hex
        won = Publication.objects.filter(
            pk__in=ids, status=previous, next_attempt_at__lte=now
        ).update(
            status=Status.PUBLISHING,
            lease_expires_at=now + lease_duration(),
            claimed_by=token,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
        if won:
            rows = Publication.objects.filter(pk__in=ids, claimed_by=token).select_related(
                "account", "organisation"
            )
            claims += [Claim(p, token, reconcile=previous == Status.UNKNOWN) for p in rows]
    claims.sort(key=lambda c: (c.publication.next_attempt_at or now, c.publication.pk))
    return claims


def _finish(claim_: Claim, **fields: object) -> bool:
    """Write the outcome only if this worker still holds the claim (its lease may have
    expired and another worker may be reconciling the same publication)."""
    fields.setdefault("updated_at", timezone.now())
    fields.setdefault("lease_expires_at", None)
    fields.setdefault("claimed_by", "")
    fields.setdefault("progress", claim_.publication.progress)
    won = Publication.objects.filter(
        pk=claim_.publication.pk, status=Status.PUBLISHING, claimed_by=claim_.token
    ).update(**fields)
    if not won:
        log.warning("publication %s: lost the claim before recording", claim_.publication.pk)
    return bool(won)


def _published(claim_: Claim, result: PublishResult) -> None:
    now = timezone.now()
    _finish(
        claim_,
        status=Status.PUBLISHED,
        platform_post_id=result.post_id[:300],
        platform_url=result.url[:500],
        published_at=now,
        error_kind="",
        error_message="",
        next_attempt_at=None,
    )


def backoff(attempts: int, retry_after: float | None = None) -> dt.timedelta:
    """Exponential with jitter, never sooner than the platform's Retry-After."""
    delay = min(BACKOFF_BASE * (2 ** max(0, attempts - 1)), BACKOFF_MAX)
    delay = delay * (0.8 + 0.4 * random.random())  # noqa: S311 - jitter, not security
    if retry_after is not None:
        delay = max(delay, dt.timedelta(seconds=retry_after))
    return delay


def _retry_later(claim_: Claim, exc: PublishError, *, status: str, kind: str) -> None:
    publication = claim_.publication
    if publication.attempts >= MAX_ATTEMPTS:
        _failed(claim_, kind, f"gave up after {publication.attempts} attempts: {exc.message}")
        return
    retry_after = getattr(exc, "retry_after", None)
    when = timezone.now() + backoff(publication.attempts, retry_after)
    _finish(claim_, status=status, error_kind=kind, error_message=exc.message, next_attempt_at=when)
    if retry_after:  # a 429 concerns the whole account, not just this post
        ConnectedAccount.objects.filter(pk=publication.account_id).update(
            not_before=timezone.now() + dt.timedelta(seconds=retry_after)
        )


def _failed(claim_: Claim, kind: str, message: str) -> None:
    _finish(
        claim_,
        status=Status.FAILED,
        error_kind=kind,
        error_message=message[:2000],
        next_attempt_at=None,
    )


def _account_expired(account: ConnectedAccount, reason: str) -> None:
    ConnectedAccount.objects.filter(pk=account.pk).update(
        status=ConnectedAccount.Status.EXPIRED, status_reason=reason[:300]
    )


def _publish_with_refresh(adapter: Adapter, publication: Publication) -> PublishResult:
    try:
        return adapter.publish(publication)
    except AuthError as first:
        # One refresh, one retry; a second AuthError means the person must reconnect.
        account = publication.account
        seen = account.access_token
        account.refresh_from_db()
        if account.access_token == seen:  # nobody else refreshed it meanwhile
            try:
                adapter.refresh_token(account)
            except (AuthError, ContentError) as exc:  # a refused refresh is an auth problem
                raise AuthError(f"{first.message} ({exc.message})") from exc
        return adapter.publish(publication)


def _renew_lease(claim_: Claim) -> bool:
    """Start the lease afresh just before the platform is called: a batch is claimed at
    once but processed over time, and a lease that ran out while the row waited in this
    worker's queue would let another worker reconcile it, and post, at the same time."""
    lease = lease_duration()
    mine = Publication.objects.filter(
        pk=claim_.publication.pk, status=Status.PUBLISHING, claimed_by=claim_.token
    )
    if time.monotonic() - claim_.claimed_at < lease.total_seconds() / 10:
        # Claimed moments ago: 90 % of the lease is left, far more than one platform call
        # takes, so checking that the claim still holds is enough. A read instead of a
        # write per post is what keeps lateness low when many posts are due at once.
        return mine.exists()
    return bool(mine.update(lease_expires_at=timezone.now() + lease))


def _take_slot(account: ConnectedAccount) -> dt.datetime | None:
    """None when this account may be called now (reserving the next slot on platforms that
    need spacing); otherwise the moment to try again."""
    now = timezone.now()
    free = Q(not_before__isnull=True) | Q(not_before__lte=now)
    accounts = ConnectedAccount.objects.filter(free, pk=account.pk)
    interval = MIN_INTERVAL.get(account.platform)
    # One conditional UPDATE: of two threads posting to one account, only one gets the slot.
    available = accounts.update(not_before=now + interval) if interval else accounts.exists()
    if available:
        return None
    later = ConnectedAccount.objects.filter(pk=account.pk).values_list("not_before", flat=True)
    return later.first() or now


def process(claim_: Claim) -> str:
    """Publish (or reconcile) one claimed publication and record what happened."""
    publication = claim_.publication
    account = publication.account
    if not _renew_lease(claim_):
        log.warning("publication %s: claim lost before publishing; skipped", publication.pk)
        return "lost"
    if (wait_until := _take_slot(account)) is not None:
        # The account is rate limited (a 429 earlier in this batch, or the spacing its
        # platform needs): hand the row back untouched, without counting an attempt.
        _finish(
            claim_,
            status=Status.UNKNOWN if claim_.reconcile else Status.SCHEDULED,
            next_attempt_at=wait_until,
            attempts=F("attempts") - 1,
        )
        return "deferred"
    if account.status != ConnectedAccount.Status.CONNECTED:
        _failed(claim_, Kind.AUTH, f"the account {account.handle} is {account.status}: reconnect")
        return Status.FAILED
    adapter = adapter_for(account)
    try:
        if claim_.reconcile:
            found = adapter.lookup(publication)
            if found is not None:
                _published(claim_, found)
                return Status.PUBLISHED
        result = _publish_with_refresh(adapter, publication)
    except UnknownOutcome as exc:
        _retry_later(claim_, exc, status=Status.UNKNOWN, kind=Kind.UNKNOWN_OUTCOME)
        return Status.UNKNOWN
    except TransientError as exc:
        # A reconciliation still pending stays unknown: never retry blind.
        status = Status.UNKNOWN if claim_.reconcile else Status.SCHEDULED
        _retry_later(claim_, exc, status=status, kind=Kind.TRANSIENT)
        return status
    except AuthError as exc:
        _account_expired(account, exc.message)
        _failed(claim_, Kind.AUTH, exc.message)
        return Status.FAILED
    except ContentError as exc:
        _failed(claim_, Kind.CONTENT, exc.message)
        return Status.FAILED
    except Exception as exc:
        # A bug in our code: the request may have gone out, so treat it as unknown.
        log.exception("publication %s: unexpected error", publication.pk)
        _retry_later(
            claim_,
            UnknownOutcome(f"internal error: {type(exc).__name__}"),
            status=Status.UNKNOWN,
            kind=Kind.INTERNAL,
        )
        return Status.UNKNOWN
    _published(claim_, result)
    return Status.PUBLISHED


def publish_one(pk: int) -> str | None:
    """Claim and process one publication; None when another worker has it."""
    claimed = claim(pk)
    if claimed is None:
        return None
    return process(claimed)


def run_once(limit: int = 100) -> int:
    """One pass: expire dead claims, then process what is due. Returns how many were handled."""
    expire_leases()
    claims = claim_batch(limit)
    for claimed in claims:
        process(claimed)
    return len(claims)


def refresh_expiring_tokens(within: dt.timedelta = dt.timedelta(days=7)) -> int:
    """Refresh tokens that expire soon. Idempotent: a fresh token is simply not due again.

    Each account is claimed with a conditional UPDATE on `updated_at` (no lock is held
    during the HTTP call): X and TikTok rotate refresh tokens, so two workers refreshing
    the same account at once would make one of them fail and wrongly expire the account.
    """
    soon = timezone.now() + within
    refreshed = 0
    due = ConnectedAccount.objects.filter(
        status=ConnectedAccount.Status.CONNECTED, expires_at__lte=soon
    ).exclude(refresh_token="")
    for account in due:
        claimed = ConnectedAccount.objects.filter(
            pk=account.pk, updated_at=account.updated_at
        ).update(updated_at=timezone.now())
        if not claimed:
            continue  # another worker is refreshing it, or just did
        try:
            adapter_for(account).refresh_token(account)
            refreshed += 1
        except TransientError:
            continue
        except PublishError as exc:
            _account_expired(account, exc.message)
    return refreshed
