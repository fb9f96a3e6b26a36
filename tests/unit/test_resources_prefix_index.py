"""SQLite 0018: the resource index is rebuilt with prefix indexes (searches type words as prefixes).
On a database written before it, every published resource is still found, by whole words and by the
start of a word, the ranking is unchanged, and a resource that stops being published or is deleted
still leaves the index (the triggers are back)."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from bot.domain.identity import DISCORD, Community, Member
from bot.domain.resource_search import parse_query
from bot.storage.sqlite.database import connect
from bot.storage.sqlite.migrations import MIGRATIONS_DIR, migrate, open_migrated
from bot.storage.sqlite.store import SqliteStore

HERE = Community(DISCORD, 10)


async def test_the_index_gets_prefix_indexes_and_keeps_every_row_and_trigger(tmp_path: Path) -> None:
    before = tmp_path / "before"
    before.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if int(path.name[:4]) < 18:
            shutil.copy(path, before / path.name)
    db_path = tmp_path / "old.sqlite3"
    conn = await connect(db_path)
    await migrate(conn, before)
    noon = int(datetime(2026, 11, 23, 12, tzinfo=timezone.utc).timestamp())
    await conn.executescript(f"""
        BEGIN;
        INSERT INTO resources (id, guild_id, url, url_key, title, description, tags, author_id, status, created_at)
        VALUES (1, 10, 'https://a.org', 'a.org', 'Verification handbook', 'checking videos and images', 'video',
                5, 'published', {noon}),
               (2, 10, 'https://b.org', 'b.org', 'Video verification', 'a handbook for journalists', '',
                5, 'published', {noon}),
               (3, 10, 'https://c.org', 'c.org', 'Podcast editing', 'microphones', '', 5, 'published', {noon});
        INSERT INTO resources_fts (rowid, title, description, tags, scope) VALUES
            (1, 'Verification handbook', 'checking videos and images', 'video', 'g10'),
            (2, 'Video verification', 'a handbook for journalists', '', 'g10'),
            (3, 'Podcast editing', 'microphones', '', 'g10');
        COMMIT;
    """)
    await conn.close()

    store = SqliteStore(await open_migrated(db_path))
    try:
        sql = await store.db.fetchval("SELECT sql FROM sqlite_master WHERE name = 'resources_fts'")
        assert "prefix = '2 3 4 5 6 7 8'" in sql
        ids = lambda hits: [h.resource.id for h in hits]  # noqa: E731
        # A title match ranks first (bm25 weights kept): "handbook" is resource 1's title.
        assert ids(await store.resources.search(HERE, parse_query("handbook"))) == [1, 2]
        assert ids(await store.resources.search(HERE, parse_query("verif"))) in ([1, 2], [2, 1])
        assert ids(await store.resources.search(HERE, parse_query("micro"))) == [3]
        [hit] = await store.resources.search(HERE, parse_query("journalists"))
        assert hit.resource.id == 2 and "journalists" in hit.snippet
        await store.db.execute("UPDATE resources SET status = 'removed' WHERE id = 1")
        await store.db.execute("DELETE FROM resources WHERE id = 3")
        assert ids(await store.resources.search(HERE, parse_query("handbook"))) == [2]
        assert await store.resources.search(HERE, parse_query("micro")) == []
        assert await store.db.fetchval("SELECT count(*) FROM resources_fts") == 1
        await store.db.execute("INSERT INTO resources_fts (resources_fts) VALUES ('integrity-check')")
        assert await store.resources.has_voted(2, Member(DISCORD, 6)) is False
    finally:
        await store.close()
