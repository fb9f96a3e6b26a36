"""0006 on a database written by the release before it: every resource, tag and vote kept, ISO times
become unix seconds, and full-text search still finds what it found before."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from bot.domain.identity import DISCORD, TELEGRAM, Community, Member
from bot.domain.resource_search import parse_query
from bot.storage.sqlite.database import connect
from bot.storage.sqlite.migrations import MIGRATIONS_DIR, migrate
from bot.storage.sqlite.store import SqliteStore


async def test_iso_times_become_unix_seconds_and_search_keeps_working(tmp_path: Path) -> None:
    before = tmp_path / "before"
    before.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if int(path.name[:4]) < 6:
            shutil.copy(path, before / path.name)
    db_path = tmp_path / "old.sqlite3"
    conn = await connect(db_path)
    await migrate(conn, before)
    # Rows as the previous release wrote them (ResourceRepo with ISO-8601 text times).
    await conn.executescript("""
        BEGIN;
        INSERT INTO resources (id, guild_id, url, url_key, title, description, tags, author_id, status,
                               upvotes, created_at, decided_at, decided_by, removed_at, removed_by)
        VALUES (1, 10, 'https://a.org', 'a.org', 'Fact checking guide', 'verify images', 'fact-check',
                5, 'published', 1, '2026-11-23T12:00:00+00:00', '2026-11-23T13:00:00+05:00', 7, NULL, NULL),
               (2, 10, 'https://b.org', 'b.org', 'Removed guide', '', '', 5, 'removed', 0,
                '2026-11-23T12:00:00+00:00', NULL, NULL, '2026-11-24T00:00:00+00:00', 5);
        INSERT INTO resource_tags (resource_id, tag) VALUES (1, 'fact-check');
        INSERT INTO resource_votes (resource_id, platform, user_id, voted_at)
            VALUES (1, 'discord', 6, '2026-11-23T14:00:00+00:00');
        INSERT INTO resources_fts (rowid, title, description, tags, scope)
            VALUES (1, 'Fact checking guide', 'verify images', 'fact-check', 'g10');
        COMMIT;
    """)
    await migrate(conn)
    async with conn.execute("SELECT id, created_at, decided_at, removed_at, typeof(created_at) FROM resources"
                            " ORDER BY id") as cur:
        rows = [tuple(r) for r in await cur.fetchall()]
    async with conn.execute("SELECT voted_at, typeof(voted_at) FROM resource_votes") as cur:
        votes = [tuple(r) for r in await cur.fetchall()]
    await conn.close()
    noon = int(datetime(2026, 11, 23, 12, tzinfo=timezone.utc).timestamp())
    assert rows == [(1, noon, noon - 3600 * 4, None, "integer"), (2, noon, None, noon + 12 * 3600, "integer")]
    assert votes == [(noon + 2 * 3600, "integer")]

    store = SqliteStore(await _open(db_path))
    try:
        here = Community(DISCORD, 10)
        [hit] = await store.resources.search(here, parse_query("verify"))
        assert hit.resource.id == 1 and hit.resource.created_at == datetime(2026, 11, 23, 12, tzinfo=timezone.utc)
        assert hit.resource.upvotes == 1 and hit.resource.tags == ("fact-check",)
        assert await store.resources.has_voted(1, Member(DISCORD, 6))
        assert await store.resources.search(Community(TELEGRAM, 10), parse_query("verify")) == []
        # the tags and votes survived (no cascade), and the index is consistent
        assert await store.resources.toggle_vote(1, Member(DISCORD, 6), now=datetime.now(timezone.utc)) == (False, 0)
        await store.db.execute("INSERT INTO resources_fts (resources_fts) VALUES ('integrity-check')")
    finally:
        await store.close()


async def _open(path: Path):
    from bot.storage.sqlite.migrations import open_migrated

    return await open_migrated(path)
