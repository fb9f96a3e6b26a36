"""Events benchmarks, against the real `baithak run` process through the fake server.

- RSVP burst: 1,000 members x 5 clicks (Going / Maybe / Can't go mixed) on one event of capacity
  100, all members at once, each member's clicks one after another (as a person clicks, sees the
  confirmation and clicks again); clicks/s and p50/p99 to the initial response, next to the same number of uses
  of the static baseline command in the same session. Then checks that capacity was never
  exceeded and that the announcement converged to the database's counts, and the longest stall of
  the bot's event loop the loop monitor logged during the burst (it logs any over 250 ms).
- Reminder scale: 100,000 pending reminder rows; start-up to ready (the reminder loader runs
  before the bot syncs its commands, so this includes scheduling every job) next to an empty
  database's start-up, and the process's peak resident memory.
"""

from __future__ import annotations

import asyncio
import random
import re
import sqlite3
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bench.common import BenchContext, fire_sequences, row

MEMBERS = 1000
CLICKS_EACH = 5
CAPACITY = 100
REMINDER_ROWS = 100_000
EVENTS_FOR_REMINDERS = 1000  # x 50 members x 2 offsets = 100,000 rows, 2,000 scheduler jobs


def _counts(db_path: Path, event_id: int) -> dict[str, int]:
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("SELECT status, count(*) FROM event_rsvps WHERE event_id = ? GROUP BY status",
                                 (event_id,)).fetchall())


async def counts(s: Any, event_id: int) -> dict[str, int]:
    """The event's RSVP counts in the database the bot runs on (SQLite file or PostgreSQL)."""
    if s.database_url is None:
        return _counts(s.db_path, event_id)
    import asyncpg

    conn = await asyncpg.connect(s.database_url)
    try:
        return {r["status"]: r["n"] for r in await conn.fetch(
            "SELECT status, count(*) AS n FROM event_rsvps WHERE event_id = $1 GROUP BY status", event_id)}
    finally:
        await conn.close()


def _stalls(log_path: Path) -> list[float]:
    """The stalls the bot's loop monitor logged so far (ms, in order)."""
    try:
        text = log_path.read_text(errors="replace")
    except FileNotFoundError:
        return []
    return [float(m) for m in re.findall(r"event loop stalled for (\d+) ms", text)]


def _shown_counts(message: Any) -> dict[str, str]:
    embed = message.embeds[0]
    return {f["name"]: f["value"] for f in embed["fields"]}


async def rsvp_burst(ctx: BenchContext, postgres: Any = None, label: str = "") -> list[dict]:
    async with ctx.session(name="events-rsvp" + label.replace(" ", "-"), members=MEMBERS, postgres=postgres) as s:
        fake, w = s.fake, s.world
        created = await fake.slash(w.organiser, "event create", title="Benchmark meetup", when="tomorrow 6pm",
                                   capacity=CAPACITY)
        await created.wait_done(timeout=15)
        assert created.error is None, created.error
        announcement = fake.channel_messages(w.announcements)[-1]
        event_id = int(re.search(r"bk:ev:(\d+):", str(announcement.components)).group(1))
        rng = random.Random(7)
        plans = [[rng.choice(("go", "go", "maybe", "no")) for _ in range(CLICKS_EACH)] for _ in s.members]

        await s.baseline(100)  # warm-up
        base = await s.baseline_sequences(MEMBERS, CLICKS_EACH)
        stalls_before = _stalls(s.proc.log_path)
        load, _ = await fire_sequences([
            [(lambda m=m, a=a: fake.click(m, announcement, custom_id=f"bk:ev:{event_id}:{a}")) for a in plan]
            for m, plan in zip(s.members, plans)])
        # The coalesced announcement edit lands about a second after the last click is processed.
        for _ in range(60):
            await asyncio.sleep(0.5)
            truth = await counts(s, event_id)
            shown = _shown_counts(fake.message_by_id(announcement.id))
            going = truth.get("going", 0)
            exact = (shown.get("Going") == f"{going}/{CAPACITY}" and shown.get("Maybe") == str(truth.get("maybe", 0))
                     and shown.get("Waitlist") == str(truth.get("waitlist", 0)))
            if exact:
                break
        stalls = _stalls(s.proc.log_path)[len(stalls_before):]
        overruns = max(0, going - CAPACITY)
        consistent = (truth.get("waitlist", 0) == 0 or going == CAPACITY)
    name = f"RSVP burst ({MEMBERS}x{CLICKS_EACH}, cap {CAPACITY}){label}"
    return [
        row(name, "clicks/s", load.throughput, "/s", baseline=base.throughput, goal=">= 0.8x baseline"),
        row(name, "p50 to initial response", load.p50 * 1000, "ms", baseline=base.p50 * 1000),
        row(name, "p99 to initial response", load.p99 * 1000, "ms", baseline=base.p99 * 1000, goal="< 500 ms"),
        row(name, "errors or unanswered (10062)", float(load.errors), "",
            baseline=float(base.errors) or None, goal="0"),
        row(name, "capacity overruns", float(overruns), "", goal="0"),
        row(name, "longest event-loop stall over 250 ms (loop monitor)", max(stalls, default=0.0), "ms",
            goal="0 (none logged)"),
        row(name, "final counts exact (announcement = database)", float(exact and consistent), "", goal="1"),
    ]


def _seed_reminders(db_path: Path) -> None:
    """100,000 pending reminder rows: 1,000 future events x 50 going members x offsets 24h and 1h."""
    now = datetime.now(timezone.utc)
    members = REMINDER_ROWS // (EVENTS_FOR_REMINDERS * 2)
    with sqlite3.connect(db_path) as conn:
        for e in range(EVENTS_FOR_REMINDERS):
            start = int((now + timedelta(days=3, minutes=e)).timestamp())
            cur = conn.execute(
                "INSERT INTO events (guild_id, channel_id, organiser_id, title, starts_at, duration_min, timezone, "
                "reminder_offsets, created_at, updated_at) VALUES (1, 2, 3, ?, ?, 60, 'Asia/Karachi', '1440,60', ?, ?)",
                (f"Event {e}", start, start, start))
            event_id = cur.lastrowid
            conn.executemany(
                "INSERT INTO event_rsvps (event_id, user_id, status, seq, updated_at) VALUES (?, ?, 'going', ?, 0)",
                [(event_id, 10_000 + u, u + 1) for u in range(members)])
            conn.executemany(
                "INSERT INTO event_reminders (event_id, user_id, offset_min, starts_at, due_at) VALUES (?, ?, ?, ?, ?)",
                [(event_id, 10_000 + u, off, start, start - off * 60) for u in range(members) for off in (1440, 60)])
        assert conn.execute("SELECT count(*) FROM event_reminders WHERE status = 'pending'").fetchone()[0] == REMINDER_ROWS


def _peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def reminder_scale(ctx: BenchContext, postgres: Any = None, label: str = "") -> list[dict]:
    marks: dict[str, float] = {}

    async def mark(db_path: Path) -> None:
        marks["start"] = time.perf_counter()

    async def seed(db_path: Path) -> None:
        await asyncio.to_thread(_seed_reminders, db_path)
        marks["start"] = time.perf_counter()  # the clock starts when the process is spawned

    suffix = label.replace(" ", "-")
    async with ctx.session(name="events-empty" + suffix, prepare=mark, postgres=postgres) as s:
        # On PostgreSQL the clock starts at the spawn, after the rows were copied in.
        empty_startup = time.perf_counter() - (marks["start"] if postgres is None else s.spawned_at)
        empty_rss = _peak_rss_mb(s.proc.proc.pid)  # type: ignore[union-attr]
    async with ctx.session(name="events-reminders" + suffix, prepare=seed, postgres=postgres) as s:
        startup = time.perf_counter() - (marks["start"] if postgres is None else s.spawned_at)
        rss = _peak_rss_mb(s.proc.proc.pid)  # type: ignore[union-attr]
    name = f"reminder scale ({REMINDER_ROWS:,} pending){label}"
    return [
        row(name, "start-up to ready, all jobs scheduled", startup, "s", baseline=empty_startup, goal="< 5 s"),
        row(name, "peak RSS of the bot process", rss, "MB", baseline=empty_rss, goal="< 400 MB"),
    ]


async def run(ctx: BenchContext) -> list[dict]:
    return await rsvp_burst(ctx) + await reminder_scale(ctx)
