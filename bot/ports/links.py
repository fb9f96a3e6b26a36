"""Communities linked across platforms, and the extra messages posted for one thing in several places."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.identity import Community, MessageRef


class LinksRepository(Protocol):
    async def link(self, community: Community, home: Community, now: datetime) -> None:
        """`community` joins `home` (replacing an earlier link of `community`)."""
        ...

    async def home_of(self, community: Community) -> Community | None:
        """The community `community` joined, or None."""
        ...

    async def linked_to(self, home: Community) -> list[Community]:
        """Communities that joined `home`, oldest link first."""
        ...

    async def add_post(self, kind: str, entity_id: int, ref: MessageRef) -> None:
        """Record a message posted for (kind, entity) in one more place (one per place)."""
        ...

    async def posts(self, kind: str, entity_id: int) -> list[MessageRef]: ...
