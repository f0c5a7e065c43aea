"""A database that `python -m suar` subprocesses can share with the test.

SQLite: a fresh file in a temporary SUAR_DATA_DIR (the test database is in memory, invisible
to other processes). PostgreSQL: the test database itself, committed (transaction=True tests).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

from suar.campaigns.models import Campaign, Interaction
from tests.campaigns.conftest import ALL_ACTIONS, END, START

ROOT = Path(__file__).resolve().parents[2]


class ExternalDB:
    def __init__(self, tmp: Path, template: Path | None = None) -> None:
        self.vendor = connection.vendor
        self.env = dict(os.environ)
        self.env["SUAR_DATA_DIR"] = str(tmp / "data")
        self.env["PYTHONPATH"] = str(ROOT / "src")
        # Every machine of a deployment shares one configuration: the same keys as this
        # process, so what it encrypted (webhook secrets) the ingesters can read.
        self.env["SECRET_KEY"] = settings.SECRET_KEY
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        if self.vendor == "postgresql":
            s = connection.settings_dict
            self.env["DATABASE_URL"] = (
                f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
            )
        self.sqlite = Path(self.env["SUAR_DATA_DIR"]) / "suar.sqlite3"
        if self.vendor != "postgresql":
            self.env.pop("DATABASE_URL", None)
            if template is not None:
                # Migrating takes seconds; a copy of an already migrated file takes none.
                self.sqlite.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(template, self.sqlite)
            else:
                self.python("from suar.cli import main; main(['migrate'])")

    def python(self, code: str) -> None:
        subprocess.run(
            [sys.executable, "-c", code], env=self.env, check=True, capture_output=True, cwd=ROOT
        )

    def create_campaign(self, slug: str) -> None:
        if self.vendor == "postgresql":
            from suar.accounts.models import Organisation

            org, _ = Organisation.objects.get_or_create(slug="pulih", defaults={"name": "Pulih"})
            Campaign.objects.create(
                organisation=org,
                slug=slug,
                name=slug,
                hashtags=["suarharapan"],
                rules={"*": ALL_ACTIONS},
                starts_at=START,
                ends_at=END,
            )
            return
        self.python(
            "from suar.cli import setup_django; setup_django()\n"
            "from datetime import datetime\n"
            "from suar.accounts.models import Organisation\n"
            "from suar.campaigns.models import Campaign\n"
            "org, _ = Organisation.objects.get_or_create(slug='pulih', defaults={'name': 'P'})\n"
            f"Campaign.objects.create(organisation=org, slug={slug!r}, name={slug!r}, "
            f"hashtags=['suarharapan'], rules={{'*': {ALL_ACTIONS!r}}}, "
            f"starts_at=datetime.fromisoformat({START.isoformat()!r}), "
            f"ends_at=datetime.fromisoformat({END.isoformat()!r}))\n"
        )

    def ingest(self, path: Path, slug: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "suar", "ingest", str(path), "--campaign", slug, "--quiet"],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def statuses(self, slug: str) -> dict[tuple[str, str], int]:
        """Rows per (status, reason) of a campaign."""
        if self.vendor == "postgresql":
            rows = (
                Interaction.objects.filter(campaign__slug=slug)
                .values_list("status", "reason")
                .order_by()
            )
            out: dict[tuple[str, str], int] = {}
            for key in rows:
                out[key] = out.get(key, 0) + 1
            return out
        with sqlite3.connect(self.sqlite, timeout=30) as db:
            found = db.execute(
                "SELECT i.status, i.reason, COUNT(*) FROM campaigns_interaction i "
                "JOIN campaigns_campaign c ON c.id = i.campaign_id WHERE c.slug = ? "
                "GROUP BY i.status, i.reason",
                [slug],
            ).fetchall()
        return {(s, r): n for s, r, n in found}

    def total(self, slug: str) -> int:
        return sum(self.statuses(slug).values())
