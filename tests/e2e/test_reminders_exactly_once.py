"""Exactly-once reminders across SIGKILLs between claim and send (issue 17 item 9): 20 kill points,
each 10-200 ms after a reminder fell due (claims taken, DMs in flight), on one database and one bot
process restarted 20 times, a few hundred members in all. Every member gets each reminder once,
never twice: claims left by the dead process are re-sent with their nonce at the next start, and
Discord's enforce_nonce returns the DM that did go out.

The 20 events are created once; their reminders wait far in the future. While the process is down
the next event's reminders are brought forward to fall due just after the coming start-up (the lead
follows the start-ups measured so far), then the process is started and killed just after that due
time. One start-up per kill point keeps 20 runs affordable."""

from __future__ import annotations

import asyncio
import random
import re
import sqlite3
import time
from pathlib import Path

import pytest

from tests.e2e.test_events_process import _sql, _started

MEMBERS = 300
RUNS = 20
GOING = 45            # members going to each event: a rotating slice of the MEMBERS (each in 3 events)
MARGIN = 0.4          # seconds between a start-up's expected end and the reminder's due time
FAR = 10 * 86400      # reminders not yet brought forward wait this far ahead
_LOADED = re.compile(rb"event reminders: \d+ job\(s\) for \d+ pending reminder\(s\) scheduled")


def _title(run: int) -> str:
    return f"Kill run {run}"


def _going(members: list, run: int) -> list:
    start = (run * GOING) % len(members)
    return [members[(start + i) % len(members)] for i in range(GOING)]


def _prepare(db: Path, events: list[int], members: list) -> None:
    """Each event's going members and their reminder rows, all due far ahead for now."""
    far = int(time.time()) + FAR
    with sqlite3.connect(db) as conn:
        for run, event_id in enumerate(events):
            starts_at = conn.execute("SELECT starts_at FROM events WHERE id = ?", (event_id,)).fetchone()[0]
            going = _going(members, run)
            conn.executemany(
                "INSERT INTO event_rsvps (event_id, platform, user_id, status, seq, display_name, updated_at) "
                "VALUES (?, 'discord', ?, 'going', ?, ?, ?)",
                [(event_id, m.id, n + 1, m.name, far - FAR) for n, m in enumerate(going)])
            conn.executemany(
                "INSERT INTO event_reminders (event_id, platform, user_id, offset_min, starts_at, due_at) "
                "VALUES (?, 'discord', ?, 60, ?, ?)", [(event_id, m.id, starts_at, far) for m in going])


def _log_size(proc) -> int:
    try:
        return proc.log_path.stat().st_size
    except FileNotFoundError:
        return 0


async def _wait_loaded(proc, offset: int, until: float) -> float | None:
    """Sleep until `until` (wall clock); returns when the new process logged its reminder jobs as
    scheduled (None if it did not by then)."""
    loaded = None
    while (left := until - time.time()) > 0:
        if loaded is None:
            with open(proc.log_path, "rb") as log:
                log.seek(offset)
                if _LOADED.search(log.read()):
                    loaded = time.time()
        await asyncio.sleep(min(0.02, left))
    return loaded


def _bring_forward(db: Path, event_id: int, due: int) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE event_reminders SET due_at = ? WHERE event_id = ? AND status = 'pending'",
                     (due, event_id))


@pytest.mark.timeout(300)
async def test_reminders_exactly_once_across_20_kills_after_due(tmp_path: Path) -> None:
    fake, w, proc, members = await _started(tmp_path, members=MEMBERS)
    db = tmp_path / "baithak.sqlite3"
    rng = random.Random(17)
    try:
        created = await asyncio.gather(*(fake.slash(w.organiser, "event create", title=_title(run), when="tomorrow 6pm",
                                                     reminders="1h") for run in range(RUNS)))
        for r in created:
            await r.wait_done()
            assert r.error is None, proc.log()
        await proc.stop()
        events = [_sql(db, "SELECT id FROM events WHERE title = ?", (_title(run),))[0][0] for run in range(RUNS)]
        _prepare(db, events, members)

        loaded_after: list[float] = []   # seconds from spawn to the reminder jobs being scheduled
        lead = 3.0
        claimed_at_kill: list[int] = []
        for run, event_id in enumerate(events):
            # The reminders fall due just after the coming start-up schedules them (whole seconds:
            # due_at is stored in seconds); the kill lands 10-200 ms after the due time, whether or
            # not the rest of the start-up (gateway, command sync) is over by then.
            spawned = time.time()
            due = int(spawned + lead) + 1
            _bring_forward(db, event_id, due)
            seen = _log_size(proc)
            starting = asyncio.create_task(proc.start(timeout=60))
            loaded = await _wait_loaded(proc, seen, due + rng.uniform(0.010, 0.200))
            if loaded is not None:
                loaded_after.append(loaded - spawned)
                lead = max(loaded_after[-3:]) + MARGIN
            else:  # this start-up was slower than the lead: give the next one more time
                lead += 1.5
            starting.cancel()
            await asyncio.gather(starting, return_exceptions=True)
            proc.proc.kill()
            await proc.proc.wait()
            await fake.wait_for_disconnect(timeout=20)
            claimed_at_kill.append(_sql(db, "SELECT count(*) FROM event_reminders WHERE event_id = ? "
                                            "AND status = 'claimed'", (event_id,))[0][0])

        await proc.start(timeout=60)  # the last kill's claims, re-sent with their nonces
        marks = ",".join("?" * len(events))
        deadline = time.time() + 90
        while True:
            left = _sql(db, f"SELECT count(*) FROM event_reminders WHERE event_id IN ({marks}) "
                            "AND status IN ('pending', 'claimed')", tuple(events))[0][0]
            if not left or time.time() > deadline:
                break
            await asyncio.sleep(0.1)
        assert not left, (left, proc.log())

        for run in range(RUNS):
            title = f"**{_title(run)}**"
            going = {m.id for m in _going(members, run)}
            counts = {m.id: sum(1 for d in fake.dms(m) if title in d.text) for m in members}
            missing = [uid for uid in going if counts[uid] == 0]
            twice = [uid for uid in going if counts[uid] > 1]
            strangers = [uid for uid, n in counts.items() if n and uid not in going]
            assert not missing and not twice and not strangers, (run, len(missing), len(twice), len(strangers),
                                                                 claimed_at_kill[run])
        # The kills did land between claim and send (else this test proves nothing), and the nonces
        # were needed: some DMs that did go out before a kill were asked for again.
        assert sum(1 for n in claimed_at_kill if n) >= RUNS // 4, claimed_at_kill
    finally:
        await proc.close()
        await fake.stop()
