"""Events that repeat: create a series, announce its occurrences on schedule, edit and cancel with a
scope, the series as one .ics. PRODUCT.md, "Events: series, check-in, attendance".

Each occurrence is an ordinary event (RSVP, waitlist, reminders are `EventsService`'s); this service
adds what spans several of them. Announcements are rows first: each occurrence is claimed in the
database before it is posted, and one scheduler job (rebuilt from the rows at start-up) waits for
the next one due, so restarts neither skip nor repeat an announcement.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Iterable

from bot.app.delivery import dm_many
from bot.app.events import EventsService, _ics_description, change_lines
from bot.domain.calendar import event_ics, ics_filename, series_filename, series_ics
from bot.domain.errors import DomainError
from bot.domain.events import Change, Event, plan_cancel, plan_edit, require_manager, require_same_community
from bot.domain.identity import Member, Place
from bot.domain.roles import Actor
from bot.domain.series import (SCOPES, THIS, announce_at, in_scope, plan_repeat_change, plan_series,
                                shift_wall_clock)
from bot.domain.when import parse_when
from bot.i18n import dates, t
from bot.i18n.format import CONTENT, cut, ts
from bot.ports.events import EditOutcome
from bot.ports.messaging import Attachment, Message, MessengerError
from bot.ports.runtime import Scheduler
from bot.ports.series import SeriesRepository

log = logging.getLogger(__name__)
JOB = "series-announce"
BATCH = 50


def announce_nonce(event_id: int) -> str:
    """The occurrence's announcement nonce (at most 25 characters): a process that takes over a claim
    left by one that stopped mid-post posts again with it, and the platform answers with the first
    message instead of a second announcement."""
    return f"bk-ann-{event_id}"


def _text(text: str) -> Message:
    return Message(text=cut(text, CONTENT))


@dataclass
class _Told:
    """One member's share of a change that touched several occurrences: told once."""

    first: Event
    changes: list[Change] = field(default_factory=list)
    count: int = 0


class SeriesService:
    def __init__(self, repo: SeriesRepository, events: EventsService, *, scheduler: Scheduler) -> None:
        self.repo = repo
        self.events = events
        self.scheduler = scheduler
        self.clock = events.clock
        self.messenger = events.messenger
        self._announcing = asyncio.Lock()
        scheduler.add_loader("event series announcements", self.load)

    # -- announcing on schedule ---------------------------------------------------------------
    async def load(self) -> None:
        """Start-up: wait for the next occurrence due (one already due is announced at once)."""
        await self._reschedule()

    async def _reschedule(self) -> None:
        due = await self.repo.next_due()
        if due is None:
            self.scheduler.cancel(JOB)
        else:
            self.scheduler.at(JOB, due, self.announce_due)

    async def announce_due(self) -> int:
        """Claim and post every occurrence due by now; returns how many were posted."""
        posted = 0
        async with self._announcing:
            while True:
                batch = await self.repo.claim_due(self.clock.now(), BATCH)
                if not batch:
                    break
                for event in batch:
                    posted += await self._post(event)
            await self._reschedule()
        return posted

    async def _post(self, event: Event) -> int:
        lang = (await self.events.setup.settings_for(event.community)).language
        message = await self.events.render_announcement(event, lang)
        try:
            ref = await self.messenger.post(event.place, message, nonce=announce_nonce(event.id))
        except MessengerError:
            log.warning("could not announce occurrence %s of series %s in channel %s", event.id,
                        event.series_id, event.channel_id, exc_info=True)
            await self.repo.announced(event.id, None)
            return 0
        await self.repo.announced(event.id, ref)
        posted = replace(event, channel_id=ref.place.id, message_id=ref.id)
        self.events._announced(posted)
        self.events.list_natively(posted)
        if self.events.communities is not None:
            # A community linked across platforms: the occurrence is announced in each linked place
            # too, and kept in step with the first announcement from then on.
            self.events.background.spawn(self.events._announce_elsewhere(posted, lang),
                                         "announce an occurrence in linked communities")
        return 1

    # -- /event create repeat: ----------------------------------------------------------------
    async def create(self, actor: Actor, *, title: str | None, when: str, repeat: str, until: str | None = None,
                     count: int | None = None, announce_ahead: int | None = None, duration: str | None = None,
                     location: str | None = None, description: str | None = None, capacity: int | None = None,
                     place: Place | None = None, reminders: str | None = None, role: int | None = None,
                     ping: int | None = None, template: str | None = None) -> Message:
        """Store the series and its dates; occurrences already within `announce_ahead` days are
        announced now (if the first cannot be posted, the whole series is removed again)."""
        settings = await self.events.setup.settings_for(self.events._community(actor))
        lang = settings.language
        now = self.clock.now()
        draft = await self.events.plan(actor, settings, title=title, when=when, duration=duration,
                                       location=location, description=description, capacity=capacity, place=place,
                                       reminders=reminders, role=role, ping=ping, template=template)
        plan, drafts = plan_series(draft, repeat=repeat, until=until, count=count,
                                   announce_ahead=announce_ahead, now=now)
        series, occurrences = await self.repo.create(plan, drafts, now)
        first_due = announce_at(occurrences[0].starts_at, series.announce_ahead_days)
        await self.announce_due()
        first = await self.events.repo.get(occurrences[0].id)
        if first_due <= now and (first is None or first.message_id is None):
            await self.repo.delete(series.id)
            await self._reschedule()
            raise DomainError("event.post_failed", channel=draft.channel_id)
        assert first is not None
        last = occurrences[-1]
        text = t(lang, "series.created", title=cut(series.title, 200), rule=t(lang, f"series.rule.{series.rule}"),
                 count=len(occurrences), start=ts(first.starts_at, "F"), relative=ts(first.starts_at, "R"),
                 last=ts(last.starts_at, "D"), zone=series.timezone, days=series.announce_ahead_days)
        url = first.jump_url()
        text += "\n" + (t(lang, "series.first_link", url=url) if url else
                        t(lang, "series.first_later", when=ts(first_due, "F")))
        return _text(text)

    # -- edit and cancel with a scope ---------------------------------------------------------
    async def _targets(self, actor: Actor, event_ref: str, scope: str) -> tuple[Event, list[Event]]:
        settings = await self.events.setup.settings_for(self.events._community(actor))
        event = await self.events.resolve(actor, event_ref)
        require_manager(actor, settings, event)
        if scope not in SCOPES:
            raise DomainError("series.bad_scope", value=cut(scope, 20))
        if event.series_id is None:
            raise DomainError("series.not_a_series", title=cut(event.title, 100))
        targets = in_scope(event, await self.repo.occurrences(event.series_id), scope, self.clock.now())
        if not targets:
            raise DomainError("event.over", title=event.title)
        return event, targets

    async def edit(self, actor: Actor, event_ref: str, *, scope: str | None, title: str | None = None,
                   when: str | None = None, duration: str | None = None, location: str | None = None,
                   description: str | None = None, capacity: int | None = None,
                   role: int | None = None, repeat: str | None = None, until: str | None = None,
                   count: int | None = None) -> Message:
        """`scope` this (or none): the one event, as /event edit always did; following / all: every
        occurrence in scope, in one unit, each member who answered any of them told once. With
        `repeat`, `until` or `count`: the series' dates from then on follow the new rule
        (`change_repeat`)."""
        if repeat is not None or until is not None or count is not None:
            others = (title, when, duration, location, description, capacity, role)
            if any(value is not None for value in others):
                raise DomainError("series.repeat_alone")
            return await self.change_repeat(actor, event_ref, scope=scope, repeat=repeat, until=until, count=count)
        if scope in (None, THIS):
            return await self.events.edit(actor, event_ref, title=title, when=when, duration=duration,
                                          location=location, description=description, capacity=capacity,
                                          role=role)
        settings = await self.events.setup.settings_for(self.events._community(actor))
        lang = settings.language
        chosen, targets = await self._targets(actor, event_ref, scope)
        now = self.clock.now()
        starts: dict[int, datetime] = {}
        if when is not None:
            new_start = parse_when(when, chosen.timezone, now).start
            starts = {e.id: shift_wall_clock(e.starts_at, e.timezone, chosen.starts_at, new_start) for e in targets}
            if any(start <= now for start in starts.values()):
                raise DomainError("series.moved_past")
        outcomes = await self.repo.edit_many([e.id for e in targets], lambda ev, going: plan_edit(
            actor, settings, ev, now=now, going=going, title=title, starts_at=starts.get(ev.id), duration=duration,
            location=location, description=description, capacity=capacity, role=role), now)
        for outcome in outcomes:
            self._after_edit(outcome, lang)
        told = self._once(((o.new, o.changes, o.notify) for o in outcomes))
        async def edited(member: Member) -> Message:
            entry = told[member]
            zone = await self.events.zone_of(member, entry.first.timezone)  # the member's own, else the event's
            return _text(t(lang, "series.dm_edited", title=entry.first.title, count=entry.count,
                           changes=change_lines(entry.changes, lang, zone), url=entry.first.jump_url() or ""))
        delivery = await dm_many(self.messenger, told, edited)
        first = outcomes[0]
        text = t(lang, "series.edited", title=cut(first.new.title, 200), count=len(outcomes),
                 scope=t(lang, f"series.scope.{scope}"), changes=change_lines(first.changes, lang, first.new.timezone),
                 notified=len(delivery.reached))
        if delivery.closed:
            text += "\n" + t(lang, "event.unreachable", count=len(delivery.closed))
        return _text(text)

    def _after_edit(self, outcome: EditOutcome, lang: str) -> None:
        new, old = outcome.new, outcome.old
        self.events._announced(new)
        reminders = self.events.reminders
        if new.starts_at != old.starts_at or new.reminder_offsets != old.reminder_offsets:
            reminders.replan(new.id, old.reminder_offsets, outcome.planned)
        else:
            reminders.ensure(new.id, outcome.planned)
        if new.message_id is not None:
            self.events.refresher.request(new.id)
            self.events.list_natively(new)
        if outcome.promoted:
            self.events.background.spawn(self.events._tell_promoted(new, outcome.promoted, lang),
                                         "tell promoted members")

    async def change_repeat(self, actor: Actor, event_ref: str, *, scope: str | None, repeat: str | None,
                            until: str | None, count: int | None) -> Message:
        """A new repeat rule (or end) for the dates in `scope` (following or all): dates the new rule
        still has keep their answers; dates it drops are cancelled (their announcements show it,
        members who answered told once) or, never announced nor answered, removed; new dates are
        announced on schedule. The series' calendar (RRULE) follows; ended dates never change."""
        settings = await self.events.setup.settings_for(self.events._community(actor))
        lang = settings.language
        chosen = await self.events.resolve(actor, event_ref)
        require_manager(actor, settings, chosen)
        if chosen.series_id is None:
            raise DomainError("series.not_a_series", title=cut(chosen.title, 100))
        series = await self.repo.get(chosen.series_id)
        assert series is not None
        now = self.clock.now()
        change = plan_repeat_change(series, await self.repo.occurrences(series.id),
                                    await self.repo.original_starts(series.id), chosen, scope or THIS,
                                    repeat=repeat, until=until, count=count, now=now)
        why = t(lang, "series.reason_repeat", rule=t(lang, f"series.rule.{change.series.rule}"))
        stored, done = await self.repo.change_repeat(series.id, change, lambda ev: plan_cancel(
            actor, settings, ev, reason=why, now=now), now)
        for event, _ in done:
            self.events.reminders.drop(event.id, event.reminder_offsets)
            if event.message_id is not None:
                self.events.refresher.request(event.id)
                self.events.list_natively(event)
        await self.announce_due()  # new dates already within announce_ahead are announced now
        told = self._once(((event, [], members) for event, members in done))
        delivery = await dm_many(self.messenger, told, lambda member: _text(t(
            lang, "series.dm_repeat_changed", title=told[member].first.title, count=told[member].count,
            start=ts(told[member].first.starts_at, "F"), rule=t(lang, f"series.rule.{stored.rule}"))))
        occurrences = [e for e in await self.repo.occurrences(stored.id) if not e.cancelled and e.ends_at > now]
        text = t(lang, "series.repeat_changed", title=cut(stored.title, 200),
                 rule=t(lang, f"series.rule.{stored.rule}"), count=len(occurrences), start=ts(stored.first_start, "F"),
                 last=ts(occurrences[-1].starts_at, "D") if occurrences else "-",
                 kept=sum(1 for e in occurrences if e.id in dict(change.keep)), added=len(change.add),
                 cancelled=len(done), notified=len(delivery.reached))
        if delivery.closed:
            text += "\n" + t(lang, "event.unreachable", count=len(delivery.closed))
        return _text(text)

    @staticmethod
    def _once(changed: Iterable[tuple[Event, list[Change], tuple[Member, ...]]]) -> dict[Member, _Told]:
        """Each member once, with the first occurrence they answered and how many they answered."""
        told: dict[Member, _Told] = {}
        for event, changes, members in changed:
            for member in members:
                entry = told.setdefault(member, _Told(first=event, changes=changes))
                entry.count += 1
        return told

    async def cancel(self, actor: Actor, event_ref: str, *, scope: str | None, reason: str | None = None) -> Message:
        """`scope` this (or none): /event cancel as always; following / all: every occurrence in
        scope (ones not yet announced are never announced), each member told once."""
        if scope in (None, THIS):
            return await self.events.cancel(actor, event_ref, reason)
        settings = await self.events.setup.settings_for(self.events._community(actor))
        lang = settings.language
        chosen, targets = await self._targets(actor, event_ref, scope)
        now = self.clock.now()
        done = await self.repo.cancel_many([e.id for e in targets], lambda ev: plan_cancel(
            actor, settings, ev, reason=reason, now=now), now)
        for event, _ in done:
            self.events.reminders.drop(event.id, event.reminder_offsets)
            if event.message_id is not None:
                self.events.refresher.request(event.id)
                self.events.list_natively(event)
        await self._reschedule()
        told = self._once(((event, [], members) for event, members in done))
        why = "\n" + t(lang, "event.reason", reason=done[0][0].cancel_reason) if done[0][0].cancel_reason else ""
        async def cancelled(member: Member) -> Message:
            entry = told[member]
            zone = await self.events.zone_of(member, entry.first.timezone)  # the member's own, else the event's
            return _text(t(lang, "series.dm_cancelled", title=entry.first.title, count=entry.count,
                           start=dates.start(lang, entry.first.starts_at, zone), reason=why))
        delivery = await dm_many(self.messenger, told, cancelled)
        text = t(lang, "series.cancel_done", title=cut(chosen.title, 200), count=len(done),
                 scope=t(lang, f"series.scope.{scope}"), start=ts(done[0][0].starts_at, "F"),
                 notified=len(delivery.reached))
        if delivery.closed:
            text += "\n" + t(lang, "event.unreachable", count=len(delivery.closed))
        return _text(text)

    # -- calendars ----------------------------------------------------------------------------
    async def calendar(self, actor: Actor, event_id: int) -> Message:
        """Add to calendar: the event's .ics; for an occurrence, the whole series beside it."""
        event = await self.events.repo.get(event_id)
        if event is None:
            raise DomainError("common.not_found")
        require_same_community(actor, event)
        if event.series_id is None:
            return await self.events.event_ics(actor, event_id)
        series = await self.repo.get(event.series_id)
        if series is None:
            return await self.events.event_ics(actor, event_id)
        settings = await self.events.setup.settings_for(event.community)
        lang = settings.language
        zone = await self.events.zone_of(actor.member, settings.timezone)
        now = self.clock.now()
        data = series_ics(series, await self.repo.occurrences(series.id), await self.repo.original_starts(series.id),
                          now)
        return Message(text=t(lang, "series.ics_ready", title=cut(event.title, 200)),
                       files=(Attachment(ics_filename(event), event_ics(event, now, _ics_description(lang, zone), zone=zone)),
                              Attachment(series_filename(series), data)))

