"""Stream a JSONL or CSV export into a campaign in batches, resumable from its cursor."""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from suar.campaigns.events import BadEvent, DeletionRow, EventReader, Row
from suar.campaigns.filters import refresh_filters
from suar.campaigns.ingest import BatchResult, cursor_position, write_batch
from suar.campaigns.models import Campaign

BATCH_SIZE = 20_000
MAX_REPORTED_ERRORS = 50


@dataclass
class ImportSummary:
    lines: int = 0
    result: BatchResult = field(default_factory=BatchResult)
    malformed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    resumed_at_line: int = 0


Progress = Callable[[int, int, int], None]  # (bytes done, bytes total, lines)


def source_key(path: Path) -> str:
    """Identifies a file by name and its first 64 KiB, so a renamed copy resumes too."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    return f"file:{path.name[:200]}:{hashlib.sha256(head).hexdigest()[:16]}"


def _jsonl_records(
    handle: io.BufferedReader, offset: int, line_no: int
) -> Iterator[tuple[int, int, dict[str, object] | str]]:
    """Yields (line number, byte offset after the line, record or error message)."""
    for raw in handle:
        offset += len(raw)
        line_no += 1
        if not raw.strip():
            continue
        try:
            record = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            yield line_no, offset, f"not JSON ({str(exc)[:60]})"
            continue
        if not isinstance(record, dict):
            yield line_no, offset, "not a JSON object"
            continue
        yield line_no, offset, record


def _csv_records(
    handle: io.BufferedReader, offset: int, line_no: int, header: list[str]
) -> Iterator[tuple[int, int, dict[str, object] | str]]:
    consumed = [offset]

    def lines() -> Iterator[str]:
        for raw in handle:
            consumed[0] += len(raw)
            yield raw.decode("utf-8", errors="replace")

    reader = csv.reader(lines())
    for values in reader:
        number = line_no + reader.line_num
        if not any(values):
            continue
        if len(values) != len(header):
            yield number, consumed[0], f"expected {len(header)} columns, found {len(values)}"
            continue
        yield number, consumed[0], dict(zip(header, values, strict=True))


def import_file(
    path: Path,
    campaign: Campaign,
    *,
    from_start: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import `path`; a crash loses nothing, and a rerun continues where the last batch ended."""
    is_csv = path.suffix.lower() == ".csv"
    source = source_key(path)
    total = path.stat().st_size
    summary = ImportSummary()
    offset, line_no = 0, 0
    saved = "" if from_start else cursor_position(campaign, source)
    with path.open("rb") as handle:
        header: list[str] = []
        if is_csv:
            first = handle.readline()
            header = [h.strip().lower() for h in next(csv.reader([first.decode("utf-8-sig")]))]
            offset, line_no = len(first), 1
        if saved:
            saved_offset, saved_line = (int(x) for x in saved.split(":"))
            if offset <= saved_offset <= total:
                offset, line_no = saved_offset, saved_line
                summary.resumed_at_line = line_no
        handle.seek(offset)
        records = (
            _csv_records(handle, offset, line_no, header)
            if is_csv
            else _jsonl_records(handle, offset, line_no)
        )
        reader = EventReader(campaign)
        rows: list[Row] = []
        deletions: list[DeletionRow] = []
        last_line, last_offset = line_no, offset
        for number, end, record in records:
            last_line, last_offset = number, end
            summary.lines += 1
            if isinstance(record, str):
                _malformed(summary, number, record)
                continue
            try:
                read = reader.read(record)
            except BadEvent as exc:
                _malformed(summary, number, str(exc))
                continue
            if isinstance(read, Row):
                rows.append(read)
            else:
                deletions.append(read)
            if len(rows) + len(deletions) >= batch_size:
                _flush(campaign, summary, rows, deletions, source, last_offset, last_line)
                if progress:
                    progress(last_offset, total, summary.lines)
        _flush(campaign, summary, rows, deletions, source, last_offset, last_line)
        if progress:
            progress(total, total, summary.lines)
    refresh_filters(campaign, after_bulk_load=summary.result.inserted > 1000)
    return summary


def _malformed(summary: ImportSummary, line: int, reason: str) -> None:
    summary.malformed += 1
    if len(summary.errors) < MAX_REPORTED_ERRORS:
        summary.errors.append((line, reason))


def _flush(
    campaign: Campaign,
    summary: ImportSummary,
    rows: list[Row],
    deletions: list[DeletionRow],
    source: str,
    offset: int,
    line: int,
) -> None:
    batch = write_batch(
        campaign,
        rows,
        deletions,
        source="file",
        cursor_source=source,
        position=f"{offset}:{line}",
    )
    summary.result.add(batch)
    rows.clear()
    deletions.clear()


def count_by_reason(summary: ImportSummary) -> Counter[str]:
    """New rows by status (filtered ones by reason), for the summary line."""
    out: Counter[str] = Counter()
    for (status, reason), count in summary.result.new.items():
        out[f"{status}:{reason}" if reason else status] += count
    return out
