"""The weekly digest through `bot.app` alone: a real SQLite file, a clock the test moves, the
scheduler run by hand, and a Messenger that records what would be posted.

A fixture week (events next week with their answers, resources shared and upvoted, reports opened,
claimed, escalated, resolved and left to breach their SLA, a fact-check published) gives one digest
in English and one in Urdu, each with exactly the figures a moderator would count by hand. Then the
digest goes out exactly once across two restarts and clock jumps, is sent late when the bot was down
under 24 hours, and skipped (and logged) when it was down longer."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from bot.app import App
from bot.app.digest import STARTUP_DELAY
from bot.app.reports import CLAIM, DISMISS, ESCALATE, RESOLVE, Step
from bot.domain.clock import FixedClock
from bot.domain.digest import week_key
from bot.domain.errors import DomainError
from bot.domain.guild_settings import SettingsChange
from bot.domain.identity import DISCORD, Community
from bot.i18n import bidi
from bot.settings import Settings
from bot.storage.sqlite.store import SqliteStore
from tests.app_world import Names, admin, member, report
from tests.manual_scheduler import ManualScheduler
from tests.memory_messenger import MemoryMessenger

EN, UR = 100, 200
ANN = {EN: 401, UR: 402}
MOD = {EN: 501, UR: 502}
RES = {EN: 601, UR: 602}
# Tuesday 10 March 2026; the slot "friday 18:00" in Asia/Karachi is Friday 13 March 13:00 UTC.
TUESDAY = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
SLOT = datetime(2026, 3, 13, 13, 0, tzinfo=timezone.utc)
ZONE = "Asia/Karachi"
DIGEST_TITLES = {"This week in Lahore Creators", "Reports this week", "کراچی کریئیٹرز کا ہفتہ وار خلاصہ",
                 "اس ہفتے کی رپورٹیں"}


class ClockScheduler(ManualScheduler):
    """The manual scheduler on the test's clock: services schedule on the wall clock after a delay
    measured on their own clock, so a job's time is translated back to the test's clock."""

    def __init__(self, clock: FixedClock) -> None:
        super().__init__()
        self.clock = clock

    def at(self, job_id, when, func, *args) -> None:
        super().at(job_id, self.clock.now() + (when - datetime.now(timezone.utc)), func, *args)


class Deployment:
    """One database file; `start()` is a fresh process on it (a restart), sharing the clock and the
    record of what was posted."""

    def __init__(self, path: Path | str, clock: FixedClock) -> None:
        self.path = path                # a SQLite file, or a postgresql:// URL
        self.clock = clock
        self.messenger = MemoryMessenger()
        self.app: App | None = None
        self.store: Any = None
        self.scheduler: ClockScheduler | None = None

    async def start(self) -> App:
        settings = Settings(token=None, database=self.path, dev_guild=None, timezone=ZONE, language="en",
                            log_level="INFO", api_base=None, gateway_url=None)
        if isinstance(self.path, str):
            from bot.storage.postgres.store import PostgresStore

            self.store = await PostgresStore.open(self.path, max_size=4)
        else:
            self.store = await SqliteStore.open(self.path)
        self.scheduler = ClockScheduler(self.clock)
        self.app = App(settings, self.store, clock=self.clock, scheduler=self.scheduler)
        self.app.messenger.register(DISCORD, self.messenger)
        self.app.directories.use(DISCORD, Names({EN: "Lahore Creators", UR: "کراچی کریئیٹرز"}))
        await self.app.start()
        return self.app

    async def stop(self) -> None:
        assert self.app is not None and self.store is not None
        await self.app.idle()
        await self.app.close()
        await self.store.close()
        self.app = self.store = self.scheduler = None

    async def run_due(self) -> None:
        assert self.scheduler is not None
        # (The digest's start-up look comes STARTUP_DELAY after start, once the front ends connected.)
        await self.scheduler.run_due(self.clock.now() + STARTUP_DELAY)
        await self.app.idle()

    def digests(self, guild: int) -> list:
        """The digest posts of a community (its channels also get event announcements, case cards
        and SLA notices)."""
        return [p for p in self.messenger.posts if p.place.id in (ANN[guild], MOD[guild])
                and p.message.cards and p.message.cards[0].title in DIGEST_TITLES]


@pytest.fixture(params=["sqlite", "postgres"])
async def deployment(tmp_path: Path, request: pytest.FixtureRequest):
    """One deployment on each storage driver: the same digest on SQLite and PostgreSQL (issue 12)."""
    clock = FixedClock(TUESDAY - timedelta(days=7))
    server, url = None, None
    if request.param == "postgres":
        server = request.getfixturevalue("pg_server")
        url = await server.create_database()
    d = Deployment(url or tmp_path / "digest.sqlite3", clock)
    app = await d.start()
    for guild, lang, slot in ((EN, "en", "friday 18:00"), (UR, "ur", "جمعہ 18:00")):
        await app.setup.change(admin(guild), SettingsChange(
            announcements_channel=ANN[guild], moderation_channel=MOD[guild], resources_channel=RES[guild],
            language=lang, digest=slot))
    yield d
    if d.app is not None:
        await d.stop()
    if server is not None:
        await server.release(url)


async def fixture_week(d: Deployment, guild: int) -> None:
    """What happens in one community between Friday 6 March and Friday 13 March (and before)."""
    app, clock = d.app, d.clock
    assert app is not None
    # The week before: a resource (not new), and a case opened then (not in this week's figures).
    clock.moment = TUESDAY - timedelta(days=7)
    await app.resources.share(member(guild, 1), url="https://old.example.org/guide", title="Old guide")
    await report(app, member(guild, 1), "https://old.example.org/rumour", "scam_impersonation")
    await d.run_due()          # last week's Friday passes with nothing set to report about

    clock.moment = TUESDAY
    # Resources: three new ones, votes 2, 1, 0; one removed (not shown).
    await app.resources.share(member(guild, 2), url="https://guide.example.org/verify", title="Verification guide")
    await app.resources.share(member(guild, 3), url="https://tools.example.org/reverse", title="Reverse image search")
    await app.resources.share(member(guild, 4), url="https://spam.example.org/x", title="Removed one")
    library = await app.store.resources.top(Community(DISCORD, guild), limit=10)
    ids = {r.title: r.id for r in library}
    for n in (5, 6):
        await app.resources.upvote(member(guild, n), ids["Verification guide"])
    await app.resources.upvote(member(guild, 7), ids["Reverse image search"])
    for n in (5, 6, 7, 8):
        await app.resources.upvote(member(guild, n), ids["Removed one"])
    await app.resources.remove(admin(guild), ids["Removed one"])

    # Events: one next week, full with a waitlist and a maybe; one this week (past by the digest);
    # one in two weeks (not next week); one next week cancelled.
    await app.events.create(admin(guild), title="Fact-checking workshop", when="2026-03-16 18:00", capacity=2)
    await app.events.create(admin(guild), title="This week's meetup", when="2026-03-11 18:00")
    await app.events.create(admin(guild), title="Later training", when="2026-03-25 18:00")
    await app.events.create(admin(guild), title="Cancelled call", when="2026-03-17 18:00")
    events = {e.title: e.id for e in await app.store.events.upcoming(Community(DISCORD, guild), clock.now(), limit=10)}
    workshop = events["Fact-checking workshop"]
    for n in (1, 2, 3):
        await app.events.rsvp(member(guild, n), workshop, "going")
    await app.events.rsvp(member(guild, 4), workshop, "maybe")
    await app.events.cancel(admin(guild), str(events["Cancelled call"]), reason="Moved online")

    # Reports: five cases this week.
    c1 = (await report(app, member(guild, 1), "https://viral.example.com/fake-cure")).result
    c2 = (await report(app, member(guild, 2), "https://viral.example.com/other", "hate_speech")).result
    c3 = (await report(app, member(guild, 3), "https://viral.example.com/third", "bullying_harassment")).result
    c4 = (await report(app, member(guild, 4), "https://viral.example.com/fourth", "other")).result
    await report(app, member(guild, 5), "https://viral.example.com/fifth", "other")   # never claimed
    clock.moment = TUESDAY + timedelta(hours=2)
    await app.reports.triage(admin(guild), c1.case_id, Step(CLAIM))
    await app.reports.triage(admin(guild), c1.case_id, Step(ESCALATE, "facebook", "FB-1"))
    clock.moment = TUESDAY + timedelta(hours=4)
    await app.reports.triage(admin(guild), c2.case_id, Step(CLAIM))
    await app.reports.triage(admin(guild), c2.case_id, Step(RESOLVE, "actioned", None))
    clock.moment = TUESDAY + timedelta(hours=14)   # c3 claimed after its 12 h SLA: a breach
    await app.reports.triage(admin(guild), c3.case_id, Step(CLAIM))
    await app.reports.triage(admin(guild), c3.case_id, Step(DISMISS, None, "Not harassment"))
    await app.reports.triage(admin(guild), c4.case_id, Step(CLAIM))
    await app.reports.record_platform_outcome(admin(guild), "removed", case_id=c1.case_id)
    await app.factchecks.publish(admin(guild), c1.ref, verdict="false", summary="The cure is invented.",
                                 sources="https://factcheck.example.org/cure")
    await d.run_due()


def card_fields(post) -> dict[str, str]:
    # Urdu text carries direction marks (tests/unit/test_bidi.py); the words are what is compared here.
    return {bidi.strip(f.name): bidi.strip(f.value) for f in post.message.cards[0].fields}


async def test_digest_content_in_english_and_urdu(deployment: Deployment) -> None:
    d = deployment
    await fixture_week(d, EN)
    await fixture_week(d, UR)
    assert d.digests(EN) == [] and d.digests(UR) == []       # nothing before the slot

    d.clock.moment = SLOT - timedelta(minutes=1)
    await d.run_due()
    assert d.digests(EN) == []
    d.clock.moment = SLOT
    await d.run_due()

    ann, mod = d.digests(EN)
    assert ann.place.id == ANN[EN] and mod.place.id == MOD[EN]
    card = ann.message.cards[0]
    assert card.title == "This week in Lahore Creators"
    assert "From Friday 6 March to Friday 13 March (Asia/Karachi time)" in card.body
    assert "late" not in card.body
    fields = card_fields(ann)
    events = fields["Coming up next week"].splitlines()
    assert len(events) == 1
    assert "Fact-checking workshop" in events[0] and "Monday 16 March, 18:00" in events[0]
    assert "2 going, 1 maybe" in events[0] and "full, 1 waiting" in events[0]
    resources = fields["Most upvoted new resources"].splitlines()
    assert resources == ["[Verification guide](https://guide.example.org/verify) · 2 upvotes",
                         "[Reverse image search](https://tools.example.org/reverse) · 1 upvote"]
    assert fields["New fact-checks"] == "**F-1** · False · The cure is invented."
    assert ann.message.ping_roles == ()

    figures = card_fields(mod)
    assert mod.message.cards[0].title == "Reports this week"
    assert figures["New cases"] == "5"
    assert figures["Resolved"] == "1" and figures["Dismissed"] == "1"
    assert figures["Median time to claim"] == "9h"        # 2h, 4h, 14h, 14h: (4 + 14) / 2
    assert figures["SLA breaches"] == "3"                 # c3 and c4 claimed at 14h, c5 never claimed
    assert figures["Escalations to platforms"] == "1"
    assert figures["Platform compliance"] == "100% (1 of 1 decision removed or restricted)"
    # Nothing about reporters or case details in either message.
    for post in (ann, mod):
        text = str(post.message)
        assert "viral.example.com" not in text and "M1" not in text and str(member(EN, 1).user_id) not in text

    ann_ur, mod_ur = d.digests(UR)
    card = ann_ur.message.cards[0]
    assert card.title == "کراچی کریئیٹرز کا ہفتہ وار خلاصہ"
    assert "جمعہ 6 مارچ سے جمعہ 13 مارچ تک" in card.body
    fields = card_fields(ann_ur)
    line = fields["اگلے ہفتے کی تقریبات"]
    assert "پیر 16 مارچ، شام 6:00" in line and "2 آ رہے ہیں، 1 شاید" in line and "جگہ پوری، 1 انتظار میں" in line
    assert fields["سب سے زیادہ پسند کیے گئے نئے وسائل"].splitlines()[0].endswith("· 2 ووٹ")
    assert fields["حقائق کی نئی جانچ"] == "**F-1** · غلط · The cure is invented."
    figures = card_fields(mod_ur)
    assert mod_ur.message.cards[0].title == "اس ہفتے کی رپورٹیں"
    assert figures["نئے کیس"] == "5" and figures["SLA کی خلاف ورزیاں"] == "3"
    assert figures["کیس سنبھالنے میں عموماً لگنے والا وقت (میڈین)"] == "9 گھنٹے"
    assert figures["پلیٹ فارموں کی کارروائی"].startswith("100% (1 فیصلے میں سے 1")


async def test_sent_exactly_once_across_restarts_and_clock_jumps(deployment: Deployment, caplog) -> None:
    d = deployment
    en = Community(DISCORD, EN)
    d.clock.moment = SLOT
    await d.run_due()
    assert len(d.digests(EN)) == 2 and len(d.digests(UR)) == 2

    # Restart 1, a minute later: the loader looks at the week again and sends nothing.
    await d.stop()
    d.clock.moment = SLOT + timedelta(minutes=1)
    await d.start()
    await d.run_due()
    # The clock jumps back an hour (NTP, a VM resumed) and forward again past the slot.
    d.clock.moment = SLOT - timedelta(hours=1)
    await d.run_due()
    d.clock.moment = SLOT + timedelta(hours=3)
    await d.run_due()
    # Restart 2, twenty hours on (still inside the late window).
    await d.stop()
    d.clock.moment = SLOT + timedelta(hours=20)
    await d.start()
    await d.run_due()
    # A second process on the same database, at the same moment.
    other = Deployment(d.path, d.clock)
    await other.start()
    await other.run_due()
    await other.stop()
    assert len(d.digests(EN)) == 2 and len(d.digests(UR)) == 2 and other.messenger.posts == []
    assert await d.app.store.digest.run_of(en, week_key(SLOT, ZONE)) == "sent"

    # Down over the next slot for 21 hours: sent late, saying so, once.
    await d.stop()
    d.clock.moment = SLOT + timedelta(days=7, hours=21)
    await d.start()
    await d.run_due()
    posts = d.digests(EN)
    assert len(posts) == 4
    assert "This digest is late: it was due Friday 20 March, 18:00" in posts[2].message.cards[0].body
    assert await d.app.store.digest.run_of(en, week_key(SLOT + timedelta(days=7), ZONE)) == "late"

    # Down over the slot after for 30 hours: skipped and logged, nothing posted, not even later.
    await d.stop()
    d.clock.moment = SLOT + timedelta(days=14, hours=30)
    with caplog.at_level(logging.WARNING, logger="bot.app.digest"):
        await d.start()
        await d.run_due()
    assert len(d.digests(EN)) == 4
    assert any("skipped" in r.getMessage() and str(EN) in r.getMessage() for r in caplog.records)
    assert await d.app.store.digest.run_of(en, week_key(SLOT + timedelta(days=14), ZONE)) == "skipped"
    # The week after is on time again: the job was rescheduled for its slot.
    assert d.scheduler.jobs["weekly-digest"][0] <= SLOT + timedelta(days=21)
    d.clock.moment = SLOT + timedelta(days=21)
    await d.run_due()
    assert len(d.digests(EN)) == 6


async def test_setup_digest_validates_and_turns_off(deployment: Deployment) -> None:
    d = deployment
    app = d.app
    en = Community(DISCORD, EN)
    for bad in ("friday", "someday 18:00", "friday 25:00", "friday 13pm", "18:00 friday"):
        with pytest.raises(DomainError) as refused:
            await app.setup.change(admin(EN), SettingsChange(digest=bad))
        assert refused.value.key == "digest.bad_slot"
    settings = await app.setup.settings_for(en)
    assert (settings.digest_day, settings.digest_minute) == (4, 18 * 60)   # unchanged
    with pytest.raises(DomainError) as refused:
        await app.setup.change(member(EN, 1), SettingsChange(digest="off"))
    assert refused.value.key == "perm.need_admin"

    # Moved to Saturday 9 am Roman Urdu style; then off: nothing goes out on either day.
    await app.setup.change(admin(EN), SettingsChange(digest="hafta 9am"))
    settings = await app.setup.settings_for(en)
    assert (settings.digest_day, settings.digest_minute) == (5, 9 * 60)
    d.clock.moment = SLOT
    await d.run_due()
    assert d.digests(EN) == []
    d.clock.moment = datetime(2026, 3, 14, 4, 0, tzinfo=timezone.utc)       # Saturday 09:00 PKT
    await d.run_due()
    assert len(d.digests(EN)) == 2
    await app.setup.change(admin(EN), SettingsChange(digest="off"))
    assert (await app.setup.settings_for(en)).digest_day is None
    d.clock.moment += timedelta(days=7)
    await d.run_due()
    assert len(d.digests(EN)) == 2
    assert en not in await app.store.digest.scheduled()
