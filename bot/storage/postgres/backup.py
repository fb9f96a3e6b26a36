"""`baithak backup` on PostgreSQL: pg_dump does it properly, so we run it when it is on PATH."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from bot.storage.postgres.database import redact


class BackupError(Exception):
    pass


def advice(url: str, target: Path) -> str:
    return (f"on PostgreSQL, back up with pg_dump: pg_dump --format=custom --file={target} "
            f"'{redact(url)}' (and restore with pg_restore)")


def backup(url: str, target: Path) -> str:
    """Dump the database at `url` to `target` (pg_dump's custom format), written beside it and renamed
    into place only when pg_dump succeeded. Returns the pg_dump used. BackupError when pg_dump is
    missing (the message says how to do it) or fails. The password goes through PGPASSWORD, not the
    command line."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError(f"pg_dump is not on PATH; {advice(url, target)}")
    parts = urlsplit(url)
    env = dict(os.environ)
    dsn = url
    if parts.password is not None:
        env["PGPASSWORD"] = parts.password
        dsn = redact(url).replace(":***@", "@", 1)
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    done = subprocess.run([pg_dump, "--format=custom", f"--file={partial}", f"--dbname={dsn}"],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        reason = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        raise BackupError(f"pg_dump failed: {reason}")
    os.replace(partial, target)
    return pg_dump
