"""One "world" for the app-level flow tests (attendance, event extras, series): a real SQLite file,
the App on a clock and scheduler the test moves, a Messenger that records. One community (GUILD)
whose admin (ADMIN) has set its announcements channel (CHANNEL), in London at NOW (GMT: local = UTC).
In a test module: `world = world_fixture("attendance.sqlite3")`.

And the pieces of the several-community flows (fact-checks, digest): `admin`, `member`, a `Names`
directory, and `report`."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import pytest

from bot.app import App
from bot.domain.clock import FixedClock
from bot.domain.errors import DomainError
from bot.domain.guild_settings import SettingsChange
from bot.app.reports import Submitted
from bot.domain.identity import DISCORD, Community, MessageRef
from bot.domain.reports import intake_from_target
from bot.domain.roles import Actor
from bot.settings import Settings
from bot.storage.sqlite.store import SqliteStore
from tests.manual_scheduler import ManualScheduler
from tests.memory_messenger import MemoryMessenger

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=timezone.utc)  # London is on GMT: local = UTC
GUILD = 100
CHANNEL = 500
ADMIN = Actor(user_id=1, guild_id=GUILD, manage_guild=True, display_name="Admin")


class World:
    """The App over one SQLite file; `start` and `stop` may be called again (a restart)."""

    def __init__(self, path: Path, *, closed: Iterable[int] = ()) -> None:
        self.settings = Settings(token=None, database=path, dev_guild=None, timezone="Europe/London",
                                 language="en", log_level="INFO", api_base=None, gateway_url=None)
        self.clock = FixedClock(NOW)
        self.messenger = MemoryMessenger(closed=list(closed))  # members whose DMs are closed
        self.app: App | None = None
        self.store: SqliteStore | None = None
        self.scheduler = ManualScheduler()

    async def start(self) -> App:
        self.store = await SqliteStore.open(self.settings.database)
        self.scheduler = ManualScheduler()
        self.app = App(self.settings, self.store, clock=self.clock, scheduler=self.scheduler)
        self.app.messenger.register(DISCORD, self.messenger)
        await self.app.start()
        return self.app

    async def stop(self) -> None:
        assert self.app and self.store
        await self.app.idle()
        await self.app.close()
        await self.store.close()

    async def move_to(self, moment: datetime) -> None:
        """Time passes: every job due by then runs, as the real scheduler would, in order."""
        assert self.app
        while True:
            due = sorted(when for when, _, _ in self.scheduler.jobs.values() if when <= moment)
            if not due:
                break
            self.clock.moment = max(self.clock.moment, due[0])
            await self.scheduler.run_due(due[0])
        self.clock.moment = moment
        await self.app.idle()

    def labels(self, ref: MessageRef) -> list[str]:
        """The button labels of a posted message as it now is."""
        return [b.label for row in self.messenger.current(ref).buttons for b in row]

    def fields(self, ref: MessageRef) -> dict[str, str]:
        """The fields of a posted message's card as it now is, by name."""
        card = self.messenger.current(ref).cards[0]
        return {f.name: f.value for f in card.fields}

    def posted_ids(self) -> list[int]:
        """The event ids of the announcements posted, in order."""
        return [p.message.buttons[0][0].target[0] for p in self.messenger.posts]

    def channel_lines(self, containing: str) -> list[str]:
        """Plain channel messages (no card) that contain `containing`, in order."""
        return [p.message.text for p in self.messenger.posts
                if p.message.text and not p.message.cards and containing in p.message.text]


def world_fixture(filename: str, *, closed: Iterable[int] = ()) -> Any:
    """A `world` fixture: the App started on `tmp_path / filename`, the announcements channel set."""

    @pytest.fixture
    async def world(tmp_path: Path):
        w = World(tmp_path / filename, closed=closed)
        app = await w.start()
        await app.setup.change(ADMIN, SettingsChange(announcements_channel=CHANNEL))
        yield w
        await w.stop()

    return world


async def refused(call: Any, key: str) -> DomainError:
    """Await `call`, which must be refused with the catalogue key `key`."""
    with pytest.raises(DomainError) as caught:
        await call
    assert caught.value.key == key
    return caught.value


# -- several communities (fact-checks, digest) ------------------------------------------------------

def admin(guild: int) -> Actor:
    """The admin of community `guild` (user id guild + 1)."""
    return Actor(user_id=guild + 1, guild_id=guild, manage_guild=True, display_name="Admin")


def member(guild: int, n: int) -> Actor:
    """Member number `n` of community `guild`."""
    return Actor(user_id=guild * 1000 + n, guild_id=guild, display_name=f"M{n}")


class Names:
    """A front end's directory (`bot.ports.reports.CommunityDirectory`) that knows fixed names."""

    def __init__(self, names: dict[int, str]) -> None:
        self.names = names

    def name(self, community: Community) -> str | None:
        return self.names.get(community.id)

    def owner(self, community: Community) -> None:
        return None

    def message_link(self, community: Community, ref: MessageRef) -> None:
        return None


async def report(app: App, who: Actor, target: str, category: str = "misinformation") -> Submitted:
    """`who` reports `target` (a link or text); the case card is announced and posted."""
    intake = intake_from_target(guild_id=who.guild_id, reporter_id=who.user_id, category=category,
                                target=target, now=app.clock.now())
    submitted = await app.reports.submit(who, intake)
    app.reports.announce(submitted.result)
    await app.idle()
    return submitted
