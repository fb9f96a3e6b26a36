"""Issue 12: the RSVP burst spread over guilds of 4 shards, served by one `baithak run` process (all four
shards) and by three (shards 0 and 1 / 2 / 3), every process on one PostgreSQL database.

The fake Discord and the simulated members run in the benchmark's own process (not in any bot
process); each bot process is `python -m bot run --shards ... --shard-count 4` (tests/e2e/shards.py).
Two guilds on each shard, 125 members each: 1,000 members clicking 5 times each (Going / Maybe / Not
going, one click after another's answer), capacity 100 per event, as bench_events' burst. Beside each
figure, the static baseline command (no database) over the same members, guilds and processes.

The CPU each side used during the burst (from /proc: each bot process, the PostgreSQL server with all
its backends, and this process, i.e. the fake Discord and the members) is reported as a share of one
core, so what limits the figure on a given machine can be read off the table.
"""

from __future__ import annotations

import os
import random
import re
import resource
import time
from pathlib import Path
from typing import Any

from bench.common import BenchContext, fire_sequences, row
from bench.pg import pg_server

COUNT = 4
GUILDS_PER_SHARD = 2
MEMBERS_PER_GUILD = 125      # 8 guilds: 1,000 members
CLICKS_EACH = 5
CAPACITY = 100
TOPOLOGIES = {"1 process": [[0, 1, 2, 3]], "3 processes": [[0, 1], [2], [3]]}
_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int, *, children: bool = False) -> float:
    """CPU seconds a process used (with `children`, also its reaped children's)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    used = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        used += int(fields[13]) + int(fields[14])  # cutime, cstime
    return used / _TICK


def _postgres_cpu(data_dir: Path) -> float:
    """CPU seconds of the whole PostgreSQL server: the postmaster, the backends it reaped and the
    processes it still has (backends, walwriter, checkpointer, autovacuum)."""
    postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])
    total = _cpu_of(postmaster, children=True)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == postmaster:
                total += (int(fields[11]) + int(fields[12])) / _TICK
        except (OSError, IndexError, ValueError):
            continue
    return total


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _Meter:
    """CPU seconds used by each bot process, PostgreSQL and this process between start and stop."""

    def __init__(self, pids: list[int], data_dir: Path) -> None:
        self.pids, self.data_dir = pids, data_dir

    def read(self) -> tuple[list[float], float, float]:
        return [_cpu_of(p) for p in self.pids], _postgres_cpu(self.data_dir), _self_cpu()

    def __enter__(self) -> "_Meter":
        self.started, self.before = time.perf_counter(), self.read()
        return self

    def __exit__(self, *exc: Any) -> None:
        after = self.read()
        self.elapsed = time.perf_counter() - self.started
        self.bots = [a - b for a, b in zip(after[0], self.before[0])]
        self.postgres = after[1] - self.before[1]
        self.bench = after[2] - self.before[2]

    def share(self, seconds: float) -> float:
        """CPU seconds as a percentage of one core over the measured time."""
        return 100.0 * seconds / self.elapsed if self.elapsed else 0.0


async def _topology(ctx: BenchContext, server: Any, name: str, shards: list[list[int]]) -> list[dict]:
    import asyncpg

    from fakediscord import FakeDiscord
    from tests.e2e.shards import ShardProcess, guilds_on_every_shard, set_up

    folder = ctx.root / f"shards-{len(shards)}"
    folder.mkdir(parents=True, exist_ok=True)
    url = await server.create_database()
    fake = FakeDiscord()
    await fake.start()
    places = await guilds_on_every_shard(fake, COUNT, per_shard=GUILDS_PER_SHARD, members=MEMBERS_PER_GUILD)
    env = dict(BAITHAK_EXTENSIONS="bench.baseline_cog", LOG_LEVEL="WARNING")
    procs = [ShardProcess(fake, url, s, COUNT, folder / f"p{n}.log", **env) for n, s in enumerate(shards)]
    db = await asyncpg.connect(url)
    try:
        for p in procs:
            await p.spawn()
        for p in procs:
            await p.ready(timeout=120)
        announcements, events = [], []
        for place in places:
            await set_up(fake, place)
            r = await fake.slash(place.organiser, "event create", title=f"Meetup {place.guild.name}",
                                 when="tomorrow 6pm", capacity=CAPACITY, response_timeout=20)
            await r.wait_done(timeout=20)
            assert r.error is None, r.error
            message = fake.channel_messages(place.announcements)[-1]
            announcements.append(message)
            events.append(int(re.search(r"bk:ev:(\d+):", str(message.components)).group(1)))
        members = [(m, msg, ev) for place, msg, ev in zip(places, announcements, events) for m in place.members]
        rng = random.Random(7)
        plans = [[rng.choice(("go", "go", "maybe", "no")) for _ in range(CLICKS_EACH)] for _ in members]

        warm, _ = await fire_sequences([[(lambda m=m: fake.slash(m, "bench-static"))] for m, _, _ in members[:100]])
        base, _ = await fire_sequences([[(lambda m=m: fake.slash(m, "bench-static")) for _ in range(CLICKS_EACH)]
                                        for m, _, _ in members])
        with _Meter([p.pid for p in procs], server.data) as meter:
            load, _ = await fire_sequences([
                [(lambda m=m, msg=msg, ev=ev, a=a: fake.click(m, msg, custom_id=f"bk:ev:{ev}:{a}")) for a in plan]
                for (m, msg, ev), plan in zip(members, plans)])
        going = [await db.fetchval("SELECT count(*) FROM event_rsvps WHERE event_id = $1 AND status = 'going'", ev)
                 for ev in events]
    finally:
        await db.close()
        for p in procs:
            await p.stop()
        await fake.stop()
        await server.release(url)

    label = f"RSVP burst over {COUNT} shards, {name} ({len(members)}x{CLICKS_EACH}, cap {CAPACITY}/guild)"
    rows = [
        row(label, "clicks/s", load.throughput, "/s", baseline=base.throughput),
        row(label, "p50 to initial response", load.p50 * 1000, "ms", baseline=base.p50 * 1000),
        row(label, "p99 to initial response", load.p99 * 1000, "ms", baseline=base.p99 * 1000, goal="< 500 ms"),
        row(label, "errors or unanswered (10062)", float(load.errors), "", baseline=float(base.errors) or None,
            goal="0"),
        row(label, "capacity overruns", float(sum(max(0, g - CAPACITY) for g in going)), "", goal="0"),
    ]
    for p, used in zip(procs, meter.bots):
        rows.append(row(label, f"CPU of bot process (shards {','.join(map(str, p.shards))})",
                        meter.share(used), "% of a core"))
    rows.append(row(label, "CPU of PostgreSQL (all backends)", meter.share(meter.postgres), "% of a core"))
    rows.append(row(label, "CPU of fake Discord + members (bench process)", meter.share(meter.bench),
                    "% of a core"))
    rows.append(row(label, "CPU cores on this machine", float(os.cpu_count() or 0), ""))
    return rows


async def run(ctx: BenchContext) -> list[dict]:
    rows: list[dict] = []
    async with pg_server() as server:
        for name, shards in TOPOLOGIES.items():
            rows += await _topology(ctx, server, name, shards)
    return rows
