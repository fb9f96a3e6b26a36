"""Check-in at the door and attendance: the Check in button, codes for in-person meetups, the
announcement's check-in window (button shown and hidden, "starting now"), /event stats, /my
attendance and /event report. PRODUCT.md, "Events: series, check-in, attendance".

The window is rows first: each announcement's phase is claimed in the database before the button
is shown or hidden or the "starting now" line is posted, and one scheduler job (rebuilt from the
rows at start-up) waits for the next phase due, so a restart neither repeats nor loses one.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.app.events import COLOUR, EventsService
from bot.domain import attendance as att
from bot.domain.errors import DomainError
from bot.domain.events import Event, require_manager
from bot.domain.roles import Actor, require_organiser
from bot.i18n import t
from bot.i18n.format import CONTENT, EMBED_DESCRIPTION, EMBED_TITLE, FOOTER, cut, ts
from bot.ports.attendance import AttendanceRepository, CheckinOutcome
from bot.ports.messaging import Attachment, Card, Field, Message, MessengerError
from bot.ports.runtime import Scheduler

log = logging.getLogger(__name__)
JOB = "checkin-window"
HISTORY = 15  # events listed by /my attendance
# Finished reports kept (per community, period, series, language and zone), each reused while the
# repository's marker for it is unchanged.
REPORTS_KEPT = 8


def _text(text: str) -> Message:
    return Message(text=cut(text, CONTENT))


def _code() -> str:
    return f"{secrets.randbelow(10 ** att.CODE_DIGITS):0{att.CODE_DIGITS}d}"


def _local(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f}%"


def _build_report(lang: str, zone: str, events: list[att.EventLine],
                  members: list[att.MemberFigures]) -> tuple[att.Totals, bytes, bytes] | None:
    """A report's totals and its two CSV files, by event and by member (None without any event)."""
    if not events:
        return None
    tz = ZoneInfo(zone)

    def local(start: int) -> str:  # as _local, from unix seconds
        return datetime.fromtimestamp(start, tz).strftime("%Y-%m-%d %H:%M")

    by_event = att.table_csv(
        [t(lang, f"report.csv.{k}") for k in ("start", "event", "going", "maybe", "waitlist", "promoted",
                                              "checked_in", "late", "no_shows", "dm_closed")],
        ([local(e.starts_at), e.title, e.going, e.maybe, e.waitlist, e.promoted, e.checked_in, e.late,
          e.going_not_in, e.dm_closed] for e in events))
    by_member = att.table_csv(
        [t(lang, f"report.csv.{k}") for k in ("user_id", "name", "going", "attended", "late", "no_shows")],
        ([str(m.user_id), m.name, m.going, m.attended, m.late, m.no_shows] for m in members))
    return att.totals(events, members), by_event, by_member


class AttendanceService:
    def __init__(self, repo: AttendanceRepository, events: EventsService, *, scheduler: Scheduler) -> None:
        self.repo = repo
        self.events = events
        self.scheduler = scheduler
        self.clock = events.clock
        self.messenger = events.messenger
        self._next: datetime | None = None
        self._moving = asyncio.Lock()
        self._reports: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], Any]] = OrderedDict()
        scheduler.add_loader("check-in windows", self.load)
        events.watchers.append(self.watch)
        events.reminders.on_closed = self.closed_dms

    # -- the check-in window ------------------------------------------------------------------
    async def load(self) -> None:
        """Start-up: wait for the next announcement due to change (one already due moves at once)."""
        await self._reschedule()

    async def _reschedule(self) -> None:
        due = await self.repo.next_window()
        self._next = due
        if due is None:
            self.scheduler.cancel(JOB)
        else:
            self.scheduler.at(JOB, due, self.advance)

    def watch(self, event: Event) -> None:
        """An announcement was posted or moved: make sure the job wakes up for its window."""
        due = att.opens_at(event)
        if self._next is None or due < self._next:
            self._next = due
            self.scheduler.at(JOB, due, self.advance)

    async def advance(self) -> int:
        """Move every announcement whose phase is due: show or hide Check in, post "starting now"
        once. Returns how many moved."""
        async with self._moving:
            now = self.clock.now()
            moves = await self.repo.advance_windows(now)
            for move in moves:
                if att.shows_button(move.old) != att.shows_button(move.new):
                    self.events.refresher.request(move.event.id)
                if att.post_start_line(move.old, move.new, move.event, now):
                    await self._starting_now(move.event)
            await self._reschedule()
        return len(moves)

    async def _starting_now(self, event: Event) -> None:
        lang = (await self.events.setup.settings_for(event.community)).language
        url = event.jump_url()
        text = t(lang, "checkin.starting_now", title=cut(event.title, 200),
                 link=t(lang, "checkin.starting_link", url=url) if url else "")
        try:
            await self.messenger.post(event.place, _text(text))
        except MessengerError:
            log.warning("could not post 'starting now' for event %s in %s", event.id, event.place, exc_info=True)

    async def closed_dms(self, event: Event, offset_min: int, closed: int) -> None:
        """At reminder time: one mention-free line in the event's channel saying how many members
        could not be reminded by DM and how to open DMs (claimed first: posted once)."""
        if not await self.repo.claim_dm_note(event.id, offset_min, event.starts_at, closed, self.clock.now()):
            return
        lang = (await self.events.setup.settings_for(event.community)).language
        try:
            await self.messenger.post(event.place, _text(t(lang, "reminder.closed_line", count=closed,
                                                            title=cut(event.title, 200))))
        except MessengerError:
            log.warning("could not post the closed-DMs line of event %s", event.id, exc_info=True)

    # -- checking in --------------------------------------------------------------------------
    async def _lang(self, actor: Actor) -> str:
        return (await self.events.setup.settings_for(self.events._community(actor))).language

    def _done(self, lang: str, outcome: CheckinOutcome) -> Message:
        title = cut(outcome.event.title, 200)
        if outcome.late:
            return _text(t(lang, "checkin.done_late", title=title, start=ts(outcome.event.starts_at, "R")))
        return _text(t(lang, "checkin.done", title=title))

    async def check_in(self, actor: Actor, event_id: int) -> Message:
        """The Check in button: members going or maybe, once, during the window."""
        community = self.events._community(actor)
        lang = await self._lang(actor)
        outcome = await self.repo.check_in(event_id, community=community, member=actor.member, method=att.BUTTON,
                                           now=self.clock.now(), decide=att.decide_checkin)
        return self._done(lang, outcome)

    async def check_in_code(self, actor: Actor, text: str) -> Message:
        """/checkin code: a code an organiser gave, still valid, for an event of this community."""
        community = self.events._community(actor)
        lang = await self._lang(actor)
        code = att.normalise_code(text)
        now = self.clock.now()
        event_id = att.check_code(code, await self.repo.find_code(community, code), now)
        outcome = await self.repo.check_in(event_id, community=community, member=actor.member, method=att.CODE,
                                           now=now, decide=att.decide_checkin)
        return self._done(lang, outcome)

    async def issue_code(self, actor: Actor, event_ref: str) -> Message:
        """/event checkin-code (organisers): a fresh code, valid for a few minutes within the window."""
        settings = await self.events.setup.settings_for(self.events._community(actor))
        event = await self.events.resolve(actor, event_ref)
        require_manager(actor, settings, event)
        now = self.clock.now()
        att.require_open(event, now)
        expires = att.code_expiry(event, now)
        code = await self.repo.issue_code(event.id, community=event.community, issued_by=actor.member, now=now,
                                          expires_at=expires, generate=_code)
        return _text(t(settings.language, "checkin.code_issued", title=cut(event.title, 200), code=code,
                       until=ts(expires, "T"), relative=ts(expires, "R")))

    # -- figures ------------------------------------------------------------------------------
    async def stats(self, actor: Actor, event_ref: str) -> Message:
        """/event stats (organisers): answers, check-ins, no-shows, promotions, closed DMs."""
        settings = await self.events.setup.settings_for(self.events._community(actor))
        lang = settings.language
        event = await self.events.resolve(actor, event_ref)
        require_manager(actor, settings, event)
        figures = await self.repo.figures(event.id)
        assert figures is not None
        now = self.clock.now()
        no_shows = figures.no_shows(now)
        fields = [Field(t(lang, "stats.going"), str(figures.going)),
                  Field(t(lang, "stats.maybe"), str(figures.maybe)),
                  Field(t(lang, "stats.waitlist"), str(figures.waitlist)),
                  Field(t(lang, "stats.checked_in"), t(lang, "stats.checked_in_value", count=figures.checked_in,
                                                        late=figures.late)),
                  Field(t(lang, "stats.no_shows"),
                        str(no_shows) if no_shows is not None else t(lang, "stats.after_end")),
                  Field(t(lang, "stats.promoted"), str(figures.promoted)),
                  Field(t(lang, "stats.dm_closed"), str(figures.dm_closed))]
        card = Card(title=cut(t(lang, "stats.title", title=event.title), EMBED_TITLE), fields=tuple(fields),
                    url=event.jump_url(), footer=cut(t(lang, "stats.footer"), FOOTER), colour=COLOUR)
        return Message(cards=(card,))

    async def my_attendance(self, actor: Actor) -> Message:
        """/my attendance: the member's latest ended events with what they did, and totals."""
        lang = (await self.events.setup.settings_for(actor.community)).language
        answers, mine = await self.repo.member_history(actor.member, actor.community, self.clock.now(), HISTORY)
        if not answers:
            return _text(t(lang, "my.attendance.empty"))
        lines = []
        for a in answers:
            if a.checked_at is not None:
                what = t(lang, "my.attendance.late" if a.late else "my.attendance.in")
            elif a.status == "going":
                what = t(lang, "my.attendance.no_show")
            else:
                what = t(lang, "my.attendance.maybe")
            lines.append(t(lang, "my.attendance.line", title=cut(a.event.title, 100),
                           date=ts(a.event.starts_at, "D"), what=what))
        summary = t(lang, "my.attendance.summary", attended=mine.attended, going=mine.going, late=mine.late,
                    no_shows=mine.no_shows)
        body = cut(summary + "\n\n" + "\n".join(lines), EMBED_DESCRIPTION)
        return Message(cards=(Card(title=cut(t(lang, "my.attendance.title"), EMBED_TITLE), body=body,
                                   colour=COLOUR),))

    async def report(self, actor: Actor, days: int | None = None, series_ref: str | None = None) -> Message:
        """/event report (organisers): ended events of the last `days` days (of one series), totals,
        repeat attendees, the no-show rate, and two CSV files (by event, by member)."""
        community = self.events._community(actor)
        settings = await self.events.setup.settings_for(community)
        lang = settings.language
        require_organiser(actor, settings)
        period = att.require_days(days)
        series_id = None
        scope = t(lang, "report.all_events")
        if series_ref:
            chosen = await self.events.resolve(actor, series_ref)
            if chosen.series_id is None:
                raise DomainError("report.not_series", title=cut(chosen.title, 100))
            series_id = chosen.series_id
            scope = t(lang, "report.series", title=cut(chosen.title, 100))
        now = self.clock.now()
        since = now - timedelta(days=period)
        zone = await self.events.zone_of(actor.member, settings.timezone)
        key = (community, period, series_id, lang, zone)
        marker = await self.repo.report_marker(community, since, now, series_id)
        kept = self._reports.get(key)
        if kept is not None and kept[0] == marker:
            self._reports.move_to_end(key)
            built = kept[1]
        else:
            events, members = await self.repo.report_lines(community, since, now, series_id)
            # 13,000 rows of CSV are tens of milliseconds of Python: built off the event loop.
            built = await asyncio.to_thread(_build_report, lang, zone, events, members)
            # the marker was read first: what was built is never older than it (a change in between
            # changes the next marker, which then misses)
            self._reports[key] = (marker, built)
            while len(self._reports) > REPORTS_KEPT:
                self._reports.popitem(last=False)
        title = cut(t(lang, "report.title", days=period, scope=scope), EMBED_TITLE)
        if built is None:
            return Message(cards=(Card(title=title, body=t(lang, "report.empty"), colour=COLOUR),))
        sums, by_event, by_member = built
        fields = (Field(t(lang, "report.events"), str(sums.events)),
                  Field(t(lang, "stats.going"), str(sums.going)),
                  Field(t(lang, "stats.checked_in"), t(lang, "stats.checked_in_value", count=sums.checked_in,
                                                        late=sums.late)),
                  Field(t(lang, "stats.no_shows"), str(sums.no_shows)),
                  Field(t(lang, "report.no_show_rate"), _percent(sums.no_show_rate)),
                  Field(t(lang, "report.attendees"), str(sums.attendees)),
                  Field(t(lang, "report.repeat"), str(sums.repeat)),
                  Field(t(lang, "stats.promoted"), str(sums.promoted)),
                  Field(t(lang, "stats.dm_closed"), str(sums.dm_closed)))
        card = Card(title=title, fields=fields, colour=COLOUR,
                    footer=cut(t(lang, "report.footer", zone=zone), FOOTER))
        stamp = now.strftime("%Y%m%d")
        return Message(cards=(card,), files=(Attachment(f"attendance-events-{stamp}.csv", by_event),
                                             Attachment(f"attendance-members-{stamp}.csv", by_member)))
