"""Migration 0007 (case numbers per platform and community) upgrades a database written before it
in place: every case, report, escalation, audit row and notice is kept, and the rules the schema
enforces on cases still hold."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.storage.sqlite.database import connect
from bot.storage.sqlite.migrations import discover, migrate


def _folder(tmp_path: Path, up_to: int) -> Path:
    folder = tmp_path / f"migrations-{up_to}"
    folder.mkdir()
    for m in discover():
        if m.version <= up_to:
            (folder / m.path.name).write_text(m.sql, encoding="utf-8")
    return folder


async def test_0007_keeps_every_row_and_every_rule(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = await connect(path)
    await migrate(conn, _folder(tmp_path, 5))
    await conn.executescript("""
        INSERT INTO report_cases (id, guild_id, number, category, urgent, status, created_at, last_report_at,
            sla_hours, sla_due_at, card_channel_id, card_message_id)
        VALUES (1, 10, 1, 'other', 0, 'new', 100, 100, 12, 43300, 5, 6),
               (2, 10, 2, 'child_safety', 1, 'new', 200, 200, 1, 3800, NULL, NULL);
        INSERT INTO report_intake (case_id, guild_id, reporter_id, created_at, source, category, evidence)
        VALUES (1, 10, 11, 100, 'link', 'other', '{}'), (2, 10, 12, 200, 'text', 'child_safety', '{}');
        UPDATE report_cases SET status = 'triaging', status_actor = 9, claimed_by = 9, claimed_at = 150
        WHERE id = 1;
        UPDATE report_cases SET status = 'escalated', status_actor = 9 WHERE id = 1;
        INSERT INTO report_escalations (case_id, guild_id, platform, escalated_by, escalated_at)
        VALUES (1, 10, 'x', 9, 160);
        UPDATE report_cases SET status = 'dismissed', status_actor = 9, closed_by = 9, closed_at = 170
        WHERE id = 1;
        INSERT INTO report_notices (case_id, reporter_id, created_at) VALUES (1, 11, 170);
    """)
    before = {t: [tuple(r) for r in await conn.execute_fetchall(f"SELECT * FROM {t} ORDER BY 1")]
              for t in ("report_cases", "report_intake", "report_escalations", "report_audit", "report_notices")}
    applied = await migrate(conn, _folder(tmp_path, 7))
    assert 7 in [m.version for m in applied]
    for table, rows in before.items():
        assert [tuple(r) for r in await conn.execute_fetchall(f"SELECT * FROM {table} ORDER BY 1")] == rows, table
    assert list(await conn.execute_fetchall("PRAGMA foreign_key_check")) == []
    # The same number in a community of another platform with the same id.
    await conn.execute("""
        INSERT INTO report_cases (platform, guild_id, number, category, urgent, status, created_at,
            last_report_at, sla_hours) VALUES ('telegram', 10, 1, 'other', 0, 'new', 300, 300, 12)""")
    audit = await conn.execute_fetchall("SELECT action FROM report_audit WHERE case_id = 3")
    assert [r[0] for r in audit] == ["open"]  # the opening is still audited
    for sql in ("DELETE FROM report_cases WHERE id = 2",
                "UPDATE report_cases SET urgent = 0 WHERE id = 2",
                "UPDATE report_cases SET status = 'resolved' WHERE id = 2",
                "INSERT INTO report_cases (platform, guild_id, number, category, urgent, status, created_at, "
                "last_report_at, sla_hours) VALUES ('discord', 10, 1, 'other', 0, 'new', 1, 1, 12)"):
        with pytest.raises(sqlite3.IntegrityError):
            await conn.execute(sql)
    await conn.execute("UPDATE report_cases SET status = 'triaging', status_actor = 4 WHERE id = 2")
    audit = await conn.execute_fetchall("SELECT from_status, to_status, actor_id FROM report_audit "
                                        "WHERE case_id = 2 ORDER BY id")
    assert [tuple(r) for r in audit] == [(None, "new", None), ("new", "triaging", 4)]
    plan = " | ".join(r[3] for r in await conn.execute_fetchall(
        "EXPLAIN QUERY PLAN SELECT * FROM report_cases WHERE guild_id = 10 AND status = 'new'"))
    assert "report_cases_queue" in plan
    await conn.commit()
    await conn.close()
