"""Storage of check-ins, check-in codes, window phases and attendance figures, as the app layer
(`bot.app.attendance`) sees it. Every decision on the current state (already checked in? a code
still valid?) is taken inside one write unit of the driver."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Protocol

from bot.domain.attendance import EventFigures, EventLine, MemberFigures
from bot.domain.events import Event
from bot.domain.identity import Community, Member

# (event, the member's answer, when they checked in already, now) -> late; raises DomainError
CheckinDecision = Callable[[Event, "str | None", "datetime | None", datetime], bool]


@dataclass(frozen=True)
class CheckinOutcome:
    event: Event
    checked_at: datetime
    late: bool


@dataclass(frozen=True)
class PastAnswer:
    """One ended event a member answered Going or Maybe to (or checked in at)."""

    event: Event
    status: str
    checked_at: datetime | None
    late: bool


@dataclass(frozen=True)
class PhaseMove:
    """An announcement whose window phase moved (claimed): from `old` to `new`."""

    event: Event
    old: str | None
    new: str | None


class AttendanceRepository(Protocol):
    async def check_in(self, event_id: int, *, community: Community, member: Member, method: str, now: datetime,
                       decide: CheckinDecision) -> CheckinOutcome:
        """Record one check-in decided by `decide` on the current state (answer, earlier check-in);
        an event of another community is refused as not found; a DomainError changes nothing."""
        ...

    async def issue_code(self, event_id: int, *, community: Community, issued_by: Member, now: datetime,
                         expires_at: datetime, generate: Callable[[], str]) -> str:
        """Store a fresh code for the event, unlike every code of the community still valid at `now`."""
        ...

    async def find_code(self, community: Community, code: str) -> tuple[int, datetime] | None:
        """(event id, expiry) of the latest code `code` issued in the community."""
        ...

    async def checked_in(self, event_id: int, member: Member) -> tuple[datetime, bool] | None: ...

    async def figures(self, event_id: int) -> EventFigures | None:
        """The event's answers, check-ins, promotions and members with closed DMs."""
        ...

    async def member_history(self, member: Member, community: Community | None, now: datetime,
                             limit: int = 20) -> tuple[list[PastAnswer], MemberFigures]:
        """The member's latest ended events answered Going/Maybe (or checked in at), newest first,
        and the member's figures over all of them."""
        ...

    async def report(self, community: Community, since: datetime, until: datetime,
                     series_id: int | None = None) -> tuple[list[EventFigures], list[MemberFigures]]:
        """Figures of the community's scheduled events that started at or after `since` and ended by
        `until` (only the series' when given), by start; and each answering member's figures."""
        ...

    async def report_lines(self, community: Community, since: datetime, until: datetime,
                           series_id: int | None = None) -> tuple[list[EventLine], list[MemberFigures]]:
        """`report`, with each event's start, title and figures only (no Event: for the CSV files)."""
        ...

    async def report_marker(self, community: Community, since: datetime, until: datetime,
                            series_id: int | None = None) -> tuple[Any, ...]:
        """A cheap summary of what `report` with the same arguments would answer: equal markers
        (even for other `since`/`until`) mean the same answer. It holds the community's event change
        counter (moved on by any new, deleted or edited event), the first start at or after `since`,
        the last start before `until`, the events started but not ended by `until`, and the figures of
        the events ended less than SETTLED before `until` (counted afresh: a late click may still
        arrive); the figures of events ended earlier are final."""
        ...

    async def advance_windows(self, now: datetime) -> list[PhaseMove]:
        """Claim every announcement whose phase is due to move by `now` and move it."""
        ...

    async def next_window(self) -> datetime | None:
        """When the next announcement's phase is due to move."""
        ...

    async def claim_dm_note(self, event_id: int, offset_min: int, starts_at: datetime, closed: int,
                            now: datetime) -> bool:
        """Claim the one closed-DMs line of (event, offset, start); False if it was already claimed."""
        ...
