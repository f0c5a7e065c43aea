"""Importing the platforms' own CSV exports of post figures.

Supported, by their real column names (matched without regard to case or spacing):
- Meta Business Suite, Facebook Page posts: "Post ID", "Permalink", "Publish time",
  "Post type", "Title"/"Description", "Reactions", "Comments", "Shares", "Reach",
  "Impressions" or (since 2024) "Views"; and the older Page Insights export with its
  "Lifetime Post Total Reach" / "Lifetime Post Total Impressions" columns and description row.
- Meta Business Suite, Instagram: "Post ID", "Account username", "Permalink",
  "Publish time", "Post type", "Description", "Likes", "Comments", "Shares", "Reach",
  "Impressions"/"Views".
- X analytics: the tweet activity export ("Tweet id", "Tweet permalink", "Tweet text",
  "time", "impressions", "retweets", "replies", "likes") and the newer content export
  ("Post id", "Post Link", "Post text", "Date", "Impressions", "Likes", "Reposts", "Replies").

A file is imported once (by its SHA-256); bad rows are reported with their line numbers and
the good rows are still imported. A figure a file does not have stays missing, never zero.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.analytics.models import EngagementSnapshot, ImportBatch, TrackedPost
from suar.analytics.sync import hour_slot
from suar.moderation.services import record_audit
from suar.studio.timezones import studio_zone

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
PLATFORMS = ("facebook", "instagram", "x")

# Our field -> the export's column names, most specific first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "post_id": ("post id", "tweet id"),
    "url": ("permalink", "tweet permalink", "post link"),
    "published": ("publish time", "posted", "time", "date"),
    "text": ("title", "description", "post message", "tweet text", "post text"),
    "kind": ("post type", "type"),
    "likes": (
        "reactions",
        "likes",
        "lifetime talking about this (post) by action type - like",
    ),
    "comments": (
        "comments",
        "replies",
        "lifetime talking about this (post) by action type - comment",
    ),
    # X's newer export also has "Shares" (sent by message): its reposts are the shares.
    "shares": (
        "reposts",
        "retweets",
        "shares",
        "lifetime talking about this (post) by action type - share",
    ),
    "reach": ("reach", "lifetime post total reach"),
    "impressions": ("impressions", "views", "lifetime post total impressions"),
}
METRIC_FIELDS = ("likes", "comments", "shares", "reach", "impressions")


class ImportRefused(ValueError):
    """The whole file cannot be imported; the message says why and what to do."""


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class ImportOutcome:
    batch: ImportBatch
    platform: str
    rows_read: int
    imported: int
    new_posts: int
    errors: list[RowError] = field(default_factory=list)
    already_imported: bool = False


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("\ufeff", "")).strip().casefold()


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _reader(text: str) -> Iterator[list[str]]:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text, newline=""), dialect)


def detect_platform(headers: list[str]) -> str | None:
    keys = {_key(h) for h in headers}
    if keys & {"tweet id", "tweet permalink"} or {"post id", "reposts"} <= keys:
        return "x"
    if keys & {"account username", "account id", "saves", "plays"}:
        return "instagram"
    if keys & {"page id", "page name", "reactions", "lifetime post total reach"}:
        return "facebook"
    return None


def _columns(headers: list[str], platform: str) -> dict[str, int]:
    keys = [_key(h) for h in headers]
    found: dict[str, int] = {}
    for name, aliases in COLUMNS.items():
        for alias in aliases:
            if alias == "time" and platform != "x":
                continue  # Meta's exports have no bare "time" column; X's legacy one does
            if alias in keys:
                found[name] = keys.index(alias)
                break
    return found


_THOUSANDS = re.compile(r"^\d{1,3}([.,\s\u00a0]\d{3})+$")


def parse_count(raw: str) -> int | None:
    """A count as the exports write it: "1,234", "1.234" (Indonesian locale), "" or "--"."""
    value = raw.strip()
    if value in ("", "-", "--", "—", "n/a", "N/A"):
        return None
    if _THOUSANDS.match(value):
        return int(re.sub(r"\D", "", value))
    if value.isdigit():
        return int(value)
    if re.fullmatch(r"\d+\.0+", value):
        return int(value.split(".")[0])
    raise ValueError(value)


_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%a, %b %d, %Y",
    "%b %d, %Y",
    "%d %b %Y",
)


def parse_moment(raw: str, zone: zoneinfo.ZoneInfo, *, day_first: bool) -> dt.datetime:
    value = raw.strip()
    slash = re.fullmatch(
        r"(\d{1,2})/(\d{1,2})/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?",
        value,
    )
    if slash:
        a, b, year, hour, minute, second, half = slash.groups()
        day, month = (int(a), int(b)) if day_first else (int(b), int(a))
        h = int(hour or 0)
        if half:
            h = h % 12 + (12 if half.lower() == "pm" else 0)
        naive = dt.datetime(int(year), month, day, h, int(minute or 0), int(second or 0))
        return naive.replace(tzinfo=zone)
    for fmt in _FORMATS:
        try:
            moment = dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    raise ValueError(value)


def _day_first(rows: list[list[str]], column: int | None) -> bool:
    """Meta writes MM/DD/YYYY in English and DD/MM/YYYY in some locales: a first number
    above 12 anywhere in the file settles it."""
    if column is None:
        return False
    for row in rows:
        match = re.match(
            r"(\d{1,2})/(\d{1,2})/\d{4}", row[column].strip() if column < len(row) else ""
        )
        if match and int(match.group(1)) > 12:
            return True
    return False


def _is_description_row(row: list[str], columns: dict[str, int]) -> bool:
    """The old Page Insights export repeats a sentence per column under the header
    ("Lifetime: The number of people who..."): metric cells full of words, no counts."""
    cells = [row[i].strip() for m, i in columns.items() if m in METRIC_FIELDS and i < len(row)]
    return bool(cells) and all(c and not any(ch.isdigit() for ch in c[:1]) for c in cells)


def _first_text(row: list[str], headers: list[str], columns: dict[str, int]) -> str:
    """Meta fills "Description" and leaves "Title" empty for most posts: the first text."""
    keys = [_key(h) for h in headers]
    for alias in COLUMNS["text"]:
        if alias in keys:
            i = keys.index(alias)
            if i < len(row) and row[i].strip():
                return " ".join(row[i].split())[:80]
    return ""


@dataclass
class _Row:
    line: int
    post_id: str
    url: str
    published_at: dt.datetime | None
    label: str
    kind: str
    figures: dict[str, int | None]


def parse_rows(
    text: str, *, platform: str | None, zone: zoneinfo.ZoneInfo
) -> tuple[str, list[_Row], list[RowError], int]:
    """(platform, good rows, errors, rows read) — pure, no database."""
    reader = _reader(text)
    try:
        headers = next(reader)
    except StopIteration as exc:
        raise ImportRefused(_("The file is empty.")) from exc
    guessed = detect_platform(headers)
    platform = platform or guessed
    if platform not in PLATFORMS:
        raise ImportRefused(
            _(
                "This does not look like a Meta Business Suite or X analytics export. "
                "Choose the platform, or export the post-level CSV again."
            )
        )
    columns = _columns(headers, platform)
    if "post_id" not in columns:
        raise ImportRefused(
            _("No “Post ID” (or “Tweet id”) column. Columns found: %(cols)s")
            % {"cols": ", ".join(h.strip() for h in headers[:30])}
        )
    if not any(m in columns for m in METRIC_FIELDS):
        raise ImportRefused(_("No figure columns (likes, comments, shares, reach, impressions)."))
    rows = []
    for index, row in enumerate(reader, start=2):
        if index - 1 > MAX_ROWS:
            raise ImportRefused(
                _("More than %(n)d rows: split the export into smaller date ranges.")
                % {"n": MAX_ROWS}
            )
        rows.append((index, row))
    day_first = _day_first([r for _, r in rows], columns.get("published"))
    good: list[_Row] = []
    errors: list[RowError] = []

    def cell(row: list[str], name: str) -> str:
        i = columns.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        if line == 2 and _is_description_row(row, columns):
            continue
        post_id = cell(row, "post_id").lstrip("'")
        if not post_id:
            errors.append(RowError(line, _("no post id")))
            continue
        figures: dict[str, int | None] = {}
        bad = ""
        for metric in METRIC_FIELDS:
            raw = cell(row, metric)
            try:
                figures[metric] = parse_count(raw) if metric in columns else None
            except ValueError:
                bad = _("“%(value)s” in the %(column)s column is not a count") % {
                    "value": raw[:40],
                    "column": headers[columns[metric]].strip(),
                }
                break
        if bad:
            errors.append(RowError(line, bad))
            continue
        published: dt.datetime | None = None
        raw_time = cell(row, "published")
        if raw_time and raw_time.casefold() != "lifetime":
            try:
                published = parse_moment(raw_time, zone, day_first=day_first)
            except ValueError:
                errors.append(
                    RowError(
                        line, _("“%(value)s” is not a date and time") % {"value": raw_time[:40]}
                    )
                )
                continue
        url = cell(row, "url")
        good.append(
            _Row(
                line=line,
                post_id=post_id[:300],
                url=url[:500] if url.startswith(("http://", "https://")) else "",
                published_at=published,
                label=_first_text(row, headers, columns),
                kind=cell(row, "kind")[:40],
                figures=figures,
            )
        )
    return platform, good, errors, len(rows)


CHUNK = 500  # ids per IN (...) query, under every database's parameter limit


def _save_rows(
    organisation: Organisation,
    platform: str,
    rows: list[_Row],
    batch: ImportBatch,
    now: dt.datetime,
) -> int:
    """Posts and snapshots of the good rows in bulk (a 10,000-row export is one screen of
    queries, not 40,000). Returns how many posts were new."""
    latest = {row.post_id: row for row in rows}  # a post listed twice: its last row wins
    ids = list(latest)
    posts: dict[str, TrackedPost] = {}
    for i in range(0, len(ids), CHUNK):
        found = TrackedPost.objects.filter(
            organisation=organisation, platform=platform, platform_post_id__in=ids[i : i + CHUNK]
        )
        posts.update({p.platform_post_id: p for p in found})
    missing = [pid for pid in ids if pid not in posts]
    TrackedPost.objects.bulk_create(
        [
            TrackedPost(
                organisation=organisation,
                platform=platform,
                platform_post_id=pid,
                url=latest[pid].url,
                kind=latest[pid].kind,
                label=latest[pid].label,
                origin=TrackedPost.Origin.IMPORT,
                published_at=latest[pid].published_at,
            )
            for pid in missing
        ],
        batch_size=CHUNK,
        ignore_conflicts=True,  # another import of the same posts at the same moment
    )
    for i in range(0, len(missing), CHUNK):
        found = TrackedPost.objects.filter(
            organisation=organisation,
            platform=platform,
            platform_post_id__in=missing[i : i + CHUNK],
        )
        posts.update({p.platform_post_id: p for p in found})
    dated = []
    for pid, post in posts.items():
        if post.published_at is None and latest[pid].published_at is not None:
            post.published_at = latest[pid].published_at
            dated.append(post)
    TrackedPost.objects.bulk_update(dated, ["published_at"], batch_size=CHUNK)
    slot = hour_slot(now)
    EngagementSnapshot.objects.bulk_create(
        [
            EngagementSnapshot(
                post=posts[pid],
                slot=slot,
                source=EngagementSnapshot.Source.IMPORT,
                taken_at=now,
                batch=batch,
                **latest[pid].figures,
            )
            for pid in ids
        ],
        batch_size=CHUNK,
        update_conflicts=True,
        unique_fields=["post", "slot", "source"],
        update_fields=["taken_at", "batch", "likes", "comments", "shares", "reach", "impressions"],
    )
    return len(missing)


def import_export(
    *,
    actor: AnyUser | None,
    organisation: Organisation,
    data: bytes,
    file_name: str,
    platform: str | None = None,
) -> ImportOutcome:
    """Import one export file into the organisation's figures. `actor` None is the
    `suar analytics import` command, run by whoever operates the install."""
    if actor is not None:
        require_perm(actor, Perm.VIEW_ANALYTICS, organisation)
    actor = actor or AnonymousUser()
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 20 MB: export a shorter date range."))
    digest = hashlib.sha256(data).hexdigest()
    earlier = ImportBatch.objects.filter(organisation=organisation, digest=digest).first()
    if earlier is not None:
        return ImportOutcome(
            batch=earlier,
            platform=earlier.platform,
            rows_read=earlier.rows_read,
            imported=0,
            new_posts=0,
            errors=[RowError(**e) for e in earlier.errors],
            already_imported=True,
        )
    zone = studio_zone(organisation)
    platform, rows, errors, read = parse_rows(decode(data), platform=platform, zone=zone)
    now = timezone.now()
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            organisation=organisation,
            platform=platform,
            file_name=file_name[:255],
            digest=digest,
            rows_read=read,
            rows_imported=len(rows),
            errors=[{"line": e.line, "message": e.message} for e in errors[:1000]],
            created_by=actor if isinstance(actor, User) else None,
        )
        new_posts = _save_rows(organisation, platform, rows, batch, now)
        record_audit(
            actor=actor,
            action="analytics.import",
            target=batch,
            reason=f"{platform}: {len(rows)} rows, {len(errors)} bad",
            organisation=organisation,
        )
    return ImportOutcome(
        batch=batch,
        platform=platform,
        rows_read=read,
        imported=len(rows),
        new_posts=new_posts,
        errors=errors,
    )
