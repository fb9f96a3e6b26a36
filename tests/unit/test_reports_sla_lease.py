"""SLA notices under a lease, through `bot.app` alone (a real SQLite store, an in-memory Messenger
that honours nonces like Discord's enforce_nonce): a process that claimed a notice and died before
recording it leaves a lease; once that expires the notice is sent by whoever checks next, once,
marked late, and not repeated if the dead process had posted it already."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.app import App
from bot.domain.clock import FixedClock
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Place
from bot.domain.report_sla import notice_nonce
from bot.domain.reports import intake_from_target
from bot.domain.roles import Actor
from bot.ports.messaging import Message
from bot.settings import Settings
from bot.storage.leases import Lease
from bot.storage.sqlite.store import SqliteStore
from tests.manual_scheduler import ManualScheduler
from tests.memory_messenger import MemoryMessenger

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
GUILD, MODERATION = 100, 700
ALICE = Actor(user_id=11, guild_id=GUILD, display_name="Alice")


@pytest.fixture
async def flow(tmp_path: Path):
    settings = Settings(token=None, database=tmp_path / "sla.sqlite3", dev_guild=None, timezone="UTC",
                        language="en", log_level="INFO", api_base=None, gateway_url=None)
    store = await SqliteStore.open(settings.database)
    await store.settings.save(GuildSettings(guild_id=GUILD, timezone="UTC", language="en",
                                            moderation_channel=MODERATION, report_sla_hours=2))
    clock = FixedClock(NOW)
    app = App(settings, store, clock=clock, scheduler=ManualScheduler())
    messenger = MemoryMessenger()
    app.messenger.register(DISCORD, messenger)
    await app.start()
    yield app, store, messenger, clock
    await app.idle()
    await app.close()
    await store.close()


def notices(messenger: MemoryMessenger) -> list[str]:
    return [p.message.text for p in messenger.posts
            if p.place == Place(DISCORD, MODERATION) and not p.message.cards]


async def _case(app: App):
    await app.reports.submit(ALICE, intake_from_target(guild_id=GUILD, reporter_id=ALICE.user_id,
                                                       category="misinformation", target="https://example.org/x",
                                                       now=NOW))
    await app.idle()
    return await app.store.reports.get(1)


@pytest.mark.parametrize("posted_before_dying", [False, True])
async def test_a_dead_process_sla_lease_is_taken_over_sent_once_marked_late(
        flow, monkeypatch: pytest.MonkeyPatch, posted_before_dying: bool) -> None:
    app, store, messenger, clock = flow
    case = await _case(app)
    clock.advance(hours=2, minutes=10)  # the first window fell due ten minutes ago
    # Another process claimed the notice (and perhaps posted it) and died before recording it.
    assert await store.reports.claim_sla_notice(case, window=1, now=clock.now())
    if posted_before_dying:
        await messenger.post(Place(DISCORD, MODERATION), Message(text="Reminder: R-0001 (the dead process's)"),
                             nonce=notice_nonce(case.id, 1))
    await app.reports.sla.fire(case.id)  # its lease is alive: this process leaves the notice alone
    assert len(notices(messenger)) == int(posted_before_dying)
    assert (await store.reports.get(case.id)).sla_notices == 0

    wall = Lease.now()
    monkeypatch.setattr(Lease, "now", staticmethod(lambda: wall + Lease().seconds + 1))  # it expired
    await app.reports.sla.fire(case.id)
    await app.reports.sla.fire(case.id)  # a second check changes nothing: recorded
    sent = notices(messenger)
    assert len(sent) == 1
    if not posted_before_dying:
        assert "R-0001" in sent[0] and sent[0].endswith("(Sent late: I was offline or busy when this notice was due.)")
    after = await store.reports.get(case.id)
    assert (after.sla_notices, after.sla_due_at) == (1, NOW + timedelta(hours=4))


async def test_a_notice_sent_on_time_is_not_marked_late(flow) -> None:
    app, store, messenger, clock = flow
    case = await _case(app)
    clock.advance(hours=2, minutes=1)
    await app.reports.sla.fire(case.id)
    [text] = notices(messenger)
    assert text.startswith("Reminder:") and "Sent late" not in text


class Connecting:
    """A front end's directory just after a start: it learns its servers a moment later."""

    def __init__(self) -> None:
        self.ready = False

    def name(self, community):  # type: ignore[no-untyped-def]
        return "Lahore creators" if self.ready else None

    def owner(self, community):  # type: ignore[no-untyped-def]
        from bot.domain.identity import Member

        return Member(DISCORD, 5) if self.ready else None

    def message_link(self, community, ref):  # type: ignore[no-untyped-def]
        return None


async def test_a_raise_due_at_start_reaches_the_owner_once_the_server_is_known(flow) -> None:
    """Overdue notices go out as the process starts, before Discord has sent its servers: the owner's
    DM waits for the server to be known instead of being dropped."""
    import asyncio

    app, store, messenger, clock = flow
    directory = Connecting()
    app.directories.use(DISCORD, directory)
    case = await _case(app)
    clock.advance(hours=2, minutes=10)
    await app.reports.sla.fire(case.id)  # the reminder
    clock.advance(hours=2)
    await app.reports.sla.fire(case.id)  # the raise to admins, while the server is not known yet
    assert [n for n in notices(messenger) if n.startswith("**Admins:**")]
    assert messenger.dms == []
    await asyncio.sleep(1.2)
    directory.ready = True
    await app.idle()
    assert [d.member.id for d in messenger.dms] == [5] and "R-0001" in messenger.dms[0].message.text
