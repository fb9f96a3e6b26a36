"""Start-up against a Discord that cannot be reached: one log line per attempt, retried with growing
waits until stopped; a refused token still exits 2 at once; a `.env` that is not UTF-8 is one line."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from fakediscord import FakeDiscord
from tests.e2e.process import REPO


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
    env.update(BAITHAK_DATABASE=str(tmp_path / "d.sqlite3"), DISCORD_TOKEN="t", PYTHONPATH=str(REPO),
               PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("where", ["refused", "no-dns"])
async def test_unreachable_discord_retries_one_line_each_until_stopped(tmp_path: Path, where: str) -> None:
    api_base = {"refused": f"http://127.0.0.1:{_closed_port()}/api/v10",  # connection refused
                "no-dns": "http://no-such-host.invalid/api/v10"}[where]    # a DNS failure
    log_path = tmp_path / "bot.log"
    with open(log_path, "wb") as log:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=str(tmp_path),
            env=_env(tmp_path, DISCORD_API_BASE=api_base, DISCORD_GATEWAY_URL="ws://127.0.0.1:9/"),
            stdout=log, stderr=asyncio.subprocess.STDOUT, stdin=asyncio.subprocess.DEVNULL)
    try:
        for _ in range(300):  # the first three attempts: at 0 s, 1 s and 3 s
            if log_path.read_text().count("cannot reach Discord") >= 3 or proc.returncode is not None:
                break
            await asyncio.sleep(0.05)
        assert proc.returncode is None, log_path.read_text()  # still running: it keeps trying
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 20)
    text = log_path.read_text()
    assert code == 0, text
    assert "Traceback" not in text, text
    attempts = [line for line in text.splitlines() if "cannot reach Discord" in line]
    assert len(attempts) >= 3, text
    assert [int(re.search(r"attempt (\d+)", a).group(1)) for a in attempts] == list(range(1, len(attempts) + 1))
    waits = [float(re.search(r"retrying in (\d+)s", a).group(1)) for a in attempts]
    assert waits[:3] == [1, 2, 4]  # backing off


async def test_refused_token_exits_2_at_once_without_retrying(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        env = _env(tmp_path, DISCORD_TOKEN="not-" + fake.token, DISCORD_API_BASE=fake.api_base,
                   DISCORD_GATEWAY_URL=fake.gateway_url)
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=str(tmp_path), env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, stdin=asyncio.subprocess.DEVNULL)
        out, _ = await asyncio.wait_for(proc.communicate(), 60)
    text = out.decode()
    assert proc.returncode == 2, text
    assert "DISCORD_TOKEN was refused" in text and "Traceback" not in text and "cannot reach" not in text


def test_dotenv_not_utf8_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes("DISCORD_TOKEN=abc\nBAITHAK_TIMEZONE=Asia/Karachi # \xe9t\xe9\n".encode("latin-1"))
    env = _env(tmp_path)
    del env["DISCORD_TOKEN"]
    for command in ("run", "check"):
        done = subprocess.run([sys.executable, "-m", "bot", command], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=60)
        lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
        assert done.returncode == 2, lines
        assert len(lines) == 1 and ".env" in lines[0] and "UTF-8" in lines[0], lines
