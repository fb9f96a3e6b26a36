"""Contract: the weekly digest's storage (which communities have a slot, the claim of each week, and
the content queries on a community with nothing in it; the content with data is checked end to end
in tests/unit/test_app_digest_flow.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from bot.domain.digest import LATE, SEND, SKIP, ReportWeek
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, TELEGRAM, Community

NOW = datetime(2026, 3, 13, 13, 0, tzinfo=timezone.utc)
A, B, T = Community(DISCORD, 1), Community(DISCORD, 2), Community(TELEGRAM, 1)


async def test_scheduled_and_claimed_once(store) -> None:
    base = GuildSettings.defaults(1, timezone="Asia/Karachi", language="en")
    await store.settings.save(replace(base, digest_day=4, digest_minute=1080))
    await store.settings.save(replace(base, guild_id=2))                         # no digest
    await store.settings.save(replace(base, guild_id=1, platform=TELEGRAM, digest_day=0, digest_minute=0))
    assert set(await store.digest.scheduled()) == {A, T}

    repo = store.digest
    assert await repo.run_of(A, "2026-W11") is None
    assert await repo.claim(A, "2026-W11", due_at=NOW, status=SEND, now=NOW)
    assert not await repo.claim(A, "2026-W11", due_at=NOW, status=LATE, now=NOW + timedelta(hours=1))
    assert await repo.run_of(A, "2026-W11") == SEND
    # Another week, another community (same id on another platform) are separate rows.
    assert await repo.claim(A, "2026-W12", due_at=NOW + timedelta(days=7), status=SKIP, now=NOW)
    assert await repo.claim(T, "2026-W11", due_at=NOW, status=LATE, now=NOW)
    assert (await repo.run_of(A, "2026-W12"), await repo.run_of(T, "2026-W11")) == (SKIP, LATE)

    await store.settings.save(replace(base, digest_day=None, digest_minute=None))
    assert await repo.scheduled() == [T]


async def test_content_of_an_empty_week(store) -> None:
    start, end = NOW - timedelta(days=7), NOW
    assert await store.digest.upcoming_events(B, end, end + timedelta(days=7)) == []
    assert await store.digest.top_resources(B, start, end) == []
    assert await store.digest.report_week(B, start, end) == ReportWeek()
