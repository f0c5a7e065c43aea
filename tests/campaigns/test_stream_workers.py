"""Stream workers against loopback fakes of Mastodon and Jetstream: filter, resume, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from suar.campaigns.cli import stream_main
from suar.campaigns.ingest import cursor_position
from suar.campaigns.models import Interaction
from suar.campaigns.streams import StreamWorker
from tests.campaigns.external import ROOT, ExternalDB
from tests.campaigns.fake_servers import (
    FakeJetstream,
    FakeMastodon,
    jetstream_delete,
    jetstream_post,
    jetstream_repost,
    mastodon_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign):  # type: ignore[no-untyped-def]
    """Still open now: a live stream's deletions happen now, and count only inside the window."""
    return make_campaign(ends_at=timezone.now() + timedelta(days=1))


def rows(campaign) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(
        Interaction.objects.filter(campaign=campaign).values_list("platform_event_id", "status")
    )


def test_mastodon_worker_streams_then_catches_up_from_its_last_status(campaign) -> None:  # type: ignore[no-untyped-def]
    fake = FakeMastodon()
    fake.stream = [mastodon_status(101), mastodon_status(102), mastodon_status(103)]
    fake.deletes = ["102"]
    with fake.serve() as url:
        worker = StreamWorker(campaign, platform="mastodon", server=url, flush_seconds=60)
        assert worker.run(max_events=4) == 4
        assert rows(campaign) == {"101": "counted", "102": "deleted", "103": "counted"}
        assert cursor_position(campaign, worker.source) == "103"

        # While the worker was down two statuses were posted; the stream replays an old one.
        fake.timeline = [mastodon_status(103), mastodon_status(104), mastodon_status(105)]
        fake.stream, fake.deletes = [mastodon_status(101)], []
        again = StreamWorker(campaign, platform="mastodon", server=url, flush_seconds=60)
        again.run(max_events=3)
    assert any("min_id=103" in path for path in fake.requests)
    assert rows(campaign) == {
        "101": "counted",
        "102": "deleted",
        "103": "counted",
        "104": "counted",
        "105": "counted",
    }


def test_jetstream_worker_filters_by_hashtag_and_resumes_from_its_cursor(campaign) -> None:  # type: ignore[no-untyped-def]
    fake = FakeJetstream()
    tagged = "at://did:plc:a/app.bsky.feed.post/1"
    fake.messages = [
        jetstream_post("did:plc:a", "1", 1_769_565_600_000_000, "Pulih #SuarHarapan"),
        jetstream_post("did:plc:b", "2", 1_769_565_601_000_000, "makan siang", tag=False),
        jetstream_post("did:plc:c", "3", 1_769_565_602_000_000, "Aku kuat #suarharapan", tag=False),
        jetstream_repost("did:plc:d", "r1", 1_769_565_603_000_000, tagged),
        jetstream_repost(
            "did:plc:e", "r2", 1_769_565_604_000_000, "at://did:plc:b/app.bsky.feed.post/2"
        ),
        jetstream_delete("did:plc:c", "app.bsky.feed.post", "3", 1_769_565_605_000_000),
    ]
    with fake.serve() as url:
        worker = StreamWorker(campaign, platform="bluesky", server=url, flush_seconds=60)
        # Five candidates: both reposts are read, the one of an unrecorded post is dropped.
        assert worker.run(max_events=5) == 5
        assert rows(campaign) == {
            tagged: "counted",
            "at://did:plc:c/app.bsky.feed.post/3": "deleted",
            "at://did:plc:d/app.bsky.feed.repost/r1": "counted",
        }
        # Reconnecting replays from the cursor (rewound two seconds): nothing counts twice.
        fake.messages.append(
            jetstream_post("did:plc:f", "9", 1_769_565_606_000_000, "#SuarHarapan")
        )
        StreamWorker(campaign, platform="bluesky", server=url, flush_seconds=60).run(max_events=6)
    assert "cursor=1769565603000000" in fake.paths[1]
    assert "wantedCollections=app.bsky.feed.post" in fake.paths[0]
    assert Interaction.objects.filter(campaign=campaign).count() == 4
    assert Interaction.objects.filter(campaign=campaign, status="counted").count() == 3


def test_the_stream_command_runs_a_worker_and_reports(campaign, capsys) -> None:  # type: ignore[no-untyped-def]
    fake = FakeMastodon()
    fake.stream = [mastodon_status(7), mastodon_status(8)]
    with fake.serve() as url:
        argv = ["stream", "mastodon", "--campaign", campaign.slug, "--server", url]
        assert stream_main([*argv, "--max-events", "2"]) == 0
    assert "2 events from mastodon; position saved" in capsys.readouterr().out
    assert stream_main(["stream", "bluesky", "--campaign", "nope"]) == 2


def test_mastodon_worker_follows_every_campaign_hashtag_and_counts_a_status_once(
    make_campaign,
) -> None:  # type: ignore[no-untyped-def]
    campaign = make_campaign(
        hashtags=["suarharapan", "pulih"], ends_at=timezone.now() + timedelta(days=1)
    )
    fake = FakeMastodon()
    fake.stream = [
        mastodon_status(201, tags=("SuarHarapan", "Pulih")),  # sent on both subscriptions
        mastodon_status(202, tags=("pulih",)),
        mastodon_status(203, tags=("lainnya",)),  # not subscribed: never sent
    ]
    with fake.serve() as url:
        worker = StreamWorker(
            campaign, platform="mastodon", server=url, token="rahasia", flush_seconds=60
        )
        assert worker.run(max_events=3) == 3
    assert sorted(fake.subscriptions[0]) == ["pulih", "suarharapan"]
    assert fake.stream_headers[0].get("Authorization") == "Bearer rahasia"
    assert rows(campaign) == {"201": "counted", "202": "counted"}


def test_bluesky_times_from_a_wrong_client_clock_give_way_to_the_relay_time(campaign) -> None:  # type: ignore[no-untyped-def]
    fake = FakeJetstream()
    relay_us = 1_769_565_600_000_000  # 2026-01-28T02:00:00Z
    honest = jetstream_post("did:plc:a", "1", relay_us, "#SuarHarapan")
    honest["commit"]["record"]["createdAt"] = "2026-01-28T01:58:30.000Z"
    backdated = jetstream_post("did:plc:b", "2", relay_us, "#SuarHarapan")
    backdated["commit"]["record"]["createdAt"] = "2025-01-01T00:00:00.000Z"
    hidden = jetstream_post("did:plc:c", "3", relay_us, "Aku kuat", tag=False)
    hidden["commit"]["record"]["tags"] = ["SuarHarapan"]
    fake.messages = [honest, backdated, hidden]
    with fake.serve() as url:
        StreamWorker(campaign, platform="bluesky", server=url, flush_seconds=60).run(max_events=3)
    times = dict(
        Interaction.objects.filter(campaign=campaign).values_list(
            "platform_event_id", "occurred_at"
        )
    )
    assert times["at://did:plc:a/app.bsky.feed.post/1"].isoformat() == "2026-01-28T01:58:30+00:00"
    assert times["at://did:plc:b/app.bsky.feed.post/2"].isoformat() == "2026-01-28T02:00:00+00:00"
    assert rows(campaign)["at://did:plc:c/app.bsky.feed.post/3"] == "counted"


@pytest.mark.django_db(transaction=True)
def test_a_stream_worker_stopped_with_sigterm_saves_its_batch_and_position(
    tmp_path, migrated_template
) -> None:  # type: ignore[no-untyped-def]
    import signal
    import subprocess
    import sys
    import time

    external = ExternalDB(tmp_path, template=migrated_template)
    external.create_campaign("berhenti")
    fake = FakeMastodon()
    fake.stream = [mastodon_status(301), mastodon_status(302)]
    with fake.serve() as url:
        worker = subprocess.Popen(
            [
                *(sys.executable, "-m", "suar", "campaigns", "stream", "mastodon"),
                *("--campaign", "berhenti", "--server", url, "--flush-seconds", "60"),
            ],
            env=external.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while not fake.subscriptions and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the two statuses are read, but not yet flushed (60 s)
        assert external.total("berhenti") == 0
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=60)
    assert worker.returncode == 130, err
    assert b"2 events from mastodon; position saved" in out
    assert external.statuses("berhenti") == {("counted", ""): 2}


def test_mastodon_catch_up_rewinds_thirty_seconds_of_time_based_ids() -> None:
    from suar.campaigns.streams import _rewound

    status_id = (1_769_565_600_000 << 16) | 1234  # a Mastodon id: milliseconds << 16
    assert int(_rewound(str(status_id))) >> 16 == 1_769_565_600_000 - 30_000
    assert _rewound("105") == "105"  # not time-based: as it is
