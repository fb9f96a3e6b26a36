"""Series and attendance at scale (issue 15), against the real `baithak run` process.

A community with 500 weekly series over a year (26,000 occurrences, half past and half to come) and
200,000 RSVPs (check-ins for most of the past ones): start-up to ready next to an empty database's,
then `/event list` and `/event report 365` p95 (one organiser, one command after another) next to the
static baseline command used the same way. A finished report is reused while nothing in it can have
changed, so the report is also timed built afresh: the very first one (which keeps 13,000 ended
events' figures), and p95 of reports each right after an event of the community was renamed.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.common import BenchContext, row

SERIES = 500
WEEKS = 52
RSVPS = 200_000
POOL = 3_000  # distinct members answering
LIST_CALLS = 100
REPORT_CALLS = 20
AFRESH_CALLS = 10
PLACEHOLDER_GUILD = 1


def _seed(db_path: Path) -> None:
    now = int(datetime.now(timezone.utc).timestamp())
    rng = random.Random(15)
    week = 7 * 86400
    per_event = RSVPS // (SERIES * WEEKS)
    extra = RSVPS - per_event * SERIES * WEEKS
    with sqlite3.connect(db_path) as conn:
        message = 10_000
        for s in range(SERIES):
            first = now - (WEEKS // 2) * week + s * 600
            series_id = conn.execute(
                "INSERT INTO event_series (guild_id, organiser_id, rule, first_start, timezone, occurrences, "
                "announce_ahead_days, title, duration_min, created_at) VALUES (?, 3, 'weekly', ?, 'Asia/Karachi', "
                "?, 7, ?, 60, ?)", (PLACEHOLDER_GUILD, first, WEEKS, f"Clinic {s}", first)).lastrowid
            for w in range(WEEKS):
                start = first + w * week
                posted = start - 7 * 86400 <= now
                message += 1
                event_id = conn.execute(
                    "INSERT INTO events (guild_id, channel_id, message_id, organiser_id, title, starts_at, duration_min, "
                    "timezone, reminder_offsets, created_at, updated_at, series_id, original_start, announce_at, "
                    "announce_state, window_phase) VALUES (?, 2, ?, 3, ?, ?, 60, 'Asia/Karachi', '1440,60', ?, ?, ?, "
                    "?, ?, ?, ?)",
                    (PLACEHOLDER_GUILD, message if posted else None, f"Clinic {s}", start, first, first, series_id,
                     start, start - 7 * 86400, "posted" if posted else "pending",
                     "closed" if start + 3600 <= now else None)).lastrowid
                n = per_event + (1 if w * SERIES + s < extra else 0)
                people = rng.sample(range(POOL), n)
                answers = [(event_id, 50_000 + p, rng.choice(("going", "going", "going", "maybe", "declined")), i + 1,
                            f"ممبر {p}") for i, p in enumerate(people)]
                conn.executemany("INSERT INTO event_rsvps (event_id, user_id, status, seq, display_name, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?, 0)", answers)
                if start + 3600 <= now:
                    conn.executemany(
                        "INSERT INTO event_checkins (event_id, user_id, checked_at, late, method) "
                        "VALUES (?, ?, ?, ?, 'button')",
                        [(event_id, a[1], start, int(rng.random() < 0.2)) for a in answers
                         if a[2] != "declined" and rng.random() < 0.7])
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == SERIES * WEEKS
        assert conn.execute("SELECT count(*) FROM event_rsvps").fetchone()[0] == RSVPS


def _rename_one(db_path: Path, n: int) -> None:
    """An upcoming occurrence renamed (as /event edit would): the community's reports are built afresh."""
    with sqlite3.connect(db_path, timeout=30) as conn:
        conn.execute("UPDATE events SET title = ? WHERE id = (SELECT max(id) FROM events)", (f"Clinic renamed {n}",))


def _claim_guild(db_path: Path, guild_id: int) -> None:
    with sqlite3.connect(db_path, timeout=30) as conn:
        conn.execute("UPDATE events SET guild_id = ? WHERE guild_id = ?", (guild_id, PLACEHOLDER_GUILD))
        conn.execute("UPDATE event_series SET guild_id = ? WHERE guild_id = ?", (guild_id, PLACEHOLDER_GUILD))


async def run(ctx: BenchContext) -> list[dict]:
    marks: dict[str, float] = {}

    async def mark(db_path: Path) -> None:
        marks["start"] = time.perf_counter()

    async def seed(db_path: Path) -> None:
        await asyncio.to_thread(_seed, db_path)
        marks["start"] = time.perf_counter()

    async with ctx.session(name="attendance-empty", prepare=mark):
        empty_startup = time.perf_counter() - marks["start"]
    async with ctx.session(name="attendance-scale", prepare=seed) as s:
        startup = time.perf_counter() - marks["start"]
        await asyncio.to_thread(_claim_guild, s.db_path, s.world.guild.id)
        fake, organiser = s.fake, s.world.organiser
        started = time.perf_counter()
        warm = await fake.slash(organiser, "event report", days=365)
        await warm.wait_done(timeout=60)
        first = time.perf_counter() - started
        assert warm.error is None and warm.attachments, warm.text

        async def timed(n: int, command: str, **options) -> tuple[float, int]:
            """p95 (s) from sending the command to its complete answer (report defers first), and errors."""
            took, errors = [], 0
            for _ in range(n):
                started = time.perf_counter()
                result = await fake.slash(organiser, command, **options)
                await result.wait_done(timeout=60)
                took.append(time.perf_counter() - started)
                errors += result.error is not None
            took.sort()
            return took[min(len(took) - 1, int(round(0.95 * (len(took) - 1))))], errors

        base, _ = await timed(LIST_CALLS, "bench-static")
        listed, list_errors = await timed(LIST_CALLS, "event list")
        reported, report_errors = await timed(REPORT_CALLS, "event report", days=365)
        afresh = []
        for n in range(AFRESH_CALLS):
            await asyncio.to_thread(_rename_one, s.db_path, n)
            took, errors = await timed(1, "event report", days=365)
            afresh.append(took)
            report_errors += errors
        afresh.sort()
        rebuilt = afresh[min(len(afresh) - 1, int(round(0.95 * (len(afresh) - 1))))]
    name = f"series and attendance ({SERIES * WEEKS:,} occurrences, {RSVPS:,} RSVPs)"
    return [
        row(name, "start-up to ready", startup, "s", baseline=empty_startup, goal="< 2 s"),
        row(name, "/event list p95 to the answer", listed * 1000, "ms", baseline=base * 1000, goal="< 100 ms"),
        row(name, "/event report 365 p95 to the answer (with CSVs)", reported * 1000, "ms", baseline=base * 1000,
            goal="< 100 ms"),
        row(name, "/event report 365 built afresh (after a change) p95", rebuilt * 1000, "ms",
            baseline=base * 1000),
        row(name, "first /event report 365 (keeps 13,000 events' figures)", first * 1000, "ms",
            baseline=base * 1000),
        row(name, "errors", float(list_errors + report_errors), "", goal="0"),
    ]
