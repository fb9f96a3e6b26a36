"""Event templates: what a community's recurring kind of event looks like (title, duration,
location, description, capacity, reminders, role), saved from an event and reused by
`/event create template:name when:...`, whose own options win over the template's."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.domain.errors import DomainError
from bot.domain.events import Event
from bot.domain.identity import DISCORD, Community

MAX_NAME = 32
MAX_TEMPLATES = 25  # one autocomplete list
_NAME = re.compile(r"^[\w-]+$")


@dataclass(frozen=True)
class EventTemplate:
    platform: str
    guild_id: int
    name: str
    title: str
    description: str
    location: str
    duration_min: int
    capacity: int | None
    reminder_offsets: tuple[int, ...]
    rsvp_role: int | None
    created_by: int

    @property
    def community(self) -> Community:
        return Community(self.platform, self.guild_id)


def template_name(text: str | None) -> str:
    """A template's name: 1-32 letters (any script), digits, `-` or `_`; spaces become `-`; case is
    ignored (stored in lower case)."""
    name = "-".join((text or "").strip().lower().split())
    if not name or len(name) > MAX_NAME or not _NAME.match(name):
        raise DomainError("template.bad_name", value=(text or "")[:50], maximum=MAX_NAME)
    return name


def template_of(event: Event, name: str, created_by: int) -> EventTemplate:
    """The template an event gives: everything but its time, channel and answers."""
    return EventTemplate(platform=event.platform or DISCORD, guild_id=event.guild_id, name=template_name(name),
                         title=event.title, description=event.description, location=event.location,
                         duration_min=event.duration_min, capacity=event.capacity,
                         reminder_offsets=event.reminder_offsets, rsvp_role=event.rsvp_role,
                         created_by=created_by)


def fill_from_template(draft: Event, template: EventTemplate, *, given: set[str]) -> Event:
    """`draft` (planned from the options the organiser typed, the template's title standing in for a
    missing one) with every option not `given` taken from the template."""
    out = draft
    if "duration" not in given:
        out = replace(out, duration_min=template.duration_min)
    if "location" not in given:
        out = replace(out, location=template.location)
    if "description" not in given:
        out = replace(out, description=template.description)
    if "capacity" not in given:
        out = replace(out, capacity=template.capacity)
    if "reminders" not in given and template.reminder_offsets:
        out = replace(out, reminder_offsets=template.reminder_offsets)
    if "role" not in given:
        out = replace(out, rsvp_role=template.rsvp_role)
    return out
