"""Running the bot: open and migrate the database, connect, shut down cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import signal
from typing import Any

import discord

from bot.app import App
from bot.client import BaithakBot
from bot.endpoints import use_endpoints
from bot.settings import Settings
from bot.storage import migrate_database as migrate_store
from bot.storage import open_store, watch_settings

log = logging.getLogger("baithak")


def extra_extensions() -> list[str]:
    """Extensions named in BAITHAK_EXTENSIONS (development and benchmarks), checked importable."""
    names = [n.strip() for n in os.environ.get("BAITHAK_EXTENSIONS", "").split(",") if n.strip()]
    for name in names:
        importlib.import_module(name)
    return names


async def migrate_database(settings: Settings) -> list[str]:
    return await migrate_store(settings)


async def run_bot(settings: Settings) -> int:
    """Run until the front ends stop or a signal arrives; returns an exit code. Discord runs when
    DISCORD_TOKEN is set, Telegram (long polling, same process) when TELEGRAM_TOKEN is."""
    use_endpoints(settings.api_base, settings.gateway_url)
    store = await open_store(settings)
    app = App(settings, store)
    # Several processes on one PostgreSQL: another one's /setup invalidates our cached settings.
    await watch_settings(store, app.setup.forget)
    bot = BaithakBot(settings, app, extra_extensions=extra_extensions()) if settings.token else None
    try:
        telegram = await start_telegram(settings, app)
    except Exception as exc:  # aiogram's TelegramUnauthorizedError, or the server cannot be reached
        log.error("Telegram refused to start (%s): check TELEGRAM_TOKEN (from @BotFather) and TELEGRAM_API_BASE", exc)
        await store.close()
        return 2
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()

    async def close_all() -> None:
        if bot is not None:
            await bot.close()  # drains follow-up work while Telegram is still connected
        if telegram is not None:
            await telegram.close()

    def stop(signame: str) -> None:
        if not stopping.is_set():
            log.info("%s received: shutting down", signame)
            stopping.set()
            loop.create_task(close_all())

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop, sig.name)
    code = 0
    try:
        if bot is not None:
            await bot.start(settings.token or "")
        if telegram is not None:
            await telegram.wait()
    except discord.LoginFailure:
        log.error("DISCORD_TOKEN was refused by Discord: copy a fresh token from the Developer Portal")
        code = 2
    finally:
        if bot is not None and not bot.is_closed():
            await bot.close()
        if telegram is not None:
            await telegram.close()
        # Queued writes are finished before the database closes: nothing is half-written.
        await store.close()
        log.info("stopped")
    return code


async def start_telegram(settings: Settings, app: App) -> Any:
    """The Telegram front end, connected and polling, when TELEGRAM_TOKEN is set."""
    if not settings.telegram_token:
        return None
    from routers.front import TelegramFrontEnd

    front = TelegramFrontEnd(app, settings.telegram_token, api_base=settings.telegram_api_base)
    await front.start()
    return front
