"""A throwaway PostgreSQL database for a benchmark run, on the server a URL names."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit


@contextmanager
def throwaway_database(url: str, prefix: str) -> Iterator[str]:
    """Yield the URL of a new, empty database (PREFIX_random) on URL's server, dropped after.

    The database named in URL itself is never touched: a bench must not write into data it
    did not create, and a fresh database makes every run start from the same state.
    """
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        raise SystemExit(f"cannot create a bench database on {parts.hostname}: {exc}") from exc
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
