"""Leases on scheduled rows: who holds them (this process) and until when.

On PostgreSQL a process claims due rows (reminders, outcome notices, SLA checks) by writing its owner id and an
expiry into them, inside `FOR UPDATE SKIP LOCKED`, so two processes never take the same row. It
records the send and clears the lease; when a process dies holding leases, they expire after
`seconds` and the rows are due again for whichever process looks next. SQLite has one process: it
keeps the leases it needs (SLA notices) in memory, on the same clock, so they vanish with the process.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from dataclasses import dataclass, field

DEFAULT_SECONDS = 60


def default_seconds() -> int:
    """`BAITHAK_LEASE_SECONDS` when set (tests shorten it), else 60."""
    raw = os.environ.get("BAITHAK_LEASE_SECONDS", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_SECONDS


def new_owner() -> str:
    """This process's owner id: host, pid and a random suffix (a pid can be reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Lease:
    owner: str = field(default_factory=new_owner)
    seconds: int = field(default_factory=default_seconds)

    @staticmethod
    def now() -> int:
        """Lease times are on the wall clock (shared by every process), in unix seconds."""
        return int(time.time())

    def until(self) -> int:
        return self.now() + self.seconds
