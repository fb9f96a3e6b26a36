"""`baithak copy-db SOURCE TARGET`: a whole database from SQLite into an empty PostgreSQL one, or
back, verified before it reports success.

Both sides are migrated first (each with its own migrations), so the copy is between two current
schemas: every table of ours is copied with the columns both sides have, in an order that satisfies
the foreign keys, inside one transaction on the target with its triggers held back (the audit log's
triggers would otherwise add rows of their own, and the append-only ones refuse nothing here since
rows are only inserted). What one driver derives from the rows is derived again on the other: the
PostgreSQL search columns from the resources and its report term counts, SQLite's full-text tables
from the published resources and the reports' normalised text. Identity sequences (PostgreSQL) continue after the highest id.

Verified by the row count of every table and a sample of rows (the first SAMPLE rows of each table in
a total order of its columns) compared value for value; any difference rolls nothing back (the copy
is committed) but is reported and makes the command fail, and the target is left for inspection.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from bot.domain.resource_search import search_text
from bot.storage.errors import DatabaseUnavailable

SAMPLE = 200
# Foreign keys point backwards in this list; tables not listed (added later) are copied after it.
ORDER = ["guild_settings", "events", "event_rsvps", "event_reminders", "resources", "resource_tags",
         "resource_votes", "report_cases", "report_intake", "report_escalations", "report_audit",
         "report_notices", "telegram_members", "telegram_moderator_groups", "telegram_organisers", "forms",
         "link_codes", "community_links", "posts"]
ORDER += ["factchecks", "factcheck_corrections", "factcheck_claims", "factcheck_matches", "factcheck_notices",
          "factcheck_shares", "networks", "network_members", "network_invites", "network_audit", "digest_runs"]
ORDER += ["event_templates", "member_timezones"]
# Derived on each side, never copied: the migrations ledgers, SQLite's full-text index and its term
# counts (rebuilt from the rows on a SQLite target).
SKIP_PREFIXES = ("schema_migrations", "resources_fts", "report_text_fts", "report_terms", "sqlite_")
SKIP_PREFIXES += ("factcheck_fts", "factcheck_claim_fts", "factcheck_terms")
PG_DERIVED = {"resources": {"search", "search_title", "search_tags", "search_description"}}
PG_DERIVED["factchecks"] = {"search", "search_claim", "search_summary"}


class CopyError(Exception):
    """The copy cannot be made or did not verify; one line for the operator."""


@dataclass
class Report:
    tables: dict[str, int]  # table -> rows copied
    problems: list[str]


# A series before its occurrences (events.series_id refers to it).
ORDER.insert(ORDER.index("events"), "event_series")


def _skip(table: str) -> bool:
    return table.startswith(SKIP_PREFIXES)


def _ordered(tables: set[str]) -> list[str]:
    return [t for t in ORDER if t in tables] + sorted(tables - set(ORDER))


# -- SQLite side ------------------------------------------------------------------------------------
def _sqlite_tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    out = {}
    for name in names:
        if _skip(name):
            continue
        out[name] = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
    return out


def _order_sql(columns: list[str], *, postgres: bool, types: dict[str, str] | None = None) -> str:
    parts = []
    for c in columns:
        if postgres:
            collate = ' COLLATE "C"' if (types or {}).get(c) == "text" else ""
            parts.append(f'"{c}"{collate} NULLS FIRST')
        else:
            parts.append(f'"{c}"')
    return ", ".join(parts)


def _norm(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


# -- PostgreSQL side --------------------------------------------------------------------------------
async def _pg_tables(conn: asyncpg.Connection) -> dict[str, dict[str, str]]:
    rows = await conn.fetch(
        "SELECT table_name, column_name, data_type, is_generated FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position")
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        if _skip(r["table_name"]):
            continue
        if r["is_generated"] == "ALWAYS":
            continue
        out.setdefault(r["table_name"], {})[r["column_name"]] = r["data_type"]
    return out


async def _pg_counts(conn: asyncpg.Connection, tables: list[str]) -> dict[str, int]:
    return {t: await conn.fetchval(f'SELECT count(*) FROM "{t}"') for t in tables}


def _sqlite_counts(conn: sqlite3.Connection, tables: list[str]) -> dict[str, int]:
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _to_pg(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "boolean":
        return bool(value)
    if kind in ("bigint", "integer", "smallint") and not isinstance(value, int):
        return int(value)
    return value


def _pg_derived(table: str, row: dict[str, Any]) -> dict[str, Any]:
    if table == "resources":
        return {"search_title": search_text(row.get("title")),
                "search_tags": search_text(" ".join(t for t in (row.get("tags") or "").split(",") if t)),
                "search_description": search_text(row.get("description"))}
    if table == "factchecks":
        return {"search_claim": search_text(row.get("claim")), "search_summary": search_text(row.get("summary"))}
    return {}


async def copy_sqlite_to_postgres(path: Path, url: str) -> Report:
    from bot.storage.postgres.database import connect
    from bot.storage.postgres.migrations import migrate_url
    from bot.storage.sqlite.migrations import open_migrated

    if not path.is_file():
        raise CopyError(f"{path} is not a SQLite database file")
    db = await open_migrated(path)  # brings the source to the current schema (nothing else changes)
    await db.close()
    await migrate_url(url)
    source = sqlite3.connect(str(path))
    source.row_factory = sqlite3.Row
    target = await connect(url)
    try:
        src_tables = _sqlite_tables(source)
        dst_tables = await _pg_tables(target)
        tables = _ordered(set(src_tables) & set(dst_tables))
        _refuse_missing(src_tables, dst_tables, _sqlite_counts(source, list(src_tables)), "PostgreSQL")
        nonempty = [t for t, n in (await _pg_counts(target, tables)).items() if n]
        if nonempty:
            raise CopyError(f"the target PostgreSQL database is not empty ({', '.join(nonempty)} have rows): "
                            "copy-db only fills an empty one")
        copied: dict[str, int] = {}
        async with target.transaction():
            for t in tables:
                await target.execute(f'ALTER TABLE "{t}" DISABLE TRIGGER USER')
            for t in tables:
                kinds = dst_tables[t]
                columns = [c for c in src_tables[t] if c in kinds]
                derived = [c for c in PG_DERIVED.get(t, ()) if c in kinds and c not in columns]
                records = []
                for row in source.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} FROM "{t}"'):
                    values = dict(zip(columns, row))
                    extra = _pg_derived(t, values)
                    records.append(tuple(_to_pg(values[c], kinds[c]) for c in columns)
                                   + tuple(extra[c] for c in derived))
                if records:
                    await target.copy_records_to_table(t, records=records, columns=columns + derived)
                copied[t] = len(records)
            for t in tables:
                await target.execute(f'ALTER TABLE "{t}" ENABLE TRIGGER USER')
            # Identities continue after the highest id copied.
            for t in tables:
                seq = await target.fetchval("SELECT pg_get_serial_sequence($1, 'id')", t) if "id" in dst_tables[t] else None
                if seq:
                    await target.execute(
                        f"SELECT setval($1, COALESCE((SELECT max(id) FROM \"{t}\"), 0) + 1, false)", seq)
            # The near-identical prefilter's term counts, derived from the reported texts just copied.
            from bot.storage.postgres.reports import REBUILD_TERMS

            await target.execute(REBUILD_TERMS)
        # Planner statistics for the rows just loaded: without them the first duplicate-text lookups
        # on a large copy can take seconds (measured by the PostgreSQL benchmark).
        await target.execute("ANALYZE")
        problems = []
        counts = await _pg_counts(target, tables)
        for t in tables:
            if counts[t] != copied[t]:
                problems.append(f"{t}: {copied[t]} row(s) in the source, {counts[t]} in the target")
            columns = [c for c in src_tables[t] if c in dst_tables[t]]
            cols = ", ".join(f'"{c}"' for c in columns)
            want = [tuple(_norm(v) for v in r) for r in source.execute(
                f'SELECT {cols} FROM "{t}" ORDER BY {_order_sql(columns, postgres=False)} LIMIT {SAMPLE}')]
            got = [tuple(_norm(v) for v in r) for r in await target.fetch(
                f'SELECT {cols} FROM "{t}" ORDER BY {_order_sql(columns, postgres=True, types=dst_tables[t])} '
                f"LIMIT {SAMPLE}")]
            if want != got:
                problems.append(f"{t}: the sampled rows differ between source and target")
        return Report(copied, problems)
    finally:
        source.close()
        await target.close()


def _refuse_missing(src: dict[str, Any], dst: dict[str, Any], counts: dict[str, int], target: str) -> None:
    lost = [t for t in src if t not in dst and counts.get(t)]
    if lost:
        raise CopyError(f"{', '.join(sorted(lost))} hold rows but the {target} schema has no such table: "
                        "nothing was copied (upgrade Baithak on both sides first)")


def _rebuild_sqlite_indexes(conn: sqlite3.Connection) -> None:
    """SQLite's full-text tables, derived from the copied rows as the repositories would write them."""
    from bot.domain.identity import Community
    from bot.storage.sqlite.reports import index_text
    from bot.storage.sqlite.resources import _INDEX, scope_token

    for r in conn.execute("SELECT id, platform, guild_id, title, description, tags FROM resources "
                          "WHERE status = 'published'").fetchall():
        tags = " ".join(t for t in r["tags"].split(",") if t)
        conn.execute(_INDEX, (r["id"], search_text(r["title"]), search_text(r["description"]), search_text(tags),
                              scope_token(Community(r["platform"], r["guild_id"]))))
    for r in conn.execute("SELECT id, norm_text FROM report_intake WHERE norm_text IS NOT NULL").fetchall():
        index_text(conn, r["id"], r["norm_text"])
    _rebuild_factcheck_indexes(conn)


def _rebuild_factcheck_indexes(conn: sqlite3.Connection) -> None:
    """Fact-check search (every fact-check, as publishing indexes it) and the claim text index with its
    term counts (the first claim of each distinct text per fact-check)."""
    from bot.domain.report_duplicates import terms

    for r in conn.execute("SELECT id, claim, summary FROM factchecks ORDER BY id").fetchall():
        conn.execute("INSERT INTO factcheck_fts (rowid, claim, summary) VALUES (?, ?, ?)",
                     (r["id"], search_text(r["claim"]), search_text(r["summary"])))
    seen: set[tuple[int, str]] = set()
    for r in conn.execute("SELECT id, factcheck_id, text_hash, norm_text FROM factcheck_claims "
                          "WHERE text_hash IS NOT NULL AND norm_text IS NOT NULL AND norm_text != '' "
                          "ORDER BY id").fetchall():
        if (r["factcheck_id"], r["text_hash"]) in seen:
            continue
        seen.add((r["factcheck_id"], r["text_hash"]))
        conn.execute("INSERT INTO factcheck_claim_fts (rowid, body) VALUES (?, ?)", (r["id"], r["norm_text"]))
        conn.executemany("INSERT INTO factcheck_terms (term, docs) VALUES (?, 1) "
                         "ON CONFLICT (term) DO UPDATE SET docs = docs + 1",
                         [(term,) for term in terms(r["norm_text"])])


async def copy_postgres_to_sqlite(url: str, path: Path) -> Report:
    from bot.storage.postgres.database import connect
    from bot.storage.postgres.migrations import migrate_url
    from bot.storage.sqlite.migrations import open_migrated

    await migrate_url(url)
    db = await open_migrated(path)
    await db.close()
    source = await connect(url)
    target = sqlite3.connect(str(path), isolation_level=None)
    target.row_factory = sqlite3.Row
    try:
        src_tables = await _pg_tables(source)
        dst_tables = _sqlite_tables(target)
        tables = _ordered(set(src_tables) & set(dst_tables))
        _refuse_missing(src_tables, dst_tables, await _pg_counts(source, list(src_tables)), "SQLite")
        nonempty = [t for t, n in _sqlite_counts(target, tables).items() if n]
        if nonempty:
            raise CopyError(f"the target SQLite database {path} is not empty ({', '.join(nonempty)} have rows): "
                            "copy-db only fills an empty one")
        copied: dict[str, int] = {}
        target.execute("BEGIN IMMEDIATE")
        try:
            # SQLite cannot disable triggers: they are dropped for the copy and created again, from
            # their own definitions, in the same transaction.
            triggers = target.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
            for trig in triggers:
                target.execute(f'DROP TRIGGER "{trig["name"]}"')
            for t in tables:
                columns = [c for c in dst_tables[t] if c in src_tables[t]]
                cols = ", ".join(f'"{c}"' for c in columns)
                rows = await source.fetch(f'SELECT {cols} FROM "{t}"')
                target.executemany(f'INSERT INTO "{t}" ({cols}) VALUES ({", ".join("?" * len(columns))})',
                                   [tuple(_norm(v) for v in r) for r in rows])
                copied[t] = len(rows)
            for trig in triggers:
                target.execute(trig["sql"])
            _rebuild_sqlite_indexes(target)
            target.execute("COMMIT")
        except BaseException:
            target.execute("ROLLBACK")
            raise
        problems = []
        counts = _sqlite_counts(target, tables)
        for t in tables:
            if counts[t] != copied[t]:
                problems.append(f"{t}: {copied[t]} row(s) in the source, {counts[t]} in the target")
            columns = [c for c in dst_tables[t] if c in src_tables[t]]
            cols = ", ".join(f'"{c}"' for c in columns)
            want = [tuple(_norm(v) for v in r) for r in await source.fetch(
                f'SELECT {cols} FROM "{t}" ORDER BY {_order_sql(columns, postgres=True, types=src_tables[t])} '
                f"LIMIT {SAMPLE}")]
            got = [tuple(_norm(v) for v in r) for r in target.execute(
                f'SELECT {cols} FROM "{t}" ORDER BY {_order_sql(columns, postgres=False)} LIMIT {SAMPLE}')]
            if want != got:
                problems.append(f"{t}: the sampled rows differ between source and target")
        integrity = target.execute("PRAGMA foreign_key_check").fetchall()
        if integrity:
            problems.append(f"{len(integrity)} row(s) refer to rows that are not there (foreign keys)")
        return Report(copied, problems)
    finally:
        target.close()
        await source.close()


async def copy_database(source: str, target: str) -> Report:
    """Copy SOURCE into TARGET (a SQLite path and a postgresql:// URL, either way round)."""
    from bot.settings import parse_database

    src_path, src_url = parse_database(source)
    dst_path, dst_url = parse_database(target)
    if src_url and dst_url:
        raise CopyError("both are PostgreSQL databases: use pg_dump | pg_restore to copy between them")
    if not src_url and not dst_url:
        raise CopyError("both are SQLite files: use `baithak backup` to copy a SQLite database")
    try:
        if src_url:
            return await copy_postgres_to_sqlite(src_url, dst_path)
        assert dst_url is not None
        return await copy_sqlite_to_postgres(src_path, dst_url)
    except (asyncpg.PostgresError, sqlite3.Error) as exc:
        raise CopyError(f"copy failed: {str(exc).splitlines()[0]}") from None
    except DatabaseUnavailable:
        raise
