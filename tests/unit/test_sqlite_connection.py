"""`bot.storage.sqlite.database.Database`: sqlite3 connections on their own threads, write units
batched into one transaction with a savepoint each, readers beside the writer under WAL."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from bot.storage.sqlite.database import Database, connect_sync as connect

SCHEMA = """
CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE parents (id INTEGER PRIMARY KEY);
CREATE TABLE children (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER NOT NULL REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED
);
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "db.sqlite3"
    conn = connect(file)
    try:
        conn.executescript(SCHEMA)
    finally:
        conn.close()
    return file


@pytest.fixture
async def db(path: Path):
    database = Database(path)
    await database.open()
    yield database
    await database.close()


def insert(conn: sqlite3.Connection, item: int, label: str = "x") -> int:
    conn.execute("INSERT INTO items (id, label) VALUES (?, ?)", (item, label))
    return item


async def _hold_writer(db: Database) -> tuple[asyncio.Task[str], threading.Event]:
    """A unit that keeps the writer's thread busy until the returned event is set."""
    started, gate = threading.Event(), threading.Event()

    def hold(conn: sqlite3.Connection) -> str:
        started.set()
        assert gate.wait(10), "the test never released the writer"
        return "held"

    task = asyncio.create_task(db.write_sync(hold))
    assert await asyncio.to_thread(started.wait, 10)
    return task, gate


def test_connect_sets_the_pragmas(tmp_path: Path) -> None:
    conn = connect(tmp_path / "p.sqlite3")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert conn.isolation_level is None  # autocommit: BEGIN is issued by the writer
        assert isinstance(conn.execute("SELECT 1 AS one").fetchone(), sqlite3.Row)
    finally:
        conn.close()


async def test_reads_and_writes_round_trip(db: Database) -> None:
    assert await db.write_sync(insert, 1, "one") == 1
    assert await db.execute("INSERT INTO items (id, label) VALUES (:id, :label)", {"id": 2, "label": "two"}) == 1
    assert await db.execute("UPDATE items SET label = 'changed'") == 2
    row = await db.fetchone("SELECT id, label FROM items WHERE id = ?", (1,))
    assert isinstance(row, sqlite3.Row) and (row["id"], row["label"]) == (1, "changed")
    assert [r["id"] for r in await db.fetchall("SELECT id FROM items ORDER BY id")] == [1, 2]
    assert await db.fetchval("SELECT count(*) FROM items") == 2
    assert await db.fetchval("SELECT id FROM items WHERE id = 99") is None
    assert await db.fetchone("SELECT id FROM items WHERE id = 99") is None


async def test_a_burst_is_one_transaction_run_in_one_hop(db: Database) -> None:
    statements: list[str] = []
    threads: set[int] = set()

    def traced(conn: sqlite3.Connection, item: int) -> int:
        threads.add(threading.get_ident())
        return insert(conn, item)

    held, gate = await _hold_writer(db)
    # While the writer is busy, 40 units queue up behind one that starts tracing the writer's
    # statements; they must all go into the next transaction.
    tracer = asyncio.create_task(db.write_sync(lambda conn: conn.set_trace_callback(statements.append)))
    units = [asyncio.create_task(db.write_sync(traced, i)) for i in range(1, 41)]
    await asyncio.sleep(0)
    gate.set()
    assert await held == "held"
    await tracer
    assert await asyncio.gather(*units) == list(range(1, 41))
    await db.write_sync(lambda conn: conn.set_trace_callback(None))  # the next batch
    batch = statements[:statements.index("COMMIT") + 1]
    assert "BEGIN IMMEDIATE" not in batch  # one transaction from the tracer to the COMMIT
    assert sum(s.startswith("INSERT") for s in batch) == 40
    assert batch.count("SAVEPOINT unit") == 40 and batch.count("RELEASE unit") == 41
    assert statements[len(batch)] == "BEGIN IMMEDIATE"
    assert len(threads) == 1 and threading.get_ident() not in threads
    assert await db.fetchval("SELECT count(*) FROM items") == 40


async def test_a_failing_unit_fails_alone_and_the_rest_commit(db: Database) -> None:
    def unlucky(conn: sqlite3.Connection, item: int) -> int:
        insert(conn, item)
        if item == 13:
            raise ValueError("unlucky")  # after its insert: the savepoint undoes it
        return item

    await db.write_sync(insert, 100)
    held, gate = await _hold_writer(db)
    units = [asyncio.create_task(db.write_sync(unlucky, i)) for i in range(1, 41)]
    duplicate = asyncio.create_task(db.write_sync(insert, 100))  # a constraint failure, same batch
    await asyncio.sleep(0)
    gate.set()
    await held
    results = await asyncio.gather(*units, duplicate, return_exceptions=True)
    assert isinstance(results[12], ValueError)
    assert isinstance(results[40], sqlite3.IntegrityError)
    assert [r for r in results if isinstance(r, BaseException)] == [results[12], results[40]]
    assert await db.fetchval("SELECT count(*) FROM items") == 40  # 39 of the burst and item 100
    assert await db.fetchval("SELECT count(*) FROM items WHERE id = 13") == 0


async def test_a_failed_commit_fails_every_caller_of_the_batch_and_keeps_nothing(db: Database) -> None:
    def orphan(conn: sqlite3.Connection) -> None:
        # The foreign key is deferred: the unit succeeds and the COMMIT is refused.
        conn.execute("INSERT INTO children (id, parent_id) VALUES (1, 999)")

    held, gate = await _hold_writer(db)
    good = [asyncio.create_task(db.write_sync(insert, i)) for i in range(1, 6)]
    bad = asyncio.create_task(db.write_sync(orphan))
    await asyncio.sleep(0)
    gate.set()
    await held
    results = await asyncio.gather(*good, bad, return_exceptions=True)
    assert all(isinstance(r, sqlite3.IntegrityError) for r in results), results
    assert await db.fetchval("SELECT count(*) FROM items") == 0
    assert await db.fetchval("SELECT count(*) FROM children") == 0
    # The writer goes on with the next batch.
    assert await db.write_sync(insert, 7) == 7
    assert await db.fetchval("SELECT count(*) FROM items") == 1


async def test_readers_run_beside_the_writer_and_beside_each_other(db: Database) -> None:
    await db.write_sync(insert, 1)

    def write_and_hold(conn: sqlite3.Connection, started: threading.Event, gate: threading.Event) -> int:
        insert(conn, 2)
        started.set()
        assert gate.wait(10)
        return 2

    started, gate = threading.Event(), threading.Event()
    writing = asyncio.create_task(db.write_sync(write_and_hold, started, gate))
    try:
        assert await asyncio.to_thread(started.wait, 10)
        # The writer holds an open transaction: readers still answer, from the last commit.
        assert await asyncio.wait_for(db.fetchval("SELECT count(*) FROM items"), 5) == 1

        # Three readers at once: each waits for the other two, so they cannot run one after another.
        barrier = threading.Barrier(3, timeout=10)

        def meet(conn: sqlite3.Connection) -> tuple[int, int]:
            barrier.wait()
            return threading.get_ident(), conn.execute("SELECT count(*) FROM items").fetchone()[0]

        async def read() -> tuple[int, int]:
            async with db.reader() as reader:
                return await reader.run(meet)

        met = await asyncio.wait_for(asyncio.gather(read(), read(), read()), 15)
        assert len({ident for ident, _ in met}) == 3 and {n for _, n in met} == {1}
    finally:
        gate.set()
    assert await writing == 2
    assert await db.fetchval("SELECT count(*) FROM items") == 2  # seen as soon as the caller is told


async def test_a_reader_is_read_only_and_holds_for_several_queries(db: Database) -> None:
    await db.write_sync(insert, 1, "one")
    async with db.reader() as reader:
        assert await reader.fetchval("SELECT label FROM items") == "one"
        assert [r[0] for r in await reader.fetchall("SELECT id FROM items")] == [1]
        assert (await reader.fetchone("SELECT count(*) FROM items"))[0] == 1
        with pytest.raises(sqlite3.OperationalError):
            await reader.run(lambda conn: conn.execute("DELETE FROM items"))
    assert await db.fetchval("SELECT count(*) FROM items") == 1


async def test_close_finishes_queued_writes_then_refuses_more(path: Path) -> None:
    db = Database(path)
    await db.open()
    pending = [asyncio.create_task(db.write_sync(insert, i)) for i in range(50)]
    await asyncio.sleep(0)
    await db.close()
    assert await asyncio.gather(*pending) == list(range(50))
    assert not db.is_open
    with pytest.raises(RuntimeError, match="not open"):
        await db.write_sync(insert, 99)
    with pytest.raises(RuntimeError, match="not open"):
        await db.fetchval("SELECT 1")
    await db.close()  # twice is harmless
    check = sqlite3.connect(path)
    try:
        assert check.execute("SELECT count(*) FROM items").fetchone()[0] == 50
    finally:
        check.close()


async def test_opens_again_after_close_and_as_a_context_manager(path: Path) -> None:
    async with Database(path, readers=1) as db:
        await db.write_sync(insert, 1)
    async with Database(path, readers=1) as db:
        assert db.is_open
        assert await db.fetchval("SELECT count(*) FROM items") == 1
