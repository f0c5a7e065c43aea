"""Campaign fixtures: a campaign over one day of 28 January 2026, Jakarta time."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from suar.accounts.models import Organisation
from suar.campaigns.models import Action, Campaign

START = datetime(2026, 1, 27, 17, 0, tzinfo=UTC)  # 28 Jan 00:00 in Asia/Jakarta
END = START + timedelta(days=1)
ALL_ACTIONS = [a.value for a in Action]


def at(minutes: float) -> str:
    """An ISO time `minutes` after the campaign starts."""
    return (START + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")


def post(
    event_id: str,
    account: str = "putri@mastodon.social",
    minutes: float = 60,
    text: str = "Aku memilih pulih hari ini #SuarHarapan",
    **extra: object,
) -> dict[str, object]:
    return {
        "platform": "mastodon",
        "id": event_id,
        "action": "post_with_hashtag",
        "account": account,
        "text": text,
        "created_at": at(minutes),
        **extra,
    }


def write_jsonl(path: Path, events: list[dict[str, object] | str]) -> Path:
    with path.open("w") as out:
        for e in events:
            out.write((e if isinstance(e, str) else json.dumps(e)) + "\n")
    return path


def campaign_fields(slug: str = "suar-harapan", **fields: object) -> dict[str, object]:
    values: dict[str, object] = {
        "slug": slug,
        "name": "Suar Harapan",
        "hashtags": ["suarharapan"],
        "rules": {"*": ALL_ACTIONS},
        "starts_at": START,
        "ends_at": END,
        "time_zone": "Asia/Jakarta",
        "is_public": True,
    }
    values.update(fields)
    return values


@pytest.fixture
def make_campaign(organisation: Organisation):  # type: ignore[no-untyped-def]
    def make(slug: str = "suar-harapan", **fields: object) -> Campaign:
        campaign = Campaign(organisation=organisation, **campaign_fields(slug, **fields))
        campaign.full_clean()
        campaign.save()
        return campaign

    return make


@pytest.fixture
def campaign(make_campaign) -> Campaign:  # type: ignore[no-untyped-def]
    return make_campaign()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """One migrated SQLite file per test session, copied for each test that runs `suar` in a
    subprocess (tests.campaigns.external); PostgreSQL needs none (the test database is used)."""
    from django.db import connection

    from tests.campaigns.external import ExternalDB

    if connection.vendor == "postgresql":
        return None
    return ExternalDB(tmp_path_factory.mktemp("template")).sqlite
