"""The SQLite store: the database and every repository over it."""

from __future__ import annotations

from pathlib import Path

from bot.storage.sqlite.attendance import SqliteAttendanceRepository
from bot.storage.sqlite.database import Database
from bot.storage.sqlite.digest import SqliteDigestRepository
from bot.storage.sqlite.event_extras import SqliteEventExtrasRepository
from bot.storage.sqlite.events import SqliteEventsRepository
from bot.storage.sqlite.factchecks import SqliteFactchecksRepository
from bot.storage.sqlite.network import SqliteNetworkRepository
from bot.storage.sqlite.guild_settings import SqliteSettingsRepository
from bot.storage.sqlite.links import SqliteLinksRepository
from bot.storage.sqlite.migrations import open_migrated
from bot.storage.sqlite.series import SqliteSeriesRepository
from bot.storage.sqlite.resources import SqliteResourceRepository
from bot.storage.sqlite.report_conversation import SqliteConversationRepository
from bot.storage.sqlite.reports import SqliteReportsRepository
from bot.storage.sqlite.telegram import SqliteTelegramRepository


class SqliteStore:
    """Implements `bot.ports.store.Store` over one SQLite file."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.settings = SqliteSettingsRepository(db)
        # -- feature repositories (one line each) --
        self.events = SqliteEventsRepository(db)
        self.series = SqliteSeriesRepository(db)
        self.attendance = SqliteAttendanceRepository(db)
        self.event_extras = SqliteEventExtrasRepository(db)
        self.resources = SqliteResourceRepository(db)
        self.reports = SqliteReportsRepository(db)
        self.telegram = SqliteTelegramRepository(db)
        self.links = SqliteLinksRepository(db)
        self.factchecks = SqliteFactchecksRepository(db)
        self.network = SqliteNetworkRepository(db)
        self.digest = SqliteDigestRepository(db)
        self.report_conversation = SqliteConversationRepository(db)

    @classmethod
    async def open(cls, path: Path | str) -> "SqliteStore":
        """Migrate the file at `path` and open it."""
        return cls(await open_migrated(path))

    async def close(self) -> None:
        await self.db.close()
