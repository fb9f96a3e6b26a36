"""`make run` (python -m bot.launch): without a token it serves the sandbox page within 30 seconds and
stops cleanly on SIGTERM; with a token in .env (read from the working directory) it runs the bot."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from fakediscord import FakeDiscord

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
    env.update(PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def stop(proc: subprocess.Popen, timeout: float = 20) -> int:
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError(f"did not exit within {timeout}s of SIGTERM")


def test_make_run_without_token_serves_the_sandbox_within_30s(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "out.log"
    started = time.monotonic()
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "bot.launch"], cwd=tmp_path,
                                env=clean_env(BAITHAK_SANDBOX_PORT=str(port)), stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        page = state = None
        while time.monotonic() - started < 30:
            assert proc.poll() is None, f"exited with {proc.returncode}:\n{log.read_text()}"
            try:
                with urllib.request.urlopen(url + "/api/state", timeout=5) as response:
                    state = json.loads(response.read())
                with urllib.request.urlopen(url + "/", timeout=5) as response:
                    page = response.read().decode()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        assert state is not None and page is not None, f"no page within 30s:\n{log.read_text()}"
        assert "Baithak sandbox" in page and "/static/app.js" in page
        assert state["guild"]["name"] == "Sandbox" and any(c["name"] == "setup" for c in state["commands"])
        output = log.read_text()
        assert f"open {url}" in output
        assert "DISCORD_TOKEN" in output and ".env" in output  # how to connect to real Discord instead
        assert "127.0.0.1 only" in output
        assert (tmp_path / "data" / "sandbox.sqlite3").exists()  # its own database, in the working directory
    finally:
        code = stop(proc)
    assert code == 0, log.read_text()
    assert "Traceback" not in log.read_text()


def test_sandbox_warns_when_not_on_loopback(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bot", "sandbox", "--host", "0.0.0.0", "--port", str(port)],
                            cwd=tmp_path, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 30
        assert proc.stdout is not None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "WARNING" in line:
                break
        assert any("WARNING: listening on 0.0.0.0" in line for line in lines), "".join(lines)
    finally:
        code = stop(proc)
    assert code == 0


async def test_make_run_with_a_token_in_dotenv_runs_the_bot(tmp_path: Path) -> None:
    fake = FakeDiscord()
    await fake.start()
    try:
        fake.create_guild("Real")
        (tmp_path / ".env").write_text(
            f"DISCORD_TOKEN={fake.token}\nDISCORD_API_BASE={fake.api_base}\nDISCORD_GATEWAY_URL={fake.gateway_url}\n"
            f"BAITHAK_DATABASE={tmp_path / 'bot.sqlite3'}\n")
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.launch", cwd=str(tmp_path), env=clean_env(),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, stdin=asyncio.subprocess.DEVNULL)
        try:
            await fake.wait_until_ready(timeout=30, commands=True)
        finally:
            proc.send_signal(signal.SIGTERM)
            output = (await asyncio.wait_for(proc.communicate(), 20))[0].decode(errors="replace")
        assert proc.returncode == 0, output
        assert "migration(s)" in output and "sandbox" not in output.lower()
        assert (tmp_path / "bot.sqlite3").exists()
    finally:
        await fake.stop()


def test_sandbox_refuses_to_recreate_the_bots_own_database(tmp_path: Path) -> None:
    real = tmp_path / "data" / "baithak.sqlite3"
    real.parent.mkdir()
    real.write_bytes(b"the community's data")
    env = clean_env(BAITHAK_DATABASE=str(real), BAITHAK_SANDBOX_DATABASE="data/../data/baithak.sqlite3")
    proc = subprocess.run([sys.executable, "-m", "bot", "sandbox", "--port", str(free_port())], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and "BAITHAK_SANDBOX_DATABASE" in proc.stderr, proc.stderr
    assert real.read_bytes() == b"the community's data"
