# ruff: noqa: S608 -- SQL names come from the models; every value is a bound parameter.
"""The deletion rule and the spam rules, applied as one set-based pass over a campaign.

The pass is a pure function of the rows stored, not of the order they arrived in: running it
after every ingester, in any order, on any machine, gives the same statuses. Rows it may
change are the "eligible" ones (inside the window, action counted); the rest keep the status
they were given on arrival. Rules, in order of precedence (docs/campaigns.md):

1. deleted: a deletion (or un-repost) of the event that happened before the window closed;
2. burst: an account's interactions in one minute beyond the campaign's `burst_limit`
   (the first ones in time order still count);
3. duplicate_text: a text of at least 20 characters posted by more than
   `duplicate_text_accounts` different accounts (copy-paste floods).

Cost: two grouped scans of the campaign's eligible rows (one per spam rule) and index lookups
for the rest, so a million rows take about two seconds on SQLite. Live sources therefore run
the pass on a timer or as a background task, not after every event (docs/campaigns.md).
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from suar.campaigns.models import Campaign, Deletion, Interaction

REFRESH_REASONS = ("burst", "duplicate_text")
_T = Interaction._meta.db_table
_D = Deletion._meta.db_table
_ELIGIBLE_SQL = (
    "{plus}campaign_id = %s AND (status = 'counted' OR status = 'deleted' "
    "OR (status = 'filtered' AND reason IN ('burst', 'duplicate_text')))"
)
_ELIGIBLE = _ELIGIBLE_SQL.format(plus="")
# On SQLite, reading the whole table in order beats walking the unique index and fetching
# each row from elsewhere in the file (2-3x on a million rows); "+" keeps the index out.
_ELIGIBLE_SCAN = _ELIGIBLE_SQL.format(plus="+")
# Rows the pass has flagged: exactly those the partial index `interaction_flagged` holds.
_FLAGGED = "campaign_id = %s AND (status = 'deleted' OR reason IN ('burst', 'duplicate_text'))"


def refresh_filters(campaign: Campaign, *, after_bulk_load: bool = False) -> None:
    """Recompute deleted / burst / duplicate_text for the campaign, changing only what differs.

    After a bulk load on PostgreSQL, pass `after_bulk_load`: fresh statistics (ANALYZE samples a
    bounded number of rows) keep the planner from choosing a nested loop over a million rows.
    """
    cid = campaign.pk
    scan = _ELIGIBLE_SCAN if connection.vendor == "sqlite" else _ELIGIBLE
    if after_bulk_load and connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {_T}")
    with transaction.atomic(), connection.cursor() as cur:
        # One pass per campaign at a time on PostgreSQL (SQLite already has one writer). The
        # time is taken after the lock: every row committed before it is seen by this pass.
        Campaign.objects.select_for_update().filter(pk=cid).exists()
        started = timezone.now()
        cur.execute("DROP TABLE IF EXISTS campaign_flagged")
        cur.execute("DROP TABLE IF EXISTS campaign_hot")
        cur.execute(
            "CREATE TEMPORARY TABLE campaign_flagged "
            "(id bigint PRIMARY KEY, status varchar(16), reason varchar(32))"
        )
        # 1. Deletions: few, so the pass starts from them and finds rows by the unique key.
        cur.execute(
            f"INSERT INTO campaign_flagged (id, status, reason) "
            f"SELECT i.id, 'deleted', '' FROM {_D} d JOIN {_T} i "
            "ON i.campaign_id = d.campaign_id AND i.platform = d.platform "
            "AND i.platform_event_id = d.platform_event_id "
            f"WHERE d.campaign_id = %s AND d.occurred_at < %s AND i.{_ELIGIBLE}",
            [cid, campaign.ends_at, cid],
        )
        # 2. Bursts: find the (account, minute) groups over the limit, then rank only those.
        cur.execute(
            "CREATE TEMPORARY TABLE campaign_hot "
            "(account_hash bigint, minute integer, PRIMARY KEY (account_hash, minute))"
        )
        cur.execute(
            "INSERT INTO campaign_hot (account_hash, minute) "
            f"SELECT account_hash, minute FROM {_T} WHERE {scan} "
            "GROUP BY account_hash, minute HAVING COUNT(*) > %s",
            [cid, campaign.burst_limit],
        )
        cur.execute(
            "INSERT INTO campaign_flagged (id, status, reason) "
            "SELECT id, 'filtered', 'burst' FROM ("
            "SELECT id, ROW_NUMBER() OVER (PARTITION BY account_hash, minute "
            "ORDER BY occurred_at, platform, platform_event_id) AS rn "
            f"FROM {_T} WHERE {scan} AND EXISTS (SELECT 1 FROM campaign_hot h "
            f"WHERE h.account_hash = {_T}.account_hash AND h.minute = {_T}.minute)) ranked "
            "WHERE rn > %s "
            "AND NOT EXISTS (SELECT 1 FROM campaign_flagged f WHERE f.id = ranked.id)",
            [cid, campaign.burst_limit],
        )
        # 3. Copy-paste floods.
        cur.execute(
            "INSERT INTO campaign_flagged (id, status, reason) "
            f"SELECT id, 'filtered', 'duplicate_text' FROM {_T} WHERE {scan} "
            "AND text_hash IN ("
            f"SELECT text_hash FROM {_T} WHERE {scan} AND text_hash <> 0 "
            "GROUP BY text_hash HAVING COUNT(DISTINCT account_hash) > %s) "
            f"AND NOT EXISTS (SELECT 1 FROM campaign_flagged f WHERE f.id = {_T}.id)",
            [cid, cid, campaign.duplicate_text_accounts],
        )
        if connection.vendor == "postgresql":
            cur.execute("ANALYZE campaign_flagged")  # temporary tables have no statistics
        # Rows no rule flags any more count again (e.g. a rule's limit was raised); the
        # partial index finds the flagged rows without a scan.
        cur.execute(
            f"UPDATE {_T} SET status = 'counted', reason = '' WHERE {_FLAGGED} "
            f"AND NOT EXISTS (SELECT 1 FROM campaign_flagged f WHERE f.id = {_T}.id)",
            [cid],
        )
        cur.execute(
            f"UPDATE {_T} SET "
            f"status = (SELECT f.status FROM campaign_flagged f WHERE f.id = {_T}.id), "
            f"reason = (SELECT f.reason FROM campaign_flagged f WHERE f.id = {_T}.id) "
            f"WHERE id IN (SELECT f.id FROM campaign_flagged f JOIN {_T} i ON i.id = f.id "
            "WHERE i.status <> f.status OR i.reason <> f.reason)"
        )
        cur.execute("DROP TABLE campaign_flagged")
        cur.execute("DROP TABLE campaign_hot")
        Campaign.objects.filter(pk=cid).update(filters_refreshed_at=started)


def refresh_unless_done_since(campaign_id: int, requested_at: datetime) -> bool:
    """Run the pass unless one started after `requested_at` (it saw those rows already)."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return False
    if campaign.filters_refreshed_at and campaign.filters_refreshed_at >= requested_at:
        return False
    refresh_filters(campaign)
    return True
