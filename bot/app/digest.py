"""The weekly digest. The database is the truth: each community with a slot (`/setup digest`) owes
one digest per week; the week is claimed (a `digest_runs` row) before anything is sent, so a digest
goes out exactly once whatever restarts, clock jumps or other processes do. One scheduler job wakes
at the next slot of any community (and at least every RECHECK, so a slot another process set is
seen), plans each community's week with `bot.domain.digest.plan` (sent, sent late under 24 hours,
else skipped and logged) and sends: next week's events, the most upvoted new resources and new
fact-checks to the announcements channel; the week's report figures to the moderation channel. A
community with linked groups on another platform (a Telegram group that joined a Discord server's
community) gets each part there too, once per week like the rest: a member on either platform sees it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable
from zoneinfo import ZoneInfo

from bot.app.communities import ANNOUNCEMENTS, MODERATION, Communities
from bot.app.directories import Directories
from bot.app.factchecks import verdict_label
from bot.app.setup import SetupService
from bot.domain.digest import LATE, SEND, SKIP, DigestEvent, Due, ReportWeek, plan, week_window
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import Community, Place
from bot.domain.report_stats import format_span
from bot.i18n import dates, t
from bot.i18n.format import EMBED_TITLE, FIELD_VALUE, cut
from bot.ports.digest import DigestRepository
from bot.ports.factchecks import FactchecksRepository
from bot.ports.messaging import Card, Field, Message, Messenger, MessengerError
from bot.ports.runtime import Clock, Scheduler

log = logging.getLogger(__name__)

JOB = "weekly-digest"
RECHECK = timedelta(minutes=15)
STARTUP_DELAY = timedelta(seconds=3)
COLOUR = 0x2B7A78
EVENTS_LIMIT = 10
RESOURCES_LIMIT = 5
FACTCHECKS_LIMIT = 10


@dataclass(frozen=True)
class Outcome:
    """What one pass did for one community-week (tests and logs)."""

    community: Community
    week: str
    action: str            # SEND, LATE or SKIP
    posted: int            # messages posted (0, 1 or 2, more with linked groups)


def written_date(moment: datetime, zone: str, lang: str, *, with_time: bool = False) -> str:
    """`Friday 13 March, 18:00` / `جمعہ 13 مارچ، شام 6:00` in the zone (Western digits; in Urdu the
    time of day with its part of the day, as `bot.i18n.dates` writes it)."""
    local = moment.astimezone(ZoneInfo(zone))
    params = {"day": t(lang, f"digest.day.{local.weekday()}"), "date": local.day,
              "month": t(lang, f"digest.month.{local.month}")}
    if with_time:
        time = dates.written_time(lang, moment, zone) if lang == "ur" else local.strftime("%H:%M")
        return t(lang, "digest.datetime", time=time, **params)
    return t(lang, "digest.date", **params)


def slot_label(settings: GuildSettings, lang: str) -> str:
    """The slot as the settings view shows it, or "off"."""
    if settings.digest_day is None or settings.digest_minute is None:
        return t(lang, "common.off")
    minute = settings.digest_minute
    return t(lang, "digest.slot", day=t(lang, f"digest.day.{settings.digest_day}"),
             time=f"{minute // 60:02d}:{minute % 60:02d}")


class DigestService:
    """Built once by `bot.app.App`; `names` gives a community's display name (from the front ends'
    directories). Reschedules itself when a community's settings change."""

    def __init__(self, repo: DigestRepository, *, factchecks: FactchecksRepository, setup: SetupService,
                 messenger: Messenger, clock: Clock, scheduler: Scheduler,
                 directories: Directories | None = None, communities: Communities | None = None) -> None:
        self.repo = repo
        self.communities = communities
        self.factchecks = factchecks
        self.setup = setup
        self.messenger = messenger
        self.clock = clock
        self.scheduler = scheduler
        self.names: Callable[[Community], str | None] = (directories or Directories()).name
        self.verdicts: Callable[[str, str], str] = verdict_label
        scheduler.add_loader(JOB, self.load)
        setup.on_change(self.settings_changed)

    # -- scheduling -------------------------------------------------------------------------------
    async def load(self) -> None:
        """Start-up: look at every community's week shortly after start (the front ends connect
        first, so names are known); digests owed while the bot was down go out then."""
        self._wake_at(self.clock.now() + STARTUP_DELAY)

    def settings_changed(self, settings: GuildSettings) -> None:
        """A community's settings changed in this process: look again now (its slot may have)."""
        self._wake_at(self.clock.now())

    def _wake_at(self, wake: datetime) -> None:
        # The scheduler runs on the wall clock, the slots on the service's (injectable) clock: wake
        # after the same delay. With the real clock the two are the same.
        delay = max(wake - self.clock.now(), timedelta(0))
        self.scheduler.at(JOB, datetime.now(timezone.utc) + delay, self.tick)

    async def tick(self) -> list[Outcome]:
        """Send what is due, then wake again at the next slot (or after RECHECK at the latest)."""
        now = self.clock.now()
        wake = now + RECHECK
        outcomes: list[Outcome] = []
        try:
            for community in await self.repo.scheduled():
                try:
                    outcome, nxt = await self._community(community, now)
                except Exception:
                    log.exception("digest: community %s failed", community)
                    continue
                if outcome is not None:
                    outcomes.append(outcome)
                if nxt is not None:
                    wake = min(wake, nxt)
        finally:
            self._wake_at(wake)
        return outcomes

    async def _community(self, community: Community, now: datetime) -> tuple[Outcome | None, datetime | None]:
        if self.communities is not None and await self.communities.home(community) is not None:
            # A group that joined another platform's community gets that community's digest (its
            # own slot, set before it joined, is not a second one).
            return None, None
        self.setup.forget(community)        # another process may have changed the slot
        settings = await self.setup.settings_for(community)
        if settings.digest_day is None or settings.digest_minute is None:
            return None, None
        due, nxt = plan(now, settings.timezone, settings.digest_day, settings.digest_minute)
        if due.action is None:
            return None, nxt
        if not await self.repo.claim(community, due.week, due_at=due.due_at, status=due.action, now=now):
            return None, nxt
        if due.action == SKIP:
            log.warning("digest: %s's digest for %s was due %s and the bot was down over %s: skipped",
                        community, due.week, due.due_at.isoformat(), "24 hours")
            return Outcome(community, due.week, SKIP, 0), nxt
        posted = await self.send(community, settings, due)
        log.info("digest: %s's digest for %s %s (%d message(s))", community, due.week,
                 "sent late" if due.action == LATE else "sent", posted)
        return Outcome(community, due.week, due.action, posted), nxt

    # -- content ----------------------------------------------------------------------------------
    async def send(self, community: Community, settings: GuildSettings, due: Due) -> int:
        """Post the week's digest (already claimed) in the community's announcements and moderation
        places and in the matching places of its linked communities; returns how many messages went
        out."""
        posted = 0
        for channel, build, purpose in ((settings.announcements_channel, self.announcements, ANNOUNCEMENTS),
                                        (settings.moderation_channel, self.moderation, MODERATION)):
            places = [Place(community.platform, channel)] if channel is not None else []
            if self.communities is not None:
                places += await self.communities.extra_places(community, purpose)
            if not places:
                continue
            message = await build(community, settings, due)
            for place in places:
                try:
                    await self.messenger.post(place, message)
                    posted += 1
                except MessengerError:
                    log.exception("digest: could not post %s's digest in %s", community, place)
        return posted

    def _late_line(self, settings: GuildSettings, due: Due) -> str:
        if due.action != LATE:
            return ""
        return t(settings.language, "digest.late",
                 due=written_date(due.due_at, settings.timezone, settings.language, with_time=True)) + "\n"

    async def announcements(self, community: Community, settings: GuildSettings, due: Due) -> Message:
        lang, zone = settings.language, settings.timezone
        start, at, end = week_window(due.due_at)
        events = await self.repo.upcoming_events(community, at, end, limit=EVENTS_LIMIT)
        resources = await self.repo.top_resources(community, start, at, limit=RESOURCES_LIMIT)
        factchecks = (await self.factchecks.since(community, start, at))[-FACTCHECKS_LIMIT:]
        event_lines = [self._event_line(e, zone, lang) for e in events] or [t(lang, "digest.no_events")]
        resource_lines = [t(lang, "digest.resource_line", title=cut(r.title.replace("]", ")"), 120), url=r.url,
                            votes=r.upvotes) for r in resources] or [t(lang, "digest.no_resources")]
        fc_lines = [t(lang, "digest.factcheck_line", ref=fc.ref, verdict=self.verdicts(lang, fc.verdict),
                      summary=cut(fc.summary.replace("\n", " "), 120)) for fc in factchecks] \
            or [t(lang, "digest.no_factchecks")]
        body = self._late_line(settings, due) + t(
            lang, "digest.period", start=written_date(start, zone, lang), end=written_date(at, zone, lang), zone=zone)
        name = self.names(community)
        title = t(lang, "digest.title", community=name) if name else t(lang, "digest.title_plain")
        return Message(cards=(Card(
            title=cut(title, EMBED_TITLE), body=body,
            colour=COLOUR, fields=(
                Field(t(lang, "digest.events"), _lines(event_lines), False),
                Field(t(lang, "digest.resources"), _lines(resource_lines), False),
                Field(t(lang, "digest.factchecks"), _lines(fc_lines), False),
            )),))

    def _event_line(self, event: DigestEvent, zone: str, lang: str) -> str:
        extra = ""
        if event.capacity is not None:
            left = max(0, event.capacity - event.going)
            extra = (t(lang, "digest.event_full", waitlist=event.waitlist) if left == 0
                     else t(lang, "digest.event_capacity", left=left, capacity=event.capacity))
        title = cut(event.title, 100)
        if event.url:
            title = f"[{title.replace(']', ')')}]({event.url})"
        return t(lang, "digest.event_line", title=title, going=event.going, maybe=event.maybe, extra=extra,
                 when=written_date(event.starts_at, zone, lang, with_time=True))

    async def moderation(self, community: Community, settings: GuildSettings, due: Due) -> Message:
        lang, zone = settings.language, settings.timezone
        start, at, _ = week_window(due.due_at)
        week: ReportWeek = await self.repo.report_week(community, start, at)
        na = t(lang, "digest.mod.na")

        def unit(u: str, n: int) -> str:
            return t(lang, f"reports.unit.{u}", n=n)

        if week.compliance is None:
            compliance = na
        else:
            compliance = t(lang, "digest.mod.compliance_value", percent=round(week.compliance * 100),
                           complied=week.complied, decided=week.decided)
        body = self._late_line(settings, due) + t(
            lang, "digest.period", start=written_date(start, zone, lang), end=written_date(at, zone, lang), zone=zone)
        return Message(cards=(Card(title=t(lang, "digest.mod.title"), body=body, colour=COLOUR, fields=(
            Field(t(lang, "digest.mod.opened"), str(week.opened)),
            Field(t(lang, "digest.mod.resolved"), str(week.resolved)),
            Field(t(lang, "digest.mod.dismissed"), str(week.dismissed)),
            Field(t(lang, "digest.mod.median_claim"), format_span(week.median_to_claim, unit) or na),
            Field(t(lang, "digest.mod.sla"), str(week.sla_breaches)),
            Field(t(lang, "digest.mod.escalations"), str(week.escalations)),
            Field(t(lang, "digest.mod.compliance"), compliance, False),
        )),))


def _lines(lines: list[str]) -> str:
    """Whole lines up to a field's limit."""
    out: list[str] = []
    size = 0
    for line in lines:
        line = cut(line, FIELD_VALUE)
        if size + len(line) + 1 > FIELD_VALUE:
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


__all__ = ["DigestService", "JOB", "Outcome", "SEND", "slot_label", "written_date"]
