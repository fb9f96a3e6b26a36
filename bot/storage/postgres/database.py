"""The PostgreSQL database: an asyncpg pool, write units in transactions, LISTEN/NOTIFY.

Unlike SQLite there is no single writer: every unit of work runs in its own transaction on a pooled
connection, and concurrent units (in this process or another) are kept apart by row locks
(`SELECT ... FOR UPDATE`, `FOR UPDATE SKIP LOCKED` to claim scheduled rows) and constraints. A unit
that loses a serialization race or a deadlock is retried whole by :meth:`Database.write`.
`transaction()` returns after COMMIT, so acknowledge a user only after it has returned.

Parameters are asyncpg's `$1, $2, ...`; times are unix seconds (BIGINT) with the IANA zone beside.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from typing import Any, AsyncIterator, Awaitable, Callable, TypeVar
from urllib.parse import unquote, urlsplit

import asyncpg

from bot.storage.errors import DatabaseUnavailable, mark_not_saved

log = logging.getLogger(__name__)

T = TypeVar("T")
Listener = Callable[[str], Any]

CONNECT_TIMEOUT = 10.0
POOL_MIN = 1
POOL_MAX = 10
RETRIES = 5  # serialization failures and deadlocks: the unit is run again from the start
_RETRYABLE = (asyncpg.SerializationError, asyncpg.DeadlockDetectedError)


def is_postgres_url(value: str) -> bool:
    return value.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """`url` with its password replaced by `***` (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return parts._replace(netloc=f"{user}:***@{netloc[1]}").geturl()


def describe(url: str) -> tuple[str, str, str]:
    """(host:port, user, database) named in `url`, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    try:
        port = parts.port or 5432
    except ValueError:
        port = "?"
    return f"{host}:{port}", unquote(parts.username or ""), unquote(parts.path.lstrip("/"))


def unavailable(url: str, exc: BaseException) -> DatabaseUnavailable:
    """One clear line for a failed connection attempt."""
    where, user, dbname = describe(url)
    if isinstance(exc, (asyncpg.InvalidPasswordError, asyncpg.InvalidAuthorizationSpecificationError)):
        return DatabaseUnavailable(
            f"PostgreSQL at {where} refused the credentials of user {user!r}: "
            "check the user name and password in BAITHAK_DATABASE")
    if isinstance(exc, asyncpg.InvalidCatalogNameError):
        return DatabaseUnavailable(
            f"PostgreSQL at {where} has no database {dbname!r}: create it (createdb {dbname}) "
            "or fix BAITHAK_DATABASE")
    if isinstance(exc, (asyncio.TimeoutError, TimeoutError)):
        reason = "no answer within %.0f s" % CONNECT_TIMEOUT
    elif isinstance(exc, socket.gaierror):
        reason = "unknown host"
    elif isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
    else:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return DatabaseUnavailable(
        f"cannot connect to PostgreSQL at {where} ({reason}): check BAITHAK_DATABASE and that the "
        "server is running")


_CONNECT_ERRORS = (OSError, asyncio.TimeoutError, TimeoutError, asyncpg.PostgresError,
                   asyncpg.InterfaceError, asyncpg.ClientConfigurationError)


async def connect(url: str, **kwargs: Any) -> asyncpg.Connection:
    """One connection (migrations, checks); DatabaseUnavailable when it cannot be made."""
    try:
        return await asyncpg.connect(url, timeout=CONNECT_TIMEOUT, **kwargs)
    except _CONNECT_ERRORS as exc:
        raise unavailable(url, exc) from None


class Database:
    """A pool of connections to one PostgreSQL database.

    - `async with db.transaction() as conn:` one write unit (READ COMMITTED; lock what you read with
      `FOR UPDATE`); committed when the block ends without an exception.
    - `await db.write(fn)`: `fn(conn)` as one unit, retried on serialization failure or deadlock.
    - `fetch / fetchrow / fetchval / execute`: one statement on any pooled connection.
    - `listen(channel, callback)`: `callback(payload)` for every NOTIFY on `channel`, on one
      dedicated connection; `notify(channel, payload)` outside a transaction.
    """

    def __init__(self, url: str, pool: asyncpg.Pool) -> None:
        self.url = url
        self.pool = pool
        self._listener: asyncpg.Connection | None = None
        self._listeners: dict[str, list[Listener]] = {}
        self._listen_lock = asyncio.Lock()
        self._closed = False

    @classmethod
    async def connect(cls, url: str, *, min_size: int = POOL_MIN, max_size: int = POOL_MAX) -> "Database":
        try:
            pool = await asyncpg.create_pool(url, min_size=min_size, max_size=max_size,
                                             timeout=CONNECT_TIMEOUT, command_timeout=60)
        except _CONNECT_ERRORS as exc:
            raise unavailable(url, exc) from None
        return cls(url, pool)

    @property
    def is_open(self) -> bool:
        return not self._closed

    async def close(self) -> None:
        """Stop listening and close every connection (waits for units in flight to finish)."""
        if self._closed:
            return
        self._closed = True
        if self._listener is not None:
            with contextlib.suppress(Exception):
                await self._listener.close(timeout=5)
            self._listener = None
        await self.pool.close()

    async def __aenter__(self) -> "Database":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- writes ---------------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def transaction(self, *, isolation: str = "read_committed") -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection inside one transaction: COMMIT when the block ends, ROLLBACK when it
        raises. Lock the rows a decision depends on (`SELECT ... FOR UPDATE`) before deciding."""
        async with self.pool.acquire() as conn:
            async with conn.transaction(isolation=isolation):
                yield conn

    async def write(self, fn: Callable[[asyncpg.Connection], Awaitable[T]], *,
                    isolation: str = "read_committed") -> T:
        """`fn(conn)` as one unit in a transaction; run again (up to RETRIES times) when PostgreSQL
        aborted it for a serialization failure or a deadlock. Returns after COMMIT."""
        for attempt in range(1, RETRIES + 1):
            try:
                async with self.transaction(isolation=isolation) as conn:
                    return await fn(conn)
            except _RETRYABLE as exc:
                if attempt == RETRIES:
                    raise mark_not_saved(exc)
                log.info("write unit retried after a serialization failure (attempt %d)", attempt)
                await asyncio.sleep(0.005 * attempt)
            except Exception as exc:
                # The transaction was rolled back: the caller may truthfully say nothing was kept.
                raise mark_not_saved(exc, full=isinstance(exc, asyncpg.DiskFullError))
        raise AssertionError("unreachable")  # pragma: no cover

    async def execute(self, sql: str, *args: Any) -> str:
        """One statement in its own transaction; returns the status tag (e.g. 'UPDATE 1')."""
        async with self.pool.acquire() as conn:
            return await conn.execute(sql, *args)

    # -- reads ----------------------------------------------------------------------------------
    async def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch(sql, *args)

    async def fetchrow(self, sql: str, *args: Any) -> asyncpg.Record | None:
        async with self.pool.acquire() as conn:
            return await conn.fetchrow(sql, *args)

    async def fetchval(self, sql: str, *args: Any) -> Any:
        async with self.pool.acquire() as conn:
            return await conn.fetchval(sql, *args)

    # -- LISTEN / NOTIFY ------------------------------------------------------------------------
    async def notify(self, channel: str, payload: str) -> None:
        """Send `payload` on `channel` now (inside a unit, use `SELECT pg_notify($1, $2)` so it is
        delivered only if the unit commits)."""
        await self.execute("SELECT pg_notify($1, $2)", channel, payload)

    async def listen(self, channel: str, callback: Listener) -> None:
        """Call `callback(payload)` (sync or async) for every notification on `channel`, including
        this process's own. Notifications sent while the listening connection was down are lost:
        listeners must only invalidate caches, never carry data."""
        async with self._listen_lock:
            if self._closed:
                raise RuntimeError("database is closed")
            if self._listener is None:
                self._listener = await connect(self.url)
            first = channel not in self._listeners
            self._listeners.setdefault(channel, []).append(callback)
            if first:
                await self._listener.add_listener(channel, self._on_notify)

    def _on_notify(self, conn: asyncpg.Connection, pid: int, channel: str, payload: str) -> None:
        for callback in list(self._listeners.get(channel, ())):
            try:
                result = callback(payload)
                if asyncio.iscoroutine(result):
                    asyncio.ensure_future(result)
            except Exception:  # a listener's bug must not stop the others
                log.exception("listener for %s failed on %r", channel, payload)


def like_escape(text: str) -> str:
    """`text` with LIKE's wildcards and the escape character escaped by a backslash (PostgreSQL's
    default LIKE escape character)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
