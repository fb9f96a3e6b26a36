"""Shared benchmark harness: a FakeDiscord in this process, the real `baithak run` process against it,
and load generation through the fake server's driver."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable

from fakediscord import FakeDiscord
from bot import heap
from bot.storage.sqlite.migrations import open_migrated
from tests.e2e.process import BotProcess
from tests.harness import World, seed_world


@dataclass
class Load:
    """Latencies to the initial response of a burst of interactions."""

    latencies: list[float]
    elapsed: float
    errors: int
    unanswered: int

    @property
    def count(self) -> int:
        return len(self.latencies) + self.unanswered

    @property
    def throughput(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        data = sorted(self.latencies)
        k = min(len(data) - 1, max(0, round(p / 100 * (len(data) - 1))))
        return data[k]

    @property
    def p50(self) -> float:
        return self.pct(50)

    @property
    def p95(self) -> float:
        return self.pct(95)

    @property
    def p99(self) -> float:
        return self.pct(99)


async def fire(calls: list[Callable[[], Awaitable[Any]]]) -> tuple[Load, list[Any]]:
    """Start every call at once; collect each result's latency to its initial response."""
    start = time.perf_counter()
    results = await asyncio.gather(*(c() for c in calls))
    elapsed = time.perf_counter() - start
    latencies = [r.latency for r in results if r.type is not None and r.latency is not None]
    errors = sum(1 for r in results if r.error is not None)
    unanswered = sum(1 for r in results if r.type is None)
    return Load(latencies, elapsed, errors, unanswered), list(results)


async def fire_sequences(sequences: list[list[Callable[[], Awaitable[Any]]]]) -> tuple[Load, list[Any]]:
    """Each inner list runs in order (a member clicking, reading the answer, clicking again); all
    lists run at once. Latencies are per interaction, throughput over the whole burst."""

    async def one(seq: list[Callable[[], Awaitable[Any]]]) -> list[Any]:
        return [await call() for call in seq]

    start = time.perf_counter()
    nested = await asyncio.gather(*(one(seq) for seq in sequences))
    elapsed = time.perf_counter() - start
    results = [r for seq in nested for r in seq]
    latencies = [r.latency for r in results if r.type is not None and r.latency is not None]
    errors = sum(1 for r in results if r.error is not None)
    unanswered = sum(1 for r in results if r.type is None)
    return Load(latencies, elapsed, errors, unanswered), results


@dataclass
class Session:
    fake: FakeDiscord
    world: World
    proc: BotProcess
    db_path: Path
    members: list[Any] = field(default_factory=list)
    database_url: str | None = None  # set when the bot runs on PostgreSQL (db_path then only seeded it)
    spawned_at: float = 0.0          # perf_counter just before the bot process was spawned

    async def baseline(self, n: int) -> Load:
        """`n` concurrent uses of the static baseline command, spread over the seeded members."""
        people = self.members or [self.world.alice]
        load, _ = await fire([
            (lambda m=people[i % len(people)]: self.fake.slash(m, "bench-static")) for i in range(n)])
        return load

    async def baseline_sequences(self, members: int, each: int) -> Load:
        """`members` members at once, each using the baseline command `each` times in a row."""
        people = (self.members or [self.world.alice])[:members]
        load, _ = await fire_sequences([
            [(lambda m=m: self.fake.slash(m, "bench-static")) for _ in range(each)] for m in people])
        return load


class BenchContext:
    def __init__(self, root: Path) -> None:
        self.root = root

    @contextlib.asynccontextmanager
    async def session(self, *, members: int = 0, name: str = "bench",
                      prepare: Callable[[Path], Awaitable[None]] | None = None,
                      setup: dict[str, Any] | None = None, rate_limits: bool = False,
                      before_start: Callable[[World, list[Any], Path], Awaitable[None]] | None = None,
                      postgres: Any = None) -> AsyncIterator[Session]:
        """A fresh database (migrated, then `prepare`d), a fake Discord with `members` extra
        members (and Discord's rate limits if `rate_limits`), `before_start` given the world, the
        members and the database, then the bot process connected and /setup done. With `postgres`
        (a bench.pg server) the prepared SQLite file is copied into a new PostgreSQL database and
        the bot runs on that."""
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        db_path = folder / "baithak.sqlite3"
        db = await open_migrated(db_path)
        await db.close()
        if prepare is not None:
            await prepare(db_path)
        fake = FakeDiscord(rate_limits=rate_limits)
        await fake.start()
        world = seed_world(fake)
        extra = [world.guild.add_member(f"member{i:05d}") for i in range(members)]
        if before_start is not None:
            await before_start(world, extra, db_path)
        # The fake shares the machine's cores with the bot: its world is long-lived, out of every
        # collection from here on (the bot does the same with its own heap, bot/heap.py).
        heap.settle()
        env = dict(BAITHAK_EXTENSIONS="bench.baseline_cog", LOG_LEVEL="WARNING")
        url = None
        if postgres is not None:
            from bench.pg import copy_to_postgres

            url = env["BAITHAK_DATABASE"] = await copy_to_postgres(postgres, db_path)
        proc = BotProcess(fake, db_path, **env)
        try:
            spawned_at = time.perf_counter()
            await proc.start(timeout=120)
            options = dict(announcements=world.announcements, moderation=world.moderation,
                           resources=world.resources, organiser_role=world.organiser_role,
                           moderator_role=world.moderator_role)
            options.update(setup or {})
            await fake.slash(world.admin, "setup", **options)
            yield Session(fake, world, proc, db_path, extra, url, spawned_at)
        finally:
            await proc.stop()
            await fake.stop()
            heap.release()


def row(bench: str, metric: str, value: float, unit: str, *, baseline: float | None = None,
        goal: str = "") -> dict[str, Any]:
    ratio = None
    if baseline:
        ratio = value / baseline
    return dict(bench=bench, metric=metric, value=value, unit=unit, baseline=baseline, ratio=ratio,
                goal=goal)


def print_table(rows: list[dict[str, Any]]) -> None:
    headers = ["benchmark", "metric", "value", "baseline (same run)", "ratio", "goal"]

    def fmt(v: Any, unit: str = "") -> str:
        if v is None:
            return "-"
        if isinstance(v, float):
            return f"{v:,.1f} {unit}".strip() if abs(v) >= 100 else f"{v:,.3g} {unit}".strip()
        return f"{v} {unit}".strip()

    lines = [[r["bench"], r["metric"], fmt(r["value"], r["unit"]), fmt(r["baseline"], r["unit"]),
              "-" if r["ratio"] is None else f"{r['ratio']:.2f}x", r["goal"]] for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *lines)]
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("-+-".join("-" * w for w in widths))
    for line in lines:
        print(" | ".join(str(x).ljust(w) for x, w in zip(line, widths)))


def temp_root() -> Path:
    return Path(tempfile.mkdtemp(prefix="baithak-bench-"))


def cleanup(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
