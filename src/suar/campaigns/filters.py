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
"""

from __future__ import annotations

from django.db import connection, transaction

from suar.campaigns.models import Campaign, Deletion, Interaction

REFRESH_REASONS = ("burst", "duplicate_text")
_T = Interaction._meta.db_table
_D = Deletion._meta.db_table
_ELIGIBLE = (
    "campaign_id = %s AND (status = 'counted' OR status = 'deleted' "
    "OR (status = 'filtered' AND reason IN ('burst', 'duplicate_text')))"
)


def refresh_filters(campaign: Campaign, *, after_bulk_load: bool = False) -> None:
    """Recompute deleted / burst / duplicate_text for the campaign, changing only what differs.

    After a bulk load on PostgreSQL, pass `after_bulk_load`: fresh statistics (ANALYZE samples a
    bounded number of rows) keep the planner from choosing a nested loop over a million rows.
    """
    cid = campaign.pk
    if after_bulk_load and connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {_T}")
    with transaction.atomic(), connection.cursor() as cur:
        # One refresher per campaign at a time on PostgreSQL (SQLite already has one writer).
        Campaign.objects.select_for_update().filter(pk=cid).exists()
        cur.execute("DROP TABLE IF EXISTS campaign_flagged")
        cur.execute(
            "CREATE TEMPORARY TABLE campaign_flagged "
            "(id bigint PRIMARY KEY, status varchar(16), reason varchar(32))"
        )
        cur.execute(
            f"INSERT INTO campaign_flagged (id, status, reason) "
            f"SELECT i.id, 'deleted', '' FROM {_T} i JOIN {_D} d "
            "ON d.campaign_id = i.campaign_id AND d.platform = i.platform "
            "AND d.platform_event_id = i.platform_event_id "
            f"WHERE i.{_ELIGIBLE} AND d.occurred_at < %s",
            [cid, campaign.ends_at],
        )
        cur.execute(
            "INSERT INTO campaign_flagged (id, status, reason) "
            "SELECT id, 'filtered', 'burst' FROM ("
            "SELECT id, ROW_NUMBER() OVER (PARTITION BY account_hash, minute "
            "ORDER BY occurred_at, platform, platform_event_id) AS rn "
            f"FROM {_T} WHERE {_ELIGIBLE}) ranked "
            "WHERE rn > %s "
            "AND NOT EXISTS (SELECT 1 FROM campaign_flagged f WHERE f.id = ranked.id)",
            [cid, campaign.burst_limit],
        )
        cur.execute(
            "INSERT INTO campaign_flagged (id, status, reason) "
            f"SELECT id, 'filtered', 'duplicate_text' FROM {_T} WHERE {_ELIGIBLE} "
            "AND text_hash IN ("
            f"SELECT text_hash FROM {_T} WHERE {_ELIGIBLE} AND text_hash <> '' "
            "GROUP BY text_hash HAVING COUNT(DISTINCT account_hash) > %s) "
            f"AND NOT EXISTS (SELECT 1 FROM campaign_flagged f WHERE f.id = {_T}.id)",
            [cid, cid, campaign.duplicate_text_accounts],
        )
        if connection.vendor == "postgresql":
            cur.execute("ANALYZE campaign_flagged")  # temporary tables have no statistics
        # Rows no rule flags any more count again (e.g. a rule's limit was raised).
        cur.execute(
            f"UPDATE {_T} SET status = 'counted', reason = '' WHERE {_ELIGIBLE} "
            "AND status <> 'counted' "
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
