"""Running the bot: open and migrate the database, connect, shut down cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import signal

import discord

from bot.app import App
from bot.client import make_bot
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
    """Run until Discord closes the connection or a signal arrives; returns an exit code."""
    use_endpoints(settings.api_base, settings.gateway_url)
    store = await open_store(settings)
    app = App(settings, store)
    # Several processes on one PostgreSQL: another one's /setup invalidates our cached settings.
    await watch_settings(store, app.setup.forget)
    bot = make_bot(settings, app, extra_extensions=extra_extensions())
    if settings.shards is not None:
        log.info("serving shards %s of %d", ",".join(map(str, settings.shards)), settings.shard_count)
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()

    def stop(signame: str) -> None:
        if not stopping.is_set():
            log.info("%s received: shutting down", signame)
            stopping.set()
            loop.create_task(bot.close())

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop, sig.name)
    code = 0
    try:
        await bot.start(settings.token or "")
    except discord.LoginFailure:
        log.error("DISCORD_TOKEN was refused by Discord: copy a fresh token from the Developer Portal")
        code = 2
    finally:
        if not bot.is_closed():
            await bot.close()
        # Queued writes are finished before the database closes: nothing is half-written.
        await store.close()
        log.info("stopped")
    return code
