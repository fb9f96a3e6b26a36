"""The weekly digest: its slot (`/setup digest:friday 18:00` in the community's zone, or off), which
week a moment belongs to, and whether a due digest is sent, sent late or skipped.

Sent exactly once a week: the app claims a row per community-week before sending. A digest whose
time passed while the bot was down is sent late when under LATE_LIMIT has passed, else skipped and
logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.domain.errors import DomainError

LATE_LIMIT = timedelta(hours=24)
SEND = "sent"
LATE = "late"
SKIP = "skipped"

DAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
    # Urdu and Roman Urdu
    "پیر": 0, "سوموار": 0, "منگل": 1, "بدھ": 2, "جمعرات": 3, "جمعہ": 4, "ہفتہ": 5, "ہفتے": 5, "اتوار": 6,
    "peer": 0, "pir": 0, "somwar": 0, "mangal": 1, "budh": 2, "jumeraat": 3, "jumerat": 3, "jumma": 4,
    "juma": 4, "jumah": 4, "hafta": 5, "itwar": 6, "itwaar": 6,
}
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def parse_slot(text: str) -> tuple[int | None, int | None]:
    """`friday 18:00`, `fri 6pm`, `جمعہ 18:00`, `off` -> (day 0-6, minute of day) or (None, None)."""
    raw = " ".join((text or "").strip().lower().split())
    if raw in ("off", "بند", "band"):
        return None, None
    parts = raw.split(" ", 1)
    if len(parts) != 2 or parts[0] not in DAYS:
        raise DomainError("digest.bad_slot", value=(text or "")[:40])
    match = _TIME.match(parts[1].replace(" ", "") if parts[1].endswith(("am", "pm")) else parts[1])
    if match is None:
        raise DomainError("digest.bad_slot", value=(text or "")[:40])
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise DomainError("digest.bad_slot", value=(text or "")[:40])
        hour = hour % 12 + (12 if half.lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DomainError("digest.bad_slot", value=(text or "")[:40])
    return DAYS[parts[0]], hour * 60 + minute


def slot_text(day: int | None, minute: int | None) -> str:
    if day is None or minute is None:
        return "off"
    return f"{DAY_NAMES[day]} {minute // 60:02d}:{minute % 60:02d}"


def week_key(moment: datetime, zone: str) -> str:
    """The ISO week of `moment` in the zone: `2026-W11`."""
    year, week, _ = moment.astimezone(ZoneInfo(zone)).isocalendar()
    return f"{year}-W{week:02d}"


def slot_in_week(moment: datetime, zone: str, day: int, minute: int) -> datetime:
    """The digest's time (UTC) in the ISO week (of the zone) that holds `moment`; wall-clock time, so
    daylight-saving changes keep it at the same local hour."""
    tz = ZoneInfo(zone)
    local = moment.astimezone(tz)
    monday = (local - timedelta(days=local.weekday())).date()
    date = monday + timedelta(days=day)
    wall = datetime(date.year, date.month, date.day, minute // 60, minute % 60, tzinfo=tz)
    return wall.astimezone(timezone.utc)


@dataclass(frozen=True)
class Due:
    """A digest's slot: which week, when, and what to do with it at `now`."""

    week: str
    due_at: datetime
    action: str | None   # SEND, LATE, SKIP, or None (not due yet)


def plan(now: datetime, zone: str, day: int, minute: int) -> tuple[Due, datetime]:
    """What to do about this week's slot at `now`, and when to look again (the next slot)."""
    this = slot_in_week(now, zone, day, minute)
    if now < this:
        # Last week's slot may still be within the late window (the bot was down over it).
        last = slot_in_week(now - timedelta(days=7), zone, day, minute)
        if now - last < LATE_LIMIT:
            return Due(week_key(last, zone), last, LATE), this
        return Due(week_key(this, zone), this, None), this
    late = now - this
    action = SEND if late < timedelta(minutes=5) else (LATE if late < LATE_LIMIT else SKIP)
    nxt = slot_in_week(now + timedelta(days=7), zone, day, minute)
    return Due(week_key(this, zone), this, action), nxt


def week_window(due_at: datetime) -> tuple[datetime, datetime, datetime]:
    """(start of the week reported on, the digest's time, end of the coming week): the last seven
    days' figures, and the next seven days' events."""
    return due_at - timedelta(days=7), due_at, due_at + timedelta(days=7)


# -- what a digest holds (read by storage, written out by the app) ---------------------------------
@dataclass(frozen=True)
class DigestEvent:
    """An event of the coming week with its answers."""

    title: str
    starts_at: datetime
    going: int
    maybe: int
    waitlist: int
    capacity: int | None
    url: str | None = None


@dataclass(frozen=True)
class DigestResource:
    """A resource published during the week, with its upvotes."""

    title: str
    url: str
    upvotes: int


@dataclass(frozen=True)
class ReportWeek:
    """The moderation figures of one week (definitions in `bot.storage` queries' docstrings):
    cases opened, resolved and dismissed in the week; the times from opening to first claim of the
    cases claimed in the week; cases whose SLA deadline fell in the week before anyone claimed them;
    escalations made in the week; platform outcomes recorded in the week (decided) and how many of
    them removed or restricted the content (complied)."""

    opened: int = 0
    resolved: int = 0
    dismissed: int = 0
    claim_seconds: tuple[int, ...] = ()
    sla_breaches: int = 0
    escalations: int = 0
    decided: int = 0
    complied: int = 0

    @property
    def median_to_claim(self) -> timedelta | None:
        if not self.claim_seconds:
            return None
        values = sorted(self.claim_seconds)
        mid = len(values) // 2
        seconds = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
        return timedelta(seconds=seconds)

    @property
    def compliance(self) -> float | None:
        """Complied over decided, or None when no platform decided anything this week."""
        return self.complied / self.decided if self.decided else None
