"""`baithak check`: is the database there, whole, and migrated?"""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from bot.storage.errors import DatabaseDamaged
from bot.storage.sqlite.database import connect, damage_named
from bot.storage.sqlite.migrations import MigrationError, status


async def run_checks(path: Path) -> tuple[list[str], list[str]]:
    """(what is fine, what is wrong) about the database at `path`."""
    ok: list[str] = []
    problems: list[str] = []
    if not path.exists():
        return ok, [f"no database at {path}: run `baithak migrate` to create it"]
    conn = await connect(path)
    try:
        with damage_named(path):
            return await _checks(conn, path, ok, problems)
    finally:
        await conn.close()


async def _checks(conn: aiosqlite.Connection, path: Path, ok: list[str],
                  problems: list[str]) -> tuple[list[str], list[str]]:
    async with conn.execute("PRAGMA integrity_check") as cur:
        verdict = (await cur.fetchone())[0]
    if verdict != "ok":
        raise DatabaseDamaged(path, f"integrity check: {verdict}")
    ok.append("integrity check: ok")
    async with conn.execute("PRAGMA foreign_key_check") as cur:
        broken = await cur.fetchall()
    if broken:
        problems.append(f"{len(broken)} row(s) break foreign keys")
    else:
        ok.append("foreign keys consistent")
    try:
        st = await status(conn)
    except MigrationError as exc:
        problems.append(str(exc))
    else:
        ok.append(f"{len(st.applied)} migration(s) applied")
        if st.pending:
            problems.append(f"{len(st.pending)} migration(s) pending: run `baithak migrate`")
    return ok, problems
