"""The same benchmarks on PostgreSQL, against a throw-away server started for the run (bench.pg):

- the RSVP burst of bench_events (1,000 members x 5 clicks, capacity 100);
- the report intake of bench_reports (50,000 existing cases, 200 reports);
- 100,000 pending reminders scheduled at start-up (start-up to ready next to an empty database's).

Each benchmark prepares its SQLite file exactly as on SQLite, copies it into a fresh PostgreSQL
database with `baithak copy-db`'s code, and runs `baithak run` with BAITHAK_DATABASE set to that
database's postgresql:// URL. The rows are named "... on PostgreSQL"; the same rows without it come
from `events` and `reports` in the same run (`python -m bench baseline events reports postgres`).
"""

from __future__ import annotations

from bench import bench_events, bench_reports
from bench.common import BenchContext
from bench.pg import pg_server

LABEL = " on PostgreSQL"


async def run(ctx: BenchContext) -> list[dict]:
    async with pg_server() as server:
        rows = await bench_events.rsvp_burst(ctx, postgres=server, label=LABEL)
        rows += await bench_reports.run(ctx, postgres=server, label=LABEL)
        rows += await bench_events.reminder_scale(ctx, postgres=server, label=LABEL)
    return rows
