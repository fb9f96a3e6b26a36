"""The PostgreSQL store: the database and every repository over it."""

from __future__ import annotations

from typing import Any, Callable

from bot.domain.identity import Community
from bot.storage.postgres.attendance import PostgresAttendanceRepository
from bot.storage.postgres.database import Database
from bot.storage.postgres.digest import PostgresDigestRepository
from bot.storage.postgres.event_extras import PostgresEventExtrasRepository
from bot.storage.postgres.events import PostgresEventsRepository
from bot.storage.postgres.factchecks import PostgresFactchecksRepository
from bot.storage.postgres.leases import Lease
from bot.storage.postgres.report_conversation import PostgresConversationRepository
from bot.storage.postgres.links import PostgresLinksRepository
from bot.storage.postgres.reports import PostgresReportsRepository
from bot.storage.postgres.resources import PostgresResourceRepository
from bot.storage.postgres.migrations import migrate_url
from bot.storage.postgres.network import PostgresNetworkRepository
from bot.storage.postgres.series import PostgresSeriesRepository
from bot.storage.postgres.settings import CHANNEL as SETTINGS_CHANNEL
from bot.storage.postgres.settings import PostgresSettingsRepository, parse_notice
from bot.storage.postgres.telegram import PostgresTelegramRepository


class PostgresStore:
    """Implements `bot.ports.store.Store` over one PostgreSQL database (shared by several processes)."""

    # Several processes share the database: scheduled rows are claimed under leases, and the app
    # looks for rows whose lease expired (their process died) every `lease.seconds / 2`.
    shared = True

    def __init__(self, db: Database, lease: Lease | None = None) -> None:
        self.db = db
        self.lease = lease or Lease()
        self.settings = PostgresSettingsRepository(db)
        # -- feature repositories (one line each) --
        self.events = PostgresEventsRepository(db, self.lease)
        self.resources = PostgresResourceRepository(db)
        self.reports = PostgresReportsRepository(db, self.lease)
        self.factchecks = PostgresFactchecksRepository(db)
        self.network = PostgresNetworkRepository(db)
        self.digest = PostgresDigestRepository(db)
        self.series = PostgresSeriesRepository(db, self.lease)
        self.attendance = PostgresAttendanceRepository(db)
        self.report_conversation = PostgresConversationRepository(db)
        self.telegram = PostgresTelegramRepository(db)
        self.links = PostgresLinksRepository(db)
        self.event_extras = PostgresEventExtrasRepository(db)

    @classmethod
    async def open(cls, url: str, *, migrate: bool = True, min_size: int = 1, max_size: int = 10,
                   lease: Lease | None = None) -> "PostgresStore":
        """Apply pending migrations (once, even when several processes start together), then connect.
        Raises DatabaseUnavailable (one line) when the server cannot be reached or refuses us."""
        if migrate:
            await migrate_url(url)
        return cls(await Database.connect(url, min_size=min_size, max_size=max_size), lease)

    async def subscribe_settings(self, callback: Callable[[Community], Any]) -> None:
        """Call `callback(community)` whenever any process (this one included) saves that community's
        settings: wire it to `SetupService.forget` so cached settings never go stale."""

        def on_notice(payload: str) -> Any:
            community = parse_notice(payload)
            if community is not None:
                return callback(community)
            return None

        await self.db.listen(SETTINGS_CHANNEL, on_notice)

    async def close(self) -> None:
        await self.db.close()
