"""A throw-away PostgreSQL server for a benchmark run: the test suite's `tests.pg.PgServer` (a
cluster in a temporary folder, durability off, stopped and deleted afterwards), and the step that
puts a benchmark's prepared SQLite file into a fresh PostgreSQL database with `baithak copy-db`'s
own code, so both drivers are measured on the same rows."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import AsyncIterator

from tests.pg import PgServer


@contextlib.asynccontextmanager
async def pg_server() -> AsyncIterator[PgServer]:
    server = PgServer()
    try:
        await asyncio.to_thread(server.start)
        yield server
    finally:
        await asyncio.to_thread(server.stop)


async def copy_to_postgres(server: PgServer, db_path: Path) -> str:
    """A new database on `server` holding exactly the rows of the SQLite file; returns its URL."""
    from bot.storage.copy import copy_database

    url = await server.create_database(migrated=False)
    report = await copy_database(str(db_path), url)
    if report.problems:
        raise RuntimeError(f"copy into PostgreSQL did not verify: {report.problems}")
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute("ANALYZE")  # as the SQLite loaders do; copy-db leaves it to autovacuum
    finally:
        await conn.close()
    return url
