"""Migration 0005's guarantees on PostgreSQL: a case's conversation is append-only (and `baithak check`
names its guard when it is gone), one check-in per member per event, and a series' occurrences go
with it."""

from __future__ import annotations

import asyncpg
import pytest

from bot.storage.postgres.checks import run_checks


async def test_the_conversation_is_append_only_and_checked(pg_url: str) -> None:
    conn = await asyncpg.connect(pg_url)
    try:
        case_id = await conn.fetchval(
            "INSERT INTO report_cases (guild_id, number, category, urgent, created_at, last_report_at, sla_hours) "
            "VALUES (1, 1, 'other', FALSE, 100, 100, 12) RETURNING id")
        await conn.execute("INSERT INTO report_conversation (case_id, guild_id, kind, author_id, body, at) "
                           "VALUES ($1, 1, 'note', 5, 'checked the number', 200)", case_id)
        for sql in ("UPDATE report_conversation SET body = 'x'", "DELETE FROM report_conversation",
                    "TRUNCATE report_conversation"):
            with pytest.raises(asyncpg.RestrictViolationError, match="report_conversation is append-only"):
                await conn.execute(sql)
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute("INSERT INTO report_conversation (case_id, guild_id, kind, author_id, body, at) "
                               "VALUES ($1, 1, 'gossip', 5, 'x', 200)", case_id)
        ok, problems = await run_checks(pg_url)
        assert "audit log and evidence guarded by triggers" in ok
        await conn.execute("DROP TRIGGER report_conversation_no_change ON report_conversation")
        ok, problems = await run_checks(pg_url)
        assert "append-only trigger(s) missing: report_conversation_no_change" in problems
        # Put back (this database is emptied and handed to the next test).
        await conn.execute("CREATE TRIGGER report_conversation_no_change BEFORE UPDATE OR DELETE ON "
                           "report_conversation FOR EACH ROW EXECUTE FUNCTION "
                           "baithak_refuse('report_conversation is append-only')")
        assert "audit log and evidence guarded by triggers" in (await run_checks(pg_url))[0]
    finally:
        await conn.close()


async def test_one_check_in_per_member_and_series_take_their_dates(pg_url: str) -> None:
    conn = await asyncpg.connect(pg_url)
    try:
        series_id = await conn.fetchval(
            "INSERT INTO event_series (guild_id, organiser_id, rule, first_start, timezone, occurrences, "
            "announce_ahead_days, title, duration_min, created_at) "
            "VALUES (1, 2, 'weekly', 1000, 'UTC', 2, 7, 'Clinic', 60, 0) RETURNING id")
        event_id = await conn.fetchval(
            "INSERT INTO events (guild_id, channel_id, organiser_id, title, starts_at, duration_min, timezone, "
            "created_at, updated_at, series_id, original_start, announce_at, announce_state) "
            "VALUES (1, 3, 2, 'Clinic', 1000, 60, 'UTC', 0, 0, $1, 1000, 400, 'pending') RETURNING id", series_id)
        await conn.execute("INSERT INTO event_checkins (event_id, user_id, checked_at, late, method) "
                           "VALUES ($1, 9, 1000, FALSE, 'button')", event_id)
        with pytest.raises(asyncpg.UniqueViolationError):
            await conn.execute("INSERT INTO event_checkins (event_id, user_id, checked_at, late, method) "
                               "VALUES ($1, 9, 1100, TRUE, 'code')", event_id)
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute("UPDATE events SET window_phase = 'half-open' WHERE id = $1", event_id)
        await conn.execute("DELETE FROM event_series WHERE id = $1", series_id)
        assert await conn.fetchval("SELECT count(*) FROM events") == 0
        assert await conn.fetchval("SELECT count(*) FROM event_checkins") == 0
    finally:
        await conn.close()
