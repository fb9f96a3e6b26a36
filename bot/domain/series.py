"""Events that repeat: the rule, the dates it gives, and what an edit or cancel with a scope touches.

Every occurrence of a series is an event of its own (its own RSVPs, waitlist and reminders). The
dates are computed on the wall clock of the series' zone, so a weekly 18:00 clinic in London stays at
18:00 across the change to and from summer time; a wall time the clocks skip (spring forward) is read
with the offset before the gap, as RFC 5545 does.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.domain.errors import DomainError
from bot.domain.events import SCHEDULED as SCHEDULED_STATUS, Event
from bot.domain.when import normalise_digits

WEEKLY = "weekly"
FORTNIGHTLY = "fortnightly"
MONTHLY_WEEKDAY = "monthly_weekday"  # e.g. the second Tuesday of each month
MONTHLY_DATE = "monthly_date"  # e.g. the 15th of each month (months without that date are skipped)
RULES = (WEEKLY, FORTNIGHTLY, MONTHLY_WEEKDAY, MONTHLY_DATE)
_ALIASES = {
    "weekly": WEEKLY, "every week": WEEKLY,
    "fortnightly": FORTNIGHTLY, "every 2 weeks": FORTNIGHTLY, "every two weeks": FORTNIGHTLY,
    "biweekly": FORTNIGHTLY,
    "monthly": MONTHLY_WEEKDAY, "monthly weekday": MONTHLY_WEEKDAY, "monthly_weekday": MONTHLY_WEEKDAY,
    "monthly date": MONTHLY_DATE, "monthly_date": MONTHLY_DATE,
}

THIS = "this"
FOLLOWING = "following"
ALL = "all"
SCOPES = (THIS, FOLLOWING, ALL)

DEFAULT_ANNOUNCE_AHEAD = 7  # days
MAX_ANNOUNCE_AHEAD = 60
MAX_OCCURRENCES = 60
HORIZON_DAYS = 366  # a series runs at most a year from its first date (and by default, that long)

# announce_state of an occurrence (plain events have none: they are posted when created)
PENDING = "pending"
CLAIMED = "claimed"
POSTED = "posted"
FAILED = "failed"


@dataclass(frozen=True)
class Series:
    """A repeating event as stored: the rule, its first start and how many dates it gave."""

    id: int
    platform: str
    guild_id: int
    organiser_id: int
    rule: str
    first_start: datetime  # aware UTC
    timezone: str
    occurrences: int
    announce_ahead_days: int
    title: str
    description: str = ""
    location: str = ""
    duration_min: int = 60


def parse_rule(text: str | None) -> str:
    key = " ".join((text or "").strip().lower().split())
    rule = _ALIASES.get(key)
    if rule is None:
        raise DomainError("series.bad_repeat", value=(text or "")[:50])
    return rule


def parse_until(text: str, zone: str) -> datetime:
    """`until` as a local date (YYYY-MM-DD, Urdu digits allowed): the end of that day, aware UTC."""
    value = normalise_digits((text or "").strip())
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise DomainError("series.bad_until", value=value[:50]) from None
    end = datetime.combine(day + timedelta(days=1), datetime.min.time()).replace(tzinfo=ZoneInfo(zone))
    return end.astimezone(timezone.utc) - timedelta(seconds=1)


def _localise(naive: datetime, zone: ZoneInfo) -> datetime:
    """Wall time `naive` in `zone` as UTC; a skipped wall time takes the offset before the gap."""
    return naive.replace(tzinfo=zone, fold=0).astimezone(timezone.utc)


def nth_weekday(local: datetime) -> int:
    """Which weekday of its month `local` is: 1..4, or -1 for the last (a fifth one is "the last")."""
    n = (local.day - 1) // 7 + 1
    return -1 if n == 5 else n


def _month_weekday(year: int, month: int, weekday: int, n: int) -> int | None:
    days = [d for d in range(1, _calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).weekday() == weekday]
    if n == -1:
        return days[-1]
    return days[n - 1] if n <= len(days) else None


def local_dates(first_local: datetime, rule: str, limit: int, last: datetime) -> list[datetime]:
    """Naive local start times from `first_local` by `rule`, at most `limit`, none after `last`."""
    out: list[datetime] = []
    i = 0
    n = nth_weekday(first_local)
    while len(out) < limit:
        if rule in (WEEKLY, FORTNIGHTLY):
            step = 7 if rule == WEEKLY else 14
            candidate: datetime | None = first_local + timedelta(days=step * i)
        else:
            month_index = first_local.month - 1 + i
            year, month = first_local.year + month_index // 12, month_index % 12 + 1
            if rule == MONTHLY_DATE:
                ok = first_local.day <= _calendar.monthrange(year, month)[1]
                candidate = first_local.replace(year=year, month=month, day=first_local.day) if ok else None
            else:
                day = _month_weekday(year, month, first_local.weekday(), n)
                candidate = None if day is None else first_local.replace(year=year, month=month, day=day)
        i += 1
        if candidate is None:
            continue
        if candidate > last:
            break
        out.append(candidate)
    return out


def occurrence_starts(first: datetime, zone: str, rule: str, *, count: int | None = None,
                      until: datetime | None = None) -> list[datetime]:
    """The aware-UTC starts of a series: `count` dates, or those up to `until`, or a year's worth;
    never more than MAX_OCCURRENCES nor beyond HORIZON_DAYS."""
    tz = ZoneInfo(zone)
    first_local = first.astimezone(tz).replace(tzinfo=None)
    horizon = first_local + timedelta(days=HORIZON_DAYS)
    last = horizon
    if until is not None:
        last = min(horizon, until.astimezone(tz).replace(tzinfo=None))
    limit = min(count or MAX_OCCURRENCES, MAX_OCCURRENCES)
    return [_localise(local, tz) for local in local_dates(first_local, rule, limit, last)]


def plan_series(draft: Event, *, repeat: str, until: str | None, count: int | None,
                announce_ahead: int | None, now: datetime) -> tuple[Series, list[Event]]:
    """A new series (id 0) and its occurrences (ids 0) from a validated first event (`plan_event`)."""
    rule = parse_rule(repeat)
    if until and count is not None:
        raise DomainError("series.until_or_count")
    if count is not None and not 2 <= count <= MAX_OCCURRENCES:
        raise DomainError("series.bad_count", value=count, maximum=MAX_OCCURRENCES)
    ahead = DEFAULT_ANNOUNCE_AHEAD if announce_ahead is None else announce_ahead
    if not 0 <= ahead <= MAX_ANNOUNCE_AHEAD:
        raise DomainError("series.bad_ahead", value=ahead, maximum=MAX_ANNOUNCE_AHEAD)
    end = parse_until(until, draft.timezone) if until else None
    if end is not None:
        if end < draft.starts_at:
            raise DomainError("series.until_before_start", value=until)
        if end > draft.starts_at + timedelta(days=HORIZON_DAYS):
            raise DomainError("series.until_too_far", value=until, days=HORIZON_DAYS)
    starts = occurrence_starts(draft.starts_at, draft.timezone, rule, count=count, until=end)
    if len(starts) < 2:
        raise DomainError("series.too_few", value=until or "")
    series = Series(id=0, platform=draft.platform, guild_id=draft.guild_id, organiser_id=draft.organiser_id,
                    rule=rule, first_start=draft.starts_at, timezone=draft.timezone, occurrences=len(starts),
                    announce_ahead_days=ahead, title=draft.title, description=draft.description,
                    location=draft.location, duration_min=draft.duration_min)
    return series, [replace(draft, starts_at=start) for start in starts]


def announce_at(start: datetime, ahead_days: int) -> datetime:
    return start - timedelta(days=ahead_days)


def in_scope(chosen: Event, occurrences: list[Event], scope: str, now: datetime) -> list[Event]:
    """The occurrences an edit or cancel with `scope` touches: scheduled and not yet over; `this`
    is the chosen one, `following` it and the later ones, `all` every one."""
    if scope not in SCOPES:
        raise DomainError("series.bad_scope", value=scope[:20])
    if scope == THIS:
        return [chosen]
    live = [e for e in occurrences if not e.cancelled and e.ends_at > now]
    if scope == FOLLOWING:
        live = [e for e in live if e.starts_at >= chosen.starts_at]
    return live


def shift_wall_clock(start: datetime, zone: str, old_chosen: datetime, new_chosen: datetime) -> datetime:
    """Move `start` by the wall-clock distance the chosen occurrence moved (kept across DST)."""
    tz = ZoneInfo(zone)
    delta = new_chosen.astimezone(tz).replace(tzinfo=None) - old_chosen.astimezone(tz).replace(tzinfo=None)
    return _localise(start.astimezone(tz).replace(tzinfo=None) + delta, tz)


# -- changing the repeat rule of a series ----------------------------------------------------------
@dataclass(frozen=True)
class RepeatChange:
    """What a new repeat rule (or a new `until` / `count`) does from `anchor` on, the first date the
    change touches (`following`: the chosen date; `all`: the first date not yet over).

    Dates the new rule still has (the same local day) are kept with their answers, announcements and
    reminders. Dates it drops are cancelled, their members told once, unless nobody answered them and
    they were never announced: those are simply removed. Dates it adds are announced on schedule.
    Ended dates never change: when the series has dates before the anchor, those stay in the old
    series (its rule now ends before the anchor, so its calendar's RRULE stops there) and the dates
    from the anchor on form a new series (`split`) with its own RRULE; otherwise the series itself
    takes the new rule."""

    series: Series  # from the anchor on: the same id, or 0 for the series that splits off
    split: bool
    kept_before: int  # when split: the old series' dates before the anchor (its new count)
    keep: tuple[tuple[int, datetime], ...]  # (event id, the new rule's date for it)
    drop: tuple[int, ...]
    add: tuple[Event, ...]  # new dates (ids 0)


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def plan_repeat_change(series: Series, occurrences: list[Event], original: dict[int, datetime], chosen: Event,
                       scope: str, *, repeat: str | None, until: str | None, count: int | None,
                       now: datetime) -> RepeatChange:
    """The change of `series`' rule (`repeat`, else the same) and end (`until` or `count`, else the
    last date it has now) for `scope` following or all, from `plan_edit`'s checks already passed."""
    if scope not in (FOLLOWING, ALL):
        raise DomainError("series.repeat_scope")
    rule = parse_rule(repeat) if repeat is not None else series.rule
    if until and count is not None:
        raise DomainError("series.until_or_count")
    if count is not None and not 2 <= count <= MAX_OCCURRENCES:
        raise DomainError("series.bad_count", value=count, maximum=MAX_OCCURRENCES)
    targets = in_scope(chosen, occurrences, scope, now)
    if not targets:
        raise DomainError("event.over", title=chosen.title)
    anchor = targets[0]
    tz = ZoneInfo(series.timezone)
    if until:
        end: datetime | None = parse_until(until, series.timezone)
        assert end is not None
        if end < anchor.starts_at:
            raise DomainError("series.until_before_start", value=until)
        if end > anchor.starts_at + timedelta(days=HORIZON_DAYS):
            raise DomainError("series.until_too_far", value=until, days=HORIZON_DAYS)
    elif count is None:  # the series keeps ending on the day it ends now
        last = max(original.get(e.id, e.starts_at) for e in occurrences)
        end = datetime.combine(_local_day(last, tz) + timedelta(days=1), datetime.min.time()).replace(
            tzinfo=tz).astimezone(timezone.utc) - timedelta(seconds=1)
    else:
        end = None
    starts = occurrence_starts(anchor.starts_at, series.timezone, rule, count=count, until=end)
    by_day = {_local_day(start, tz): start for start in starts}
    keep: list[tuple[int, datetime]] = []
    drop: list[int] = []
    for event in targets:
        start = by_day.pop(_local_day(event.starts_at, tz), None)
        if start is None:
            drop.append(event.id)
        else:
            keep.append((event.id, start))
    for event in occurrences:  # a date cancelled on its own stays cancelled if the new rule has it too
        if event.cancelled and event.starts_at >= anchor.starts_at:
            start = by_day.pop(_local_day(event.starts_at, tz), None)
            if start is not None:
                keep.append((event.id, start))
    add = tuple(replace(anchor, id=0, starts_at=start, message_id=None, status=SCHEDULED_STATUS,
                        cancel_reason="", version=1) for start in sorted(by_day.values()))
    if rule == series.rule and not drop and not add:
        raise DomainError("event.nothing_changed")
    anchor_date = original.get(anchor.id, anchor.starts_at)
    kept_before = sum(1 for e in occurrences if original.get(e.id, e.starts_at) < anchor_date)
    new = replace(series, rule=rule, first_start=anchor.starts_at, occurrences=len(starts))
    return RepeatChange(series=replace(new, id=0) if kept_before else new, split=kept_before > 0,
                        kept_before=kept_before, keep=tuple(keep), drop=tuple(drop), add=add)
