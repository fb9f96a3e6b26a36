"""Persistent buttons and selects: the meaning lives in the custom_id, so they work after a restart.

Each feature maps its button intents (`bot.ports.messaging.Button.action`) to a custom_id format with
:func:`button_format`, and handles clicks with a :class:`Persistent` subclass whose template parses
that format. Numbers read back from a custom_id go through one range-checked parser
(`bot.domain.identity.parse_id`): a forged or stale id is "no longer exists", never a crash.
"""

from __future__ import annotations

from typing import Any

import discord

from bot.domain.errors import DomainError
from bot.domain.identity import parse_id
from bot.ports.messaging import Button
from cogs._common.errors import report_error

_FORMATS: dict[str, str] = {}
CUSTOM_ID_MAX = 100


def button_format(action: str, fmt: str) -> None:
    """Encode buttons whose action is `action` as `fmt.format(*target)`."""
    _FORMATS[action] = fmt


def custom_id(button: Button) -> str:
    """The custom_id of a button intent; raises KeyError for an action no feature registered."""
    value = _FORMATS[button.action].format(*button.target)
    if len(value) > CUSTOM_ID_MAX:
        raise ValueError(f"custom_id for {button.action} is over {CUSTOM_ID_MAX} characters")
    return value


class Persistent(discord.ui.DynamicItem[discord.ui.Item[Any]], template=r"(?!)"):
    """Base of every persistent component: keeps the template's groups, answers errors through the
    one error path. Subclasses give a `template=` and implement :meth:`clicked`."""

    def __init__(self, item: discord.ui.Item[Any], groups: dict[str, str] | None = None) -> None:
        super().__init__(item)
        self.groups = groups or {}

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: Any, /) -> "Persistent":
        return cls(item, dict(match.groupdict()))

    def number(self, name: str) -> int:
        """A range-checked id from the custom_id; out of range means the target no longer exists."""
        value = parse_id(self.groups.get(name))
        if value is None:
            raise DomainError("common.not_found")
        return value

    def word(self, name: str) -> str:
        return self.groups.get(name) or ""

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        try:
            await self.clicked(interaction)
        except Exception as exc:  # noqa: BLE001 - the one place component errors are answered
            await report_error(interaction, exc)

    async def clicked(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError
