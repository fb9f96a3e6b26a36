"""Running the bot: open and migrate the database, connect, shut down cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import signal
from typing import Any

import aiohttp
import discord

from bot.app import App
from bot.client import make_bot
from bot import heap
from bot.endpoints import use_endpoints
from bot.loop_monitor import LoopMonitor
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


RETRY_FIRST = 1.0
RETRY_MAX = 60.0


async def connect_with_retry(bot: discord.Client, token: str, stopping: asyncio.Event, *,
                             first: float = RETRY_FIRST, most: float = RETRY_MAX) -> bool:
    """Log in, retrying with doubling waits (one log line per attempt) while Discord cannot be
    reached; False if `stopping` was set first. A refused token raises LoginFailure at once."""
    delay, attempt = first, 0
    while not stopping.is_set():
        attempt += 1
        try:
            await bot.login(token)
            return True
        except discord.LoginFailure:
            raise
        except (OSError, aiohttp.ClientError, asyncio.TimeoutError, discord.DiscordServerError) as exc:
            log.warning("cannot reach Discord at %s (attempt %d: %s); retrying in %.0fs",
                        discord.http.Route.BASE, attempt, _one_line(exc), delay)
        try:
            await asyncio.wait_for(stopping.wait(), delay)
        except asyncio.TimeoutError:
            pass
        delay = min(delay * 2, most)
    return False


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if type(exc).__name__ not in text else text


async def _settle_heap() -> None:
    heap.settle()  # the guilds and members just cached stay for the life of the connection


async def run_bot(settings: Settings) -> int:
    """Run until the front ends stop or a signal arrives; returns an exit code. Discord runs when
    DISCORD_TOKEN is set, Telegram (long polling, same process) when TELEGRAM_TOKEN is."""
    use_endpoints(settings.api_base, settings.gateway_url)
    store = await open_store(settings)
    # Watches the running bot, from here on: a refusal to start stays the one line it is meant to be.
    monitor = LoopMonitor()  # logs any stall of the event loop over 250 ms, with what was running
    monitor.start()
    app = App(settings, store)
    # Several processes on one PostgreSQL: another one's /setup invalidates our cached settings.
    await watch_settings(store, app.setup.forget)
    bot = make_bot(settings, app, extra_extensions=extra_extensions()) if settings.token else None
    if bot is not None:
        bot.add_listener(_settle_heap, "on_ready")
    if bot is not None and settings.shards is not None:
        log.info("serving shards %s of %d", ",".join(map(str, settings.shards)), settings.shard_count)
    try:
        telegram = await start_telegram(settings, app)
    except Exception as exc:  # aiogram's TelegramUnauthorizedError, or the server cannot be reached
        log.error("Telegram refused to start (%s): check TELEGRAM_TOKEN (from @BotFather) and TELEGRAM_API_BASE", exc)
        await store.close()
        await monitor.stop()
        return 2
    heap.settle()  # everything loaded so far lives as long as the process: out of every collection
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
        if bot is not None and await connect_with_retry(bot, settings.token or "", stopping):
            await bot.connect(reconnect=True)
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
        await monitor.stop()
        log.info("stopped")
    return code


async def start_telegram(settings: Settings, app: App) -> Any:
    """The Telegram front end, connected and polling, when TELEGRAM_TOKEN is set."""
    if not settings.telegram_token:
        return None
    if settings.shards is not None and not settings.telegram:
        # Several processes share the work: Telegram allows one consumer of updates, the process
        # started with --telegram (BAITHAK_TELEGRAM=1).
        log.info("Telegram is polled by the process started with --telegram, not this one")
        return None
    from routers.front import TelegramFrontEnd

    front = TelegramFrontEnd(app, settings.telegram_token, api_base=settings.telegram_api_base)
    await front.start()
    return front
