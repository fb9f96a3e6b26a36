"""The PostgreSQL foundation: migrations (checksums, rollback, several processes at once) and the
schema's own guarantees (append-only audit and evidence, case identity and transitions, full-text
search over published resources only; the report-text prefilter is in test_report_prefilter.py)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import asyncpg
import pytest

from bot.storage.postgres.database import Database
from bot.storage.postgres.migrations import MIGRATIONS_DIR, MigrationError, migrate_url, status


async def test_migrate_applies_once_then_nothing(pg_empty_url: str) -> None:
    first = await migrate_url(pg_empty_url)
    assert [m.path.name for m in first] == [p.name for p in sorted(MIGRATIONS_DIR.glob("*.sql"))]
    assert await migrate_url(pg_empty_url) == []
    conn = await asyncpg.connect(pg_empty_url)
    try:
        st = await status(conn)
        assert st.applied == [m.version for m in first] and st.pending == []
    finally:
        await conn.close()


async def test_several_processes_starting_together_migrate_once(pg_empty_url: str) -> None:
    results = await asyncio.gather(*(migrate_url(pg_empty_url) for _ in range(5)))
    assert sorted(len(r) for r in results) == [0, 0, 0, 0, len(list(MIGRATIONS_DIR.glob("*.sql")))]


async def test_a_changed_applied_migration_stops_start_up(pg_empty_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    await migrate_url(pg_empty_url, folder)
    first = sorted(folder.glob("*.sql"))[0]
    first.write_text(first.read_text() + "\n-- edited\n")
    with pytest.raises(MigrationError, match=rf"migration {first.name} changed after it was applied"):
        await migrate_url(pg_empty_url, folder)
    first.unlink()
    with pytest.raises(MigrationError, match="was applied to this database but is missing"):
        await migrate_url(pg_empty_url, folder)


async def test_a_failing_migration_is_rolled_back_whole(pg_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    (folder / "0999_broken.sql").write_text("CREATE TABLE half_done (x INT);\nSELECT no_such_function();\n")
    with pytest.raises(MigrationError, match=r"migration 0999_broken.sql failed and was rolled back"):
        await migrate_url(pg_url, folder)
    conn = await asyncpg.connect(pg_url)
    try:
        assert await conn.fetchval("SELECT to_regclass('half_done')") is None
        assert 999 not in (await status(conn, folder)).applied
    finally:
        await conn.close()


# -- the schema's guarantees ---------------------------------------------------------------------

async def _open_case(conn: asyncpg.Connection, *, urgent: bool = False) -> int:
    case_id = await conn.fetchval(
        "INSERT INTO report_cases (guild_id, number, category, urgent, created_at, last_report_at, sla_hours) "
        "VALUES (1, 1, 'other', $1, 100, 100, 12) RETURNING id", urgent)
    await conn.execute(
        "INSERT INTO report_intake (case_id, guild_id, reporter_id, created_at, source, category, evidence) "
        "VALUES ($1, 1, 5, 100, 'text', 'other', '{}')", case_id)
    return case_id


async def test_audit_log_and_evidence_are_append_only(pg_url: str) -> None:
    conn = await asyncpg.connect(pg_url)
    try:
        case_id = await _open_case(conn)
        opened = await conn.fetch("SELECT action, to_status, at FROM report_audit WHERE case_id = $1", case_id)
        assert [tuple(r) for r in opened] == [("open", "new", 100)]
        for sql, message in [
            ("UPDATE report_audit SET reason = 'x'", "report_audit is append-only"),
            ("DELETE FROM report_audit", "report_audit is append-only"),
            ("TRUNCATE report_audit CASCADE", "report_audit is append-only"),
            ("UPDATE report_intake SET details = 'x'", "report evidence is never changed"),
            ("DELETE FROM report_intake", "report evidence is never changed"),
            ("DELETE FROM report_cases", "report cases are never deleted"),
        ]:
            with pytest.raises(asyncpg.RestrictViolationError, match=message):
                await conn.execute(sql)
    finally:
        await conn.close()


async def test_case_identity_and_status_transitions(pg_url: str) -> None:
    conn = await asyncpg.connect(pg_url)
    try:
        case_id = await _open_case(conn, urgent=True)
        for change in ("number = 2", "category = 'hate_speech'", "urgent = FALSE", "created_at = 1",
                       "guild_id = 9", "platform = 'telegram'"):
            with pytest.raises(asyncpg.RestrictViolationError, match="a case keeps its guild"):
                await conn.execute(f"UPDATE report_cases SET {change} WHERE id = $1", case_id)
        with pytest.raises(asyncpg.RestrictViolationError, match="invalid report status transition"):
            await conn.execute("UPDATE report_cases SET status = 'resolved' WHERE id = $1", case_id)
        await conn.execute("UPDATE report_cases SET status = 'triaging', status_actor = 7, status_reason = 'mine', "
                           "status_at = 200 WHERE id = $1", case_id)
        rows = await conn.fetch("SELECT action, actor_id, from_status, to_status, reason, at FROM report_audit "
                                "WHERE case_id = $1 ORDER BY id", case_id)
        assert [tuple(r) for r in rows][-1] == ("status", 7, "new", "triaging", "mine", 200)
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute("UPDATE report_cases SET outcome = 'maybe' WHERE id = $1", case_id)
    finally:
        await conn.close()


async def test_full_text_search_finds_published_resources_only(pg_url: str) -> None:
    from bot.domain.resource_search import search_text

    db = await Database.connect(pg_url)
    try:
        title = "مِیڈیا literacy guide"
        rid = await db.fetchval(
            "INSERT INTO resources (guild_id, url, url_key, title, author_id, status, created_at, "
            "search_title, search_tags) VALUES (1, 'https://a.example/', 'a.example', $1, 5, 'published', "
            "1735689600, $2, 'urdu media') RETURNING id", title, search_text(title))

        async def find(words: str) -> list[int]:
            rows = await db.fetch(
                "SELECT id FROM resources WHERE platform = 'discord' AND guild_id = 1 "
                "AND search @@ baithak_tsquery($1) ORDER BY ts_rank(search, baithak_tsquery($1)) DESC",
                search_text(words))
            return [r["id"] for r in rows]

        assert await find("میڈیا") == [rid]          # the Urdu word, typed without diacritics
        assert await find("LITERACY guide") == [rid]
        assert await find("media") == [rid]           # a tag
        assert await find("guides") == [rid]         # English is stemmed (as SQLite's porter does)
        assert await find("cooking") == []
        await db.execute("UPDATE resources SET status = 'removed' WHERE id = $1", rid)
        assert await find("literacy") == []           # never findable once not published
        with pytest.raises(asyncpg.UniqueViolationError):
            for _ in range(2):
                await db.execute(
                    "INSERT INTO resources (guild_id, url, url_key, title, author_id, status, created_at) "
                    "VALUES (1, 'https://b.example/', 'b.example', 't', 5, 'pending', 0)")
    finally:
        await db.close()


async def test_database_write_commits_or_rolls_back_whole(pg_url: str) -> None:
    db = await Database.connect(pg_url)
    try:
        async def ok(conn: asyncpg.Connection) -> int:
            await conn.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (1, 'x')")
            return 1

        async def fails(conn: asyncpg.Connection) -> None:
            await conn.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (2, 'x')")
            await conn.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (1, 'x')")

        assert await db.write(ok) == 1
        with pytest.raises(asyncpg.UniqueViolationError):
            await db.write(fails)
        assert [r["guild_id"] for r in await db.fetch("SELECT guild_id FROM guild_settings")] == [1]
    finally:
        await db.close()
    assert not db.is_open
