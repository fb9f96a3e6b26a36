"""A full disk: every click is answered truthfully ("could not be saved, try again"), the log gets one
line a minute rather than a traceback per click, and the bot carries on by itself once there is room.
A change that was rolled back is never reported as "nothing you sent was lost"."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3

from bot.i18n import t


async def _fill(h, event_id: int) -> None:
    """Cap the database at its size and fill every page left: the next change needs a new page."""
    pages = await h.db.write_sync(lambda c: c.execute("PRAGMA page_count").fetchone()[0])
    await h.db.write_sync(lambda c: c.execute(f"PRAGMA max_page_count = {pages}"))

    n = 0
    # One row per transaction (SQLite rolls back the whole transaction when it is full), each row
    # smaller than any click's, so no page keeps room for a single click.
    while True:
        try:
            await h.db.execute("INSERT INTO event_rsvps (event_id, platform, user_id, status, seq, display_name, "
                               "updated_at) VALUES (?, 'discord', ?, 'declined', 0, '', 0)", (event_id, 10**12 + n))
        except sqlite3.OperationalError as exc:
            assert "full" in str(exc)
            return
        n += 1


async def test_disk_full_truthful_replies_one_log_line_and_recovery(world, caplog) -> None:
    h = world
    caplog.set_level(logging.INFO)
    members = [h.world.guild.add_member(f"member{i:02d}") for i in range(60)]
    r = await h.fake.slash(h.world.organiser, "event create", title="Crowded", when="tomorrow 6pm")
    await r.wait_done()
    msg = h.fake.channel_messages(h.world.announcements)[-1]
    event_id = int(re.search(r"bk:ev:(\d+):", str(msg.components)).group(1))
    caplog.clear()
    await _fill(h, event_id)  # the first refused change: logged
    results = await asyncio.gather(*(h.fake.click(m, msg, "Going") for m in members))
    await asyncio.gather(*(r.wait_done() for r in results))
    assert [r.error for r in results] == [None] * 60
    assert all(r.ephemeral and r.text.strip() == t("en", "common.not_saved_full") for r in results), {r.text for r in results}
    assert not any("was lost" in r.text for r in results)
    assert await h.db.fetchval("SELECT count(*) FROM event_rsvps WHERE status = 'going'") == 0
    full_lines = [rec for rec in caplog.records if "is full" in rec.getMessage()]
    assert len(full_lines) == 1 and full_lines[0].exc_info is None
    assert not any(rec.exc_info for rec in caplog.records), [rec.getMessage() for rec in caplog.records if rec.exc_info]
    # Space comes back: the next clicks are saved, with no restart.
    await h.db.write_sync(lambda c: c.execute("PRAGMA max_page_count = 1073741823"))
    again = await asyncio.gather(*(h.fake.click(m, msg, "Going") for m in members[:5]))
    await asyncio.gather(*(r.wait_done() for r in again))
    assert all("You're going" in r.text for r in again), [r.text for r in again]
    assert await h.db.fetchval("SELECT count(*) FROM event_rsvps WHERE status = 'going'") == 5
    assert any("accepts changes again" in rec.getMessage() for rec in caplog.records)
