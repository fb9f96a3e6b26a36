"""Reminder fan-out at Discord's limits: one reminder due for 5,000 members, through the fake Discord
with Discord's documented rate limits on (global 50 requests per second for the bot, per-route
buckets), against the real `baithak run` process.

Each member needs two requests the first time (open the DM channel, send the DM), so the floor those
limits impose is 2 x members / 50 s. Reported: the time from the first request of the fan-out to the
last DM delivered, the floor, their ratio (floor / time: 1.0 is as fast as Discord allows), the
requests beyond the needed ones (429s answered, channels opened twice, DMs sent twice), and members
who got no reminder or more than one. `BENCH_FANOUT_MEMBERS` changes the member count (default 5,000).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bench.common import BenchContext, row
from fakediscord.ratelimit import GLOBAL_PER_SECOND

MEMBERS = int(os.environ.get("BENCH_FANOUT_MEMBERS", "5000"))
DM_ROUTE = "POST /channels/{channel_id}/messages"
OPEN_ROUTE = "POST /users/@me/channels"


def _seed(db_path: Path, guild_id: int, channel_id: int, organiser_id: int, member_ids: list[int]) -> int:
    """One event tomorrow with every member going and its 1-hour reminder due now."""
    now = datetime.now(timezone.utc)
    start = int((now + timedelta(days=1)).timestamp())
    due = int(now.timestamp())
    with sqlite3.connect(db_path) as conn:
        event_id = conn.execute(
            "INSERT INTO events (guild_id, channel_id, organiser_id, title, starts_at, duration_min, timezone, "
            "reminder_offsets, created_at, updated_at) VALUES (?, ?, ?, 'Fan-out meetup', ?, 60, 'Asia/Karachi', "
            "'60', ?, ?)", (guild_id, channel_id, organiser_id, start, due, due)).lastrowid
        conn.executemany("INSERT INTO event_rsvps (event_id, user_id, status, seq, updated_at) "
                         "VALUES (?, ?, 'going', ?, 0)", [(event_id, u, i + 1) for i, u in enumerate(member_ids)])
        conn.executemany("INSERT INTO event_reminders (event_id, user_id, offset_min, starts_at, due_at) "
                         "VALUES (?, ?, 60, ?, ?)", [(event_id, u, start, due) for u in member_ids])
    return event_id


def _open(db_path: Path, event_id: int) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM event_reminders WHERE event_id = ? AND status IN "
                            "('pending', 'claimed')", (event_id,)).fetchone()[0]


async def fanout(ctx: BenchContext) -> list[dict]:
    seeded: dict[str, Any] = {}

    async def before_start(world: Any, members: list[Any], db_path: Path) -> None:
        # The reminder is due before the process starts: its start-up loader runs it at once.
        seeded["event"] = await asyncio.to_thread(_seed, db_path, world.guild.id, world.announcements.id,
                                                  world.organiser.id, [m.id for m in members])

    async with ctx.session(name="fanout", members=MEMBERS, rate_limits=True, before_start=before_start) as s:
        event_id = seeded["event"]
        deadline = time.monotonic() + 20 * MEMBERS * 2 / GLOBAL_PER_SECOND + 120
        while await asyncio.to_thread(_open, s.db_path, event_id) and time.monotonic() < deadline:
            await asyncio.sleep(1)
        fake = s.fake
        dm_channels = {fake.dm_channel(m).id: m for m in s.members}
        fan = [q for q in fake.requests if q.route == OPEN_ROUTE
               or (q.route == DM_ROUTE and int(q.path.split("/")[2]) in dm_channels)]
        delivered = [q for q in fan if q.route == DM_ROUTE and q.status == 200]
        opened_ok = [q for q in fan if q.route == OPEN_ROUTE and q.status == 200]
        refused = sum(1 for q in fan if q.status == 429)
        received = Counter()
        for channel_id, member in dm_channels.items():
            received[member.id] = sum(1 for m in fake.dms(member) if "Fan-out meetup" in m.text)
        lost = sum(1 for m in s.members if received[m.id] == 0)
        duplicates = sum(received[m.id] - 1 for m in s.members if received[m.id] > 1)
        elapsed = max(q.time for q in delivered) - min(q.time for q in fan) if delivered else float("nan")
        needed = 2 * MEMBERS
        floor = needed / GLOBAL_PER_SECOND
        wasted = refused + (len(opened_ok) - MEMBERS) + (len(delivered) - MEMBERS)
    name = f"reminder fan-out ({MEMBERS:,} members, Discord's limits)"
    return [
        row(name, "time to the last DM", elapsed, "s", baseline=floor, goal="floor = requests / 50 per s"),
        row(name, "share of the floor (floor / time)", floor / elapsed, "", goal=">= 0.9"),
        row(name, "requests made / needed", float(len(fan)), "", baseline=float(needed), goal="1.00x"),
        row(name, "429s answered (waited out, retried)", float(refused), "", goal="0"),
        row(name, "requests wasted (429s, second opens, second sends)", float(wasted), "", goal="0"),
        row(name, "members without the reminder", float(lost), "", goal="0"),
        row(name, "duplicate reminders", float(duplicates), "", goal="0"),
    ]


async def run(ctx: BenchContext) -> list[dict]:
    return await fanout(ctx)
