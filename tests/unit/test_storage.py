"""Migrations, the single writer, and online backup on real SQLite files."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.storage.sqlite import migrations
from bot.storage.sqlite.backup import BackupError, backup
from bot.storage.sqlite.database import Database, connect
from bot.storage.sqlite.migrations import MigrationError, discover, migrate, status


async def test_migrations_from_empty_create_every_table(tmp_path: Path) -> None:
    conn = await connect(tmp_path / "db.sqlite3")
    applied = await migrate(conn)
    assert [m.version for m in applied] == [m.version for m in discover()]
    async with conn.execute("SELECT version, checksum FROM schema_migrations ORDER BY version") as cur:
        rows = await cur.fetchall()
    assert [r[0] for r in rows] == [m.version for m in discover()]
    assert all(len(r[1]) == 64 for r in rows)
    async with conn.execute("SELECT name FROM sqlite_master WHERE name = 'guild_settings'") as cur:
        assert await cur.fetchone() is not None
    assert await migrate(conn) == []  # a second run applies nothing
    async with conn.execute("PRAGMA journal_mode") as cur:
        assert (await cur.fetchone())[0] == "wal"
    async with conn.execute("PRAGMA foreign_keys") as cur:
        assert (await cur.fetchone())[0] == 1
    await conn.close()


def _copy_migrations(tmp_path: Path) -> Path:
    folder = tmp_path / "migrations"
    folder.mkdir()
    for m in discover():
        (folder / m.path.name).write_text(m.sql, encoding="utf-8")
    return folder


async def test_changed_applied_migration_is_refused(tmp_path: Path) -> None:
    folder = _copy_migrations(tmp_path)
    conn = await connect(tmp_path / "db.sqlite3")
    await migrate(conn, folder)
    first = sorted(folder.glob("*.sql"))[0]
    first.write_text(first.read_text() + "\n-- edited\n", encoding="utf-8")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        await status(conn, folder)
    with pytest.raises(MigrationError):
        await migrate(conn, folder)
    await conn.close()


async def test_failed_migration_rolls_back_whole_file(tmp_path: Path) -> None:
    folder = _copy_migrations(tmp_path)
    (folder / "9999_broken.sql").write_text(
        "CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n", encoding="utf-8")
    conn = await connect(tmp_path / "db.sqlite3")
    with pytest.raises(MigrationError, match="9999_broken.sql failed"):
        await migrate(conn, folder)
    async with conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'") as cur:
        assert await cur.fetchone() is None
    async with conn.execute("SELECT max(version) FROM schema_migrations") as cur:
        assert (await cur.fetchone())[0] == discover()[-1].version
    await conn.close()


def test_misnamed_migration_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "1_init.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="misnamed"):
        discover(folder)


async def test_writes_are_batched_and_isolated(db: Database) -> None:
    async def insert(gid: int):
        def run(conn):
            conn.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (?, 'now')", (gid,))
            if gid == 13:
                raise ValueError("unlucky")  # this unit alone is rolled back
            return gid
        return await db.write_sync(run)

    results = await asyncio.gather(*(insert(i) for i in range(1, 41)), return_exceptions=True)
    assert isinstance(results[12], ValueError)
    assert await db.fetchval("SELECT count(*) FROM guild_settings") == 39
    assert await db.fetchval("SELECT count(*) FROM guild_settings WHERE guild_id = 13") == 0


async def test_close_finishes_queued_writes(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = await connect(path)
    await migrate(conn)
    await conn.close()
    db = Database(path)
    await db.open()
    pending = [asyncio.create_task(db.execute(
        "INSERT INTO guild_settings (guild_id, updated_at) VALUES (?, 'now')", (i,))) for i in range(50)]
    await asyncio.sleep(0)
    await db.close()
    await asyncio.gather(*pending)
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT count(*) FROM guild_settings").fetchone()[0] == 50


async def test_backup_of_a_database_being_written(db: Database, tmp_path: Path) -> None:
    stop = asyncio.Event()

    async def writer() -> int:
        n = 0
        while not stop.is_set():
            n += 1
            await db.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (?, 'now')", (n,))
        return n

    task = asyncio.create_task(writer())
    await asyncio.sleep(0.1)
    target = tmp_path / "backups" / "copy.sqlite3"
    tables = await asyncio.to_thread(backup, db.path, target)
    stop.set()
    written = await task
    assert tables >= 2
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        copied = copy.execute("SELECT count(*) FROM guild_settings").fetchone()[0]
        ids = [r[0] for r in copy.execute("SELECT guild_id FROM guild_settings ORDER BY guild_id")]
    assert 0 < copied <= written
    assert ids == list(range(1, copied + 1))  # a consistent prefix, no torn state
    assert not target.with_name("copy.sqlite3.partial").exists()


def test_backup_refuses_missing_source_and_self(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="no database"):
        backup(tmp_path / "missing.sqlite3", tmp_path / "b.sqlite3")
    src = tmp_path / "a.sqlite3"
    sqlite3.connect(src).close()
    with pytest.raises(BackupError, match="itself"):
        backup(src, src)


def test_migrations_dir_is_the_repository_folder() -> None:
    assert migrations.MIGRATIONS_DIR.name == "migrations"
    assert (migrations.MIGRATIONS_DIR / "0001_initial.sql").is_file()


async def test_write_sync_runs_in_the_writer_transaction(db: Database) -> None:
    def insert_two(conn: sqlite3.Connection, first: int) -> int:
        conn.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (?, 'now')", (first,))
        conn.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (?, 'now')", (first + 1,))
        return conn.execute("SELECT count(*) FROM guild_settings").fetchone()[0]

    def fails_halfway(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (99, 'now')")
        raise ValueError("second statement refused")

    assert await db.write_sync(insert_two, 1) == 2
    with pytest.raises(ValueError):
        await db.write_sync(fails_halfway)
    assert [r[0] for r in await db.fetchall("SELECT guild_id FROM guild_settings ORDER BY 1")] == [1, 2]


async def test_fetchone_returns_the_first_row(db: Database) -> None:
    for gid in (3, 1, 2):
        await db.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (?, 'now')", (gid,))
    row = await db.fetchone("SELECT guild_id FROM guild_settings ORDER BY guild_id DESC")
    assert row["guild_id"] == 3
    assert await db.fetchone("SELECT guild_id FROM guild_settings WHERE guild_id = :g", {"g": 9}) is None
