"""0013 on a database indexed before the one Urdu normaliser: resources indexed with Urdu digits or
teh marbuta, and reported texts folded the old way, are found by queries and texts folded the new way."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.domain.identity import DISCORD, Community
from bot.domain.report_duplicates import normalise_text
from bot.domain.resource_search import parse_query
from bot.storage.sqlite.database import connect
from bot.storage.sqlite.migrations import MIGRATIONS_DIR, migrate, open_migrated
from bot.storage.sqlite.store import SqliteStore

OLD_REPORT = "یہ خبر جھوٹی ہے، اسے مت پھیلائیں: ۲۰۲۴ کا ويڈيو"  # old folding kept ھ, ي and ۲۰۲۴


async def test_old_rows_match_new_queries(tmp_path: Path) -> None:
    before = tmp_path / "before"
    before.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if int(path.name[:4]) < 13:
            shutil.copy(path, before / path.name)
    db_path = tmp_path / "old.sqlite3"
    conn = await connect(db_path)
    await migrate(conn, before)
    old_norm = "یہ خبر جھوٹی ہے اسے مت پھیلائیں ۲۰۲۴ کا ويڈيو"
    await conn.executescript(f"""
        BEGIN;
        INSERT INTO resources (id, platform, guild_id, url, url_key, title, description, tags, author_id,
                               status, upvotes, created_at)
        VALUES (1, 'discord', 10, 'https://a.org', 'a.org', 'زکوۃ کا حساب ۲۰۲۴', 'مکمل رہنمائی', '', 5,
                'published', 0, 1700000000);
        INSERT INTO resources_fts (rowid, title, description, tags, scope)
            VALUES (1, 'زکوۃ کا حساب ۲۰۲۴', 'مکمل رہنمائی', '', 'g10');
        INSERT INTO report_cases (id, guild_id, number, category, urgent, status, created_at, last_report_at,
                                  sla_hours)
        VALUES (1, 10, 1, 'misinformation', 0, 'new', 100, 100, 12);
        INSERT INTO report_intake (id, case_id, guild_id, reporter_id, created_at, source, category,
                                   text_hash, norm_text, norm_len, evidence)
        VALUES (1, 1, 10, 11, 100, 'text', 'misinformation', 'x', '{old_norm}', {len(old_norm)}, '{{}}');
        INSERT INTO report_text_fts (rowid, body) VALUES (1, '{old_norm}');
        COMMIT;
    """)
    for term in old_norm.split():
        await conn.execute("INSERT INTO report_terms (term, docs) VALUES (?, 1)", (term,))
    await conn.commit()
    applied = await migrate(conn)
    assert 13 in [m.version for m in applied]
    await conn.close()

    store = SqliteStore(await open_migrated(db_path))
    try:
        here = Community(DISCORD, 10)
        for query in ("2024", "۲۰۲۴", "زکوٰۃ", "زكوة", "زکوہ"):
            assert [h.resource.id for h in await store.resources.search(here, parse_query(query))] == [1], query
        await store.db.execute("INSERT INTO resources_fts (resources_fts) VALUES ('integrity-check')")
        new_norm = normalise_text(OLD_REPORT.replace("ھ", "ه"))  # the same text from an Arabic keyboard
        [row] = await store.db.fetchall("SELECT norm_text, norm_len FROM report_intake WHERE id = 1")
        assert row[0] == new_norm and row[1] == len(new_norm)
        for term in new_norm.split():
            hits = await store.db.fetchall("SELECT rowid FROM report_text_fts WHERE report_text_fts MATCH ?",
                                           ('"' + term + '"',))
            assert [h[0] for h in hits] == [1], term
            [docs] = await store.db.fetchall("SELECT docs FROM report_terms WHERE term = ?", (term,))
            assert docs[0] == 1
        await store.db.execute("INSERT INTO report_text_fts (report_text_fts) VALUES ('integrity-check')")
    finally:
        await store.close()
