"""The Telegram front end (aiogram 3): one router per feature over `bot.app`, the same vocabulary as
`cogs/` (translate input into an app call, render what comes back). `TelegramFrontEnd` connects."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "TelegramFrontEnd":
        from routers.front import TelegramFrontEnd

        return TelegramFrontEnd
    raise AttributeError(name)
