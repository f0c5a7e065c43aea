"""The publisher's building blocks: one claim per publication, leases, token refresh, the
django-tasks task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import respx
from django.utils import timezone

from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.publisher import claim, claim_batch, expire_leases, refresh_expiring_tokens
from suar.publishing.tasks import publish_due


def test_only_one_claim_wins(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    publication = make_publication(make_account("export"))
    assert claim(publication.pk) is not None
    assert claim(publication.pk) is None
    assert claim_batch(10) == []


def test_a_post_scheduled_later_is_not_claimed(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    later = timezone.now() + dt.timedelta(minutes=5)
    make_publication(make_account("export"), scheduled_at=later, next_attempt_at=later)
    assert claim_batch(10) == []


def test_an_expired_lease_turns_into_an_unknown_outcome(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    publication = make_publication(make_account("export"))
    claimed = claim_batch(10)
    assert [c.publication.pk for c in claimed] == [publication.pk]
    Publication.objects.filter(pk=publication.pk).update(
        lease_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )

    assert expire_leases() == 1

    publication.refresh_from_db()
    assert publication.status == Publication.Status.UNKNOWN
    again = claim_batch(10)
    assert again[0].reconcile is True


def test_a_rate_limited_account_waits(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    account = make_account("export", not_before=timezone.now() + dt.timedelta(minutes=1))
    make_publication(account)
    assert claim_batch(10) == []


def test_the_publish_due_task_publishes(
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    settings: object,
    tmp_path: object,
) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    publication = make_publication(make_account("export"))

    publish_due.enqueue()

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED


@respx.mock
def test_tokens_expiring_soon_are_refreshed_once(
    make_account: Callable[..., ConnectedAccount],
) -> None:
    account = make_account("x", expires_at=timezone.now() + dt.timedelta(days=1))
    make_account(
        "x", platform_account_id="other", expires_at=timezone.now() + dt.timedelta(days=30)
    )
    token = respx.post("https://api.x.com/2/oauth2/token").respond(
        200, json={"access_token": "new", "refresh_token": "rotated", "expires_in": 7200}
    )

    assert refresh_expiring_tokens(dt.timedelta(days=7)) == 1
    assert refresh_expiring_tokens(dt.timedelta(hours=1)) == 0

    account.refresh_from_db()
    assert token.call_count == 1
    assert (account.access_token, account.refresh_token) == ("new", "rotated")


def test_a_claim_taken_over_by_another_worker_is_not_published_twice(
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    settings: object,
    tmp_path: object,
) -> None:
    from suar.publishing.publisher import process

    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    publication = make_publication(make_account("export"))
    [stale] = claim_batch(10)
    # This worker's lease ran out while the row waited in its queue; another took over.
    Publication.objects.filter(pk=publication.pk).update(
        lease_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    expire_leases()
    [fresh] = claim_batch(10)

    assert process(stale) == "lost"
    assert process(fresh) == Publication.Status.PUBLISHED


@respx.mock
def test_posts_to_one_x_account_are_spaced_out_even_within_a_batch(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    from suar.publishing.publisher import run_once

    tweet = respx.post("https://api.x.com/2/tweets").respond(
        201, json={"data": {"id": "1", "text": "x"}}
    )
    account = make_account("x")
    first = make_publication(account, text="satu")
    second = make_publication(account, text="dua")

    run_once()

    first.refresh_from_db()
    second.refresh_from_db()
    assert tweet.call_count == 1
    assert first.status == Publication.Status.PUBLISHED
    assert second.status == Publication.Status.SCHEDULED
    assert second.attempts == 0
    assert second.next_attempt_at is not None and second.next_attempt_at > timezone.now()
