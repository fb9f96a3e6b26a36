""".ics files (RFC 5545) for one event or a member's list, written with icalendar.

Times are written in UTC (`DTSTART:20261205T130000Z`), which every calendar reads the same way; the
event's IANA zone travels beside them as `X-WR-TIMEZONE` so a calendar can show the organiser's zone.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable, Iterable

from icalendar import Calendar, Event as VEvent

from bot.domain.events import Event

PRODID = "-//Baithak//Events//EN"
UID_DOMAIN = "baithak.events"


def event_uid(event: Event) -> str:
    """Stable per event, so re-importing an edited event updates it instead of adding a copy."""
    return f"event-{event.id}-{event.guild_id}@{UID_DOMAIN}"


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


def event_ics(event: Event, now: datetime, describe: Describe | None = None) -> bytes:
    """The .ics for one event, in the event's own zone."""
    return calendar_ics([event], now, name=event.title, zone=event.timezone, describe=describe)


def ics_filename(event: Event) -> str:
    return f"event-{event.id}.ics"
