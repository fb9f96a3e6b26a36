"""Storage of event series (bot.domain.series) as the app layer (`bot.app.series`) sees it.

Occurrences are events (`bot.ports.events.EventsRepository` reads and answers them); this port adds
the series itself, the announcement queue of its occurrences, and edits and cancels of many
occurrences in one unit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.events import Event
from bot.domain.identity import Member, MessageRef
from bot.domain.series import RepeatChange, Series
from bot.ports.events import CancelPlan, EditOutcome, EditPlan


class SeriesRepository(Protocol):
    async def create(self, series: Series, occurrences: list[Event], now: datetime) -> tuple[Series, list[Event]]:
        """Store a series and its occurrences (ids ignored), each to be announced `announce_ahead_days`
        before it starts; returns them with their ids, occurrences by start."""
        ...

    async def delete(self, series_id: int) -> None:
        """Remove a series whose first announcement could not be posted, with its occurrences."""
        ...

    async def get(self, series_id: int) -> Series | None: ...

    async def occurrences(self, series_id: int) -> list[Event]:
        """Every occurrence (cancelled ones too), by start."""
        ...

    async def original_starts(self, series_id: int) -> dict[int, datetime]:
        """event id -> the start the rule gave it (before any edit)."""
        ...

    async def claim_due(self, now: datetime, limit: int = 50) -> list[Event]:
        """Occurrences due to be announced by `now` and not yet claimed, claimed under a lease in the
        same unit: returned again only when that claim was left by a process that stopped before
        recording the post (its lease expired; on SQLite, any claim of an earlier process), to be
        posted with the same nonce. Cancelled occurrences are never returned."""
        ...

    async def announced(self, event_id: int, ref: MessageRef | None) -> None:
        """Record the announcement's message (or, with None, that it could not be posted)."""
        ...

    async def next_due(self) -> datetime | None:
        """When the next unclaimed occurrence (or one whose claim may be taken over) is due."""
        ...

    async def edit_many(self, event_ids: list[int], plan: EditPlan, now: datetime) -> list[EditOutcome]:
        """Apply `plan(event, going)` to each event in one unit; an event for which the plan raises
        `event.nothing_changed` is left out; any other DomainError changes nothing at all."""
        ...

    async def cancel_many(self, event_ids: list[int], plan: CancelPlan,
                          now: datetime) -> list[tuple[Event, tuple[Member, ...]]]:
        """Cancel each event in one unit (pending reminders dropped); who answered each."""
        ...

    async def change_repeat(self, series_id: int, change: RepeatChange, plan: CancelPlan,
                            now: datetime) -> tuple[Series, list[tuple[Event, tuple[Member, ...]]]]:
        """Apply a new repeat rule (bot.domain.series.plan_repeat_change) in one unit: the series
        updated, or the dates from the anchor on split off into a new series; kept dates moved to it
        with their answers; dropped dates cancelled with `plan` (who answered each returned), or
        removed when never announced nor answered (decided in the unit); new dates queued to be
        announced. Returns the series the dates from the anchor on belong to."""
        ...
