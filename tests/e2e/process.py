"""The `baithak run` process itself, pointed at a FakeDiscord in the test process."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def bot_env(fake: Any, db_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
    env.update(
        DISCORD_TOKEN=fake.token,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        BAITHAK_DATABASE=str(db_path),
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


class BotProcess:
    """Start, stop (SIGTERM), kill (SIGKILL) and restart `python -m bot run`."""

    def __init__(self, fake: Any, db_path: Path, *, log_path: Path | None = None, **env: str) -> None:
        self.fake = fake
        self.db_path = db_path
        self.log_path = log_path or db_path.with_suffix(".log")
        self.extra_env = env
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self, timeout: float = 30) -> None:
        """Start the process and wait until it has connected and synced its commands."""
        before = self.fake.identify_count
        log = open(self.log_path, "ab")
        try:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=str(REPO),
                env=bot_env(self.fake, self.db_path, **self.extra_env),
                stdout=log, stderr=asyncio.subprocess.STDOUT, stdin=asyncio.subprocess.DEVNULL,
            )
        finally:
            log.close()
        deadline = asyncio.get_running_loop().time() + timeout
        while self.fake.identify_count == before or not self.fake.bot_ready:
            if self.proc.returncode is not None:
                raise RuntimeError(f"bot exited with {self.proc.returncode}:\n{self.log()}")
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"bot did not connect in {timeout}s:\n{self.log()}")
            await asyncio.sleep(0.05)
        await self.fake.wait_for_commands(timeout=timeout)

    async def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        """Send `sig` and wait for the exit code."""
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(sig)
        try:
            code = await asyncio.wait_for(self.proc.wait(), timeout)
        except asyncio.TimeoutError:
            self.proc.kill()
            await self.proc.wait()
            raise TimeoutError(f"bot did not stop within {timeout}s after {sig}:\n{self.log()}")
        await self.fake.wait_for_disconnect(timeout=timeout)
        return code

    async def kill(self) -> int:
        return await self.stop(signal.SIGKILL)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""

    async def close(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()
