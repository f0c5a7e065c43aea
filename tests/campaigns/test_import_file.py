"""`suar ingest`: exactly once across re-imports, bad lines reported, nothing dropped silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from suar.campaigns.cli import ingest_main
from suar.campaigns.models import Interaction
from tests.campaigns.conftest import post, write_jsonl

pytestmark = pytest.mark.django_db


def statuses(campaign) -> dict[str, int]:  # type: ignore[no-untyped-def]
    out: dict[str, int] = {}
    for status, reason in Interaction.objects.filter(campaign=campaign).values_list(
        "status", "reason"
    ):
        key = f"{status}:{reason}" if reason else status
        out[key] = out.get(key, 0) + 1
    return out


def test_the_same_file_imported_twice_adds_nothing(tmp_path: Path, campaign, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write_jsonl(tmp_path / "export.jsonl", [post(str(i)) for i in range(5)] + [post("2")])

    assert ingest_main([str(path), "--campaign", campaign.slug, "--quiet"]) == 0
    first = capsys.readouterr().out
    assert "5 new" in first and "1 duplicates" in first
    # Again as a person would: the saved position says the file is done.
    assert ingest_main([str(path), "--campaign", campaign.slug, "--quiet"]) == 0
    assert "0 new" in capsys.readouterr().out
    # And read from the start: every event is already stored.
    assert ingest_main([str(path), "--campaign", campaign.slug, "--quiet", "--from-start"]) == 0
    again = capsys.readouterr().out
    assert "0 new" in again and "6 duplicates" in again
    assert statuses(campaign) == {"counted": 5}


def test_a_new_export_that_repeats_old_events_adds_only_the_new_ones(
    tmp_path: Path, campaign, capsys
) -> None:  # type: ignore[no-untyped-def]
    first = write_jsonl(tmp_path / "monday.jsonl", [post("1"), post("2")])
    ingest_main([str(first), "--campaign", campaign.slug, "--quiet"])
    later = write_jsonl(tmp_path / "tuesday.jsonl", [post("2"), post("1"), post("3")])
    ingest_main([str(later), "--campaign", campaign.slug, "--quiet"])
    assert "1 new" in capsys.readouterr().out.splitlines()[-2]
    assert statuses(campaign) == {"counted": 3}


def test_the_parallel_parser_and_the_inline_one_store_the_same(
    tmp_path: Path, make_campaign
) -> None:  # type: ignore[no-untyped-def]
    from suar.campaigns.importer import import_file
    from suar.campaigns.synthetic import write_events
    from tests.campaigns.conftest import START

    path = tmp_path / "day.jsonl"
    write_events(path, 3000, start=START, hours=2)
    inline, parallel = make_campaign("inline"), make_campaign("parallel")
    one = import_file(path, inline, parallel=False, batch_size=700)
    two = import_file(path, parallel, parallel=True, batch_size=700)
    assert one.result.new == two.result.new and one.lines == two.lines == 3000

    def rows(c):  # type: ignore[no-untyped-def]
        return set(
            Interaction.objects.filter(campaign=c).values_list(
                "platform", "platform_event_id", "action", "occurred_at", "status", "reason"
            )
        )

    assert rows(inline) == rows(parallel)
    assert Interaction.objects.filter(campaign=parallel, reason="burst").exists()


def test_malformed_lines_are_reported_with_numbers_and_the_rest_imported(
    tmp_path: Path, campaign, capsys
) -> None:  # type: ignore[no-untyped-def]
    path = write_jsonl(
        tmp_path / "export.jsonl",
        [post("1"), "{not json", post("2", created_at="2026-01-28 10:00"), post("3"), '["a"]'],
    )
    assert ingest_main([str(path), "--campaign", campaign.slug, "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert f"{path}:2: not JSON" in err
    assert f"{path}:3: created_at has no time zone" in err
    assert f"{path}:5: not a JSON object" in err
    assert "3 malformed" in out
    assert statuses(campaign) == {"counted": 2}


def test_events_outside_the_window_are_kept_as_outside(tmp_path: Path, campaign, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write_jsonl(tmp_path / "e.jsonl", [post("1", minutes=-1), post("2", minutes=24 * 60)])
    ingest_main([str(path), "--campaign", campaign.slug, "--quiet"])
    assert "2 outside the window" in capsys.readouterr().out
    assert statuses(campaign) == {"outside_window": 2}


def test_actions_a_platform_does_not_count_are_filtered_with_a_reason(
    tmp_path: Path, make_campaign
) -> None:  # type: ignore[no-untyped-def]
    campaign = make_campaign(rules={"mastodon": ["post_with_hashtag"], "*": ["repost"]})
    path = write_jsonl(
        tmp_path / "e.jsonl",
        [
            post("1"),
            post("2", action="repost"),
            post("3", platform="bluesky", action="repost"),
            post("4", text="tidak ada tagar di sini sama sekali"),
        ],
    )
    ingest_main([str(path), "--campaign", campaign.slug, "--quiet"])
    assert statuses(campaign) == {
        "counted": 2,
        "filtered:action_not_counted": 1,
        "filtered:no_hashtag": 1,
    }


def test_csv_exports_import_too(tmp_path: Path, campaign) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "export.csv"
    path.write_text(
        "platform,id,action,account,text,created_at\n"
        'bluesky,at://a/1,post_with_hashtag,did:plc:a,"Pulih, pelan-pelan #SuarHarapan",'
        "2026-01-28T01:00:00+07:00\n"
        "bluesky,at://a/2,repost,did:plc:b,,2026-01-28T02:00:00+07:00\n"
        "bluesky,broken\n"
    )
    assert ingest_main([str(path), "--campaign", campaign.slug, "--quiet"]) == 0
    assert statuses(campaign) == {"counted": 2}


def test_a_csv_tags_column_counts_like_hashtags(tmp_path: Path, campaign, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x-export.csv"
    path.write_text(
        "platform,id,action,account,text,tags,created_at\n"
        'x,1,post_with_hashtag,a,Aku memilih pulih,"pulih, SuarHarapan",2026-01-28T01:00:00Z\n'
        "x,2,post_with_hashtag,b,Aku memilih pulih,pulih,2026-01-28T01:00:00Z\n"
        "x,3,post_with_hashtag,c,,,not-a-date\n"
    )
    ingest_main([str(path), "--campaign", campaign.slug, "--quiet"])
    assert f"{path}:4: created_at is not a date and time" in capsys.readouterr().err
    assert statuses(campaign) == {"counted": 1, "filtered:no_hashtag": 1}


def test_an_unknown_campaign_is_one_clear_line(tmp_path: Path, db, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write_jsonl(tmp_path / "e.jsonl", [post("1")])
    assert ingest_main([str(path), "--campaign", "nope"]) == 2
    assert capsys.readouterr().err.strip() == "suar ingest: no campaign with the slug 'nope'"


def test_account_handles_are_stored_only_as_salted_hashes(tmp_path: Path, make_campaign) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    one, two = make_campaign("one"), make_campaign("two")
    path = write_jsonl(tmp_path / "e.jsonl", [post("1", account="putri@mastodon.social")])
    ingest_main([str(path), "--campaign", "one", "--quiet"])
    ingest_main([str(path), "--campaign", "two", "--quiet"])
    hashes = list(Interaction.objects.values_list("account_hash", flat=True))
    assert len(set(hashes)) == 2  # a different salt per campaign
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM campaigns_interaction")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert "putri" not in stored and "Aku memilih" not in stored
    assert one.pk != two.pk


def test_events_dated_in_the_future_are_reported_not_counted(
    tmp_path: Path, make_campaign, capsys
) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    campaign = make_campaign(ends_at=timezone.now() + timedelta(days=2))
    soon = (timezone.now() + timedelta(minutes=3)).isoformat()
    later = (timezone.now() + timedelta(hours=3)).isoformat()
    path = write_jsonl(
        tmp_path / "e.jsonl", [post("1", created_at=soon), post("2", created_at=later)]
    )
    ingest_main([str(path), "--campaign", campaign.slug, "--quiet"])
    _out, err = capsys.readouterr()
    # Three minutes ahead is an ordinary clock difference; three hours is a wrong clock.
    assert f"{path}:2: created_at {later[:40]} is in the future" in err
    assert statuses(campaign) == {"counted": 1}


def test_hashtags_given_as_tags_count_like_hashtags_in_the_text(tmp_path: Path, campaign) -> None:  # type: ignore[no-untyped-def]
    path = write_jsonl(
        tmp_path / "e.jsonl",
        [
            post("1", text="Aku memilih pulih hari ini", tags=["SuarHarapan"]),
            post("2", text="Aku memilih pulih hari ini", tags=["lain"]),
            post("3", text="#SuarHarapanku bukan tagarnya"),
        ],
    )
    ingest_main([str(path), "--campaign", campaign.slug, "--quiet"])
    assert statuses(campaign) == {"counted": 1, "filtered:no_hashtag": 2}


def test_a_progress_bar_and_a_summary_are_shown(tmp_path: Path, campaign, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write_jsonl(tmp_path / "export.jsonl", [post(str(i)) for i in range(3)] + ["{bad"])
    assert ingest_main([str(path), "--campaign", campaign.slug]) == 0
    out, err = capsys.readouterr()
    assert "export.jsonl [##############################] 100% 4 lines" in err
    assert f"{path}:4: not JSON" in err
    assert "4 lines in" in out and "3 new (3 counted, 0 outside the window)" in out
    assert "1 malformed" in out
    assert f"campaign {campaign.slug}: 3 counted, 0 deleted, 0 outside the window" in out
