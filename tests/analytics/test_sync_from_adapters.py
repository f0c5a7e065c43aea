"""Figures and comments are pulled through the adapters on a schedule: idempotently, with a
history, and honestly when a platform gives nothing or revokes access part-way."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from suar.analytics.models import EngagementSnapshot, PlatformComment, SyncState, TrackedPost
from suar.analytics.sync import sync_account
from suar.moderation.models import QueueItem
from suar.publishing.adapters import Engagement
from suar.publishing.models import Publication
from tests.analytics.conftest import comment


def test_a_published_post_gets_a_snapshot_with_missing_figures_left_missing(
    make_account, publish, fake, script
) -> None:  # type: ignore[no-untyped-def]
    account = make_account()
    publication = publish(account, text="Tips tidur")
    script.figures[publication.platform_post_id] = Engagement(likes=7, comments=2, shares=1)

    result = sync_account(account, adapter=fake(account))

    assert result.status == "ok" and result.posts_synced == 1
    post = TrackedPost.objects.get()
    assert post.publication == publication and post.platform == "mastodon"
    snapshot = post.snapshots.get()
    assert (snapshot.likes, snapshot.comments, snapshot.shares) == (7, 2, 1)
    assert snapshot.reach is None and snapshot.impressions is None


def test_running_twice_in_an_hour_updates_the_snapshot_and_later_runs_add_history(
    make_account, publish, fake, script
) -> None:  # type: ignore[no-untyped-def]
    account = make_account()
    publication = publish(account, hours_ago=0.5)
    pid = publication.platform_post_id
    start = timezone.now().replace(minute=5, second=0, microsecond=0)

    script.figures[pid] = Engagement(likes=3)
    sync_account(account, adapter=fake(account), now=start)
    script.figures[pid] = Engagement(likes=5)
    sync_account(account, adapter=fake(account), now=start + dt.timedelta(minutes=20), force=True)
    assert list(EngagementSnapshot.objects.values_list("likes", flat=True)) == [5]

    script.figures[pid] = Engagement(likes=9)
    sync_account(account, adapter=fake(account), now=start + dt.timedelta(hours=1, minutes=25))
    assert list(
        EngagementSnapshot.objects.order_by("taken_at").values_list("likes", flat=True)
    ) == [
        5,
        9,
    ]


def test_posts_are_not_asked_again_before_they_are_due(make_account, publish, fake, script) -> None:  # type: ignore[no-untyped-def]
    account = make_account()
    publish(account, hours_ago=24 * 20)  # 20 days old: once a day
    now = timezone.now()
    sync_account(account, adapter=fake(account), now=now)
    sync_account(account, adapter=fake(account), now=now + dt.timedelta(hours=3))
    assert [c[0] for c in script.calls].count("engagement") == 1
    sync_account(account, adapter=fake(account), now=now + dt.timedelta(hours=25))
    assert [c[0] for c in script.calls].count("engagement") == 2


def test_access_revoked_part_way_keeps_what_came_and_the_dashboard_says_what_is_missing(
    make_account, publish, fake, script, login_as, organiser
) -> None:  # type: ignore[no-untyped-def]
    account = make_account(handle="@pulih")
    for hours in (1, 2, 3):
        publish(account, hours_ago=hours)
    script.revoke_after = 1
    script.figures = {
        p: Engagement(likes=4)
        for p in Publication.objects.values_list("platform_post_id", flat=True)
    }

    result = sync_account(account, adapter=fake(account))

    assert result.status == "partial"
    assert (result.posts_synced, result.posts_missed) == (1, 2)
    assert EngagementSnapshot.objects.count() == 1
    state = SyncState.objects.get(account=account)
    assert state.failed_at is not None and "revoked" in state.message

    client: Client = login_as(organiser)
    client.cookies["suar_language"] = "en"
    page = client.get("/dampak/pulih/").content.decode()
    assert "access was refused on" in page and "2 posts not updated" in page
    assert "2 of 3 posts have no figures yet" in page


def test_a_platform_without_figures_is_named_instead_of_showing_zero(
    make_account, publish, fake, script, login_as, organiser
) -> None:  # type: ignore[no-untyped-def]
    account = make_account("tiktok", handle="@pulih_tt")
    publish(account)
    script.engagement_supported = False
    script.comments_supported = False

    result = sync_account(account, adapter=fake(account))

    assert result.status == "not_supported"
    assert not EngagementSnapshot.objects.exists()
    client = login_as(organiser)
    client.cookies["suar_language"] = "en"
    page = client.get("/dampak/pulih/").content.decode()
    assert "Suar cannot read figures through this platform" in page
    assert 'data-testid="figure-likes">—<' in page  # a dash, not a zero


def test_comments_are_read_once_screened_and_routed(make_account, publish, fake, script) -> None:  # type: ignore[no-untyped-def]
    account = make_account()
    publication = publish(account)
    pid = publication.platform_post_id
    script.comments[pid] = [
        comment("1", "Semangat terus, kamu hebat! 💪"),
        comment("2", "Jam berapa acaranya?"),
        comment("3", "dasar pecandu sampah, mati aja lo"),
        comment("4", "aku capek banget pengen mati aja, nggak kuat lagi"),
    ]

    sync_account(account, adapter=fake(account))
    sync_account(account, adapter=fake(account), force=True)  # nothing new the second time

    verdicts = dict(PlatformComment.objects.values_list("platform_comment_id", "verdict"))
    assert verdicts == {"1": "supportive", "2": "neutral", "3": "toxic", "4": "crisis"}
    toxic = PlatformComment.objects.get(platform_comment_id="3")
    assert toxic.platform_state == PlatformComment.PlatformState.SUGGESTED
    crisis = PlatformComment.objects.get(platform_comment_id="4")
    queued = QueueItem.objects.get(object_id=crisis.pk, content_type__model="platformcomment")
    assert queued.is_crisis and queued.state == QueueItem.State.OPEN
    # The second run asked only for what came after the last comment it had.
    assert script.calls[-1] == ("comments", pid, "4")
    assert PlatformComment.objects.count() == 4
