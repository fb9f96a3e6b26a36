"""SLA for unclaimed cases: one reminder in the moderation channel per SLA window, raised to admins
once the case is still unclaimed at twice the window.

The window starts when the case is opened. Notices are numbered by window (1 at one window, 2 at two
windows, ...), so a bot that was down for several windows sends one notice for the window it wakes up
in, never a burst for every window it missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# After this many windows without a claim the channel is not reminded any more: by then the case has
# been raised to admins and repeated reminders would only be noise.
MAX_SLA_WINDOWS = 24
# A job may wake a moment before its due time; this much early counts as on time.
_TOLERANCE = timedelta(seconds=1)

REMINDER = "reminder"
RAISE = "raise"


@dataclass(frozen=True)
class SlaStep:
    """The notice due now: which window it is for, its kind, and when the next check is due."""

    window: int
    kind: str
    next_due: datetime | None


def first_due(created_at: datetime, sla_hours: int) -> datetime:
    """When a new case first needs a reminder."""
    return created_at + timedelta(hours=sla_hours)


def due_at(created_at: datetime, sla_hours: int, notices_done: int) -> datetime | None:
    """When the next notice is due after `notices_done` windows were handled (None: no more)."""
    if notices_done >= MAX_SLA_WINDOWS:
        return None
    return created_at + timedelta(hours=sla_hours) * (notices_done + 1)


def sla_step(created_at: datetime, sla_hours: int, notices_done: int, raised: bool,
             now: datetime) -> SlaStep | None:
    """The notice to send for an unclaimed case at `now`, or None when none is due yet."""
    window = timedelta(hours=sla_hours)
    current = int((now + _TOLERANCE - created_at) / window)
    current = min(current, MAX_SLA_WINDOWS)
    if current < 1 or current <= notices_done:
        return None
    kind = RAISE if current >= 2 and not raised else REMINDER
    return SlaStep(window=current, kind=kind, next_due=due_at(created_at, sla_hours, current))


# Like event reminders (`bot.domain.reminders.LATE_AFTER`): a notice sent this long after its window
# fell due says it is late (its process died holding it, or the bot was offline).
LATE_AFTER = timedelta(minutes=2)


def is_late(created_at: datetime, sla_hours: int, window: int, now: datetime) -> bool:
    """Whether the notice of `window` goes out late (more than LATE_AFTER after it fell due)."""
    return now - (created_at + timedelta(hours=sla_hours) * window) > LATE_AFTER


def notice_nonce(case_id: int, window: int, kind: str = "c") -> str:
    """The platform nonce of one case's notice of one window (at most 25 characters): a process
    that takes over a dead one's lease re-sends it, and the platform returns the first message if
    it did go out. `kind`: "c" the channel notice, "o" the owner's DM."""
    digits, n = "", case_id
    while True:
        n, r = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + digits
        if n == 0:
            break
    return f"bk-sla{kind}-{digits}-{window}"
