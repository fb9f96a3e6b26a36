"""`/reports stats`: counts by category and status, median time to first claim and to resolution,
and each platform's compliance with escalations.

Definitions (the figures must be exact, so they are spelled out):
- the period holds the cases opened in it;
- time to first claim: opened -> claimed, over the claimed cases;
- time to resolution: opened -> closed (resolved or dismissed), over the closed cases;
- compliance rate of a platform: escalations it removed or restricted, over its escalations with a
  decided outcome (removed, restricted, no action); pending ones are not decided yet.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from bot.domain.report_categories import CATEGORIES, COMPLIED_OUTCOMES, DECIDED_OUTCOMES, STATUSES


@dataclass(frozen=True)
class StatRow:
    """One case of the period, as much as the statistics need."""

    category: str
    status: str
    created_at: datetime
    claimed_at: datetime | None = None
    closed_at: datetime | None = None
    platform: str | None = None
    platform_outcome: str | None = None


@dataclass(frozen=True)
class PlatformRate:
    platform: str
    escalations: int
    decided: int
    complied: int

    @property
    def rate(self) -> float | None:
        """Complied over decided, or None when the platform decided nothing yet."""
        return self.complied / self.decided if self.decided else None


@dataclass(frozen=True)
class Stats:
    total: int
    by_category: dict[str, int]
    by_status: dict[str, int]
    median_to_claim: timedelta | None
    median_to_resolution: timedelta | None
    platforms: tuple[PlatformRate, ...]


def _median(values: list[float]) -> timedelta | None:
    return timedelta(seconds=statistics.median(values)) if values else None


def compute_stats(rows: list[StatRow]) -> Stats:
    """The figures for the cases in `rows` (see the module docstring for definitions)."""
    by_category = {c: 0 for c in CATEGORIES}
    by_status = {s: 0 for s in STATUSES}
    to_claim: list[float] = []
    to_close: list[float] = []
    platforms: dict[str, list[int]] = {}
    for row in rows:
        by_category[row.category] = by_category.get(row.category, 0) + 1
        by_status[row.status] = by_status.get(row.status, 0) + 1
        if row.claimed_at is not None:
            to_claim.append((row.claimed_at - row.created_at).total_seconds())
        if row.closed_at is not None:
            to_close.append((row.closed_at - row.created_at).total_seconds())
        if row.platform is not None:
            counts = platforms.setdefault(row.platform, [0, 0, 0])
            counts[0] += 1
            if row.platform_outcome in DECIDED_OUTCOMES:
                counts[1] += 1
            if row.platform_outcome in COMPLIED_OUTCOMES:
                counts[2] += 1
    rates = tuple(PlatformRate(p, *platforms[p]) for p in sorted(platforms))
    return Stats(total=len(rows), by_category=by_category, by_status=by_status,
                 median_to_claim=_median(to_claim), median_to_resolution=_median(to_close),
                 platforms=rates)


def _abbreviated(unit: str, n: int) -> str:
    return f"{n}{unit}"


def format_span(span: timedelta | None,
                unit: Callable[[str, int], str] = _abbreviated) -> str | None:
    """A duration as `2d 3h`, `1h 5m` or `42s`; None stays None (the front end says "n/a").
    `unit(u, n)` writes one part (`u` is d, h, m or s), so the front end can use the guild's language."""
    if span is None:
        return None
    seconds = int(round(span.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts: list[tuple[str, int]]
    if days:
        parts = [("d", days), ("h", hours)]
    elif hours:
        parts = [("h", hours), ("m", minutes)]
    elif minutes:
        parts = [("m", minutes), ("s", secs)]
    else:
        return unit("s", secs)
    return " ".join(unit(u, n) for i, (u, n) in enumerate(parts) if n or i == 0)
