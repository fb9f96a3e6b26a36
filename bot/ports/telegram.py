"""Storage the Telegram front end's use cases need (`bot.app.telegram`): who can be reached by private
message, organisers named by a group's admins, guided forms in progress, one-time link codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from bot.domain.identity import Community


@dataclass(frozen=True)
class Form:
    """A guided form in progress: who fills it in where, which question is open, the answers so far."""

    platform: str
    chat_id: int
    user_id: int
    kind: str
    step: str
    expires_at: datetime
    data: dict[str, Any] = field(default_factory=dict)


class TelegramRepository(Protocol):
    # -- reachability --------------------------------------------------------------------------
    async def set_reachable(self, user_id: int, reachable: bool, now: datetime) -> None:
        """Record that a member started the bot (True) or that a private message was refused (False)."""
        ...

    async def reachable(self, user_id: int) -> bool | None:
        """True/False as last recorded; None for a member never seen."""
        ...

    async def unreachable_among(self, user_ids: list[int]) -> list[int]:
        """Those of `user_ids` who are not known to be reachable (never started, or refused)."""
        ...

    async def set_last_group(self, user_id: int, group_id: int, now: datetime) -> None:
        """The group the member last acted in (a report sent privately belongs to it)."""
        ...

    async def last_group(self, user_id: int) -> int | None: ...

    # -- the moderators' group -----------------------------------------------------------------
    async def link_moderators(self, community_id: int, moderators_group_id: int, now: datetime) -> None:
        """Make `moderators_group_id` the community's moderators' group (replacing an earlier one)."""
        ...

    async def community_of_moderators(self, moderators_group_id: int) -> int | None: ...

    # -- organisers ----------------------------------------------------------------------------
    async def add_organiser(self, group_id: int, user_id: int, added_by: int, now: datetime) -> bool:
        """Name an organiser; False when they already were one."""
        ...

    async def remove_organiser(self, group_id: int, user_id: int) -> bool: ...

    async def is_organiser(self, group_id: int, user_id: int) -> bool: ...

    # -- forms ---------------------------------------------------------------------------------
    async def save_form(self, form: Form) -> None:
        """Store (or replace) the member's form in that chat."""
        ...

    async def get_form(self, platform: str, chat_id: int, user_id: int, now: datetime) -> Form | None:
        """The member's form in that chat, unless it expired (an expired one is removed)."""
        ...

    async def drop_form(self, platform: str, chat_id: int, user_id: int) -> bool: ...

    # -- one-time codes ------------------------------------------------------------------------
    async def create_code(self, code: str, purpose: str, community: Community, created_by: int,
                          expires_at: datetime) -> None: ...

    async def use_code(self, code: str, purpose: str, now: datetime) -> Community | None:
        """The community a valid code was made for; the code is used up at once. None when the code
        is unknown, expired, already used or made for another purpose."""
        ...
