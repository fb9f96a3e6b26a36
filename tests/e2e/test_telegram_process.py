"""`baithak run` with TELEGRAM_TOKEN: Telegram alone, Discord and Telegram in one process, neither."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from faketelegram import FakeTelegram
from tests.e2e.process import REPO, BotProcess


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_", "TELEGRAM_"))}
    env.update(LOG_LEVEL="INFO", PYTHONUNBUFFERED="1", PYTHONPATH=str(REPO))
    env.update(extra)
    return env


def test_run_with_neither_token_exits_2_naming_both(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path,
                          env=_env(BAITHAK_DATABASE=str(tmp_path / "db.sqlite3")),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "DISCORD_TOKEN" in lines[0] and "TELEGRAM_TOKEN" in lines[0]


def test_malformed_telegram_token_exits_2_naming_it(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path,
                          env=_env(BAITHAK_DATABASE=str(tmp_path / "db.sqlite3"), TELEGRAM_TOKEN="not a token"),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "TELEGRAM_TOKEN" in done.stderr and "Traceback" not in done.stderr


async def _serve_telegram_only(tmp_path: Path, fake: FakeTelegram, database: str) -> asyncio.subprocess.Process:
    log = open(tmp_path / "bot.log", "wb")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=str(REPO),
        env=_env(TELEGRAM_TOKEN=fake.token, TELEGRAM_API_BASE=fake.api_base, BAITHAK_DATABASE=database),
        stdout=log, stderr=asyncio.subprocess.STDOUT, stdin=asyncio.subprocess.DEVNULL)
    log.close()
    await fake.wait_until_polling(timeout=60)
    return proc


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest, tmp_path: Path):
    """BAITHAK_DATABASE for the process: a SQLite file, or a fresh migrated PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "tg.sqlite3")
        return
    server = request.getfixturevalue("pg_server")
    url = await server.create_database()
    yield url
    await server.release(url)


async def test_telegram_only_process_serves_the_group_and_stops_cleanly(tmp_path: Path, database: str) -> None:
    async with FakeTelegram() as fake:
        admin = fake.create_user("Ayesha", started=True)
        ali = fake.create_user("Ali", started=True)
        group = fake.create_group("Karachi creators", members=(ali,), admins=(admin,))
        proc = await _serve_telegram_only(tmp_path, fake, database)
        try:
            await fake.wait_for_commands(timeout=30)
            assert "event" in fake.command_names("all_group_chats")
            ali.start_bot()
            welcome = await fake.wait_for_message(ali, timeout=30)
            assert "Baithak" in welcome.text
            admin.send(group, "/event Chai | tomorrow 6pm")
            ann = await fake.wait_for_message(group, lambda m: "Going" in m.button_texts, timeout=30)
            answer = await ali.press(ann, "Going", timeout=30)
            assert "going" in answer.text.lower()
        finally:
            proc.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(proc.wait(), 60)
        assert code == 0, (tmp_path / "bot.log").read_text()
        assert "stopped" in (tmp_path / "bot.log").read_text()


async def test_discord_and_telegram_in_one_process(tmp_path: Path) -> None:
    from fakediscord import FakeDiscord
    from tests.harness import seed_world

    discord_fake = FakeDiscord()
    await discord_fake.start()
    seed_world(discord_fake)
    try:
        async with FakeTelegram() as fake:
            ali = fake.create_user("Ali")
            bot = BotProcess(discord_fake, tmp_path / "both.sqlite3", TELEGRAM_TOKEN=fake.token,
                             TELEGRAM_API_BASE=fake.api_base)
            await bot.start(timeout=60)
            try:
                await fake.wait_until_polling(timeout=60)
                ali.start_bot()
                assert "Baithak" in (await fake.wait_for_message(ali, timeout=30)).text
            finally:
                await bot.stop()
    finally:
        await discord_fake.stop()
