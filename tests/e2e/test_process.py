"""The `baithak run` process: refuses to start without a token; settings survive SIGTERM and restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.e2e.process import REPO, BotProcess, bot_env
from fakediscord import FakeDiscord
from tests.harness import seed_world


def test_run_without_token_exits_2_with_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
    env["BAITHAK_DATABASE"] = str(tmp_path / "db.sqlite3")
    done = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "DISCORD_TOKEN" in lines[0] and "Traceback" not in lines[0]


def test_bad_timezone_exits_2_naming_it(tmp_path: Path) -> None:
    fake = FakeDiscord()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
    env.update(DISCORD_TOKEN="x", BAITHAK_TIMEZONE="Karachi", BAITHAK_DATABASE=str(tmp_path / "d.sqlite3"))
    done = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "BAITHAK_TIMEZONE" in done.stderr
    del fake


def test_check_and_backup_on_a_real_database(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
    env.update(BAITHAK_DATABASE=str(tmp_path / "live.sqlite3"), DISCORD_TOKEN="t")
    run = lambda *args: subprocess.run([sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env,
                                       capture_output=True, text=True, timeout=60)
    missing = run("check")
    assert missing.returncode == 1 and "baithak migrate" in missing.stdout
    assert run("migrate").returncode == 0
    ok = run("check")
    assert ok.returncode == 0 and "problem" not in ok.stdout, ok.stdout
    backed = run("backup", str(tmp_path / "copies" / "b.sqlite3"))
    assert backed.returncode == 0 and "integrity ok" in backed.stdout
    assert (tmp_path / "copies" / "b.sqlite3").stat().st_size > 0


async def test_settings_survive_sigterm_and_restart(tmp_path: Path) -> None:
    fake = FakeDiscord()
    await fake.start()
    world = seed_world(fake)
    proc = BotProcess(fake, tmp_path / "baithak.sqlite3")
    try:
        await proc.start()
        saved = await fake.slash(world.admin, "setup", timezone="Europe/London", language="ur",
                                 announcements=world.announcements)
        assert saved.error is None and saved.ephemeral
        assert await proc.stop(signal.SIGTERM) == 0
        assert "stopped" in proc.log()
        await proc.start()
        shown = await fake.slash(world.admin, "setup")
        assert "Europe/London" in shown.text and f"<#{world.announcements.id}>" in shown.text
        assert "اردو" in shown.text
    finally:
        await proc.close()
        await fake.stop()


def test_start_refused_when_an_applied_migration_changed(tmp_path: Path) -> None:
    import sqlite3

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
    env.update(BAITHAK_DATABASE=str(tmp_path / "live.sqlite3"), DISCORD_TOKEN="t")
    run = lambda *args: subprocess.run([sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env,
                                       capture_output=True, text=True, timeout=60)
    assert run("migrate").returncode == 0
    # As if 0001_initial.sql had been edited after this database applied it.
    with sqlite3.connect(tmp_path / "live.sqlite3") as conn:
        conn.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
    for command in ("run", "migrate"):
        refused = run(command)
        assert refused.returncode == 2, refused
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
        assert "0001_initial.sql changed after it was applied" in refused.stderr
    assert run("check").returncode == 1
