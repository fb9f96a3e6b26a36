"""Storage of what events gained beyond announcing and answering (PRODUCT.md, "Events: series,
check-in, attendance"): templates per community, each member's own zone, and the first names on an
announcement's going list."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.event_templates import EventTemplate
from bot.domain.identity import Community, Member


class EventExtrasRepository(Protocol):
    # -- templates ------------------------------------------------------------------------------
    async def save_template(self, template: EventTemplate, now: datetime, *, limit: int) -> bool:
        """Store `template` under its name, replacing one of the same name (returns True when it
        replaced one). A new name beyond `limit` templates in the community raises
        DomainError('template.too_many') and stores nothing."""
        ...

    async def template(self, community: Community, name: str) -> EventTemplate | None: ...

    async def templates(self, community: Community) -> list[EventTemplate]:
        """The community's templates by name."""
        ...

    async def delete_template(self, community: Community, name: str) -> bool:
        """Remove it; False when there was none of that name."""
        ...

    # -- each member's zone ---------------------------------------------------------------------
    async def set_timezone(self, member: Member, zone: str | None, now: datetime) -> None:
        """The member's own IANA zone (None: back to the community's)."""
        ...

    async def timezone_of(self, member: Member) -> str | None: ...

    # -- the announcement -----------------------------------------------------------------------
    async def going_names(self, event_id: int, limit: int) -> list[str]:
        """Display names of the first `limit` members going, in click order."""
        ...

    # -- the platform's own listing (Discord's Events list) -------------------------------------
    async def native_id(self, event_id: int) -> int | None:
        """The id of the event's listing on its platform, if one was made."""
        ...

    async def set_native_id(self, event_id: int, native_id: int | None) -> None: ...
