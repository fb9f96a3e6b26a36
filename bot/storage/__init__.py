"""Storage behind the repository protocols of `bot.ports`: `sqlite/` is the embedded default,
`postgres/` (asyncpg) is chosen by a `postgresql://` URL in BAITHAK_DATABASE.

`open_store(settings)` migrates and opens the configured database; `watch_settings(store, forget)`
makes a store that is shared by several processes (PostgreSQL) call `forget(community)` whenever
another process changes a community's settings. Drivers are imported only when chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from bot.storage.errors import DatabaseUnavailable

if TYPE_CHECKING:  # pragma: no cover
    from bot.domain.identity import Community
    from bot.ports.store import Store
    from bot.settings import Settings

__all__ = ["DatabaseUnavailable", "migrate_database", "open_store", "watch_settings"]


async def open_store(settings: "Settings") -> "Store":
    """Apply pending migrations to the configured database and open it with its driver."""
    if settings.database_url:
        from bot.storage.postgres.store import PostgresStore

        return await PostgresStore.open(settings.database_url)
    from bot.storage.sqlite.store import SqliteStore

    return await SqliteStore.open(settings.database)


async def migrate_database(settings: "Settings") -> list[str]:
    """Apply pending migrations to the configured database; the names of the files applied."""
    if settings.database_url:
        from bot.storage.postgres.migrations import migrate_url

        return [m.path.name for m in await migrate_url(settings.database_url)]
    from bot.storage.sqlite.database import connect
    from bot.storage.sqlite.migrations import migrate

    conn = await connect(settings.database)
    try:
        return [m.path.name for m in await migrate(conn)]
    finally:
        await conn.close()


async def watch_settings(store: Any, forget: Callable[["Community"], Any]) -> bool:
    """Have `forget(community)` called when any process saves that community's settings, when the
    store is shared between processes; True if it is. (SQLite has one process: nothing to do.)"""
    subscribe = getattr(store, "subscribe_settings", None)
    if subscribe is None:
        return False
    await subscribe(forget)
    return True
