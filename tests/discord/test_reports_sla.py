"""SLA reminders and the raise to admins, driven from the database through the scheduler, with the
bot's injected clock moved forward and the bot restarted in between."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from bot.domain.clock import FixedClock
from tests.harness import Harness, until


@pytest.fixture
async def timed(tmp_path):
    clock = FixedClock(datetime.now(timezone.utc))
    h = Harness(tmp_path, clock=clock)
    await h.start()
    await h.setup_guild(report_sla_hours=2)
    yield h, clock
    await h.close()


def notices(h) -> list[str]:
    return [m.content for m in h.fake.channel_messages(h.world.moderation)
            if m.author.id == h.fake.bot_user.id and not m.embeds and m.content]


async def test_reminder_per_window_then_raise_to_admins_across_restarts(timed) -> None:
    h, clock = timed
    w = h.world
    r = await h.fake.slash(w.alice, "report", target="https://example.org/rumour", category="misinformation")
    assert "R-0001" in r.content
    r = await h.fake.slash(w.bob, "report", target="https://example.org/threat", category="violent_extremism")
    assert "R-0002" in r.content
    await until(lambda: len([m for m in h.fake.channel_messages(w.moderation) if m.embeds]) == 2)
    assert notices(h) == []

    clock.advance(hours=1, minutes=1)  # the urgent case's 1-hour window has passed
    await h.restart_bot()
    await until(lambda: len(notices(h)) == 1)
    assert "Reminder" in notices(h)[0] and "R-0002" in notices(h)[0]

    clock.advance(hours=1, minutes=1)  # 2h02: urgent case at twice its window, normal at one window
    await h.restart_bot()
    await until(lambda: len(notices(h)) == 3)
    raised = [n for n in notices(h) if n.startswith("**Admins:**")]
    assert len(raised) == 1 and "R-0002" in raised[0] and "1 h" in raised[0]
    # The owner (an admin who may never read #moderation) is told by DM too, once.
    await until(lambda: any("R-0002" in (m.content or "") for m in h.fake.dms(w.admin)))
    assert len([m for m in h.fake.dms(w.admin) if "still unclaimed" in (m.content or "")]) == 1
    assert any("Reminder" in n and "R-0001" in n for n in notices(h))
    card = next(m for m in h.fake.channel_messages(w.moderation)
                if m.embeds and "R-0002" in m.embeds[0]["title"])
    await until(lambda: "Raised to admins" in h.fake.message_by_id(card.id).text)

    await h.restart_bot()  # nothing new is due: nothing is sent twice
    await asyncio.sleep(0.3)
    assert len(notices(h)) == 3

    card1 = next(m for m in h.fake.channel_messages(w.moderation)
                 if m.embeds and "R-0001" in m.embeds[0]["title"])
    r = await h.fake.click(w.moderator, card1, "Claim")
    assert r.error is None
    clock.advance(hours=2)  # 4h02: the claimed case stays quiet; the urgent one gets its window-4 reminder
    await h.restart_bot()
    await until(lambda: len(notices(h)) == 4)
    assert "R-0002" in notices(h)[-1] and "Reminder" in notices(h)[-1]
    # SLA notices name admins without pinging anyone.
    for msg in h.fake.channel_messages(w.moderation):
        if not msg.embeds:
            assert msg.pinged == {"users": [], "roles": [], "everyone": False}


async def test_due_time_passing_while_running_sends_the_reminder(timed) -> None:
    h, clock = timed
    w = h.world
    await h.fake.slash(w.alice, "report", target="https://example.org/rumour", category="child_safety")
    sla = h.bot.app.reports.sla
    assert h.bot.app.scheduler.has(sla.job_id(1))
    # The job fires on the wall clock after the delay measured on the bot's clock; move both.
    clock.advance(hours=1, seconds=5)
    sla.schedule(1, clock.now())
    await until(lambda: len(notices(h)) == 1)
    assert "R-0001" in notices(h)[0]
