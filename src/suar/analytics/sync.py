"""Pulling figures and comments from the platforms, one connected account at a time.

Idempotent: a post gets at most one API snapshot per hour (a second run in the same hour
updates it) and a comment is stored once. When access is revoked part-way, what was fetched
is kept, the rest is recorded as missing, and the dashboard says so.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from suar.analytics.comment_blocking import BlockOffer, block_offer, refresh_block_offers
from suar.analytics.comments import can_hide, safe_url, store_comment
from suar.analytics.models import EngagementSnapshot, SyncState, TrackedPost
from suar.publishing.adapters import (
    Adapter,
    AuthError,
    ContentError,
    Engagement,
    NotSupported,
    PublishError,
    adapter_for,
)
from suar.publishing.models import ConnectedAccount, Publication

log = logging.getLogger("suar.analytics.sync")
T = TypeVar("T")

# How often a post is asked again, by its age: new posts move fast, old ones hardly at all.
REFRESH_BY_AGE: list[tuple[dt.timedelta, dt.timedelta]] = [
    (dt.timedelta(days=2), dt.timedelta(hours=1)),
    (dt.timedelta(days=14), dt.timedelta(hours=6)),
    (dt.timedelta(days=90), dt.timedelta(days=1)),
]
MAX_POSTS_PER_RUN = 200
MAX_COMMENTS_PER_POST = 500

Status = SyncState.Status


@dataclass
class SyncResult:
    account_id: int
    status: str
    posts_synced: int = 0
    posts_missed: int = 0
    comments_stored: int = 0
    message: str = ""


def hour_slot(moment: dt.datetime) -> dt.datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _label(publication: Publication) -> tuple[str, str]:
    """(kind, label) from the Studio post behind a publication, when there is one."""
    delivery = getattr(publication, "studio_delivery", None)
    if delivery is not None:
        return delivery.post.kind, delivery.post.title[:200]
    return "", " ".join(publication.text.split())[:80]


def track_publications(account: ConnectedAccount) -> int:
    """A TrackedPost for each published publication of the account; returns how many new."""
    published = (
        Publication.objects.filter(account=account, status=Publication.Status.PUBLISHED)
        .exclude(platform_post_id="")
        .filter(tracked_post__isnull=True)
        .select_related("studio_delivery__post")
        .order_by("pk")[:1000]
    )
    made = 0
    for publication in published:
        kind, label = _label(publication)
        _, created = TrackedPost.objects.get_or_create(
            organisation_id=account.organisation_id,
            platform=account.platform,
            platform_post_id=publication.platform_post_id,
            defaults={
                "account": account,
                "publication": publication,
                "url": safe_url(publication.platform_url),
                "kind": kind,
                "label": label,
                "published_at": publication.published_at or publication.scheduled_at,
            },
        )
        made += int(created)
    return made


def is_due(post: TrackedPost, now: dt.datetime) -> bool:
    if post.last_synced_at is None:
        return True
    age = now - (post.published_at or post.created_at)
    for max_age, every in REFRESH_BY_AGE:
        if age < max_age:
            return now - post.last_synced_at >= every
    return False  # older than 90 days: its figures have settled


def save_snapshot(
    post: TrackedPost, figures: Engagement, *, at: dt.datetime, source: str = "api"
) -> EngagementSnapshot:
    values = {name: getattr(figures, name) for name in ("likes", "comments", "shares")}
    values |= {"reach": figures.reach, "impressions": figures.impressions}
    clean = {k: (max(int(v), 0) if v is not None else None) for k, v in values.items()}
    snapshot, _ = EngagementSnapshot.objects.update_or_create(
        post=post, slot=hour_slot(at), source=source, defaults={"taken_at": at, **clean}
    )
    return snapshot


def _with_refresh(adapter: Adapter, call: Callable[[], T]) -> T:
    """One token refresh and one retry on AuthError, as the publisher does."""
    try:
        return call()
    except AuthError as first:
        account = adapter.account
        seen = account.access_token
        account.refresh_from_db()
        if account.access_token == seen:
            try:
                adapter.refresh_token(account)
            except (AuthError, ContentError) as exc:
                raise AuthError(f"{first.message} ({exc.message})") from exc
        return call()


def _sync_comments(
    adapter: Adapter, post: TrackedPost, state: SyncState, hideable: bool, block: BlockOffer
) -> int:
    publication = post.publication
    assert publication is not None
    fetched = _with_refresh(
        adapter,
        partial(adapter.fetch_comments, publication, since_id=post.comments_cursor or None),
    )
    stored = 0
    for incoming in fetched[:MAX_COMMENTS_PER_POST]:
        saved = store_comment(post=post, incoming=incoming, hideable=hideable, block=block)
        if saved is not None:
            stored += 1
        post.comments_cursor = incoming.platform_comment_id[:300]
    state.comments_supported = True
    return stored


def sync_account(
    account: ConnectedAccount,
    *,
    adapter: Adapter | None = None,
    now: dt.datetime | None = None,
    force: bool = False,
) -> SyncResult:
    """Fetch figures (and comments) of the account's due posts; never raises for a
    platform's failure, which is recorded on the account's SyncState instead."""
    now = now or timezone.now()
    state, _ = SyncState.objects.get_or_create(account=account)
    state.last_attempt_at = now
    result = SyncResult(account_id=account.pk, status=Status.OK)
    if account.status != ConnectedAccount.Status.CONNECTED:
        result.status = Status.AUTH
        result.message = account.status_reason or "the account needs reconnecting"
        state.failed_at = state.failed_at or now
        _finish(state, result, now)
        return result
    track_publications(account)
    posts = list(
        TrackedPost.objects.filter(account=account, publication__isnull=False)
        .filter(Q(published_at__gte=now - dt.timedelta(days=90)) | Q(last_synced_at__isnull=True))
        .select_related("publication__account", "organisation")
        .order_by("-published_at")[: MAX_POSTS_PER_RUN * 5]
    )
    due = [p for p in posts if force or is_due(p, now)][:MAX_POSTS_PER_RUN]
    adapter = adapter or adapter_for(account)
    hideable = can_hide(adapter) and state.hide_supported is not False
    block = block_offer(adapter, state)
    refresh_block_offers(account, block)
    # Asked again on every run: NotSupported costs no request, and an adapter may learn to.
    fetch_engagement = fetch_comments = True
    for index, post in enumerate(due):
        publication = post.publication
        assert publication is not None
        try:
            if fetch_engagement:
                try:
                    figures = _with_refresh(adapter, partial(adapter.fetch_engagement, publication))
                    with transaction.atomic():
                        save_snapshot(post, figures, at=now)
                    state.engagement_supported = True
                except NotSupported as exc:
                    state.engagement_supported = False
                    fetch_engagement = False
                    result.message = str(exc)
            if fetch_comments:
                try:
                    result.comments_stored += _sync_comments(adapter, post, state, hideable, block)
                except NotSupported:
                    state.comments_supported = False
                    fetch_comments = False
        except AuthError as exc:
            # Access revoked part-way: keep what came in, record the rest as missing.
            result.status = Status.PARTIAL if result.posts_synced else Status.AUTH
            result.posts_missed = len(due) - index
            result.message = exc.message
            state.failed_at = now
            break
        except ContentError as exc:
            # This post is gone or refused (deleted on the platform): skip it, go on.
            log.info("figures of post %s not readable: %s", post.pk, exc.message)
        except PublishError as exc:
            result.status = Status.ERROR
            result.posts_missed = len(due) - index
            result.message = exc.message
            break
        if not fetch_engagement and not fetch_comments:
            break  # the platform gives neither: nothing was fetched for this post
        post.last_synced_at = now
        post.save(update_fields=["last_synced_at", "comments_cursor"])
        result.posts_synced += 1
    if result.status == Status.OK and state.engagement_supported is False:
        result.status = Status.NOT_SUPPORTED
    _finish(state, result, now)
    return result


def _finish(state: SyncState, result: SyncResult, now: dt.datetime) -> None:
    state.status = result.status
    state.message = result.message[:500]
    state.posts_synced = result.posts_synced
    state.posts_missed = result.posts_missed
    if result.status in (Status.OK, Status.NOT_SUPPORTED):
        state.last_success_at = now
        state.failed_at = None
    state.save()
    if result.status not in (Status.OK, Status.NOT_SUPPORTED):
        # The reason only: messages from adapters are already redacted of tokens.
        log.warning(
            "figures sync of account %s: %s (%s)", result.account_id, result.status, result.message
        )


def syncable_accounts() -> list[ConnectedAccount]:
    """Every connected account that has something published (export bundles have no API)."""
    return list(
        ConnectedAccount.objects.exclude(platform="export")
        .filter(publications__status=Publication.Status.PUBLISHED)
        .distinct()
        .order_by("pk")
    )
