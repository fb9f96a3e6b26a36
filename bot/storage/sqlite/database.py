"""The SQLite database on the standard library's `sqlite3`: one writer, a few readers, WAL.

Every connection lives on its own thread (a single-worker executor): the thread opens it, runs every
statement on it and closes it, so a connection is never shared between threads and the event loop
never blocks on SQLite.

Writes are synchronous units, `fn(conn, *args)`, queued with :meth:`Database.write_sync`. The writer
task takes whatever is queued (up to `MAX_BATCH` units) and runs the whole batch in the writer's
thread in one hop: `BEGIN IMMEDIATE`, then each unit inside its own savepoint (a unit that raises is
rolled back alone and its caller gets the exception; the others go on), then `COMMIT`. Callers are
resolved only after the COMMIT, so a user is acknowledged only once their data is durable; if the
COMMIT itself fails, every caller of the batch gets that error and nothing of the batch is kept.

Migrations and `baithak check` use :func:`connect`, an aiosqlite connection with the same pragmas
(through aiosqlite's public API only).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterable, Iterator, Mapping, TypeVar

import aiosqlite

import time

from bot.storage.errors import DatabaseDamaged, mark_not_saved

log = logging.getLogger(__name__)

T = TypeVar("T")
Params = Iterable[Any] | Mapping[str, Any]
Unit = tuple[Callable[..., Any], tuple[Any, ...], "asyncio.Future[Any]"]

BUSY_TIMEOUT_MS = 5000
MAX_BATCH = 256
# Readers let concurrent searches and card renders proceed side by side: WAL lets each read its own
# snapshot while the writer writes.
READERS = 3


def _params(params: Params) -> tuple[Any, ...] | Mapping[str, Any]:
    """Positional parameters as a tuple; named ones (`:name`) as the mapping itself."""
    return params if isinstance(params, Mapping) else tuple(params)


def connect_sync(path: Path | str) -> sqlite3.Connection:
    """A blocking `sqlite3` connection with Baithak's pragmas, in autocommit mode (BEGIN is ours).

    For migrations and tools: open it, use it and close it on one thread (for example inside one
    `asyncio.to_thread` call); sqlite3 refuses a connection used from another thread.
    """
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL is durable across application crashes in WAL mode (only an OS crash can lose the
        # last transactions), and it keeps commits cheap under click bursts.
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


# SQLite's primary result codes for a file that is damaged or not a database at all.
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26


def error_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an sqlite3 error (None for anything else)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_damaged(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.DatabaseError) and error_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


@contextlib.contextmanager
def damage_named(path: Path | str) -> Iterator[None]:
    """Turn SQLite's "malformed" / "not a database" into one operator line naming the file."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if is_damaged(exc):
            raise DatabaseDamaged(path, str(exc)) from None
        raise


async def connect(path: Path | str) -> aiosqlite.Connection:
    """An aiosqlite connection with Baithak's pragmas, in autocommit mode, for migrations and checks.
    Closed again when configuring it fails (a corrupt file): its thread would otherwise keep the
    process from exiting. A damaged file raises :class:`DatabaseDamaged`."""
    with damage_named(path):
        return await _connect(path)


async def _connect(path: Path | str) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(str(path), isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        await conn.close()
        raise
    return conn


class _Worker:
    """One sqlite3 connection and the one thread that ever touches it."""

    def __init__(self, path: Path, name: str, *, query_only: bool) -> None:
        self._path = path
        self._query_only = query_only
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._conn: sqlite3.Connection | None = None

    def _open(self) -> None:
        conn = connect_sync(self._path)
        if self._query_only:
            conn.execute("PRAGMA query_only = ON")
        self._conn = conn

    def _call(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return fn(self._conn, *args)

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    async def open(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._pool, self._open)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(conn, *args)` on this connection's thread, in one hop."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, self._call, fn, args)

    async def close(self) -> None:
        try:
            await asyncio.get_running_loop().run_in_executor(self._pool, self._close)
        finally:
            self._pool.shutdown(wait=False)


class Reader:
    """A read-only connection held for several queries in a row (see :meth:`Database.reader`)."""

    def __init__(self, worker: _Worker) -> None:
        self._worker = worker

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(sqlite3_connection, *args)` on the reader's thread: several queries in one hop."""
        return await self._worker.call(fn, *args)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row only (the rest are never read)."""
        return await self._worker.call(lambda c: c.execute(sql, _params(params)).fetchone())

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return await self._worker.call(lambda c: c.execute(sql, _params(params)).fetchall())

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


def is_full(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error) and error_code(exc) == SQLITE_FULL


def undo_to(conn: sqlite3.Connection, savepoint: str, exc: BaseException) -> BaseException:
    """Undo a failed part of a transaction back to `savepoint`; re-raises `exc` when SQLite had
    already rolled back the whole transaction (after SQLITE_FULL, for instance). Returns `exc`
    marked as not saved."""
    if not conn.in_transaction:
        raise exc
    conn.execute(f"ROLLBACK TO {savepoint}")
    conn.execute(f"RELEASE {savepoint}")
    return mark_not_saved(exc, full=is_full(exc))


def _run_batch(conn: sqlite3.Connection, units: list[tuple[Callable[..., Any], tuple[Any, ...]]]
               ) -> list[tuple[Any, BaseException | None]]:
    """In the writer's thread: every unit in one transaction, each in its own savepoint.

    Returns each unit's (result, exception) after COMMIT; raises (having rolled back) when the
    transaction as a whole failed.
    """
    outcomes: list[tuple[Any, BaseException | None]] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for fn, args in units:
            conn.execute("SAVEPOINT unit")
            try:
                result = fn(conn, *args)
            except Exception as exc:  # the unit's own failure: undo it alone
                outcomes.append((None, undo_to(conn, "unit", exc)))
            else:
                conn.execute("RELEASE unit")
                outcomes.append((result, None))
        conn.execute("COMMIT")
    except BaseException:
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except Exception:
            log.exception("rollback failed")
        raise
    return outcomes


class _FullLog:
    """While the disk stays full: one log line per minute, not a traceback per click."""

    EVERY = 60.0

    def __init__(self) -> None:
        self._last: float | None = None
        self.refused = 0

    def refused_writes(self, count: int, exc: BaseException, path: Path) -> None:
        self.refused += count
        now = time.monotonic()
        if self._last is None or now - self._last >= self.EVERY:
            log.error("the disk holding %s is full (%s): %d change(s) refused so far and rolled back; "
                      "free some space: the bot carries on by itself once there is room",
                      path, exc, self.refused)
            self._last = now

    def written(self) -> None:
        if self._last is not None:
            log.warning("the database accepts changes again after %d refused for lack of space", self.refused)
            self._last, self.refused = None, 0


class Database:
    """The bot's database: `write_sync()` for changes, `fetchone()/fetchall()/fetchval()` for reads."""

    def __init__(self, path: Path | str, *, readers: int = READERS) -> None:
        self.path = Path(path)
        self._reader_count = readers
        self._writer: _Worker | None = None
        self._readers: list[_Worker] = []
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._queue: asyncio.Queue[Unit | None] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._full = _FullLog()

    async def open(self) -> None:
        with damage_named(self.path):
            await self._open()

    async def _open(self) -> None:
        workers = [_Worker(self.path, "baithak-db-writer", query_only=False)]
        workers += [_Worker(self.path, f"baithak-db-reader-{n}", query_only=True)
                    for n in range(self._reader_count)]
        opened: list[_Worker] = []
        try:
            for worker in workers:  # the writer first: it sets WAL mode before the readers open
                await worker.open()
                opened.append(worker)
        except BaseException:
            for worker in opened:
                await worker.close()
            raise
        self._writer, self._readers = workers[0], workers[1:]
        for reader in self._readers:
            self._idle.put_nowait(reader)
        self._closing = False
        self._task = asyncio.create_task(self._write_loop(), name="baithak-db-writer")

    @property
    def is_open(self) -> bool:
        return self._writer is not None

    async def close(self) -> None:
        """Finish every queued write, then close every connection."""
        self._closing = True
        if self._task is not None:
            self._queue.put_nowait(None)
            await self._task
            self._task = None
        for worker in [*self._readers, self._writer]:
            if worker is not None:
                await worker.close()
        self._readers = []
        self._idle = asyncio.Queue()
        self._writer = None

    async def __aenter__(self) -> "Database":
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- writes ---------------------------------------------------------------------------------
    async def write_sync(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(sqlite3_connection, *args)` as one unit of a write transaction, whole in the
        writer's thread; returns its result after COMMIT (raises what it raised, having undone it)."""
        if self._task is None or self._closing:
            raise RuntimeError("database is not open")
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((fn, args, future))
        return await future

    async def execute(self, sql: str, params: Params = ()) -> int:
        """One write statement; returns the rowcount."""
        return await self.write_sync(lambda conn: conn.execute(sql, _params(params)).rowcount)

    async def _write_loop(self) -> None:
        assert self._writer is not None
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
            await self._run(self._writer, batch)

    async def _run(self, writer: _Worker, batch: list[Unit]) -> None:
        try:
            outcomes = await writer.call(_run_batch, [(fn, args) for fn, args, _ in batch])
        except BaseException as exc:  # the transaction as a whole: every caller gets the error
            if not isinstance(exc, Exception):
                self._fail(batch, RuntimeError(repr(exc)))
                raise
            if is_full(exc):
                self._full.refused_writes(len(batch), exc, self.path)
            else:
                log.exception("write transaction failed; rolled back %d unit(s)", len(batch))
            self._fail(batch, mark_not_saved(exc, full=is_full(exc)))
            return
        full = [exc for _, exc in outcomes if exc is not None and is_full(exc)]
        if full:
            self._full.refused_writes(len(full), full[0], self.path)
        else:
            self._full.written()
        for (_, _, future), (result, exc) in zip(batch, outcomes):
            if future.done():  # the caller stopped waiting; the unit was still written
                continue
            if exc is not None:
                future.set_exception(exc)
            else:
                future.set_result(result)

    @staticmethod
    def _fail(batch: list[Unit], exc: BaseException) -> None:
        for _, _, future in batch:
            if not future.done():
                future.set_exception(exc)

    # -- reads ----------------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def reader(self) -> AsyncIterator[Reader]:
        """An idle read-only connection for several queries in a row."""
        if not self._readers:
            raise RuntimeError("database is not open")
        worker = await self._idle.get()
        try:
            yield Reader(worker)
        finally:
            self._idle.put_nowait(worker)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row only (the rest are never read), in one hop to a reader's thread."""
        async with self.reader() as reader:
            return await reader.fetchone(sql, params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self.reader() as reader:
            return await reader.fetchall(sql, params)

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
