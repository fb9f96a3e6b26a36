"""The throw-away server fails loudly (never skips) when PostgreSQL is missing or cannot start."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pg import PgServer, PostgresUnavailable, find_bindir


def test_missing_binaries_are_an_error_that_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    monkeypatch.setenv("BAITHAK_PG_BINDIR", str(tmp_path))
    with pytest.raises(PostgresUnavailable, match="apt-get install postgresql"):
        find_bindir()


def test_a_server_that_cannot_start_raises_with_the_reason(tmp_path: Path) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for tool in ("initdb", "pg_ctl"):
        (fake_bin / tool).write_text("#!/bin/sh\necho 'could not do it' >&2\nexit 3\n")
        (fake_bin / tool).chmod(0o755)
    server = PgServer(fake_bin)
    try:
        with pytest.raises(PostgresUnavailable, match="initdb failed"):
            server.start()
    finally:
        server.stop()
    assert not server.root.exists()


async def test_each_test_gets_its_own_empty_migrated_database(pg_server: PgServer) -> None:
    import asyncpg

    first = await pg_server.create_database()
    conn = await asyncpg.connect(first)
    await conn.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (1, 'x')")
    await conn.close()
    second = await pg_server.create_database()
    assert second != first
    await pg_server.release(first)
    again = await pg_server.create_database()  # the recycled one: emptied, identities restarted
    conn = await asyncpg.connect(again)
    try:
        assert await conn.fetchval("SELECT count(*) FROM guild_settings") == 0
        assert await conn.fetchval("SELECT count(*) FROM schema_migrations") >= 1
    finally:
        await conn.close()
    for url in (second, again):
        await pg_server.release(url)
