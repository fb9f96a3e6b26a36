"""The real Baithak Telegram front end (aiogram) long polling the fake Telegram Bot API, with a seeded
group, over a migrated temporary database; optionally beside the Discord harness."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable

from bot.app import App
from bot.domain.clock import Clock
from bot.storage.sqlite.migrations import open_migrated
from bot.storage.sqlite.store import SqliteStore
from faketelegram import FakeTelegram
from routers.front import TelegramFrontEnd
from tests.harness import make_settings


@dataclass
class TgWorld:
    group: Any
    mods: Any
    admin: Any       # Ayesha: group admin, started the bot
    organiser: Any   # Omar: a member, named organiser by the tests that need one
    ali: Any         # started the bot
    sara: Any        # never started the bot
    zainab: Any      # writes Urdu, started the bot
    moderator: Any   # Mehreen: in the moderators' group


def seed(fake: FakeTelegram) -> TgWorld:
    admin = fake.create_user("Ayesha", started=True)
    organiser = fake.create_user("Omar", started=True)
    ali = fake.create_user("Ali", started=True)
    sara = fake.create_user("Sara", started=False)
    zainab = fake.create_user("زینب", started=True, language_code="ur")
    moderator = fake.create_user("Mehreen", started=True)
    group = fake.create_group("Lahore creators", members=(organiser, ali, sara, zainab, moderator), admins=(admin,))
    mods = fake.create_group("Lahore moderators", members=(moderator,), admins=(admin,))
    return TgWorld(group, mods, admin, organiser, ali, sara, zainab, moderator)


class TgHarness:
    def __init__(self, tmp_path: Path, *, clock: Clock | None = None, fake: FakeTelegram | None = None,
                 app: App | None = None, scheduler: Any = None,
                 store_factory: Callable[[], Awaitable[Any]] | None = None) -> None:
        """`store_factory` opens the store the bot runs on (each start and restart), as in
        `tests.harness.Harness`; without it, a migrated SQLite file in `tmp_path`."""
        self.scheduler = scheduler
        self.store_factory = store_factory
        self.tmp_path = tmp_path
        self.fake = fake or FakeTelegram()
        self.clock = clock
        self.app = app
        self.own_app = app is None
        self.front: TelegramFrontEnd | None = None
        self.db = None
        self.store: Any = None

    async def start(self) -> "TgHarness":
        if not self.fake.api_base:
            await self.fake.start()
        self.world = seed(self.fake)
        await self.start_bot()
        return self

    async def start_bot(self) -> TelegramFrontEnd:
        if self.own_app:
            if self.store_factory is None:
                self.store = SqliteStore(await open_migrated(self.tmp_path / "tg.sqlite3"))
            else:
                self.store = await self.store_factory()
            self.db = self.store.db
            self.app = App(make_settings(self.tmp_path / "tg.sqlite3"), self.store, clock=self.clock,
                           scheduler=self.scheduler)
        self.front = TelegramFrontEnd(self.app, self.fake.token, session=self.fake.aiogram_session())
        await self.front.start()
        await self.fake.wait_until_polling()
        return self.front

    async def stop_bot(self) -> None:
        if self.front is not None:
            await self.front.close()
        if self.store is not None:
            await self.store.close()
        self.front = self.db = self.store = None

    async def restart_bot(self) -> TelegramFrontEnd:
        await self.stop_bot()
        return await self.start_bot()

    async def close(self) -> None:
        await self.stop_bot()
        await self.fake.stop()

    async def idle(self) -> None:
        assert self.app is not None
        await self.app.idle()

    async def command(self, user: Any, chat: Any, text: str, *, timeout: float = 10) -> Any:
        """`user` sends `text` in `chat`; the bot's next message there."""
        waiter = asyncio.ensure_future(self.fake.wait_for_message(chat, timeout=timeout))
        user.send(chat, text)
        return await waiter

    async def answer(self, user: Any, chat: Any, text: str, *, timeout: float = 10) -> Any:
        """`user` sends `text` in `chat`; the bot's reply to it (other messages may come first)."""
        waiter = asyncio.ensure_future(self.fake.wait_for_message(chat, lambda m: m.reply_to is not None,
                                                                  timeout=timeout))
        user.send(chat, text)
        return await waiter

    async def setup_group(self, **options: str) -> Any:
        w = self.world
        reply = await self.command(w.admin, w.group, "/setup")
        for name, value in options.items():
            await self.command(w.admin, w.group, f"/setup {name} {value}")
        return reply

    async def name_organiser(self, user: Any) -> Any:
        w = self.world
        said = user.send(w.group, "hello everyone")
        waiter = asyncio.ensure_future(self.fake.wait_for_message(w.group, timeout=10))
        w.admin.reply(said, "/organiser add")
        return await waiter


async def until(check: Any, timeout: float = 8.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.02)


async def link_moderators(tg: TgHarness) -> None:
    """Run /setup in the group and /link with its code in the moderators' group."""
    import re

    w = tg.world
    panel = await tg.command(w.admin, w.group, "/setup")
    code = re.search(r"/link ([A-Z0-9]+)", panel.text).group(1)
    done = await tg.command(w.admin, w.mods, f"/link {code}")
    assert "Linked" in done.text
