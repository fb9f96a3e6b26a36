"""Check-in at the door and attendance figures (PRODUCT.md, "Events: series, check-in, attendance").

Check-in is open from `OPENS_BEFORE` before the start until the event ends, for members who answered
Going or Maybe; each member checks in once, and a check-in after the start is marked late. For
in-person meetups an organiser shows a short code: each code is valid for `CODE_TTL` (never beyond
the end of the event), and asking again gives a fresh one, so a code passed around later is useless.

The announcement's phase (`window_phase`) moves NONE -> OPEN -> STARTED -> CLOSED at the window's
boundaries; each move is claimed in the database before its effect (button shown or hidden, the
"starting now" line), so a restart neither repeats nor loses one.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Iterable, NamedTuple, Sequence

from bot.domain.errors import DomainError
from bot.domain.events import Event
from bot.domain.rsvp import GOING, MAYBE, WAITLIST
from bot.domain.when import normalise_digits

OPENS_BEFORE = timedelta(minutes=30)
CODE_TTL = timedelta(minutes=10)
CODE_DIGITS = 6
# A "starting now" line later than this after the start (the bot was down) is not worth posting.
START_LINE_GRACE = timedelta(minutes=15)
DEFAULT_REPORT_DAYS = 30
MAX_REPORT_DAYS = 366

BUTTON = "button"
CODE = "code"

# window phases of an announcement (events.window_phase)
OPEN = "open"
STARTED = "started"
CLOSED = "closed"


def opens_at(event: Event) -> datetime:
    return event.starts_at - OPENS_BEFORE


def checkin_open(event: Event, now: datetime) -> bool:
    """Whether the announcement shows Check in now."""
    return not event.cancelled and opens_at(event) <= now < event.ends_at


def require_open(event: Event, now: datetime) -> None:
    if event.cancelled:
        raise DomainError("checkin.cancelled", title=event.title)
    if now < opens_at(event):
        raise DomainError("checkin.not_yet", title=event.title, opens=int(opens_at(event).timestamp()))
    if now >= event.ends_at:
        raise DomainError("checkin.over", title=event.title)


def decide_checkin(event: Event, status: str | None, checked_at: datetime | None, now: datetime) -> bool:
    """Whether this check-in is late; raises DomainError (nothing changes) when it is refused: the
    window is not open, the member did not answer Going or Maybe, or already checked in."""
    require_open(event, now)
    if checked_at is not None:
        raise DomainError("checkin.already", title=event.title, at=int(checked_at.timestamp()))
    if status not in (GOING, MAYBE):
        key = "checkin.waitlisted" if status == WAITLIST else "checkin.not_going"
        raise DomainError(key, title=event.title)
    return now > event.starts_at


def code_expiry(event: Event, now: datetime) -> datetime:
    return min(now + CODE_TTL, event.ends_at)


def normalise_code(text: str) -> str:
    """What a member typed, as a code: Urdu digits read as digits, spaces and dashes dropped."""
    cleaned = "".join(ch for ch in normalise_digits((text or "").strip()) if ch not in " -")
    if not (cleaned.isascii() and cleaned.isdigit() and len(cleaned) == CODE_DIGITS):
        raise DomainError("checkin.code_wrong", code=(text or "").strip()[:20])
    return cleaned


def check_code(code: str, found: tuple[int, datetime] | None, now: datetime) -> int:
    """The event a code entered now is for; refused when unknown or expired."""
    if found is None:
        raise DomainError("checkin.code_wrong", code=code)
    event_id, expires_at = found
    if now >= expires_at:
        raise DomainError("checkin.code_expired", code=code)
    return event_id


def next_phase(event: Event, now: datetime) -> str | None:
    """The phase an announcement should be in now (None before its window opens)."""
    if now >= event.ends_at:
        return CLOSED
    if now >= event.starts_at:
        return STARTED
    if now >= opens_at(event):
        return OPEN
    return None


def boundary(event: Event, phase: str | None) -> datetime | None:
    """When an announcement in `phase` next moves on."""
    if phase is None:
        return opens_at(event)
    if phase == OPEN:
        return event.starts_at
    if phase == STARTED:
        return event.ends_at
    return None


def shows_button(phase: str | None) -> bool:
    return phase in (OPEN, STARTED)


def post_start_line(old: str | None, new: str | None, event: Event, now: datetime) -> bool:
    """The "starting now" line goes out once, when the phase reaches STARTED, unless it is late."""
    return new == STARTED and old != STARTED and now - event.starts_at <= START_LINE_GRACE


# -- figures ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EventFigures:
    """One event's attendance. `going_not_in` counts members going who did not check in; they are
    no-shows once the event has ended."""

    event: Event
    going: int = 0
    maybe: int = 0
    waitlist: int = 0
    declined: int = 0
    checked_in: int = 0
    late: int = 0
    going_not_in: int = 0
    promoted: int = 0
    dm_closed: int = 0

    def no_shows(self, now: datetime) -> int | None:
        """None while the event has not ended (people may still arrive)."""
        return self.going_not_in if self.event.ends_at <= now else None


class EventLine(NamedTuple):
    """An ended event's line in a report: its start (unix seconds), title and figures, as in
    `EventFigures` (a report holds thousands: no Event for each)."""

    starts_at: int
    title: str
    going: int
    maybe: int
    waitlist: int
    declined: int
    checked_in: int
    late: int
    going_not_in: int
    promoted: int
    dm_closed: int


@dataclass(frozen=True)
class MemberFigures:
    """One member over a report's events."""

    platform: str
    user_id: int
    name: str
    going: int
    attended: int
    late: int
    no_shows: int


@dataclass(frozen=True)
class Totals:
    events: int
    going: int
    checked_in: int
    late: int
    no_shows: int
    promoted: int
    dm_closed: int
    attendees: int  # distinct members who checked in at least once
    repeat: int  # ... at least twice

    @property
    def no_show_rate(self) -> float | None:
        """No-shows among members who said they were going (None without any)."""
        return None if self.going == 0 else self.no_shows / self.going


# An event's figures are final once it has ended: nobody may answer, check in or be moved up after
# the end, and reminders are never tried after the start. Storage keeps them once the end is this far
# behind (a click made just before the end may still be on its way to the database).
SETTLED = timedelta(minutes=5)


def merge_members(*parts: Iterable[Sequence[Any]]) -> list[MemberFigures]:
    """Per-member rows (platform, user_id, name, going, attended, late, no_shows) counted over
    different events, summed per member (the name: the greatest, as SQL's max), most attended first."""
    merged: dict[tuple[str, int], list[Any]] = {}
    for part in parts:
        for platform, user_id, name, *counts in part:
            row = merged.get((platform, user_id))
            if row is None:
                merged[(platform, user_id)] = [name, *counts]
            else:
                row[0] = max(row[0], name)
                for k, value in enumerate(counts, start=1):
                    row[k] += value
    figures = [MemberFigures(platform, user_id, *row) for (platform, user_id), row in merged.items()]
    return sorted(figures, key=lambda m: (-m.attended, m.user_id))


def split_window(window: Iterable[Sequence[int]], since: int, until: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Of (id, start, end) rows in unix seconds (the events that started in the longest duration
    before `until`): those still running at `until` (a report up to `until` leaves them out), and
    those a report from `since` holds that ended less than SETTLED before `until` (counted afresh);
    each by id."""
    settled = until - int(SETTLED.total_seconds())
    running = tuple(sorted(i for i, _, end in window if end > until))
    live = tuple(sorted(i for i, start, end in window if start >= since and settled < end <= until))
    return running, live


def totals(events: Sequence[EventFigures] | Sequence[EventLine], members: Sequence[MemberFigures]) -> Totals:
    """Totals of a report over ended events."""
    return Totals(events=len(events), going=sum(e.going for e in events),
                  checked_in=sum(e.checked_in for e in events), late=sum(e.late for e in events),
                  no_shows=sum(e.going_not_in for e in events), promoted=sum(e.promoted for e in events),
                  dm_closed=sum(e.dm_closed for e in events),
                  attendees=sum(1 for m in members if m.attended >= 1),
                  repeat=sum(1 for m in members if m.attended >= 2))


def require_days(days: int | None) -> int:
    value = DEFAULT_REPORT_DAYS if days is None else days
    if not 1 <= value <= MAX_REPORT_DAYS:
        raise DomainError("attendance.bad_days", value=value, maximum=MAX_REPORT_DAYS)
    return value


# -- CSV ------------------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def table_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """CSV bytes in UTF-8 with a byte-order mark (Excel then reads Urdu names correctly), CRLF line
    ends; text cells a spreadsheet would run as a formula are prefixed with an apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    # numbers as the csv module writes them; one comprehension (a report has 100,000+ cells)
    writer.writerows([("'" + v if v.startswith(_FORMULA_START) else v) if isinstance(v, str)
                      else ("" if v is None else v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
