"""Where Suar keeps its files: the database, the secret key, uploads, trained models."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class DataDirError(Exception):
    """The data dir cannot be created or written; the message says what to do."""


def data_dir() -> Path:
    configured = os.environ.get("SUAR_DATA_DIR", "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return (base / "suar").resolve()


def ensure_data_dir(path: Path | None = None) -> Path:
    """Create the data dir if needed and prove it is writable."""
    path = path or data_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
        # A probe file of this process's own: several processes (web, worker, ingesters)
        # may start at once, and a shared probe name would let one delete another's.
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise DataDirError(
            f"the data dir {path} is not writable ({exc.strerror}); "
            "set SUAR_DATA_DIR to a folder you can write to"
        ) from exc
    return path
