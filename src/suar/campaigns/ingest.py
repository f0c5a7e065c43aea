# ruff: noqa: S608 -- SQL names come from the models; every value is a bound parameter.
"""The exactly-once write path: a batch of rows and its source position in one transaction.

The database enforces exactly-once (a unique key per campaign, platform and event id, and
INSERT ... ON CONFLICT DO NOTHING); this code only reports what happened. SQLite gets one
`executemany`; PostgreSQL gets COPY into a temporary table, then one INSERT ... SELECT in key
order (a fixed order, so concurrent ingesters cannot deadlock on overlapping keys).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from suar.campaigns.events import DeletionRow, Row
from suar.campaigns.models import Campaign, Deletion, IngestCursor, Interaction

_COLUMNS = (
    "campaign_id",
    "platform",
    "platform_event_id",
    "action",
    "account_hash",
    "text_hash",
    "occurred_at",
    "minute",
    "status",
    "reason",
    "source",
)
_TABLE = Interaction._meta.db_table
_COLS = ", ".join(_COLUMNS)


@dataclass
class BatchResult:
    new: Counter[tuple[str, str]] = field(default_factory=Counter)  # (status, reason) -> rows
    duplicates: int = 0
    deletions: int = 0

    @property
    def inserted(self) -> int:
        return sum(self.new.values())

    def add(self, other: BatchResult) -> None:
        self.new.update(other.new)
        self.duplicates += other.duplicates
        self.deletions += other.deletions


def write_batch(
    campaign: Campaign,
    rows: Sequence[Row],
    deletions: Sequence[DeletionRow] = (),
    *,
    source: str,
    cursor_source: str | None = None,
    position: str = "",
) -> BatchResult:
    """Insert new rows, skip ones already stored, and move the source's cursor, atomically."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            result = _insert_postgresql(campaign.pk, rows, source)
        else:
            result = _insert_portable(campaign.pk, rows, source)
        if deletions:
            Deletion.objects.bulk_create(
                [
                    Deletion(
                        campaign_id=campaign.pk,
                        platform=d.platform,
                        platform_event_id=d.event_id,
                        occurred_at=d.occurred_at,
                        source=source[:64],
                    )
                    for d in deletions
                ],
                ignore_conflicts=True,
            )
            result.deletions = len(deletions)
        if cursor_source is not None:
            save_cursor(campaign, cursor_source, position)
    return result


def save_cursor(campaign: Campaign, source: str, position: str) -> None:
    IngestCursor.objects.bulk_create(
        [IngestCursor(campaign=campaign, source=source[:300], position=position)],
        update_conflicts=True,
        unique_fields=["campaign", "source"],
        update_fields=["position", "updated_at"],
    )


def cursor_position(campaign: Campaign, source: str) -> str:
    found = IngestCursor.objects.filter(campaign=campaign, source=source[:300]).first()
    return found.position if found else ""


def _insert_portable(campaign_id: int, rows: Sequence[Row], source: str) -> BatchResult:
    """SQLite (and any backend with INSERT ... ON CONFLICT): one executemany per status."""
    groups: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    source = source[:64]
    for r in rows:
        # Naive UTC text, the form Django's SQLite backend stores for aware datetimes.
        when = r.occurred_at.replace(tzinfo=None).isoformat(" ")
        groups.setdefault((r.status, r.reason), []).append(
            (
                campaign_id,
                r.platform,
                r.event_id,
                r.action,
                r.account_hash,
                r.text_hash,
                when,
                r.minute,
                r.status,
                r.reason,
                source,
            )
        )
    sql = (
        f"INSERT INTO {_TABLE} ({_COLS}) VALUES ({', '.join(['%s'] * len(_COLUMNS))}) "
        "ON CONFLICT (campaign_id, platform, platform_event_id) DO NOTHING"
    )
    result = BatchResult()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and not getattr(connection, "_suar_big_cache", False):
            # A fixed 48 MiB page cache for this connection (the default is 2 MiB): the hot part
            # of the unique index stays in memory, and memory stays bounded whatever N is.
            cursor.execute("PRAGMA cache_size = -49152")
            connection._suar_big_cache = True  # type: ignore[attr-defined]
        for key, params in groups.items():
            cursor.executemany(sql, params)
            result.new[key] += max(cursor.rowcount, 0)
    result.duplicates = len(rows) - result.inserted
    return result


def _insert_postgresql(campaign_id: int, rows: Sequence[Row], source: str) -> BatchResult:
    source = source[:64]
    result = BatchResult()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS campaign_staging ("
            "campaign_id bigint, platform varchar(16), platform_event_id varchar(200), "
            "action varchar(24), account_hash varchar(32), text_hash varchar(32), "
            "occurred_at timestamptz, minute integer, status varchar(16), reason varchar(32), "
            "source varchar(64))"
        )
        cursor.execute("TRUNCATE campaign_staging")
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY campaign_staging ({_COLS}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(
                    (
                        campaign_id,
                        r.platform,
                        r.event_id,
                        r.action,
                        r.account_hash,
                        r.text_hash,
                        r.occurred_at,
                        r.minute,
                        r.status,
                        r.reason,
                        source,
                    )
                )
        cursor.execute(
            f"WITH ins AS (INSERT INTO {_TABLE} ({_COLS}) "
            f"SELECT {_COLS} FROM campaign_staging ORDER BY platform, platform_event_id "
            "ON CONFLICT (campaign_id, platform, platform_event_id) DO NOTHING "
            "RETURNING status, reason) "
            "SELECT status, reason, COUNT(*) FROM ins GROUP BY status, reason"
        )
        for status, reason, count in cursor.fetchall():
            result.new[(status, reason)] += count
    result.duplicates = len(rows) - result.inserted
    return result
