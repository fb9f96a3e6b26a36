"""An aiogram filter for inline button presses: decodes the callback data once (range-checked) and
hands the handler an `intent`."""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import CallbackQuery

from bot.domain.errors import DomainError
from routers._common.callbacks import decode


class Pressed(Filter):
    def __init__(self, *actions: str) -> None:
        self.actions = frozenset(actions)

    async def __call__(self, query: CallbackQuery) -> bool | dict[str, Any]:
        try:
            intent = decode(query.data)
        except DomainError:
            return False
        return {"intent": intent} if intent.action in self.actions else False
