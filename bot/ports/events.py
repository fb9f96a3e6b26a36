"""Storage of events, RSVPs and reminder rows, as the app layer (`bot.app.events`) sees it.

Every decision that depends on the current state (a place left? who moves up from the waitlist?)
is taken inside one write unit of the driver, so concurrent clicks can never both take the last
place; every method returns only after its change is durable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Collection, Protocol

from bot.domain.events import Change, Counts, Event
from bot.domain.identity import DISCORD, Community, Member, MessageRef

Planned = tuple[tuple[int, datetime], ...]  # (offset minutes, due time) of pending reminders


@dataclass(frozen=True)
class RsvpOutcome:
    """What a click did. `position` is the 1-based waitlist place; `promoted` moved up because of it;
    `planned` are the reminder (offset, due) pairs now pending for this event (for the scheduler)."""

    event: Event
    previous: str | None
    status: str
    position: int | None
    promoted: tuple[Member, ...] = ()
    planned: Planned = ()


@dataclass(frozen=True)
class EditOutcome:
    """The event before and after an edit, who moved up, who answered (to tell), reminders pending."""

    old: Event
    new: Event
    changes: list[Change]
    promoted: tuple[Member, ...]
    notify: tuple[Member, ...]
    planned: Planned


@dataclass(frozen=True)
class Attendee:
    user_id: int
    display_name: str
    status: str
    position: int | None  # place on the waitlist (1-based), None for other statuses
    updated_at: datetime
    platform: str = DISCORD

    @property
    def member(self) -> Member:
        return Member(self.platform, self.user_id)


@dataclass(frozen=True)
class Claimed:
    """A reminder row taken for sending."""

    id: int
    member: Member
    due_at: datetime


@dataclass(frozen=True)
class ReminderGroup:
    """Pending reminders of one event at one offset: one scheduler job fans out to all of them."""

    event_id: int
    offset_min: int
    due_at: datetime  # the earliest due time among them
    count: int = 0


EditPlan = Callable[[Event, int], tuple[Event, list[Change]]]  # (event, members going) -> new, changes
CancelPlan = Callable[[Event], Event]


class EventsRepository(Protocol):
    # -- events ---------------------------------------------------------------------------------
    async def create(self, draft: Event, now: datetime) -> Event:
        """Store a new event (the draft's id is ignored); returns it with its id."""
        ...

    async def set_message(self, event_id: int, ref: MessageRef) -> None:
        """Record where the announcement was posted."""
        ...

    async def delete(self, event_id: int) -> None:
        """Remove an event whose announcement could not be posted (with any answers)."""
        ...

    async def get(self, event_id: int) -> Event | None: ...

    async def counts(self, event_id: int) -> Counts: ...

    async def upcoming(self, community: Community, now: datetime, *, limit: int,
                       offset: int = 0) -> list[Event]:
        """Scheduled events of the community not yet ended, soonest first."""
        ...

    async def count_upcoming(self, community: Community, now: datetime) -> int: ...

    async def going_counts(self, event_ids: list[int]) -> dict[int, int]:
        """How many are going to each of these events (events nobody is going to are left out)."""
        ...

    async def search(self, community: Community, query: str, now: datetime, *, limit: int = 25,
                     include_past: bool = False) -> list[Event]:
        """The community's events whose title contains `query` literally (case-insensitive for Latin
        letters): upcoming ones first, then (with `include_past`) finished, then cancelled."""
        ...

    async def find_by_title(self, community: Community, title: str) -> list[Event]:
        """Events titled exactly `title` (case-insensitive), scheduled before cancelled, latest first;
        at most two (enough to tell a unique match)."""
        ...

    # -- RSVP -----------------------------------------------------------------------------------
    async def rsvp(self, event_id: int, *, community: Community | None, member: Member,
                   display_name: str, choice: str, now: datetime, roles: Collection[int] = ()) -> RsvpOutcome:
        """Record a click (going, maybe, declined) decided by `bot.domain.rsvp.decide` on the current
        state; raises DomainError and changes nothing when refused, including for a click from another
        community than the event's, and for Going / Maybe on a role-gated event by a member whose
        `roles` lack its role (`bot.domain.events.require_rsvp_roles`, checked in the same write unit
        as the click, on the event as it stands then)."""
        ...

    async def status_of(self, event_id: int, member: Member) -> str | None: ...

    async def recently_answered(self, since: datetime, now: datetime) -> list[int]:
        """Upcoming (not yet ended), announced, listed events with an answer changed at or after
        `since`: the announcements a crash may have left behind the database."""
        ...

    async def attendees(self, event_id: int) -> list[Attendee]:
        """Everyone who answered: going, waitlist (in order), maybe, declined; each in click order."""
        ...

    async def member_upcoming(self, member: Member, community: Community | None, now: datetime,
                              limit: int = 50) -> list[tuple[Event, str]]:
        """The member's answered (not declined), scheduled, not yet ended events with their status,
        soonest first; only `community`'s when given."""
        ...

    # -- edit and cancel ------------------------------------------------------------------------
    async def edit(self, event_id: int, plan: EditPlan, now: datetime) -> EditOutcome:
        """Apply `plan(event, going)` in one unit; promote on a raised capacity and re-plan reminders
        when the start or the offsets moved. A DomainError from `plan` changes nothing."""
        ...

    async def cancel(self, event_id: int, plan: CancelPlan, now: datetime) -> tuple[Event, tuple[Member, ...]]:
        """Cancel in one unit and drop pending reminders; returns the event and who answered."""
        ...

    # -- reminders ------------------------------------------------------------------------------
    async def pending_groups(self) -> list[ReminderGroup]:
        """Every (event, offset) with pending reminders."""
        ...

    async def claim(self, event_id: int, offset_min: int, now: datetime, limit: int = 100) -> list[Claimed]:
        """Claim up to `limit` due reminders of one (event, offset), oldest first: once returned they
        are never returned again, whatever happens to the process."""
        ...

    async def requeue_claimed(self) -> int:
        """At start-up: reminders claimed by a process that stopped before recording their outcome
        go back to pending (they are re-sent with the same nonce, so a DM that did go out is not
        repeated). Returns how many. Only for a store one process uses at a time."""
        ...

    async def finish(self, outcomes: dict[str, list[int]], now: datetime) -> None:
        """Record each claimed reminder's outcome (a status of `bot.domain.reminders` -> row ids)."""
        ...

    async def reminder_statuses(self, event_id: int) -> list[tuple[Member, int, str]]:
        """(member, offset, status) of every reminder row of the event, by member and offset."""
        ...

