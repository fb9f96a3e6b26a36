"""A watchdog for the event loop: one line in the log for every stall over a threshold, naming what
the loop thread was running when the stall was noticed.

A task on the loop records a heartbeat every `interval`; a daemon thread checks it. When the
heartbeat is older than `threshold` the thread samples the loop thread's stack, and when the loop
runs again it logs how long the stall lasted with that stack (innermost frames of our own code first,
so the culprit is named even when it is deep inside a library)."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time
import traceback
from pathlib import Path

log = logging.getLogger("baithak.loop")
_ROOT = str(Path(__file__).resolve().parents[1])


def _describe(frame: object) -> str:
    frames = traceback.extract_stack(frame)  # type: ignore[arg-type]
    ours = [f for f in frames if f.filename.startswith(_ROOT)]
    picked = (ours[-3:] if ours else []) + ([frames[-1]] if frames and (not ours or frames[-1] is not ours[-1]) else [])
    return " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(picked)) or "?"


class LoopMonitor:
    """Start with :meth:`start` on the loop to watch; :meth:`stop` when done."""

    def __init__(self, threshold: float = 0.25, interval: float = 0.05) -> None:
        self.threshold = threshold
        self.interval = interval
        self.longest = 0.0
        self.stalls = 0
        self._beat = time.monotonic()
        self._loop_thread = 0
        self._task: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self) -> None:
        self._loop_thread = threading.get_ident()
        self._beat = time.monotonic()
        self._stop.clear()
        self._task = asyncio.get_running_loop().create_task(self._heartbeat(), name="baithak-loop-monitor")
        self._thread = threading.Thread(target=self._watch, name="baithak-loop-monitor", daemon=True)
        self._thread.start()

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, 1.0)
            self._thread = None

    async def _heartbeat(self) -> None:
        while True:
            self._beat = time.monotonic()
            await asyncio.sleep(self.interval)

    def _watch(self) -> None:
        running: str | None = None
        stalled_from = 0.0
        while not self._stop.wait(self.interval / 2):
            beat = self._beat
            lag = time.monotonic() - beat
            if running is None and lag > self.threshold:
                frame = sys._current_frames().get(self._loop_thread)
                running = _describe(frame) if frame is not None else "?"
                stalled_from = beat
            elif running is not None and beat != stalled_from:  # the loop ran again
                # The stall lasted from the last heartbeat before it to the first one after it, less
                # the heartbeat's own sleep.
                lasted = max(beat - stalled_from - self.interval, lag)
                self.stalls += 1
                self.longest = max(self.longest, lasted)
                log.warning("event loop stalled for %.0f ms; it was running: %s", lasted * 1000, running)
                running = None
