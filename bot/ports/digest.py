"""Storage of the weekly digest: which communities have one, the claim of each community-week (so a
digest goes out exactly once, whatever restarts or other processes do), and the week's content."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.digest import DigestEvent, DigestResource, ReportWeek
from bot.domain.identity import Community


class DigestRepository(Protocol):
    async def scheduled(self) -> list[Community]:
        """Every community with a digest slot set (`/setup digest`)."""
        ...

    async def claim(self, community: Community, week: str, *, due_at: datetime, status: str,
                    now: datetime) -> bool:
        """Record the community's digest of `week` as `status` (sent, late, skipped); False (nothing
        written) when that week was already claimed, by this process or another."""
        ...

    async def run_of(self, community: Community, week: str) -> str | None:
        """The status recorded for the week, or None when it was never claimed."""
        ...

    async def upcoming_events(self, community: Community, start: datetime, end: datetime, *,
                              limit: int = 10) -> list[DigestEvent]:
        """Scheduled (not cancelled) events starting in [start, end), earliest first, with counts."""
        ...

    async def top_resources(self, community: Community, start: datetime, end: datetime, *,
                            limit: int = 5) -> list[DigestResource]:
        """Resources published in [start, end) and still published, most upvoted first."""
        ...

    async def report_week(self, community: Community, start: datetime, end: datetime) -> ReportWeek:
        """The week's moderation figures (see `ReportWeek`)."""
        ...
