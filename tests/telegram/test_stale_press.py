"""A button press the bot answers after Telegram's 15 seconds (an overloaded moment): the press still
counts, the bot tries to answer once and logs one line, not an "unexpected error" with an apology
that Telegram would refuse the same way (under load that second attempt doubled the work of every
late press; see bench/bench_telegram.py)."""

from __future__ import annotations

import asyncio
import logging
import re

from tests.telegram.test_events import announce


async def test_a_press_answered_too_late_still_counts_and_is_logged_once(tg, caplog) -> None:
    w = tg.world
    await tg.setup_group()
    _, announcement = await announce(tg, "/event Late answers | tomorrow 6pm | 1h | Online | 5")
    event_id = int(re.search(r"Event #(\d+)", announcement.text).group(1))
    tg.fake.reset_requests()
    caplog.set_level(logging.WARNING, logger="baithak.telegram")
    answered = asyncio.ensure_future(tg.fake.wait_for_request("answerCallbackQuery", timeout=10))
    w.ali.press_nowait(announcement, "Going")
    tg.fake.expire_callback_queries()  # the bot gets to it only after Telegram stopped waiting
    record = await answered
    assert not record.ok and "query is too old" in (record.description or "")
    await tg.idle()
    await asyncio.sleep(0.3)
    assert len(tg.fake.requests_to("answerCallbackQuery")) == 1  # no apology after it
    assert "answered too late" in caplog.text and "unexpected error" not in caplog.text
    people = await tg.app.store.events.attendees(event_id)
    assert [(p.user_id, p.status) for p in people] == [(w.ali.id, "going")]
