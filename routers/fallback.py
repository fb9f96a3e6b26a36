"""Last in line: a press on a button nobody handles (stale, forged, from an older version) is still
answered, so the member's client never spins."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.domain.errors import DomainError


def build() -> Router:
    router = Router(name="fallback")

    @router.callback_query()
    async def unknown(query: CallbackQuery) -> None:
        raise DomainError("common.not_found")

    return router
