"""Online backup of a live database with SQLite's backup API, verified by opening the copy."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class BackupError(Exception):
    pass


def backup(source: Path, target: Path) -> int:
    """Copy `source` to `target` while it may be written to; returns the number of tables copied.

    The copy is written beside the target and renamed into place only after it passed
    `PRAGMA integrity_check`, so a failed backup never leaves a half-written file at `target`.
    """
    if not source.is_file():
        raise BackupError(f"no database at {source}")
    target = target.resolve()
    if target == source.resolve():
        raise BackupError("the backup path is the database itself: choose another file")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)
    try:
        dst = sqlite3.connect(partial)
        try:
            # One step: in WAL mode the reader sees one consistent snapshot while writers go on.
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    check = sqlite3.connect(f"file:{partial}?mode=ro", uri=True)
    try:
        verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
        tables = check.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    finally:
        check.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check: {verdict}")
    os.replace(partial, target)
    return tables
