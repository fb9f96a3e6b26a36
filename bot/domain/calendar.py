""".ics files (RFC 5545) for one event or a member's list, written with icalendar.

Times are written in UTC (`DTSTART:20261205T130000Z`), which every calendar reads the same way; the
event's IANA zone travels beside them as `X-WR-TIMEZONE` so a calendar can show the organiser's zone.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable, Iterable

from icalendar import Alarm, Calendar, Event as VEvent

from bot.domain.events import Event

if TYPE_CHECKING:
    from bot.domain.series import Series

PRODID = "-//Baithak//Events//EN"
UID_DOMAIN = "baithak.events"


def event_uid(event: Event) -> str:
    """Stable per event, so re-importing an edited event updates it instead of adding a copy."""
    return f"event-{event.id}-{event.guild_id}@{UID_DOMAIN}"


def _add_alarm(item: VEvent, event: Event) -> None:
    """A display alarm at the first reminder (the largest offset), as the bot's own DM would come."""
    if event.cancelled or not event.reminder_offsets:
        return
    from datetime import timedelta

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event.title)
    alarm.add("trigger", -timedelta(minutes=max(event.reminder_offsets)))
    item.add_component(alarm)


Describe = Callable[[Event], str]


def _vevent(event: Event, now: datetime, describe: Describe | None = None) -> VEvent:
    item = VEvent()
    item.add("uid", event_uid(event))
    item.add("dtstamp", now.astimezone(timezone.utc))
    item.add("dtstart", event.starts_at.astimezone(timezone.utc))
    item.add("dtend", event.ends_at.astimezone(timezone.utc))
    item.add("summary", event.title)
    # The start written out in the community's language travels in the description, for calendars
    # that show it (and for readers whose calendar shows dates in another language).
    text = "\n\n".join(part for part in (event.description, describe(event) if describe else "") if part)
    if text:
        item.add("description", text)
    if event.location:
        item.add("location", event.location)
    url = event.jump_url()
    if url:
        item.add("url", url)
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    # SEQUENCE lets calendars know an edited event replaces the copy they already have.
    item.add("sequence", event.version - 1)
    _add_alarm(item, event)
    return item


def calendar_ics(events: Iterable[Event], now: datetime, *, name: str | None = None,
                 zone: str | None = None, describe: Describe | None = None) -> bytes:
    """A VCALENDAR with one VEVENT per event, as bytes ready to attach."""
    events = list(events)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    tz = zone or (events[0].timezone if events else None)
    if tz:
        cal.add("x-wr-timezone", tz)
    for event in events:
        cal.add_component(_vevent(event, now, describe))
    return cal.to_ical()


def event_ics(event: Event, now: datetime, describe: Describe | None = None, *, zone: str | None = None) -> bytes:
    """The .ics for one event, shown in `zone` (the member's own), else the event's own zone."""
    return calendar_ics([event], now, name=event.title, zone=zone or event.timezone, describe=describe)


def ics_filename(event: Event) -> str:
    return f"event-{event.id}.ics"


# -- series -----------------------------------------------------------------------------------
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def series_uid(series: "Series") -> str:
    return f"series-{series.id}-{series.guild_id}@{UID_DOMAIN}"


def series_rrule(series: "Series") -> dict[str, object]:
    """The RRULE of a series, counted (COUNT is exact whatever the zone, unlike UNTIL)."""
    from zoneinfo import ZoneInfo

    from bot.domain.series import FORTNIGHTLY, MONTHLY_DATE, MONTHLY_WEEKDAY, WEEKLY, nth_weekday

    local = series.first_start.astimezone(ZoneInfo(series.timezone))
    if series.rule == WEEKLY:
        return {"freq": "WEEKLY", "count": series.occurrences}
    if series.rule == FORTNIGHTLY:
        return {"freq": "WEEKLY", "interval": 2, "count": series.occurrences}
    if series.rule == MONTHLY_DATE:
        return {"freq": "MONTHLY", "bymonthday": local.day, "count": series.occurrences}
    assert series.rule == MONTHLY_WEEKDAY
    return {"freq": "MONTHLY", "byday": f"{nth_weekday(local)}{_WEEKDAYS[local.weekday()]}",
            "count": series.occurrences}


def series_ics(series: "Series", occurrences: Iterable[Event], original: dict[int, datetime],
               now: datetime) -> bytes:
    """The whole series as one recurring VEVENT: DTSTART in the series' zone (so calendars keep the
    wall-clock time across daylight saving) with RRULE; cancelled dates as EXDATE; a date that was
    edited on its own as an override (RECURRENCE-ID). A VTIMEZONE for the zone is included."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(series.timezone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", series.title)
    cal.add("x-wr-timezone", series.timezone)
    master = VEvent()
    master.add("uid", series_uid(series))
    master.add("dtstamp", now.astimezone(timezone.utc))
    start = series.first_start.astimezone(tz)
    master.add("dtstart", start)
    from datetime import timedelta

    master.add("dtend", start + timedelta(minutes=series.duration_min))
    master.add("summary", series.title)
    if series.description:
        master.add("description", series.description)
    if series.location:
        master.add("location", series.location)
    master.add("rrule", series_rrule(series))
    occurrences = list(occurrences)
    exdates = [original[e.id].astimezone(tz) for e in occurrences if e.cancelled and e.id in original]
    if exdates:
        master.add("exdate", exdates)
    master.add("status", "CONFIRMED")
    if occurrences:
        _add_alarm(master, occurrences[0])
    cal.add_component(master)
    for event in occurrences:
        if event.cancelled or event.id not in original:
            continue
        same = (event.starts_at == original[event.id] and event.title == series.title
                and event.description == series.description and event.location == series.location
                and event.duration_min == series.duration_min)
        if same:
            continue
        item = VEvent()
        item.add("uid", series_uid(series))
        item.add("recurrence-id", original[event.id].astimezone(tz))
        item.add("dtstamp", now.astimezone(timezone.utc))
        item.add("dtstart", event.starts_at.astimezone(tz))
        item.add("dtend", event.ends_at.astimezone(tz))
        item.add("summary", event.title)
        if event.description:
            item.add("description", event.description)
        if event.location:
            item.add("location", event.location)
        item.add("sequence", event.version - 1)
        _add_alarm(item, event)
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def series_filename(series: "Series") -> str:
    return f"series-{series.id}.ics"
