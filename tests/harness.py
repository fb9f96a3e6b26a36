"""The real Baithak client connected over loopback to `fakediscord`, with a seeded guild."""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable

from bot.app import App
from bot.client import BaithakBot
from bot.domain.clock import Clock
from bot.endpoints import use_endpoints
from bot.settings import Settings
from bot.storage.sqlite.migrations import open_migrated
from bot.storage.sqlite.store import SqliteStore
from fakediscord import FakeDiscord


def make_settings(db_path: Path, fake: FakeDiscord | None = None, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(
        token=fake.token if fake else "test-token",
        database=db_path,
        dev_guild=None,
        timezone="Asia/Karachi",
        language="en",
        log_level="INFO",
        api_base=fake.api_base if fake else None,
        gateway_url=fake.gateway_url if fake else None,
    )
    values.update(overrides)
    return Settings(**values)


migrated_database = open_migrated


@dataclass
class World:
    """The seeded guild and its people (members are the fake server's Member objects)."""

    guild: Any
    announcements: Any
    moderation: Any
    resources: Any
    general: Any
    organiser_role: Any
    moderator_role: Any
    admin: Any
    organiser: Any
    moderator: Any
    alice: Any
    bob: Any
    urdu: Any
    closed: Any
    extra: dict[str, Any] = field(default_factory=dict)


def seed_world(fake: FakeDiscord, name: str = "Test") -> World:
    guild = fake.create_guild(name)
    organiser_role = guild.add_role("Organiser")
    moderator_role = guild.add_role("Moderator")
    return World(
        guild=guild,
        announcements=guild.add_text_channel("announcements"),
        moderation=guild.add_text_channel("moderation"),
        resources=guild.add_text_channel("resources"),
        general=guild.add_text_channel("general"),
        organiser_role=organiser_role,
        moderator_role=moderator_role,
        admin=guild.add_member("Ayesha Admin", admin=True, owner=True),
        organiser=guild.add_member("Omar Organiser", roles=[organiser_role]),
        moderator=guild.add_member("Mehreen Moderator", roles=[moderator_role]),
        alice=guild.add_member("Alice"),
        bob=guild.add_member("Bilal"),
        urdu=guild.add_member("زینب"),
        closed=guild.add_member("Closed DMs", dms_open=False),
    )


async def until(check: Any, timeout: float = 5.0) -> None:
    """Wait until `check()` is true (cards and announcements are edited after the user's answer)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.02)


def cards(h: "Harness", ref: str) -> list[Any]:
    """The report case cards for `ref` in the moderation channel."""
    assert h.world is not None
    return [m for m in h.fake.channel_messages(h.world.moderation)
            if any(ref in (e.get("title") or "") for e in m.embeds)]


class Harness:
    """A fake Discord, a seeded world, a migrated temporary database and the real bot in-process."""

    def __init__(self, tmp_path: Path, *, clock: Clock | None = None, extensions: tuple[str, ...] = (),
                 store_factory: Callable[[], Awaitable[Any]] | None = None, **settings: Any) -> None:
        """`store_factory` opens the store the bot runs on (each start and restart): a migrated
        SQLite file in `tmp_path` by default, or e.g. a PostgreSQL database (tests/conftest.py)."""
        self.extensions = extensions
        self.store_factory = store_factory
        self.tmp_path = tmp_path
        self.db_path = tmp_path / "baithak.sqlite3"
        self.clock = clock
        self.settings_overrides = settings
        self.fake = FakeDiscord()
        self.world: World | None = None
        self.bot: BaithakBot | None = None
        self.db: Any = None  # the store's database (SQLite or PostgreSQL)
        self.store: Any = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> "Harness":
        await self.fake.start()
        self.world = seed_world(self.fake)
        await self.start_bot()
        return self

    async def start_bot(self) -> BaithakBot:
        use_endpoints(self.fake.api_base, self.fake.gateway_url)
        if self.store_factory is None:
            self.store = SqliteStore(await migrated_database(self.db_path))
        else:
            self.store = await self.store_factory()
        self.db = self.store.db
        settings = make_settings(self.db_path, self.fake, **self.settings_overrides)
        # discord.py waits guild_ready_timeout (2 s) after the last GUILD_CREATE before READY; the fake
        # sends every guild at once, so a short wait is enough and keeps each test fast.
        self.app = App(settings, self.store, clock=self.clock)
        self.bot = BaithakBot(settings, self.app, extra_extensions=self.extensions,
                              guild_ready_timeout=0.05)
        self._task = asyncio.create_task(self.bot.start(self.fake.token))
        await self.fake.wait_until_ready(timeout=15)
        await self.fake.wait_for_commands(timeout=15)
        while not self.bot.is_ready():
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.01)
        return self.bot

    async def stop_bot(self) -> None:
        if self.bot is not None:
            await self.bot.close()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, 10)
            except Exception:
                pass
        if self.store is not None:
            await self.store.close()
        self.bot = self.db = self.store = self._task = None

    # -- raw reads for assertions, on either driver (`?` placeholders, as SQLite writes them) --------
    def _sql(self, sql: str) -> str:
        if isinstance(self.store, SqliteStore):
            return sql
        numbers = itertools.count(1)
        return re.sub(r"\?", lambda _: f"${next(numbers)}", sql)

    async def fetchval(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        if isinstance(self.store, SqliteStore):
            return await self.db.fetchval(sql, params)
        return await self.db.fetchval(self._sql(sql), *params)

    async def fetchall(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        if isinstance(self.store, SqliteStore):
            return await self.db.fetchall(sql, params)
        return list(await self.db.fetch(self._sql(sql), *params))

    async def restart_bot(self) -> BaithakBot:
        await self.stop_bot()
        return await self.start_bot()

    async def close(self) -> None:
        await self.stop_bot()
        await self.fake.stop()

    async def setup_guild(self, **options: Any) -> Any:
        """Run /setup as the admin with the seeded channels and roles (plus `options`)."""
        w = self.world
        assert w is not None
        values = dict(announcements=w.announcements, moderation=w.moderation, resources=w.resources,
                      organiser_role=w.organiser_role, moderator_role=w.moderator_role)
        values.update(options)
        result = await self.fake.slash(w.admin, "setup", **values)
        assert result.error is None, result.error
        return result
