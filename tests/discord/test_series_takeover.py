"""A series announcement claimed by a process that stopped before recording it is posted exactly once
after another process (here: the bot after a restart) takes the claim over: the post it did make is
answered by Discord's nonce with that same message, the one it never made is made once. Through the
fake Discord with the real client, on both drivers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app.series import announce_nonce
from bot.domain.events import Event
from bot.domain.series import plan_series
from bot.storage.leases import Lease
from tests.conftest import DATABASES

pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)


async def test_claimed_but_unposted_announcements_are_posted_once_after_takeover(world) -> None:
    h = world
    app = h.bot.app
    now = app.clock.now()
    channel = h.world.announcements
    draft = Event(id=0, guild_id=h.world.guild.id, channel_id=channel.id, message_id=None, organiser_id=1,
                  title="Weekly clinic", description="", location="Hall", starts_at=now + timedelta(days=1),
                  duration_min=60, timezone="Asia/Karachi", capacity=None, reminder_offsets=())
    series, drafts = plan_series(draft, repeat="weekly", until=None, count=3, announce_ahead=9, now=now)
    _, occurrences = await h.store.series.create(series, drafts, now)
    before = len(h.fake.channel_messages(channel))

    # Another process claimed the two dates due, posted the first (with its nonce) and stopped before
    # recording it; the second it never posted. Its lease has run out.
    dead = type(h.store.series)(h.store.db, Lease(owner="stopped-process", seconds=-1))
    claimed = await dead.claim_due(now)
    assert [e.id for e in claimed] == [e.id for e in occurrences[:2]]
    message = await app.events.render_announcement(claimed[0], "en")
    first_ref = await app.messenger.post(claimed[0].place, message, nonce=announce_nonce(claimed[0].id))
    assert len(h.fake.channel_messages(channel)) == before + 1

    await h.restart_bot()  # start-up finds the dates due again and announces them
    app = h.bot.app
    await app.series.announce_due()
    await app.idle()
    posted = h.fake.channel_messages(channel)[before:]
    assert len(posted) == 2, [m.embeds[0]["title"] for m in posted]   # one per date, the first not twice
    stored = await h.store.series.occurrences(occurrences[0].series_id)
    assert stored[0].message_id == first_ref.id == posted[0].id
    assert stored[1].message_id == posted[1].id
    assert stored[2].message_id is None                                 # not yet due
    assert await app.series.announce_due() == 0                         # nothing left to take over
    assert len(h.fake.channel_messages(channel)) == before + 2
