"""Events against a clock the test moves: what may still happen to an event once it has started
or ended, through the fake Discord with the real client."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.clock import FixedClock
from tests.discord.test_events_flow import announcement, event_id_of, service
from tests.harness import Harness

START = datetime(2026, 6, 1, 13, 0, tzinfo=timezone.utc)  # 18:00 in Karachi


@pytest.fixture
async def timed(tmp_path):
    h = Harness(tmp_path, clock=FixedClock(START - timedelta(days=2)))
    await h.start()
    await h.setup_guild()
    yield h
    await h.close()


async def test_a_finished_event_cannot_be_cancelled(timed) -> None:
    h = timed
    w = h.world
    r = await h.fake.slash(w.organiser, "event create", title="Done and dusted", when="2026-06-01 18:00")
    await r.wait_done()
    msg = announcement(h)
    await (await h.fake.click(w.alice, msg, "Going")).wait_done()
    event_id = str(event_id_of(msg))
    h.clock.moment = START + timedelta(hours=3)  # the hour-long event ended two hours ago
    r = await h.fake.slash(w.organiser, "event cancel", event=event_id, reason="oops")
    await r.wait_done()
    assert r.ephemeral and "already over" in r.text
    await service(h).idle()
    assert h.fake.dms(w.alice) == []  # nobody is told a session they attended was called off
    assert await h.db.fetchval("SELECT status FROM events WHERE id = ?", (int(event_id),)) == "scheduled"
    assert not any(b.get("disabled") for b in h.fake.message_by_id(msg.id).buttons)
