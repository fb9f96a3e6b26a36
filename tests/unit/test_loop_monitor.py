"""The loop-lag monitor: a stall over the threshold is one log line naming what was running; a busy
but never-blocked loop logs nothing."""

from __future__ import annotations

import asyncio
import logging
import time

from bot.loop_monitor import LoopMonitor


def parse_everything_on_the_loop_thread() -> None:
    time.sleep(0.4)  # stands for work that blocks the loop (parsing, file or SQLite calls)


async def test_a_stall_is_logged_once_with_what_was_running(caplog) -> None:
    caplog.set_level(logging.WARNING, logger="baithak.loop")
    monitor = LoopMonitor()
    monitor.start()
    await asyncio.sleep(0.1)
    parse_everything_on_the_loop_thread()
    await asyncio.sleep(0.2)
    await monitor.stop()
    lines = [r.getMessage() for r in caplog.records if r.name == "baithak.loop"]
    assert len(lines) == 1, lines
    assert "stalled for" in lines[0] and "parse_everything_on_the_loop_thread" in lines[0]
    assert 0.35 <= monitor.longest < 1.0 and monitor.stalls == 1


async def test_short_steps_are_not_stalls(caplog) -> None:
    caplog.set_level(logging.WARNING, logger="baithak.loop")
    monitor = LoopMonitor()
    monitor.start()
    for _ in range(20):
        time.sleep(0.02)  # 20 ms steps with the loop running in between
        await asyncio.sleep(0)
    await monitor.stop()
    assert monitor.stalls == 0 and not [r for r in caplog.records if r.name == "baithak.loop"]
