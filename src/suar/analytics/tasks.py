"""Background tasks of the analytics app (django-tasks), run by `suar worker`."""

from __future__ import annotations

from django_tasks import task

from suar.analytics import sync
from suar.analytics.clicks import discard_old_salts
from suar.publishing.models import ConnectedAccount


@task()
def sync_account(account_id: int, force: bool = False) -> str:
    """Fetch one account's figures and comments; safe to run twice (one snapshot per hour)."""
    account = ConnectedAccount.objects.filter(pk=account_id).first()
    if account is None:
        return "gone"
    return sync.sync_account(account, force=force).status


@task()
def sync_all() -> int:
    """Enqueue a sync of every account that has published something; returns how many."""
    accounts = sync.syncable_accounts()
    for account in accounts:
        sync_account.enqueue(account.pk)
    discard_old_salts()
    return len(accounts)


@task()
def discard_click_salts() -> int:
    return discard_old_salts()
