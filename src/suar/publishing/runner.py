"""The publisher loop: poll for due publications and process them with a few threads."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from types import FrameType

from django.db import close_old_connections

from suar.core.crypto import install_log_filter
from suar.publishing import publisher

log = logging.getLogger("suar.publishing.runner")

TOKEN_REFRESH_EVERY = 3600.0
# Engagement figures and comments are read back hourly (a sync is idempotent per post and
# hour, so several loops enqueueing it changes nothing).
ANALYTICS_SYNC_EVERY = 3600.0


def _enqueue_analytics_sync() -> None:
    from suar.analytics.tasks import sync_all

    sync_all.enqueue()


def _process_in_thread(claimed: publisher.Claim) -> str:
    # Pool threads keep their own database connection between publications (reopening
    # one per post costs more than the post); close_old_connections drops broken ones.
    close_old_connections()
    return publisher.process(claimed)


def run_forever(
    *,
    interval: float = 1.0,
    concurrency: int = 4,
    batch: int = 200,
    stop: threading.Event | None = None,
    once: bool = False,
) -> int:
    """Loop until stopped (SIGTERM/SIGINT or `stop`). Several loops, in several processes
    or machines, may run at once: claims are atomic, so no post goes out twice."""
    install_log_filter()
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():

        def _stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
    handled = 0
    # None: not yet in this run. (Starting from 0.0 would wait until the machine's monotonic
    # clock, its uptime, passed the interval: on a freshly booted server, an hour.)
    last_refresh: float | None = None
    last_sync: float | None = None
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        while not stop.is_set():
            close_old_connections()
            publisher.expire_leases()
            claims = publisher.claim_batch(batch)
            for _outcome in pool.map(_process_in_thread, claims):
                handled += 1
            if last_refresh is None or time.monotonic() - last_refresh > TOKEN_REFRESH_EVERY:
                last_refresh = time.monotonic()
                try:
                    publisher.refresh_expiring_tokens(dt.timedelta(days=7))
                except Exception:
                    log.exception("token refresh pass failed")
            if last_sync is None or time.monotonic() - last_sync > ANALYTICS_SYNC_EVERY:
                last_sync = time.monotonic()
                try:
                    _enqueue_analytics_sync()
                except Exception:
                    log.exception("could not enqueue the engagement sync")
            if once:
                break
            if len(claims) < batch:  # caught up: sleep; otherwise go straight on
                stop.wait(interval)
    return handled
