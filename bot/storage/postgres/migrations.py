"""Numbered SQL migrations for PostgreSQL: `migrations/NNNN_name.sql`, applied in order, each in
one transaction, recorded with a SHA-256 checksum. The same file rules, checksum rules and error
messages as the SQLite runner (the shared pieces are imported from it): an applied file that has
since changed, or vanished, stops start-up.

Several processes may start at once on one database: `migrate` holds a session-level advisory lock
while it reads the ledger and applies, so the first one migrates and the others wait, then find
nothing pending.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import asyncpg

from bot.storage.sqlite.migrations import Migration, MigrationError, MigrationStatus, compare, discover

__all__ = ["MIGRATIONS_DIR", "Migration", "MigrationError", "MigrationStatus", "discover", "migrate",
           "migrate_url", "status", "LOCK_KEY"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# pg_advisory_lock key: the first 8 bytes of sha256("baithak:migrations") as a signed 64-bit int.
LOCK_KEY = 0x24B7_1DE2_2CE6_BD5C

_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


async def _applied(conn: asyncpg.Connection) -> dict[int, tuple[str, str]]:
    """The ledger's rows; empty when the ledger does not exist yet (nothing is created here)."""
    if await conn.fetchval("SELECT to_regclass('schema_migrations')") is None:
        return {}
    rows = await conn.fetch("SELECT version, name, checksum FROM schema_migrations")
    return {r["version"]: (r["name"], r["checksum"]) for r in rows}


async def status(conn: asyncpg.Connection, directory: Path = MIGRATIONS_DIR) -> MigrationStatus:
    """Which migrations are applied and which pending; raises if an applied one changed or vanished."""
    return compare(await _applied(conn), directory)


async def migrate(conn: asyncpg.Connection, directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Apply every pending migration, each in its own transaction; returns what was applied.
    Serialised across processes by an advisory lock."""
    await conn.execute("SELECT pg_advisory_lock($1)", LOCK_KEY)
    try:
        await conn.execute(_LEDGER)
        done: list[Migration] = []
        for migration in (await status(conn, directory)).pending:
            applied_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            try:
                async with conn.transaction():
                    await conn.execute(migration.sql)  # no arguments: several statements allowed
                    await conn.execute(
                        "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                        "VALUES ($1, $2, $3, $4)",
                        migration.version, migration.name, migration.checksum, applied_at)
            except asyncpg.PostgresError as exc:
                raise MigrationError(
                    f"migration {migration.path.name} failed and was rolled back: {exc}") from None
            done.append(migration)
        return done
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", LOCK_KEY)


async def migrate_url(url: str, directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Connect to `url`, apply pending migrations, disconnect (DatabaseUnavailable if unreachable)."""
    from bot.storage.postgres.database import connect

    conn = await connect(url)
    try:
        return await migrate(conn, directory)
    finally:
        await conn.close()
