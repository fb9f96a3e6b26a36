"""`baithak migrate | check | backup` on PostgreSQL, the one-line failures, and settings changes
invalidating the cache of another process (LISTEN/NOTIFY)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.app.setup import SetupService
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, TELEGRAM, Community
from bot.storage import watch_settings
from bot.storage.postgres.migrations import MIGRATIONS_DIR, discover
from bot.storage.postgres.store import PostgresStore
from tests.pg import PASSWORD, USER, PgServer, free_port


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run `baithak ARGS` in-process with BAITHAK_DATABASE set; returns (code, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)  # no .env from the checkout
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)

    def run(database: str, *args: str) -> tuple[int, str, str]:
        monkeypatch.setenv("BAITHAK_DATABASE", database)
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_migrate_then_check_on_postgres(cli, pg_empty_url: str, tmp_path: Path) -> None:
    code, out, err = cli(pg_empty_url, "check")
    assert code == 1 and "run `baithak migrate`" in out
    from bot.storage.postgres.migrations import MIGRATIONS_DIR

    files = sorted(p.name for p in MIGRATIONS_DIR.glob("*.sql"))
    assert files[:2] == ["0001_schema.sql", "0002_resource_times.sql"]
    code, out, err = cli(pg_empty_url, "migrate")
    files = [m.path.name for m in discover(MIGRATIONS_DIR)]  # numbers are reserved per feature: gaps allowed
    assert files[:2] == ["0001_schema.sql", "0002_resource_times.sql"]
    assert (code, err) == (0, "") and f"applied {len(files)} migration(s): {', '.join(files)}" in out
    code, out, _ = cli(pg_empty_url, "migrate")
    assert code == 0 and "up to date" in out
    code, out, _ = cli(pg_empty_url, "check")
    assert "ok: connected to PostgreSQL" in out and f"ok: {len(files)} migration(s) applied" in out
    assert "ok: constraints validated" in out and "ok: audit log and evidence guarded by triggers" in out
    problems = [line for line in out.splitlines() if line.startswith("problem:")]
    assert problems == ["problem: neither DISCORD_TOKEN nor TELEGRAM_TOKEN is set: `baithak run` needs one of them, "
                        "or both (see .env.example)"]
    assert PASSWORD not in out
    assert list(tmp_path.iterdir()) == []  # nothing created beside us: no 'postgresql:' folder


@pytest.mark.parametrize("command", ["migrate", "check"])
def test_unreachable_server_is_one_line_and_exit_2(cli, command: str) -> None:
    port = free_port()  # nobody listens there
    code, out, err = cli(f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{port}/baithak", command)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("baithak: cannot connect to PostgreSQL at 127.0.0.1:")
    assert PASSWORD not in err


@pytest.mark.parametrize("command", ["migrate", "check"])
def test_wrong_credentials_are_one_line_and_exit_2(cli, pg_server: PgServer, command: str) -> None:
    url = pg_server.url("postgres", password="not-the-password")
    code, out, err = cli(url, command)
    assert code == 2 and out == ""
    assert err == f"baithak: PostgreSQL at 127.0.0.1:{pg_server.port} refused the credentials of user " \
                  f"'{USER}': check the user name and password in BAITHAK_DATABASE\n"
    code, _, err = cli(pg_server.url("postgres", user="nobody"), command)
    assert code == 2 and "refused the credentials of user 'nobody'" in err and err.count("\n") == 1


def test_missing_database_is_one_line_and_exit_2(cli, pg_server: PgServer) -> None:
    code, _, err = cli(pg_server.url("no_such_db"), "migrate")
    assert code == 2 and "has no database 'no_such_db'" in err and err.count("\n") == 1


def test_backup_runs_pg_dump(cli, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    if shutil.which("pg_dump") is None:  # Debian's wrapper lives in /usr/bin; else use the server's
        from tests.pg import find_bindir

        monkeypatch.setenv("PATH", f"{find_bindir()}:{__import__('os').environ['PATH']}")
    target = tmp_path / "backups" / "baithak.dump"
    code, out, err = cli(pg_url, "backup", str(target))
    assert (code, err) == (0, ""), err
    assert target.is_file() and target.read_bytes()[:5] == b"PGDMP" and PASSWORD not in out
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, out, err = cli(pg_url, "backup", str(tmp_path / "other.dump"))
    assert code == 1 and "back up with pg_dump: pg_dump --format=custom" in err and PASSWORD not in err


async def _until(predicate, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def test_settings_saved_by_one_process_invalidate_the_others_cache(pg_url: str) -> None:
    a = await PostgresStore.open(pg_url)
    b = await PostgresStore.open(pg_url)
    try:
        forgotten: list[Community] = []
        setup_b = SetupService(b.settings, default_timezone="Asia/Karachi", default_language="en")
        original_forget = setup_b.forget

        def forget(community: Community) -> None:
            forgotten.append(community)
            original_forget(community)

        assert await watch_settings(b, forget) is True
        community = Community(DISCORD, 42)
        await a.settings.save(GuildSettings(guild_id=42, timezone="UTC", language="en"))
        await _until(lambda: community in forgotten)
        assert (await setup_b.settings_for(community)).language == "en"  # now cached in b

        forgotten.clear()
        stored = await a.settings.get(community)
        assert stored is not None
        await a.settings.save(replace(stored, language="ur"))
        await _until(lambda: community in forgotten)
        assert (await setup_b.settings_for(community)).language == "ur"  # b re-read it

        await a.settings.save(GuildSettings(guild_id=42, platform=TELEGRAM, timezone="UTC", language="en"))
        await _until(lambda: Community(TELEGRAM, 42) in forgotten)
    finally:
        await a.close()
        await b.close()


async def test_sqlite_store_needs_no_invalidation(tmp_path: Path) -> None:
    from bot.storage.sqlite.store import SqliteStore

    store = await SqliteStore.open(tmp_path / "x.sqlite3")
    try:
        assert await watch_settings(store, lambda c: None) is False
    finally:
        await store.close()


async def test_open_store_chooses_the_driver_from_the_settings(pg_url: str, tmp_path: Path) -> None:
    from bot.settings import load_settings
    from bot.storage import open_store
    from bot.storage.sqlite.store import SqliteStore

    for value, kind in ((pg_url, PostgresStore), (str(tmp_path / "b.sqlite3"), SqliteStore)):
        settings = load_settings({"DISCORD_TOKEN": "a.b", "BAITHAK_DATABASE": value}, dotenv_path=None)
        store = await open_store(settings)
        try:
            assert isinstance(store, kind)
            await store.settings.save(GuildSettings(guild_id=1, timezone="UTC", language="ur"))
            assert (await store.settings.get(Community(DISCORD, 1))).language == "ur"
        finally:
            await store.close()


def _run_process(url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`baithak run` itself (it starts the event loop, the loop monitor and logging before the store)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
    env.update(DISCORD_TOKEN="abc.def.ghi", DISCORD_API_BASE="http://127.0.0.1:9/api/v10",
               BAITHAK_DATABASE=url, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)


def test_run_with_an_unreachable_server_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _run_process(f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{free_port()}/baithak", tmp_path)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("baithak: cannot connect to PostgreSQL at 127.0.0.1:")
    assert PASSWORD not in done.stderr and list(tmp_path.iterdir()) == []


def test_run_with_wrong_credentials_is_one_line_and_exit_2(tmp_path: Path, pg_server: PgServer) -> None:
    done = _run_process(pg_server.url("postgres", password="not-the-password"), tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"baithak: PostgreSQL at 127.0.0.1:{pg_server.port} refused the credentials of user " \
                          f"'{USER}': check the user name and password in BAITHAK_DATABASE\n"
