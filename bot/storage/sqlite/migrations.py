"""Numbered SQL migrations: `bot/storage/sqlite/migrations/NNNN_name.sql`, applied in order, each in
one transaction, recorded with a SHA-256 checksum. An applied file that has since changed stops
start-up."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import aiosqlite

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


class MigrationError(Exception):
    """The migrations cannot be applied as they stand; the message says what to do."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migration files in version order; a misnamed file or a repeated number is an error."""
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(f"migration file {path.name!r} is misnamed: use NNNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise MigrationError(f"two migrations share number {version:04d}: {found[version].path.name}, {path.name}")
        found[version] = Migration(version, match.group(2), path, path.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


@dataclass(frozen=True)
class MigrationStatus:
    applied: list[int]
    pending: list[Migration]


async def _applied(conn: aiosqlite.Connection) -> dict[int, tuple[str, str]]:
    await conn.execute(_LEDGER)
    async with conn.execute("SELECT version, name, checksum FROM schema_migrations") as cur:
        return {row[0]: (row[1], row[2]) for row in await cur.fetchall()}


async def status(conn: aiosqlite.Connection, directory: Path = MIGRATIONS_DIR) -> MigrationStatus:
    """Which migrations are applied and which pending; raises if an applied one changed or vanished."""
    return compare(await _applied(conn), directory)


def compare(applied: dict[int, tuple[str, str]], directory: Path) -> MigrationStatus:
    """The ledger (`version -> (name, checksum)`) against the files in `directory`, for every driver:
    raises if an applied migration changed or vanished."""
    files = {m.version: m for m in discover(directory)}
    for version, (name, checksum) in sorted(applied.items()):
        current = files.get(version)
        if current is None:
            raise MigrationError(
                f"migration {version:04d}_{name}.sql was applied to this database but is missing: "
                "restore the file or use the matching version of Baithak"
            )
        if current.checksum != checksum:
            raise MigrationError(
                f"migration {current.path.name} changed after it was applied to this database: "
                "restore the original file and put the change in a new migration"
            )
    return MigrationStatus(sorted(applied), [m for v, m in sorted(files.items()) if v not in applied])


async def migrate(conn: aiosqlite.Connection, directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Apply every pending migration, each in its own transaction; returns what was applied."""
    done: list[Migration] = []
    for migration in (await status(conn, directory)).pending:
        applied_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        script = (
            "BEGIN IMMEDIATE;\n"
            f"{migration.sql}\n;\n"
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES "
            f"({migration.version}, '{migration.name}', '{migration.checksum}', '{applied_at}');\n"
            "COMMIT;"
        )
        try:
            await conn.executescript(script)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            raise MigrationError(f"migration {migration.path.name} failed and was rolled back: {exc}") from None
        done.append(migration)
    return done


async def open_migrated(path: Path | str, directory: Path = MIGRATIONS_DIR) -> "Database":
    """Apply pending migrations to the file at `path`, then open it as the bot's Database."""
    from bot.storage.sqlite.database import Database, connect, damage_named

    conn = await connect(path)
    try:
        with damage_named(path):
            await migrate(conn, directory)
    finally:
        await conn.close()
    db = Database(path)
    await db.open()
    return db
