"""Stream a JSONL or CSV export into a campaign in batches, resumable from its cursor.

Reading, parsing and classifying is Python work per line; inserting is the database's. On a
large file the two run in parallel: a forked parser process reads the file and hands encoded
batches (ingest.Encoded) through a pipe to this process, which only writes them. The pipe
holds about one batch, so memory stays flat whatever the file's size. The parser never
touches the database; the cursor still moves only in the transaction of its batch.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import hashlib
import io
import multiprocessing
import os
import signal
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import orjson
from django.db import connection
from django.utils import timezone

from suar.campaigns.events import BadEvent, DeletionRow, EventReader, Row
from suar.campaigns.filters import refresh_filters
from suar.campaigns.ingest import BatchResult, Encoded, cursor_position, encode_rows, write_batch
from suar.campaigns.models import Campaign

BATCH_SIZE = 20_000
MAX_REPORTED_ERRORS = 50
# Below this size a second process costs more than it saves.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024


@dataclass
class ImportSummary:
    lines: int = 0
    result: BatchResult = field(default_factory=BatchResult)
    malformed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    resumed_at_line: int = 0


@dataclass
class Batch:
    """What the parser hands over: rows ready to write and where the file stands after them."""

    rows: Encoded
    deletions: list[DeletionRow]
    errors: list[tuple[int, str]]
    malformed: int
    lines: int
    offset: int
    line: int


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
    loads, decode_error = orjson.loads, orjson.JSONDecodeError
    for raw in handle:
        offset += len(raw)
        line_no += 1
        try:
            record = loads(raw)
        except decode_error as exc:
            if raw.strip():
                yield line_no, offset, f"not JSON ({str(exc)[:60]})"
            continue
        if type(record) is not dict:
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


def _batches(
    path: Path,
    reader: EventReader,
    *,
    offset: int,
    line_no: int,
    header: list[str] | None,
    batch_size: int,
    vendor: str,
) -> Iterator[Batch]:
    """Parse the file from `offset`, yielding a batch every `batch_size` events and at the end."""
    with path.open("rb") as handle:
        handle.seek(offset)
        records = (
            _csv_records(handle, offset, line_no, header)
            if header is not None
            else _jsonl_records(handle, offset, line_no)
        )
        read = reader.read
        rows: list[Row] = []
        deletions: list[DeletionRow] = []
        errors: list[tuple[int, str]] = []
        malformed = lines = 0
        end_line, end_offset = line_no, offset
        for end_line, end_offset, record in records:
            lines += 1
            if type(record) is str:
                malformed += 1
                if len(errors) < MAX_REPORTED_ERRORS:
                    errors.append((end_line, record))
                continue
            try:
                row = read(record)  # type: ignore[arg-type]
            except BadEvent as exc:
                malformed += 1
                if len(errors) < MAX_REPORTED_ERRORS:
                    errors.append((end_line, str(exc)))
                continue
            if type(row) is Row:
                rows.append(row)
            else:
                deletions.append(row)  # type: ignore[arg-type]
            if len(rows) + len(deletions) >= batch_size:
                encoded = encode_rows(rows, vendor)
                yield Batch(encoded, deletions, errors, malformed, lines, end_offset, end_line)
                rows, deletions, errors, malformed, lines = [], [], [], 0, 0
        encoded = encode_rows(rows, vendor)
        yield Batch(encoded, deletions, errors, malformed, lines, end_offset, end_line)


def _die_with_parent() -> None:
    """Linux: the kernel kills this process when the importer dies (even by SIGKILL)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere the closed pipe ends it at its next batch


def _parser_process(
    conn: Connection, unused_end: Connection, make: Callable[[], Iterator[Batch]]
) -> None:
    """Runs in the forked child: parse, send, and leave without running any cleanup.

    The child inherited the parent's database connection: it closes only its own copy of the
    socket (an orphan holding it would keep the parent's transaction, and its locks, open on
    the server) and never runs the connection's cleanup, which would end the parent's session.
    """
    _die_with_parent()
    unused_end.close()  # else this process itself keeps the pipe open after the parent dies
    _close_inherited_socket()
    code = 0
    try:
        for batch in make():
            conn.send(batch)
        conn.send(None)
    except BrokenPipeError:
        code = 1  # the importer died (e.g. SIGKILL): nothing left to do
    except BaseException:
        code = 1
        with contextlib.suppress(OSError):
            conn.send(RuntimeError(traceback.format_exc(limit=5)))
    finally:
        os._exit(code)


def _close_inherited_socket() -> None:
    raw = connection.connection
    if connection.vendor == "postgresql" and raw is not None:
        with contextlib.suppress(Exception):
            os.close(raw.pgconn.socket)


def _in_parallel(make: Callable[[], Iterator[Batch]]) -> Iterator[Batch]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_parser_process, args=(send, receive, make), daemon=True)
    child.start()
    send.close()
    try:
        while True:
            item = receive.recv()
            if item is None:
                return
            if isinstance(item, RuntimeError):
                raise RuntimeError(f"the parser process failed:\n{item}")
            yield item
    finally:
        receive.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()


def _use_parallel(size: int, parallel: bool | None) -> bool:
    if parallel is not None:
        return parallel
    if os.environ.get("SUAR_INGEST_PARALLEL", "1") == "0":
        return False
    return size >= PARALLEL_MIN_BYTES and (os.cpu_count() or 1) > 1


def import_file(
    path: Path,
    campaign: Campaign,
    *,
    from_start: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    parallel: bool | None = None,
) -> ImportSummary:
    """Import `path`; a crash loses nothing, and a rerun continues where the last batch ended."""
    source = source_key(path)
    total = path.stat().st_size
    summary = ImportSummary()
    offset, line_no = 0, 0
    header: list[str] | None = None
    if path.suffix.lower() == ".csv":
        with path.open("rb") as handle:
            first = handle.readline()
        header = [h.strip().lower() for h in next(csv.reader([first.decode("utf-8-sig")]), [])]
        offset, line_no = len(first), 1
    saved = "" if from_start else cursor_position(campaign, source)
    if saved:
        saved_offset, saved_line = (int(x) for x in saved.split(":"))
        if offset <= saved_offset <= total:
            offset, line_no = saved_offset, saved_line
            summary.resumed_at_line = line_no
    reader = EventReader(campaign, not_after=timezone.now())
    vendor = connection.vendor

    def make() -> Iterator[Batch]:
        return _batches(
            path,
            reader,
            offset=offset,
            line_no=line_no,
            header=header,
            batch_size=batch_size,
            vendor=vendor,
        )

    batches = _in_parallel(make) if _use_parallel(total - offset, parallel) else make()
    for batch in batches:
        summary.lines += batch.lines
        summary.malformed += batch.malformed
        room = MAX_REPORTED_ERRORS - len(summary.errors)
        summary.errors.extend(batch.errors[: max(room, 0)])
        result = write_batch(
            campaign,
            batch.rows,
            batch.deletions,
            source="file",
            cursor_source=source,
            position=f"{batch.offset}:{batch.line}",
        )
        summary.result.add(result)
        if progress:
            progress(batch.offset, total, summary.lines)
    if progress:
        progress(total, total, summary.lines)
    refresh_filters(campaign, after_bulk_load=summary.result.inserted > 1000)
    return summary


def count_by_reason(summary: ImportSummary) -> Counter[str]:
    """New rows by status (filtered ones by reason), for the summary line."""
    out: Counter[str] = Counter()
    for (status, reason), count in summary.result.new.items():
        out[f"{status}:{reason}" if reason else status] += count
    return out
