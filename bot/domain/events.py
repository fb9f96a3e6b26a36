"""Events: what an organiser announces, the rules for creating, editing and cancelling them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Collection

from bot.domain.durations import format_minutes, format_offsets, parse_duration, parse_offsets
from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Community, Member, MessageRef, Place
from bot.domain.roles import Actor, require_organiser
from bot.domain.rsvp import DECLINED
from bot.domain.when import parse_when

SCHEDULED = "scheduled"
CANCELLED = "cancelled"
DEFAULT_DURATION = 60
MAX_DURATION = 7 * 1440
MAX_CAPACITY = 100_000
# Room is kept under Discord's embed limits (title 256, description 4096) for the CANCELLED prefix.
MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_LOCATION = 200
MAX_REASON = 300
MAX_ORGANISER_NAME = 100  # a Telegram full name is at most 64 + 1 + 64; shown cut shorter anyway


@dataclass(frozen=True)
class Event:
    """An event as stored. Times are aware UTC; `timezone` is the zone it was announced in.
    `guild_id` and `channel_id` are ids on the community's `platform`."""

    id: int
    guild_id: int
    channel_id: int
    message_id: int | None
    organiser_id: int
    title: str
    description: str
    location: str
    starts_at: datetime
    duration_min: int
    timezone: str
    capacity: int | None
    reminder_offsets: tuple[int, ...]
    status: str = SCHEDULED
    cancel_reason: str = ""
    version: int = 1
    platform: str = DISCORD
    series_id: int | None = None  # the series this is one occurrence of (bot.domain.series)
    rsvp_role: int | None = None  # only members with this role may answer Going or Maybe
    ping_role: int | None = None  # the one role the announcement mentions (the organiser's choice)
    # The organiser as they were when creating it: their platform (a linked community's events are
    # created from either platform, so it may differ from `platform`) and display name, shown where
    # the organiser cannot be mentioned. Empty on events created before they were kept.
    organiser_name: str = ""
    organiser_platform: str = ""

    @property
    def organiser(self) -> Member:
        """The organiser as a member of their own platform (an older event's: the community's)."""
        return Member(self.organiser_platform or self.platform, self.organiser_id)

    @property
    def community(self) -> Community:
        return Community(self.platform, self.guild_id)

    @property
    def place(self) -> Place:
        return Place(self.platform, self.channel_id)

    @property
    def message_ref(self) -> MessageRef | None:
        """The announcement, once posted."""
        return None if self.message_id is None else MessageRef(self.place, self.message_id)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_min)

    @property
    def cancelled(self) -> bool:
        return self.status == CANCELLED

    def jump_url(self) -> str | None:
        """A link to the announcement (Discord's message links; other platforms have none yet)."""
        if self.message_id is None or self.platform != DISCORD:
            return None
        return f"https://discord.com/channels/{self.guild_id}/{self.channel_id}/{self.message_id}"


@dataclass(frozen=True)
class Counts:
    """How many members gave each answer."""

    going: int = 0
    maybe: int = 0
    declined: int = 0
    waitlist: int = 0


@dataclass(frozen=True)
class Change:
    """One field an edit changed, as display text for the DM ("old -> new")."""

    field: str
    old: str
    new: str
    # The values themselves (a start's datetimes, a duration's minutes), so a front end can write
    # them out in the community's language.
    values: tuple[object, object] | None = None


def _text(value: str | None, field: str, limit: int, *, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise DomainError("event.title_required")
    if len(text) > limit:
        raise DomainError("common.too_long", field=field, limit=limit)
    return text


def _capacity(value: int | None, *, allow_zero: bool = False) -> int | None:
    if value is None:
        return None
    if allow_zero and value == 0:
        return None
    if not 1 <= value <= MAX_CAPACITY:
        raise DomainError("event.bad_capacity", value=value, maximum=MAX_CAPACITY)
    return value


def clean_role(actor: Actor, role: int | None) -> int | None:
    """A `role:` option: @everyone (the community's own id) means no restriction."""
    return None if role is None or role == actor.guild_id else role


def clean_ping(actor: Actor, role: int | None) -> int | None:
    """A `ping:` option: any role but @everyone, which an announcement never mentions."""
    if role is not None and role == actor.guild_id:
        raise DomainError("event.ping_everyone")
    return role


def require_rsvp_role(actor: Actor, event: Event, choice: str) -> None:
    """Going and Maybe on a role-gated event need the role; anyone may say they can't go."""
    require_rsvp_roles(actor.role_ids, event, choice)


def require_rsvp_roles(role_ids: Collection[int], event: Event, choice: str) -> None:
    """The same rule for a member holding `role_ids`, for storage to apply inside the write that
    records the click (so an edit of the event's role cannot slip between the check and the write)."""
    if event.rsvp_role is not None and choice != DECLINED and event.rsvp_role not in role_ids:
        raise DomainError("rsvp.role_required", role=f"<@&{event.rsvp_role}>")


def require_same_community(actor: Actor, event: Event) -> None:
    """An event of another community (a copied button, a guessed id) is refused as if it did not exist."""
    if actor.community != event.community:
        raise DomainError("common.not_found")


def require_manager(actor: Actor, settings: GuildSettings, event: Event) -> None:
    """Organisers of the event's own guild may edit, cancel and see attendees."""
    require_same_community(actor, event)
    require_organiser(actor, settings)


def plan_event(actor: Actor, settings: GuildSettings, *, title: str, when: str, now: datetime,
               channel_id: int | None, duration: str | None = None, location: str | None = None,
               description: str | None = None, capacity: int | None = None,
               reminders: str | None = None, role: int | None = None, ping: int | None = None) -> Event:
    """A new event (id 0 until stored) from /event create's options, validated as a whole.

    Refuses members who are not organisers, a missing announcements channel, and any bad option.
    """
    require_organiser(actor, settings)
    community = actor.community
    if community is None:
        raise DomainError("common.guild_only")
    clean_title = _text(title, "title", MAX_TITLE, required=True)
    clean_description = _text(description, "description", MAX_DESCRIPTION)
    clean_location = _text(location, "location", MAX_LOCATION)
    understood = parse_when(when, settings.timezone, now)
    minutes = DEFAULT_DURATION if not duration else parse_duration(duration, maximum=MAX_DURATION)
    offsets = parse_offsets(reminders) if reminders else settings.reminder_offsets
    channel = channel_id or settings.announcements_channel
    if channel is None:
        raise DomainError("event.no_channel")
    return Event(
        id=0, guild_id=community.id, channel_id=channel, message_id=None, organiser_id=actor.user_id,
        title=clean_title, description=clean_description, location=clean_location,
        starts_at=understood.start, duration_min=minutes, timezone=settings.timezone,
        capacity=_capacity(capacity), reminder_offsets=offsets, platform=community.platform,
        rsvp_role=clean_role(actor, role), ping_role=clean_ping(actor, ping),
        organiser_name=" ".join(actor.display_name.split())[:MAX_ORGANISER_NAME],
        organiser_platform=actor.platform,
    )


def plan_edit(actor: Actor, settings: GuildSettings, event: Event, *, now: datetime, going: int,
              title: str | None = None, starts_at: datetime | None = None, duration: str | None = None,
              location: str | None = None, description: str | None = None,
              capacity: int | None = None, role: int | None = None) -> tuple[Event, list[Change]]:
    """The event after /event edit, and what changed. `capacity=0` removes the limit; `role`
    @everyone removes the restriction.

    `starts_at` is the new `when` already read by :func:`parse_when` in the event's own zone: the
    caller parses it before the write transaction, which must not wait on dateparser.

    Capacity cannot go below the members already going (nobody is taken off the list); a cancelled
    or finished event cannot be edited; an edit that changes nothing is refused.
    """
    require_manager(actor, settings, event)
    if event.cancelled:
        raise DomainError("event.cancelled", title=event.title)
    if event.ends_at <= now:
        raise DomainError("event.over", title=event.title)
    updated = event
    if title is not None:
        updated = replace(updated, title=_text(title, "title", MAX_TITLE, required=True))
    if description is not None:
        updated = replace(updated, description=_text(description, "description", MAX_DESCRIPTION))
    if location is not None:
        updated = replace(updated, location=_text(location, "location", MAX_LOCATION))
    if starts_at is not None:
        updated = replace(updated, starts_at=starts_at)
    if duration is not None:
        updated = replace(updated, duration_min=parse_duration(duration, maximum=MAX_DURATION))
    if capacity is not None:
        new_capacity = _capacity(capacity, allow_zero=True)
        if new_capacity is not None and new_capacity < going:
            raise DomainError("event.capacity_below_going", value=new_capacity, going=going)
        updated = replace(updated, capacity=new_capacity)
    if role is not None:
        updated = replace(updated, rsvp_role=clean_role(actor, role))
    changes = describe_changes(event, updated)
    if not changes:
        raise DomainError("event.nothing_changed")
    return replace(updated, version=event.version + 1), changes


def _role(role: int | None) -> str:
    return f"<@&{role}>" if role is not None else "-"


def _stamp(moment: datetime) -> str:
    return f"<t:{int(moment.timestamp())}:F>"


def describe_changes(old: Event, new: Event) -> list[Change]:
    """The fields that differ, as text for people (times as Discord timestamps)."""
    out: list[Change] = []
    if old.title != new.title:
        out.append(Change("title", old.title, new.title))
    if old.starts_at != new.starts_at:
        out.append(Change("when", _stamp(old.starts_at), _stamp(new.starts_at), (old.starts_at, new.starts_at)))
    if old.duration_min != new.duration_min:
        out.append(Change("duration", format_minutes(old.duration_min), format_minutes(new.duration_min),
                          (old.duration_min, new.duration_min)))
    if old.location != new.location:
        out.append(Change("location", old.location or "-", new.location or "-"))
    if old.description != new.description:
        out.append(Change("description", old.description or "-", new.description or "-"))
    if old.capacity != new.capacity:
        out.append(Change("capacity", str(old.capacity or "∞"), str(new.capacity or "∞")))
    if old.rsvp_role != new.rsvp_role:
        out.append(Change("role", _role(old.rsvp_role), _role(new.rsvp_role)))
    return out


def plan_cancel(actor: Actor, settings: GuildSettings, event: Event, *, reason: str | None,
                now: datetime | None = None) -> Event:
    """The event as cancelled; refused if it already is, or (given `now`) if it is over: cancelling
    would tell everyone who answered that a session they attended was called off."""
    require_manager(actor, settings, event)
    if event.cancelled:
        raise DomainError("event.cancelled", title=event.title)
    if now is not None and event.ends_at <= now:
        raise DomainError("event.over", title=event.title)
    return replace(event, status=CANCELLED, cancel_reason=_text(reason, "reason", MAX_REASON),
                   version=event.version + 1)


def offsets_label(event: Event) -> str:
    return format_offsets(event.reminder_offsets) if event.reminder_offsets else "-"


def capacity_raised(old: Event, new: Event) -> bool:
    """An edit that makes room: the limit was removed or raised (waitlisted members move up)."""
    return new.capacity is None or (old.capacity is not None and new.capacity > old.capacity)


def reminders_moved(old: Event, new: Event) -> bool:
    """An edit after which the pending reminders are planned afresh."""
    return new.starts_at != old.starts_at or new.reminder_offsets != old.reminder_offsets


def free_places(capacity: int | None, going: int) -> int | None:
    """Places left (None when unlimited)."""
    return None if capacity is None else max(capacity - going, 0)
