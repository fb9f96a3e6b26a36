"""Events and RSVP: announce, answer, edit, cancel, list, export; the member's own events.

Each use case takes the acting member (an `Actor`) and plain values and returns the `Message` to
answer them with; what else happens (the announcement posted or refreshed, members told by DM,
reminders planned) goes through the ports. PRODUCT.md, "Events and RSVP", in one place.
"""

from __future__ import annotations

import asyncio

import logging
from dataclasses import dataclass, replace
from typing import Sequence
from zoneinfo import ZoneInfo

from bot.app.background import Background
from bot.app.delivery import Deliveries, dm_many
from bot.app.refresh import Refresher
from bot.app.reminders import ReminderService
from bot.app.setup import SetupService
from bot.domain.calendar import calendar_ics, event_ics, ics_filename
from bot.domain.clock import Clock
from bot.domain.errors import DomainError
from bot.domain.event_attendees import AttendeeRow, attendees_csv
from bot.domain.events import (Change, Counts, Event, plan_cancel, plan_edit, plan_event, require_manager,
                               require_same_community)
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import Community, Member, Place, parse_id
from bot.domain.roles import Actor
from bot.domain.rsvp import WAITLIST
from bot.domain.when import parse_when
from bot.i18n import t
from bot.i18n.format import CONTENT, EMBED_DESCRIPTION, EMBED_TITLE, FIELD_VALUE, FOOTER, cut, ts
from bot.ports.events import Attendee, EventsRepository
from bot.ports.messaging import (PRIMARY, SECONDARY, SUCCESS, Attachment, Button, Card, Field, Message,
                                 Messenger, MessengerError)
from bot.ports.runtime import Scheduler

log = logging.getLogger(__name__)

COLOUR = 0x2B7A78
CANCELLED_COLOUR = 0x777777
PAGE_SIZE = 5
CHOICES = 25

# Button intents on an announcement (target: (event_id,)) and on /event list (target: (page,)).
RSVP_GO = "rsvp.go"
RSVP_MAYBE = "rsvp.maybe"
RSVP_NO = "rsvp.no"
RSVP_ICS = "rsvp.ics"
LIST_PREVIOUS = "evlist.previous"
LIST_NEXT = "evlist.next"
_RSVP_BUTTONS = ((RSVP_GO, "button.going", SUCCESS), (RSVP_MAYBE, "button.maybe", PRIMARY),
                 (RSVP_NO, "button.declined", SECONDARY), (RSVP_ICS, "button.calendar", SECONDARY))


@dataclass(frozen=True)
class Choice:
    """One autocomplete suggestion for an `event` option: shown `label`, submitted `value`."""

    label: str
    value: str


# -- messages ---------------------------------------------------------------------------------
def _capacity_text(counts: Counts, event: Event) -> str:
    return f"{counts.going}/{event.capacity}" if event.capacity is not None else str(counts.going)


def announcement_card(event: Event, counts: Counts, lang: str) -> Card:
    """Title, description, start/end as timestamps, location, organiser and the live counts. A
    cancelled event says so in its title and colour, with the reason."""
    title = t(lang, "embed.cancelled_title", title=event.title) if event.cancelled else event.title
    fields = [Field(t(lang, "embed.starts"), f"{ts(event.starts_at, 'F')}\n{ts(event.starts_at, 'R')}"),
              Field(t(lang, "embed.ends"), ts(event.ends_at, "F"))]
    if event.location:
        fields.append(Field(t(lang, "embed.location"), cut(event.location, FIELD_VALUE), inline=False))
    fields += [Field(t(lang, "embed.organiser"), f"<@{event.organiser_id}>", inline=False),
               Field(t(lang, "embed.going"), _capacity_text(counts, event)),
               Field(t(lang, "embed.maybe"), str(counts.maybe)),
               Field(t(lang, "embed.waitlist"), str(counts.waitlist))]
    if event.cancelled:
        reason = event.cancel_reason or t(lang, "embed.no_reason")
        fields.append(Field(t(lang, "embed.cancelled_reason"), cut(reason, FIELD_VALUE), inline=False))
    return Card(title=cut(title, EMBED_TITLE), body=cut(event.description, EMBED_DESCRIPTION),
                fields=tuple(fields), footer=cut(t(lang, "embed.footer", id=event.id, zone=event.timezone), FOOTER),
                colour=CANCELLED_COLOUR if event.cancelled else COLOUR)


def announcement(event: Event, counts: Counts, lang: str) -> Message:
    """The announcement with its four buttons; all disabled once the event is cancelled."""
    buttons = tuple(Button(action, (event.id,), t(lang, label), style, disabled=event.cancelled)
                    for action, label, style in _RSVP_BUTTONS)
    return Message(cards=(announcement_card(event, counts, lang),), buttons=(buttons,))


def change_lines(changes: Sequence[Change], lang: str) -> str:
    """What an edit changed, one "field: old → new" line each (for the DM and the organiser)."""
    return "\n".join(t(lang, "event.change_line", field=t(lang, f"event.field.{c.field}"), old=cut(c.old, 300),
                       new=cut(c.new, 300)) for c in changes)


def _with_link(line: str, event: Event, lang: str) -> str:
    url = event.jump_url()
    return f"{line} · [{t(lang, 'list.link')}]({url})" if url else line


def event_line(event: Event, going: int, lang: str) -> str:
    """One line of /event list: title, start, how many are going (out of the capacity), a link."""
    capacity = f"/{event.capacity}" if event.capacity is not None else ""
    line = t(lang, "list.line", title=cut(event.title, 100), start=ts(event.starts_at, "F"),
             relative=ts(event.starts_at, "R"), going=going, capacity=capacity)
    return _with_link(line, event, lang)


def attendees_card(event: Event, people: Sequence[Attendee], lang: str) -> Card:
    """Up to a field's worth of names per status; the CSV attached beside it has everyone."""
    title = cut(t(lang, "attendees.title", title=event.title), EMBED_TITLE)
    if not people:
        return Card(title=title, body=t(lang, "attendees.empty"), colour=COLOUR)
    fields = []
    for status in ("going", "waitlist", "maybe", "declined"):
        group = [p for p in people if p.status == status]
        if not group:
            continue
        lines: list[str] = []
        used = 0
        for i, person in enumerate(group):
            prefix = f"{person.position}. " if person.position else "• "
            line = f"{prefix}<@{person.user_id}> {cut(person.display_name, 40)}"
            more = t(lang, "attendees.more", count=len(group) - i)
            if used + len(line) + 1 + len(more) > FIELD_VALUE:
                lines.append(more)
                break
            lines.append(line)
            used += len(line) + 1
        fields.append(Field(f"{t(lang, 'status.' + status)} ({len(group)})", "\n".join(lines), inline=False))
    return Card(title=title, fields=tuple(fields), footer=t(lang, "attendees.csv_note"), colour=COLOUR)


def _text(text: str) -> Message:
    return Message(text=cut(text, CONTENT))


def _local(event: Event) -> str:
    return event.starts_at.astimezone(ZoneInfo(event.timezone)).strftime("%Y-%m-%d %H:%M")


# -- the service ------------------------------------------------------------------------------
class EventsService:
    """/event and /my, the announcement's buttons, and the reminders (`self.reminders`)."""

    def __init__(self, repo: EventsRepository, messenger: Messenger, *, clock: Clock, scheduler: Scheduler,
                 setup: SetupService, refresh_interval: float = 1.0) -> None:
        self.repo = repo
        self.messenger = messenger
        self.clock = clock
        self.setup = setup
        self.refresher = Refresher(self._refresh_announcement, interval=refresh_interval)
        self.background = Background("events")
        self.reminders = ReminderService(repo, messenger, clock=clock, scheduler=scheduler,
                                         settings_for=setup.settings_for)
        scheduler.add_loader("event reminders", self.reminders.load)

    async def idle(self) -> None:
        """Wait for announcement edits, DMs and reminders in flight (tests and shutdown)."""
        while self.background.busy or self.refresher.pending:
            await self.background.idle()
            await self.refresher.flush()
        await self.reminders.idle()

    def close(self) -> None:
        """Drop pending announcement refreshes (shutdown): the next change refreshes them again."""
        self.refresher.cancel_all()

    async def _settings(self, actor: Actor) -> GuildSettings:
        return await self.setup.settings_for(actor.community)

    @staticmethod
    def _community(actor: Actor) -> Community:
        if actor.community is None:
            raise DomainError("common.guild_only")
        return actor.community

    # -- looking events up --------------------------------------------------------------------
    async def resolve(self, actor: Actor, value: str) -> Event:
        """The event an `event` option names in the actor's community: an id (from autocomplete) or
        an exact title."""
        community = self._community(actor)
        text = (value or "").strip()
        event_id = parse_id(text)
        event = await self.repo.get(event_id) if event_id is not None else None
        if event is None:
            matches = await self.repo.find_by_title(community, text)
            event = matches[0] if matches else None
        if event is None or event.community != community:
            raise DomainError("event.unknown", value=cut(text, 100))
        return event

    async def choices(self, actor: Actor, current: str, *, include_past: bool) -> list[Choice]:
        """Autocomplete for `event` options: matching titles with their local start time."""
        if actor.community is None:
            return []
        events = await self.repo.search(actor.community, current, self.clock.now(), include_past=include_past,
                                        limit=CHOICES)
        lang = (await self._settings(actor)).language
        out = []
        for event in events:
            label = f"{event.title} · {_local(event)}"
            if event.cancelled:
                label = t(lang, "embed.cancelled_title", title=label)
            out.append(Choice(cut(label, 100), str(event.id)))
        return out

    # -- the announcement ---------------------------------------------------------------------
    async def _refresh_announcement(self, event_id: int) -> None:
        event = await self.repo.get(event_id)
        if event is None or event.message_ref is None:
            return
        counts = await self.repo.counts(event_id)
        lang = (await self.setup.settings_for(event.community)).language
        if not await self.messenger.edit(event.message_ref, announcement(event, counts, lang)):
            log.warning("announcement of event %s (message %s) is gone", event_id, event.message_id)

    # -- /event create ------------------------------------------------------------------------
    async def create(self, actor: Actor, *, title: str, when: str, duration: str | None = None,
                     location: str | None = None, description: str | None = None, capacity: int | None = None,
                     place: Place | None = None, reminders: str | None = None) -> Message:
        """Validate, store, announce in `place` (default: the announcements channel). If the
        announcement cannot be posted the event is removed again and the organiser told why."""
        settings = await self._settings(actor)
        lang = settings.language
        now = self.clock.now()
        # Reading the time (dateparser: regexes, first-use tables) is CPU work: off the event loop.
        draft = await asyncio.to_thread(
            plan_event, actor, settings, title=title, when=when, now=now, duration=duration,
            location=location, description=description, capacity=capacity,
            channel_id=place.id if place else None, reminders=reminders)
        event = await self.repo.create(draft, now)
        try:
            ref = await self.messenger.post(event.place, announcement(event, Counts(), lang))
        except MessengerError:
            log.warning("could not announce event %s in channel %s", event.id, event.channel_id, exc_info=True)
            await self.repo.delete(event.id)
            raise DomainError("event.post_failed", channel=event.channel_id) from None
        await self.repo.set_message(event.id, ref)
        event = replace(event, channel_id=ref.place.id, message_id=ref.id)
        return _text(t(lang, "event.created", title=cut(event.title, 200), url=event.jump_url(),
                       start=ts(event.starts_at, "F"), relative=ts(event.starts_at, "R"),
                       local=f"{_local(event)} ({event.timezone})"))

    # -- RSVP ---------------------------------------------------------------------------------
    async def rsvp(self, actor: Actor, event_id: int, choice: str) -> Message:
        """Record Going / Maybe / Can't go (the domain decides: waitlist, promotion) and answer with
        the result; returns after the click is durable. The announcement refresh, reminders and the
        DMs to promoted members follow in the background."""
        community = self._community(actor)
        outcome = await self.repo.rsvp(event_id, community=community, member=actor.member,
                                       display_name=actor.display_name, choice=choice, now=self.clock.now())
        lang = (await self._settings(actor)).language
        event = outcome.event
        if outcome.previous != outcome.status or outcome.promoted:
            self.refresher.request(event_id)
        self.reminders.ensure(event_id, outcome.planned)
        if outcome.promoted:
            self.background.spawn(self._tell_promoted(event, outcome.promoted, lang), "tell promoted members")
        title = cut(event.title, 200)
        if outcome.status == WAITLIST:
            return _text(t(lang, "rsvp.waitlist", title=title, position=outcome.position))
        return _text(t(lang, f"rsvp.{outcome.status}", title=title))

    async def _tell_promoted(self, event: Event, members: Sequence[Member], lang: str) -> Deliveries:
        message = _text(t(lang, "rsvp.promoted_dm", title=event.title, start=ts(event.starts_at, "F"),
                          url=event.jump_url() or ""))
        delivery = await dm_many(self.messenger, members, lambda member: message)
        if delivery.closed:
            log.info("event %s: %d promoted member(s) have closed DMs", event.id, len(delivery.closed))
        return delivery

    async def event_ics(self, actor: Actor, event_id: int) -> Message:
        """The event as an .ics file (Add to calendar)."""
        event = await self.repo.get(event_id)
        if event is None:
            raise DomainError("common.not_found")
        require_same_community(actor, event)
        if event.cancelled:  # its button is disabled; a stale client may still send the click
            raise DomainError("rsvp.cancelled")
        lang = (await self._settings(actor)).language
        return Message(text=t(lang, "ics.ready", title=cut(event.title, 200)),
                       files=(Attachment(ics_filename(event), event_ics(event, self.clock.now())),))

    # -- /event edit and cancel ---------------------------------------------------------------
    async def edit(self, actor: Actor, event_ref: str, *, title: str | None = None, when: str | None = None,
                   duration: str | None = None, location: str | None = None, description: str | None = None,
                   capacity: int | None = None) -> Message:
        """Change an event (organisers): the announcement is refreshed, reminders re-planned, members
        who answered told what changed, waitlisted members moved up into new places."""
        settings = await self._settings(actor)
        lang = settings.language
        event = await self.resolve(actor, event_ref)
        require_manager(actor, settings, event)
        now = self.clock.now()
        # Read before the write unit (dateparser is slow), in the zone the event was announced in,
        # even if the community's zone changed since; the zone of an event never changes.
        starts_at = (await asyncio.to_thread(parse_when, when, event.timezone, now)).start if when is not None else None
        outcome = await self.repo.edit(event.id, lambda ev, going: plan_edit(
            actor, settings, ev, now=now, going=going, title=title, starts_at=starts_at, duration=duration,
            location=location, description=description, capacity=capacity), now)
        new = outcome.new
        if new.starts_at != outcome.old.starts_at or new.reminder_offsets != outcome.old.reminder_offsets:
            self.reminders.replan(event.id, outcome.old.reminder_offsets, outcome.planned)
        else:
            self.reminders.ensure(event.id, outcome.planned)
        self.refresher.request(event.id)
        changes = change_lines(outcome.changes, lang)
        dm = _text(t(lang, "event.dm_edited", title=new.title, changes=changes, url=new.jump_url() or ""))
        delivery = await dm_many(self.messenger, outcome.notify, lambda member: dm)
        if outcome.promoted:
            self.background.spawn(self._tell_promoted(new, outcome.promoted, lang), "tell promoted members")
        text = t(lang, "event.edited", title=cut(new.title, 200), changes=changes, notified=len(delivery.reached))
        if delivery.closed:
            text += "\n" + t(lang, "event.unreachable", count=len(delivery.closed))
        return _text(text)

    async def cancel(self, actor: Actor, event_ref: str, reason: str | None = None) -> Message:
        """Cancel an event (organisers): the announcement shows CANCELLED with its buttons disabled,
        pending reminders are dropped, members who answered are told by DM."""
        settings = await self._settings(actor)
        lang = settings.language
        event = await self.resolve(actor, event_ref)
        require_manager(actor, settings, event)
        now = self.clock.now()
        cancelled, notify = await self.repo.cancel(
            event.id, lambda ev: plan_cancel(actor, settings, ev, reason=reason, now=now), now)
        self.reminders.drop(event.id, cancelled.reminder_offsets)
        self.refresher.request(event.id)
        why = t(lang, "event.reason", reason=cancelled.cancel_reason) if cancelled.cancel_reason else ""
        dm = _text(t(lang, "event.dm_cancelled", title=cancelled.title, start=ts(cancelled.starts_at, "F"),
                     reason=why))
        delivery = await dm_many(self.messenger, notify, lambda member: dm)
        text = t(lang, "event.cancel_done", title=cut(cancelled.title, 200), notified=len(delivery.reached))
        if delivery.closed:
            text += "\n" + t(lang, "event.unreachable", count=len(delivery.closed))
        return _text(text)

    # -- /event list, info, attendees ---------------------------------------------------------
    async def list_page(self, actor: Actor, page: int) -> Message:
        """One page of the community's upcoming events, with Previous / Next (the page is clamped)."""
        community = self._community(actor)
        lang = (await self._settings(actor)).language
        now = self.clock.now()
        total = await self.repo.count_upcoming(community, now)
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        events = await self.repo.upcoming(community, now, limit=PAGE_SIZE, offset=page * PAGE_SIZE)
        if not events:
            card = Card(title=t(lang, "list.title"), body=t(lang, "list.empty"), colour=COLOUR)
        else:
            lines = [event_line(event, (await self.repo.counts(event.id)).going, lang) for event in events]
            card = Card(title=t(lang, "list.title"), body=cut("\n\n".join(lines), EMBED_DESCRIPTION),
                        footer=t(lang, "common.page", page=page + 1, pages=pages), colour=COLOUR)
        buttons = (Button(LIST_PREVIOUS, (max(page - 1, 0),), t(lang, "common.previous"), disabled=page == 0),
                   Button(LIST_NEXT, (page + 1,), t(lang, "common.next"), disabled=page >= pages - 1))
        return Message(cards=(card,), buttons=(buttons,))

    async def info(self, actor: Actor, event_ref: str) -> Message:
        """The announcement card (linking to it), with the actor's own answer if they gave one."""
        event = await self.resolve(actor, event_ref)
        lang = (await self._settings(actor)).language
        card = replace(announcement_card(event, await self.repo.counts(event.id), lang), url=event.jump_url())
        mine = await self.repo.status_of(event.id, actor.member)
        text = t(lang, "my.events.line", title=cut(event.title, 200), start=ts(event.starts_at, "F"),
                 relative=ts(event.starts_at, "R"), status=t(lang, f"status.{mine}")) if mine else ""
        return Message(text=text, cards=(card,))

    async def attendees(self, actor: Actor, event_ref: str) -> Message:
        """Who answered (organisers): a card per status and the full list as CSV."""
        settings = await self._settings(actor)
        lang = settings.language
        event = await self.resolve(actor, event_ref)
        require_manager(actor, settings, event)
        people = await self.repo.attendees(event.id)
        header = [t(lang, k) for k in ("csv.status", "csv.position", "csv.user_id", "csv.name", "csv.answered")]
        data = attendees_csv(header, (AttendeeRow(t(lang, f"status.{p.status}"), p.position, p.user_id,
                                                  p.display_name, p.updated_at) for p in people))
        return Message(cards=(attendees_card(event, people, lang),),
                       files=(Attachment(f"event-{event.id}-attendees.csv", data),))

    # -- /my ----------------------------------------------------------------------------------
    async def _mine(self, actor: Actor) -> list[tuple[Event, str]]:
        return await self.repo.member_upcoming(actor.member, actor.community, self.clock.now())

    async def my_events(self, actor: Actor) -> Message:
        """The actor's upcoming answers (in this community, or everywhere in DMs)."""
        lang = (await self._settings(actor)).language
        mine = await self._mine(actor)
        if not mine:
            return _text(t(lang, "my.events.empty"))
        lines = [_with_link(t(lang, "my.events.line", title=cut(event.title, 100), start=ts(event.starts_at, "F"),
                              relative=ts(event.starts_at, "R"), status=t(lang, f"status.{status}")), event, lang)
                 for event, status in mine]
        return Message(cards=(Card(title=cut(t(lang, "my.events.title"), EMBED_TITLE), colour=COLOUR,
                                   body=cut("\n\n".join(lines), EMBED_DESCRIPTION)),))

    async def my_calendar(self, actor: Actor) -> Message:
        """The actor's upcoming answers as one .ics file."""
        settings = await self._settings(actor)
        lang = settings.language
        mine = await self._mine(actor)
        if not mine:
            return _text(t(lang, "my.events.empty"))
        data = calendar_ics([e for e, _ in mine], self.clock.now(), name=t(lang, "my.events.title"),
                            zone=settings.timezone)
        return Message(text=t(lang, "my.calendar.ready", count=len(mine)),
                       files=(Attachment("my-events.ics", data),))

