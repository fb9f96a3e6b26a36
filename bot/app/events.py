"""Events and RSVP: announce, answer, edit, cancel, list, export; the member's own events.

Each use case takes the acting member (an `Actor`) and plain values and returns the `Message` to
answer them with; what else happens (the announcement posted or refreshed, members told by DM,
reminders planned) goes through the ports. PRODUCT.md, "Events and RSVP", in one place.
"""

from __future__ import annotations

import asyncio

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Callable, Sequence
from zoneinfo import ZoneInfo

from bot.app.background import Background
from bot.app.communities import Communities
from bot.app.delivery import Deliveries, dm_many
from bot.app.refresh import Refresher
from bot.app.reminders import ReminderService
from bot.app.setup import SetupService
from bot.domain.attendance import checkin_open
from bot.domain.calendar import calendar_ics, event_ics, ics_filename
from bot.domain.clock import Clock
from bot.domain.errors import DomainError
from bot.domain.event_attendees import AttendeeRow, attendees_csv
from bot.domain.event_templates import fill_from_template, template_name
from bot.domain.events import (Change, Counts, Event, plan_cancel, plan_edit, plan_event, require_manager,
                               require_same_community)
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import TELEGRAM, Community, Member, Place, parse_id
from bot.domain.roles import Actor
from bot.domain.rsvp import WAITLIST
from bot.domain.when import When, parse_when
from bot.i18n import RTL_LANGUAGES, dates, t
from bot.i18n.format import CONTENT, EMBED_DESCRIPTION, EMBED_TITLE, FIELD_VALUE, FOOTER, cut, ts
from bot.ports.event_extras import EventExtrasRepository
from bot.ports.events import Attendee, EventsRepository
from bot.ports.messaging import (PRIMARY, SECONDARY, SUCCESS, Attachment, Button, Card, Field, Listing, Message,
                                 Messenger, MessengerError, member_ref)
from bot.ports.runtime import Scheduler

log = logging.getLogger(__name__)

COLOUR = 0x2B7A78
CANCELLED_COLOUR = 0x777777
PAGE_SIZE = 5
CHOICES = 25
GOING_NAMES = 10  # names under the counts on an announcement, then "and N more"
# At start, announcements whose answers changed this recently are shown afresh (a crash may have
# fallen between a click's commit and the coalesced edit that shows it).
RECENT_ANSWERS = timedelta(days=1)

# Button intents on an announcement (target: (event_id,)) and on /event list (target: (page,)).
RSVP_GO = "rsvp.go"
RSVP_MAYBE = "rsvp.maybe"
RSVP_NO = "rsvp.no"
RSVP_ICS = "rsvp.ics"
CHECK_IN = "checkin.button"  # shown while check-in is open (bot.domain.attendance)
LIST_PREVIOUS = "evlist.previous"
LIST_NEXT = "evlist.next"
_RSVP_BUTTONS = ((RSVP_GO, "button.going", SUCCESS), (RSVP_MAYBE, "button.maybe", PRIMARY),
                 (RSVP_NO, "button.declined", SECONDARY), (RSVP_ICS, "button.calendar", SECONDARY))


@dataclass(frozen=True)
class Choice:
    """One autocomplete suggestion for an `event` option: shown `label`, submitted `value`."""

    label: str
    value: str


# Discord shows each reader a timestamp in their own zone; elsewhere times are written out in the event's.
_FOOTER = {TELEGRAM: "embed.footer_written"}


# -- messages ---------------------------------------------------------------------------------
def _capacity_text(counts: Counts, event: Event) -> str:
    return f"{counts.going}/{event.capacity}" if event.capacity is not None else str(counts.going)


def name_as_text(name: str) -> str:
    """A member's display name shown as plain text: markup escaped, no mention can form."""
    from bot.app.resources import escape

    return escape(cut(" ".join(name.split()), 40)).replace("@", "@\u200b").replace("<", "\\<")


def going_line(names: Sequence[str], going: int, lang: str) -> str:
    """The first going members by name (click order), then "and N more"."""
    shown = [name_as_text(n) for n in names[:GOING_NAMES] if n.strip()]
    more = going - len(shown)
    text = ", ".join(shown)
    if more > 0:
        text = t(lang, "embed.going_more", names=text, count=more) if shown else t(lang, "embed.going_only",
                                                                                   count=more)
    return cut(text, FIELD_VALUE)


def organiser_ref(event: Event) -> str:
    """The organiser in markup: a mention (Discord) or their name (Telegram) on their own platform,
    the name they had when creating the event as plain text on the other. An event created before
    names were kept: `<@id>`, as it always was."""
    if not event.organiser_name:
        return f"<@{event.organiser_id}>"
    return member_ref(event.organiser, cut(event.organiser_name, 40))


def _pair(lang: str, label_key: str, value: str) -> str:
    return t(lang, "embed.pair", label=t(lang, label_key), value=value)


def announcement_card(event: Event, counts: Counts, lang: str, going: Sequence[str] = ()) -> Card:
    """Title, description, start/end as timestamps, location, organiser, who may answer (a role-gated
    event), the live counts and the first going members by name. A cancelled event says so in its
    title and colour, with the reason.

    Discord lays inline fields out left to right whatever the language, so an Urdu reader (reading
    from the right) would meet End before Start and Waitlist before Going; on a phone they wrap
    unpredictably. In a right-to-left language the times and the answers are therefore each one
    full-width field whose lines are right-to-left paragraphs: label and value side by side, in
    reading order (Start, then End; Going, then Maybe, then Waitlist)."""
    title = t(lang, "embed.cancelled_title", title=event.title) if event.cancelled else event.title
    start = f"{ts(event.starts_at, 'F')}\n{ts(event.starts_at, 'R')}"
    rtl = lang in RTL_LANGUAGES
    if rtl:
        when = "\n".join((_pair(lang, "embed.starts", f"{ts(event.starts_at, 'F')} ({ts(event.starts_at, 'R')})"),
                          _pair(lang, "embed.ends", ts(event.ends_at, "F"))))
        fields = [Field(t(lang, "embed.when"), when, inline=False)]
    else:
        fields = [Field(t(lang, "embed.starts"), start), Field(t(lang, "embed.ends"), ts(event.ends_at, "F"))]
    if event.location:
        fields.append(Field(t(lang, "embed.location"), cut(event.location, FIELD_VALUE), inline=False))
    fields.append(Field(t(lang, "embed.organiser"), organiser_ref(event), inline=False))
    if event.rsvp_role is not None:
        fields.append(Field(t(lang, "embed.rsvp_role"), t(lang, "embed.rsvp_role_value", role=f"<@&{event.rsvp_role}>"),
                            inline=False))
    if rtl:
        answers = " · ".join((
            _pair(lang, "embed.going", _capacity_text(counts, event)),
            _pair(lang, "embed.maybe", str(counts.maybe)),
            _pair(lang, "embed.waitlist", str(counts.waitlist))))
        fields.append(Field(t(lang, "embed.answers"), answers, inline=False))
    else:
        fields += [Field(t(lang, "embed.going"), _capacity_text(counts, event)),
                   Field(t(lang, "embed.maybe"), str(counts.maybe)),
                   Field(t(lang, "embed.waitlist"), str(counts.waitlist))]
    if counts.going:
        fields.append(Field(t(lang, "embed.going_names"), going_line(going, counts.going, lang), inline=False))
    if event.cancelled:
        reason = event.cancel_reason or t(lang, "embed.no_reason")
        fields.append(Field(t(lang, "embed.cancelled_reason"), cut(reason, FIELD_VALUE), inline=False))
    return Card(title=cut(title, EMBED_TITLE), body=cut(event.description, EMBED_DESCRIPTION),
                fields=tuple(fields), footer=cut(t(lang, _FOOTER.get(event.platform, "embed.footer"), id=event.id,
                                                   zone=event.timezone), FOOTER),
                colour=CANCELLED_COLOUR if event.cancelled else COLOUR)


def announcement(event: Event, counts: Counts, lang: str, *, checkin: bool = False,
                 going: Sequence[str] = ()) -> Message:
    """The announcement with its four buttons (all disabled once the event is cancelled), and a
    fifth, Check in, while check-in is open (`checkin`). With a `ping` role, the text mentions that
    role, the one mention the message allows."""
    buttons = tuple(Button(action, (event.id,), t(lang, label), style, disabled=event.cancelled)
                    for action, label, style in _RSVP_BUTTONS)
    if checkin and not event.cancelled:
        buttons += (Button(CHECK_IN, (event.id,), t(lang, "checkin.button"), SUCCESS),)
    ping = () if event.ping_role is None else (event.ping_role,)
    return Message(text=f"<@&{event.ping_role}>" if ping else "", cards=(announcement_card(event, counts, lang, going),),
                   buttons=(buttons,), ping_roles=ping)


def _change_value(change: Change, index: int, lang: str, zone: str | None) -> str:
    """One side of a change; in Urdu a start is written out in the event's zone and a duration in
    Urdu units (Discord would show its timestamp in English)."""
    text = (change.old, change.new)[index]
    if lang != "ur" or change.values is None:
        return cut(text, 300)
    value = change.values[index]
    if change.field == "when" and isinstance(value, datetime) and zone:
        return dates.written(lang, value, zone)
    if change.field == "duration" and isinstance(value, int):
        return dates.minutes(lang, value)
    return cut(text, 300)


def change_lines(changes: Sequence[Change], lang: str, zone: str | None = None) -> str:
    """What an edit changed, one "field: old → new" line each (for the DM and the organiser)."""
    return "\n".join(t(lang, "event.change_line", field=t(lang, f"event.field.{c.field}"),
                       old=_change_value(c, 0, lang, zone), new=_change_value(c, 1, lang, zone))
                     for c in changes)


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
            # The name once, as text: a mention beside it showed the same name twice on Discord.
            line = f"{prefix}{name_as_text(person.display_name) or f'<@{person.user_id}>'}"
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


def _reading(lang: str, typed: str, reading: When) -> str:
    """How the organiser's `when` was read (and, for a bare hour 1-7, that it was taken as pm), so a
    wrong reading is seen at once."""
    local = (dates.written(lang, reading.start, reading.zone) if lang == "ur"
             else reading.start.astimezone(ZoneInfo(reading.zone)).strftime("%Y-%m-%d %H:%M"))
    line = t(lang, "when.read", value=cut(typed, 100), local=local, zone=reading.zone)
    return line + (" " + t(lang, "when.assumed_pm") if reading.assumed_pm else "")


def _ics_description(lang: str, zone: str | None = None) -> Callable[[Event], str]:
    """The line a calendar entry's description ends with: the start written out in `lang`, in `zone`
    (the member's own, /my timezone), else the event's own zone."""
    def describe(event: Event) -> str:
        where = zone or event.timezone
        return t(lang, "ics.starts", start=dates.written(lang, event.starts_at, where), zone=where)
    return describe


def _written_local(event: Event, lang: str) -> str:
    return dates.written(lang, event.starts_at, event.timezone) if lang == "ur" else _local(event)


def _local(event: Event) -> str:
    return event.starts_at.astimezone(ZoneInfo(event.timezone)).strftime("%Y-%m-%d %H:%M")


# -- the service ------------------------------------------------------------------------------
class EventsService:
    """/event and /my, the announcement's buttons, and the reminders (`self.reminders`)."""

    def __init__(self, repo: EventsRepository, messenger: Messenger, *, clock: Clock, scheduler: Scheduler,
                 setup: SetupService, refresh_interval: float = 1.0,
                 extras: EventExtrasRepository | None = None, communities: "Communities | None" = None) -> None:
        self.repo = repo
        self.extras = extras
        self.communities = communities  # linked communities: announcements on every platform
        self.messenger = messenger
        self.clock = clock
        self.setup = setup
        self.refresher = Refresher(self._refresh_announcement, interval=refresh_interval)
        self.background = Background("events")
        self.reminders = ReminderService(repo, messenger, clock=clock, scheduler=scheduler,
                                         settings_for=setup.settings_for)
        scheduler.add_loader("event reminders", self.reminders.load)
        self.watchers: list[Callable[[Event], None]] = []
        self._listing = asyncio.Lock()  # one native-listing call at a time: never two listings of one event
        if extras is not None:
            self.reminders.zone_of = extras.timezone_of
        if communities is not None:
            communities.on_join(self._group_joined)

    def _group_joined(self, joined: Community, home: Community) -> None:
        self.background.spawn(self.announce_in_linked(home), "announce upcoming events in a joined group")

    async def announce_in_linked(self, home: Community, limit: int = 25) -> int:
        """The community's upcoming announced events, posted in each linked place that does not show
        them yet (a group that just joined), and kept in step from then on; how many were posted."""
        assert self.communities is not None
        lang = (await self.setup.settings_for(home)).language
        posted = 0
        for event in await self.repo.upcoming(home, self.clock.now(), limit=limit):
            if event.message_ref is None:
                continue  # not announced yet (a series date): it is announced everywhere when due
            message = await self.render_announcement(event, lang)
            posted += len(await self.communities.post_where_missing(self.messenger, "event", event.id, home,
                                                                   message))
        return posted

    def _announced(self, event: Event) -> None:
        """An announcement was posted or its times changed: tell the watchers (check-in windows)."""
        for watch in self.watchers:
            watch(event)

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

    async def zone_of(self, member: Member, fallback: str) -> str:
        """The member's own zone (/my timezone), else `fallback` (the community's)."""
        if self.extras is None:
            return fallback
        return await self.extras.timezone_of(member) or fallback

    # -- the announcement ---------------------------------------------------------------------
    async def refresh_recent(self) -> int:
        """At start: ask every upcoming announcement whose answers changed in the last day to show
        the database's counts again, in the background; returns how many were asked."""
        now = self.clock.now()
        ids = await self.repo.recently_answered(now - RECENT_ANSWERS, now)
        for event_id in ids:
            self.refresher.request(event_id)
        return len(ids)

    async def render_announcement(self, event: Event, lang: str) -> Message:
        """The announcement as it stands now: counts, going names, Check in while open."""
        counts = await self.repo.counts(event.id)
        names = await self.extras.going_names(event.id, GOING_NAMES) if self.extras and counts.going else []
        return announcement(event, counts, lang, checkin=checkin_open(event, self.clock.now()), going=names)

    async def _refresh_announcement(self, event_id: int) -> None:
        event = await self.repo.get(event_id)
        if event is None or event.message_ref is None:
            return
        lang = (await self.setup.settings_for(event.community)).language
        message = await self.render_announcement(event, lang)
        if not await self.messenger.edit(event.message_ref, message):
            log.warning("announcement of event %s (message %s) is gone", event_id, event.message_id)
        if self.communities is not None:
            await self.communities.edit_elsewhere(self.messenger, "event", event_id, message)

    # -- the platform's own events list -------------------------------------------------------
    def list_natively(self, event: Event) -> None:
        """Keep the event's native listing (Discord's Events list, where the bot has Manage Events)
        in step with its announcement, in the background: created when it is announced, updated
        when it is edited, cancelled when it is cancelled."""
        if self.extras is not None and hasattr(self.messenger, "list_event"):
            self.background.spawn(self._list_natively(event.id), "native event listing")

    async def _list_natively(self, event_id: int) -> None:
        assert self.extras is not None
        async with self._listing:  # the event is read afresh: the listing follows its latest state
            event = await self.repo.get(event_id)
            if event is None:
                return
            listed = await self.extras.native_id(event_id)
            if listed is None and (event.cancelled or event.message_id is None
                                   or event.starts_at <= self.clock.now()):
                return  # nothing listed to cancel; not announced; or too late to list
            url = event.jump_url() or ""
            listing = Listing(title=event.title, starts_at=event.starts_at, ends_at=event.ends_at,
                              location=event.location or url or event.title,
                              description="\n\n".join(p for p in (event.description, url) if p),
                              cancelled=event.cancelled)
            try:
                made = await self.messenger.list_event(event.community, listing, listed)  # type: ignore[attr-defined]
            except MessengerError:
                log.warning("could not list event %s natively (listing %s)", event_id, listed, exc_info=True)
                return
            if made is not None and made != listed:
                await self.extras.set_native_id(event_id, made)

    # -- /event create ------------------------------------------------------------------------
    async def plan(self, actor: Actor, settings: GuildSettings, *, title: str | None, when: str,
                   duration: str | None = None, location: str | None = None, description: str | None = None,
                   capacity: int | None = None, place: Place | None = None, reminders: str | None = None,
                   role: int | None = None, ping: int | None = None, template: str | None = None) -> Event:
        """The new event from /event create's options; with `template`, every option not given is
        the template's (an unknown template is refused, naming it)."""
        tpl = None
        if template is not None:
            name = template_name(template)
            tpl = await self.extras.template(self._community(actor), name) if self.extras else None
            if tpl is None:
                raise DomainError("template.unknown", name=cut(name, 50))
        # Reading the time (dateparser: regexes, first-use tables) is CPU work: off the event loop.
        draft = await asyncio.to_thread(
            plan_event, actor, settings, title=title or (tpl.title if tpl else ""), when=when,
            now=self.clock.now(), duration=duration, location=location, description=description,
            capacity=capacity, channel_id=place.id if place else None, reminders=reminders,
            role=role, ping=ping)
        if tpl is None:
            return draft
        given = {k for k, v in (("duration", duration), ("location", location), ("description", description),
                                ("capacity", capacity), ("reminders", reminders), ("role", role)) if v is not None}
        return fill_from_template(draft, tpl, given=given)

    async def create(self, actor: Actor, *, title: str | None, when: str, duration: str | None = None,
                     location: str | None = None, description: str | None = None, capacity: int | None = None,
                     place: Place | None = None, reminders: str | None = None, role: int | None = None,
                     ping: int | None = None, template: str | None = None) -> Message:
        """Validate, store, announce in `place` (default: the announcements channel). If the
        announcement cannot be posted the event is removed again and the organiser told why."""
        settings = await self._settings(actor)
        lang = settings.language
        now = self.clock.now()
        draft = await self.plan(actor, settings, title=title, when=when, duration=duration, location=location,
                                description=description, capacity=capacity, place=place, reminders=reminders,
                                role=role, ping=ping, template=template)
        event = await self.repo.create(draft, now)
        try:
            ref = await self.messenger.post(event.place, announcement(event, Counts(), lang,
                                                                      checkin=checkin_open(event, now)))
        except MessengerError:
            log.warning("could not announce event %s in channel %s", event.id, event.channel_id, exc_info=True)
            await self.repo.delete(event.id)
            raise DomainError("event.post_failed", channel=event.channel_id) from None
        await self.repo.set_message(event.id, ref)
        event = replace(event, channel_id=ref.place.id, message_id=ref.id)
        if self.communities is not None:
            self.background.spawn(self._announce_elsewhere(event, lang), "announce in linked communities")
        self._announced(event)
        self.list_natively(event)
        text = t(lang, "event.created", title=cut(event.title, 200), url=event.jump_url() or "",
                 start=ts(event.starts_at, "F"), relative=ts(event.starts_at, "R"),
                 local=f"{_written_local(event, lang)} ({event.timezone})")
        # Read again only for the reply (plan_event read it to decide): how the words were understood.
        reading = await asyncio.to_thread(parse_when, when, event.timezone, now)
        return _text(text + "\n" + _reading(lang, when, reading))

    async def _announce_elsewhere(self, event: Event, lang: str) -> None:
        """The announcement in every linked community too; then one refresh, for clicks meanwhile."""
        assert self.communities is not None
        if await self.communities.post_elsewhere(self.messenger, "event", event.id, event.community,
                                                 announcement(event, Counts(), lang)):
            self.refresher.request(event.id)

    # -- RSVP ---------------------------------------------------------------------------------
    async def rsvp(self, actor: Actor, event_id: int, choice: str) -> Message:
        """Record Going / Maybe / Can't go (the domain decides: waitlist, promotion) and answer with
        the result; returns after the click is durable. The announcement refresh, reminders and the
        DMs to promoted members follow in the background."""
        community = self._community(actor)
        # The role of a role-gated event is checked inside the write, on the event as it stands then.
        outcome = await self.repo.rsvp(event_id, community=community, member=actor.member,
                                       display_name=actor.display_name, choice=choice, now=self.clock.now(),
                                       roles=actor.role_ids)
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
        async def message(member: Member) -> Message:
            zone = await self.zone_of(member, event.timezone)
            return _text(t(lang, "rsvp.promoted_dm", title=event.title, start=dates.start(lang, event.starts_at, zone),
                           url=event.jump_url() or ""))
        delivery = await dm_many(self.messenger, members, message)
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
        settings = await self._settings(actor)
        lang = settings.language
        zone = await self.zone_of(actor.member, settings.timezone)
        return Message(text=t(lang, "ics.ready", title=cut(event.title, 200)),
                       files=(Attachment(ics_filename(event), event_ics(event, self.clock.now(),
                                                                        _ics_description(lang, zone), zone=zone)),))

    # -- /event edit and cancel ---------------------------------------------------------------
    async def edit(self, actor: Actor, event_ref: str, *, title: str | None = None, when: str | None = None,
                   duration: str | None = None, location: str | None = None, description: str | None = None,
                   capacity: int | None = None, role: int | None = None) -> Message:
        """Change an event (organisers): the announcement is refreshed, reminders re-planned, members
        who answered told what changed, waitlisted members moved up into new places."""
        settings = await self._settings(actor)
        lang = settings.language
        event = await self.resolve(actor, event_ref)
        require_manager(actor, settings, event)
        now = self.clock.now()
        # Read before the write unit (dateparser is slow), in the zone the event was announced in,
        # even if the community's zone changed since; the zone of an event never changes.
        reading = await asyncio.to_thread(parse_when, when, event.timezone, now) if when is not None else None
        starts_at = reading.start if reading is not None else None
        outcome = await self.repo.edit(event.id, lambda ev, going: plan_edit(
            actor, settings, ev, now=now, going=going, title=title, starts_at=starts_at, duration=duration,
            location=location, description=description, capacity=capacity, role=role), now)
        new = outcome.new
        self._announced(new)
        if new.starts_at != outcome.old.starts_at or new.reminder_offsets != outcome.old.reminder_offsets:
            self.reminders.replan(event.id, outcome.old.reminder_offsets, outcome.planned)
        else:
            self.reminders.ensure(event.id, outcome.planned)
        self.refresher.request(event.id)
        self.list_natively(new)
        changes = change_lines(outcome.changes, lang, new.timezone)

        async def dm(member: Member) -> Message:
            # Times in the member's own zone (/my timezone), else the event's.
            zone = await self.zone_of(member, new.timezone)
            return _text(t(lang, "event.dm_edited", title=new.title, changes=change_lines(outcome.changes, lang, zone),
                           url=new.jump_url() or ""))
        delivery = await dm_many(self.messenger, outcome.notify, dm)
        if outcome.promoted:
            self.background.spawn(self._tell_promoted(new, outcome.promoted, lang), "tell promoted members")
        text = t(lang, "event.edited", title=cut(new.title, 200), changes=changes, notified=len(delivery.reached))
        if when is not None and reading is not None:
            text += "\n" + _reading(lang, when, reading)
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
        self.list_natively(cancelled)
        why = t(lang, "event.reason", reason=cancelled.cancel_reason) if cancelled.cancel_reason else ""
        async def dm(member: Member) -> Message:
            zone = await self.zone_of(member, cancelled.timezone)  # the member's own, else the event's
            return _text(t(lang, "event.dm_cancelled", title=cancelled.title,
                           start=dates.start(lang, cancelled.starts_at, zone), reason=why))
        delivery = await dm_many(self.messenger, notify, dm)
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
            going = await self.repo.going_counts([event.id for event in events])
            lines = [event_line(event, going.get(event.id, 0), lang) for event in events]
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
        zone = await self.zone_of(actor.member, settings.timezone)
        header = [t(lang, k, zone=zone) for k in ("csv.status", "csv.position", "csv.user_id", "csv.name",
                                                  "csv.answered")]
        data = attendees_csv(header, (AttendeeRow(t(lang, f"status.{p.status}"), p.position, p.user_id,
                                                  p.display_name, p.updated_at) for p in people), zone)
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
        zone = await self.zone_of(actor.member, settings.timezone)
        data = calendar_ics([e for e, _ in mine], self.clock.now(), name=t(lang, "my.events.title"),
                            zone=zone, describe=_ics_description(lang, zone))
        return Message(text=t(lang, "my.calendar.ready", count=len(mine)),
                       files=(Attachment("my-events.ics", data),))

