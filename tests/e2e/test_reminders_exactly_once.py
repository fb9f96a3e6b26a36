"""Exactly-once reminders across a SIGKILL between claim and send: a few hundred members, the process
killed 10-200 ms after the reminder falls due (claims taken, DMs in flight), restarted: every member
gets the reminder once, never twice (claims left by the dead process are re-sent with their nonce,
and Discord's enforce_nonce returns the DM that did go out)."""

from __future__ import annotations

import asyncio
import os
import random
import re
import time
from pathlib import Path

from tests.e2e.test_events_process import _sql, _started

MEMBERS = 300
RUNS = int(os.environ.get("BAITHAK_REMINDER_KILL_RUNS", "5"))  # bench/ runs the full 20


async def _run_once(fake, w, proc, members, db: Path, run: int, rng: random.Random) -> tuple[int, int]:
    r = await fake.slash(w.organiser, "event create", title=f"Kill run {run}", when="tomorrow 6pm", reminders="1h")
    await r.wait_done()
    msg = fake.channel_messages(w.announcements)[-1]
    event_id = int(re.search(r"bk:ev:(\d+):", str(msg.components)).group(1))
    await proc.stop()
    starts_at = _sql(db, "SELECT starts_at FROM events WHERE id = ?", (event_id,))[0][0]
    due = int(time.time()) + 4  # after the restart below has loaded its jobs
    with __import__("sqlite3").connect(db) as conn:
        conn.executemany("INSERT INTO event_rsvps (event_id, platform, user_id, status, seq, display_name, updated_at) "
                         "VALUES (?, 'discord', ?, 'going', ?, ?, ?)",
                         [(event_id, m.id, n + 1, m.name, due - 60) for n, m in enumerate(members)])
        conn.executemany("INSERT INTO event_reminders (event_id, platform, user_id, offset_min, starts_at, due_at) "
                         "VALUES (?, 'discord', ?, 60, ?, ?)", [(event_id, m.id, starts_at, due) for m in members])
    await proc.start()
    delay = due - time.time()
    assert delay > 0, "the restart took longer than the margin before the reminder's due time"
    await asyncio.sleep(delay + rng.uniform(0.010, 0.200))
    proc.proc.kill()
    await proc.proc.wait()
    await fake.wait_for_disconnect(timeout=20)
    claimed_at_kill = _sql(db, "SELECT count(*) FROM event_reminders WHERE event_id = ? AND status = 'claimed'",
                           (event_id,))[0][0]
    await proc.start()
    for _ in range(600):
        left = _sql(db, "SELECT count(*) FROM event_reminders WHERE event_id = ? AND status IN ('pending', 'claimed')",
                    (event_id,))[0][0]
        if not left:
            break
        await asyncio.sleep(0.05)
    assert not left, proc.log()
    title = f"**Kill run {run}**"
    counts = {m.id: sum(1 for d in fake.dms(m) if title in d.text) for m in members}
    missing = [uid for uid, n in counts.items() if n == 0]
    twice = [uid for uid, n in counts.items() if n > 1]
    assert not missing and not twice, (run, len(missing), len(twice), claimed_at_kill)
    return claimed_at_kill, fake.nonce_hits


async def test_reminders_exactly_once_across_kills_after_due(tmp_path: Path) -> None:
    fake, w, proc, members = await _started(tmp_path, members=MEMBERS)
    db = tmp_path / "baithak.sqlite3"
    rng = random.Random(17)
    try:
        interrupted = 0
        for run in range(RUNS):
            claimed, _ = await _run_once(fake, w, proc, members, db, run, rng)
            interrupted += claimed > 0
        # The kills did land between claim and send (else this test proves nothing).
        assert interrupted >= 1
    finally:
        await proc.close()
        await fake.stop()
