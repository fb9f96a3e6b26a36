"""Telegram benchmark: 1,000 members of a Telegram group pressing RSVP buttons, 5 presses each (Going /
Maybe / Can't go mixed) on one event of capacity 100, all members at once, each member's presses one
after another (press, see the toast, press again). The presses go through the fake Bot API
(:mod:`faketelegram`, in this process) to the real `baithak run` process (aiogram long polling,
TELEGRAM_TOKEN + TELEGRAM_API_BASE) on a fresh SQLite database; presses/s and p50/p99 from the press
to the callback answer (the toast), next to the same presses answered by a trivial aiogram bot
(bench/baseline_telegram.py, its own process too) in the same run. Then checks that capacity was
never exceeded and that the announcement in the group converged to the database's counts.

Telegram's flood limits stay on in the fake (answering a button press is not limited; the
announcement's edits are, and the front end paces them).
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import BenchContext, Load, row
from bot import heap
from faketelegram import FakeTelegram

MEMBERS = 1000
PRESSES_EACH = 5
CAPACITY = 100
ANSWER_TIMEOUT = 15.0  # Telegram's: a press unanswered by then cannot be answered any more
REPO = Path(__file__).resolve().parents[1]


def _env(fake: FakeTelegram, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_", "TELEGRAM_"))}
    env.update(TELEGRAM_TOKEN=fake.token, TELEGRAM_API_BASE=fake.api_base, LOG_LEVEL="WARNING",
               PYTHONUNBUFFERED="1", PYTHONPATH=str(REPO))
    env.update(extra)
    return env


class Process:
    """A bot process polling the fake (`python -m <module> [args]`), its output in a log file."""

    def __init__(self, folder: Path, fake: FakeTelegram, args: list[str], **env: str) -> None:
        self.folder, self.fake, self.args, self.env = folder, fake, args, env
        self.log_path = folder / "bot.log"
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        log = open(self.log_path, "wb")
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, *self.args, cwd=str(self.folder), env=_env(self.fake, **self.env), stdout=log,
            stderr=asyncio.subprocess.STDOUT, stdin=asyncio.subprocess.DEVNULL)
        log.close()
        try:
            await self.fake.wait_until_polling(timeout=120)
        except asyncio.TimeoutError:
            raise RuntimeError(f"the bot did not start polling:\n{self.log_path.read_text()[-3000:]}") from None

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.terminate()
            try:
                await asyncio.wait_for(self.proc.wait(), 30)
            except asyncio.TimeoutError:
                self.proc.kill()
                await self.proc.wait()


def _world(fake: FakeTelegram) -> tuple[Any, Any, list[Any]]:
    admin = fake.create_user("Organiser", started=True)
    members = [fake.create_user(f"member{i:05d}", started=i % 2 == 0) for i in range(MEMBERS)]
    group = fake.create_group("Benchmark group", admins=(admin,), members=tuple(members))
    heap.settle()  # the fake's world is long-lived: out of every collection (as in bench.common)
    return admin, group, members


async def presses(fake: FakeTelegram, message: Any, members: list[Any], plans: list[list[str]]) -> Load:
    """Every member at once, each pressing their plan's buttons one after another."""
    latencies: list[float] = []
    unanswered = 0

    async def one(user: Any, plan: list[str]) -> None:
        nonlocal unanswered
        for data in plan:
            query = fake.press_nowait(user, message, data=data)
            try:
                await asyncio.wait_for(query.answered.wait(), ANSWER_TIMEOUT)
            except asyncio.TimeoutError:
                unanswered += 1
                continue
            assert query.answer is not None
            latencies.append(query.answer.latency or 0.0)

    start = time.perf_counter()
    await asyncio.gather(*(one(u, p) for u, p in zip(members, plans)))
    return Load(latencies, time.perf_counter() - start, 0, unanswered)


def _plans(buttons: dict[str, str]) -> list[list[str]]:
    rng = random.Random(7)
    return [[buttons[rng.choice(("Going", "Going", "Maybe", "Can't go"))] for _ in range(PRESSES_EACH)]
            for _ in range(MEMBERS)]


async def baseline(folder: Path) -> Load:
    """The same presses answered at once by a trivial aiogram bot (its own process)."""
    folder.mkdir(parents=True, exist_ok=True)
    fake = FakeTelegram()
    fake.record_requests = False
    await fake.start()
    admin, group, members = _world(fake)
    # a message with the same buttons, as if the bot had sent it
    message = fake._new_message(group, fake.bot, text="Benchmark meetup", reply_markup={"inline_keyboard": [[
        {"text": t, "callback_data": d} for t, d in (("Going", "eg:1"), ("Maybe", "em:1"), ("Can't go", "en:1"))]]})
    bot = Process(folder, fake, ["-m", "bench.baseline_telegram"])
    try:
        await bot.start()
        warm = [[b] for b in ("eg:1", "em:1", "en:1") for _ in range(30)]
        await presses(fake, message, members[:90], warm)  # warm-up: connections, first handlers
        return await presses(fake, message, members, _plans({"Going": "eg:1", "Maybe": "em:1", "Can't go": "en:1"}))
    finally:
        await bot.stop()
        await fake.stop()
        heap.release()


def _counts(db_path: Path, event_id: int) -> dict[str, int]:
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("SELECT status, count(*) FROM event_rsvps WHERE event_id = ? GROUP BY status",
                                 (event_id,)).fetchall())


def _shown(text: str) -> dict[str, str]:
    return dict(re.findall(r"^(Going|Maybe|Waitlist): (\S+)$", text, re.M))


async def real(folder: Path) -> tuple[Load, bool, int, float]:
    """The presses through `baithak run`; whether the announcement converged to the database's
    counts, capacity overruns, and how long the announcement took to converge after the burst."""
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "baithak.sqlite3"
    fake = FakeTelegram()
    fake.record_requests = False
    await fake.start()
    admin, group, members = _world(fake)
    bot = Process(folder, fake, ["-m", "bot", "run"], BAITHAK_DATABASE=str(db_path))
    try:
        await bot.start()
        waiter = asyncio.ensure_future(fake.wait_for_message(group, timeout=30))
        admin.send(group, "/setup")
        await waiter
        waiter = asyncio.ensure_future(fake.wait_for_message(group, lambda m: "Going" in m.button_texts, timeout=30))
        admin.send(group, f"/event Benchmark meetup | tomorrow 6pm | 2h | Online | {CAPACITY}")
        message = await waiter
        event_id = int(re.search(r"Event #(\d+)", message.text).group(1))
        buttons = {b["text"]: b["callback_data"] for b in message.buttons}
        warm = [[buttons["Maybe"]] for _ in range(90)]
        await presses(fake, message, members[-90:], warm)  # warm-up; their later presses overwrite these
        load = await presses(fake, message, members, _plans(buttons))
        finished = time.perf_counter()
        exact, going, settled = False, 0, float("nan")
        for _ in range(120):  # the coalesced, paced edit of the announcement
            truth = _counts(db_path, event_id)
            going = truth.get("going", 0)
            shown = _shown(message.text)
            exact = (shown.get("Going") == f"{going}/{CAPACITY}" and shown.get("Maybe") == str(truth.get("maybe", 0))
                     and shown.get("Waitlist") == str(truth.get("waitlist", 0))
                     and (truth.get("waitlist", 0) == 0 or going == CAPACITY))
            if exact:
                settled = time.perf_counter() - finished
                break
            await asyncio.sleep(0.5)
        return load, exact, max(0, going - CAPACITY), settled
    finally:
        await bot.stop()
        await fake.stop()
        heap.release()


async def run(ctx: BenchContext) -> list[dict]:
    base = await baseline(ctx.root / "telegram-baseline")
    load, exact, overruns, settled = await real(ctx.root / "telegram-rsvp")
    name = f"Telegram RSVP presses ({MEMBERS}x{PRESSES_EACH}, cap {CAPACITY})"
    return [
        row(name, "presses/s", load.throughput, "/s", baseline=base.throughput, goal=">= 0.5x baseline"),
        row(name, "p50 to callback answer", load.p50 * 1000, "ms", baseline=base.p50 * 1000),
        row(name, "p99 to callback answer", load.p99 * 1000, "ms", baseline=base.p99 * 1000),
        row(name, "unanswered within 15 s", float(load.unanswered), "", baseline=float(base.unanswered) or None,
            goal="0"),
        row(name, "capacity overruns", float(overruns), "", goal="0"),
        row(name, "final counts exact (announcement = database)", float(exact), "", goal="1"),
        row(name, "announcement settled after the burst", settled, "s"),
    ]
