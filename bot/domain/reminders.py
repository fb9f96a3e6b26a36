"""Reminder planning: when each reminder is due, and what to do with one found late."""

from __future__ import annotations

from datetime import datetime, timedelta

# What happened to one reminder row (event_reminders.status).
PENDING = "pending"
CLAIMED = "claimed"  # taken by a sender; if the process dies before its outcome is recorded, the
# next start re-sends it with the same nonce (the platform then returns the first DM, not a second)
SENT = "sent"
SENT_LATE = "late"
SKIPPED = "skipped"
DM_CLOSED = "dm_closed"
FAILED = "failed"

ON_TIME = "on_time"
LATE = "late"
SKIP = "skip"
# A reminder sent within this long after its due time is not worth calling late.
LATE_AFTER = timedelta(minutes=2)


def plan(starts_at: datetime, offsets: tuple[int, ...], now: datetime) -> list[tuple[int, datetime]]:
    """(offset minutes, due time) for every offset still ahead of `now`.

    An offset already passed when a member answers is not planned: they have just seen the event.
    """
    out = []
    for offset in offsets:
        due = starts_at - timedelta(minutes=offset)
        if due > now:
            out.append((offset, due))
    return out


def classify(now: datetime, due: datetime, starts_at: datetime) -> str:
    """ON_TIME, LATE (sent, marked late: the event has not started) or SKIP (it has started)."""
    if now >= starts_at:
        return SKIP
    if now - due > LATE_AFTER:
        return LATE
    return ON_TIME
