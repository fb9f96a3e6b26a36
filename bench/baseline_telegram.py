"""The Telegram benchmark's baseline bot: aiogram long polling, one router answering every button
press at once with a static toast. Run by bench/bench_telegram.py as its own process, as the real
`baithak run` is:

    TELEGRAM_TOKEN=... TELEGRAM_API_BASE=http://127.0.0.1:PORT python -m bench.baseline_telegram
"""

from __future__ import annotations

import asyncio
import os

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery


async def main() -> None:
    router = Router(name="baseline")

    @router.callback_query()
    async def pressed(query: CallbackQuery) -> None:
        await query.answer("ok")

    bot = Bot(os.environ["TELEGRAM_TOKEN"],
              session=AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_BASE"])))
    dp = Dispatcher()
    dp.include_router(router)
    await dp.start_polling(bot, allowed_updates=["message", "callback_query"], polling_timeout=10)


if __name__ == "__main__":
    asyncio.run(main())
