"""The SQLite database: one writer, a few readers, WAL.

All writes go through :meth:`Database.write_sync` (or the older :meth:`Database.write`), which queue the
unit of work for a single writer task.
Under a burst the writer takes many queued units into one ``BEGIN IMMEDIATE`` transaction, each inside
its own savepoint (so one failing unit rolls back alone), and resolves every caller only after the
COMMIT: a user is acknowledged only once their data is durable.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable, Iterable, Mapping, TypeVar

import aiosqlite

log = logging.getLogger(__name__)

T = TypeVar("T")
WriteFn = Callable[[aiosqlite.Connection], Awaitable[T]]

Params = Iterable[Any] | Mapping[str, Any]

BUSY_TIMEOUT_MS = 5000
MAX_BATCH = 256
# Each aiosqlite connection runs its queries one at a time on its own thread; a few readers let
# concurrent searches and card renders proceed side by side (WAL lets them read while one writes).
READERS = 3


def _params(params: Params) -> tuple[Any, ...] | Mapping[str, Any]:
    """Positional parameters as a tuple; named ones (`:name`) as the mapping itself."""
    return params if isinstance(params, Mapping) else tuple(params)


async def in_thread(conn: aiosqlite.Connection, fn: Callable[..., T], *args: Any) -> T:
    """Run `fn(sqlite3_connection, *args)` on the aiosqlite connection's own thread, in one hop.
    aiosqlite has no public call for this; `_execute` and `_conn` are its internals, stable in the
    pinned 0.22 series and exercised by the storage tests."""
    return await conn._execute(fn, conn._conn, *args)  # noqa: SLF001


async def _configure(conn: aiosqlite.Connection) -> None:
    conn.row_factory = sqlite3.Row
    await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await conn.execute("PRAGMA foreign_keys = ON")
    await conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL is durable across application crashes in WAL mode (only an OS crash can lose the
    # last transactions), and it keeps commits cheap under click bursts.
    await conn.execute("PRAGMA synchronous = NORMAL")


async def connect(path: Path | str) -> aiosqlite.Connection:
    """An aiosqlite connection with Baithak's pragmas, in autocommit mode (we issue BEGIN ourselves)."""
    conn = await aiosqlite.connect(str(path), isolation_level=None)
    await _configure(conn)
    return conn


class Database:
    """The bot's database: `write_sync()` for changes, `fetchone()/fetchall()/fetchval()` for reads.

    `bot.storage.sqlite.connection.Database` is its replacement on the standard library's sqlite3
    (same API without `write`), to be switched to once no repository writes with `write`."""

    def __init__(self, path: Path | str, *, readers: int = READERS) -> None:
        self.path = Path(path)
        self._writer: aiosqlite.Connection | None = None
        self._reader_count = readers
        self._readers: list[aiosqlite.Connection] = []
        self._idle: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        self._queue: asyncio.Queue[tuple[WriteFn[Any], asyncio.Future[Any]] | None] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def open(self) -> None:
        self._writer = await connect(self.path)
        for _ in range(self._reader_count):
            reader = await connect(self.path)
            await reader.execute("PRAGMA query_only = ON")
            self._readers.append(reader)
            self._idle.put_nowait(reader)
        self._task = asyncio.create_task(self._write_loop(), name="baithak-db-writer")

    @property
    def is_open(self) -> bool:
        return self._writer is not None

    async def close(self) -> None:
        """Finish every queued write, then close every connection."""
        if self._task is not None:
            await self._queue.put(None)
            await self._task
            self._task = None
        for conn in [*self._readers, self._writer]:
            if conn is not None:
                await conn.close()
        self._readers = []
        self._idle = asyncio.Queue()
        self._writer = None

    async def __aenter__(self) -> "Database":
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- writes ---------------------------------------------------------------------------------
    async def write(self, fn: WriteFn[T]) -> T:
        """Run `fn(conn)` inside a write transaction; returns its result after COMMIT."""
        if self._task is None:
            raise RuntimeError("database is not open")
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        await self._queue.put((fn, future))
        return await future

    async def write_sync(self, fn: Callable[..., T], *args: Any) -> T:
        """Like :meth:`write`, but `fn(sqlite3_connection, *args)` is synchronous and runs whole in
        the writer connection's own thread: one hop for a unit of many statements.

        Awaiting statements one by one costs an event-loop round trip each (three for a fetch);
        under a burst the loop is busy and those round trips, serialised by the single writer, become
        the bottleneck.
        """
        return await self.write(lambda conn: in_thread(conn, fn, *args))

    async def execute(self, sql: str, params: Params = ()) -> int:
        """One write statement; returns the rowcount."""

        async def run(conn: aiosqlite.Connection) -> int:
            cur = await conn.execute(sql, _params(params))
            return cur.rowcount

        return await self.write(run)

    async def _write_loop(self) -> None:
        assert self._writer is not None
        conn = self._writer
        stopping = False
        while not stopping:
            item = await self._queue.get()
            if item is None:
                break
            batch = [item]
            while len(batch) < MAX_BATCH and not self._queue.empty():
                nxt = self._queue.get_nowait()
                if nxt is None:
                    stopping = True
                    break
                batch.append(nxt)
            await self._run_batch(conn, batch)

    async def _run_batch(self, conn: aiosqlite.Connection,
                         batch: list[tuple[WriteFn[Any], asyncio.Future[Any]]]) -> None:
        outcomes: list[tuple[asyncio.Future[Any], Any, BaseException | None]] = []
        try:
            await conn.execute("BEGIN IMMEDIATE")
            for fn, future in batch:
                await conn.execute("SAVEPOINT unit")
                try:
                    result = await fn(conn)
                except Exception as exc:  # the unit's own failure: undo it alone
                    await conn.execute("ROLLBACK TO unit")
                    await conn.execute("RELEASE unit")
                    outcomes.append((future, None, exc))
                else:
                    await conn.execute("RELEASE unit")
                    outcomes.append((future, result, None))
            await conn.execute("COMMIT")
        except BaseException as exc:
            log.exception("write transaction failed; rolled back %d unit(s)", len(batch))
            try:
                if conn.in_transaction:
                    await conn.execute("ROLLBACK")
            except Exception:
                log.exception("rollback failed")
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc if isinstance(exc, Exception) else RuntimeError(str(exc)))
            if not isinstance(exc, Exception):
                raise
            return
        for future, result, exc in outcomes:
            if future.done():
                continue
            if exc is not None:
                future.set_exception(exc)
            else:
                future.set_result(result)

    # -- reads ----------------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def reader(self) -> AsyncIterator[aiosqlite.Connection]:
        """An idle read-only connection for several queries in a row."""
        if not self._readers:
            raise RuntimeError("database is not open")
        conn = await self._idle.get()
        try:
            yield conn
        finally:
            self._idle.put_nowait(conn)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row only (the rest are never read), in one hop to the connection's thread."""
        async with self.reader() as conn:
            return await in_thread(conn, lambda c: c.execute(sql, _params(params)).fetchone())

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        # execute_fetchall is one round trip to the connection's thread instead of three.
        async with self.reader() as conn:
            return list(await conn.execute_fetchall(sql, _params(params)))

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


def like_prefix(text: str) -> str:
    """A LIKE pattern matching values that start with `text` taken literally (use with ESCAPE '\\')."""
    return like_escape(text) + "%"


def like_contains(text: str) -> str:
    """A LIKE pattern matching values that contain `text` taken literally (use with ESCAPE '\\')."""
    return "%" + like_escape(text) + "%"


def like_escape(text: str) -> str:
    """`text` with LIKE's wildcards and the escape character itself escaped by a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
