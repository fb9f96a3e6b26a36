"""A throw-away PostgreSQL server for the test session (one per pytest-xdist worker).

`initdb` and `pg_ctl` from Debian's `postgresql` package (`/usr/lib/postgresql/<version>/bin`) make
a cluster in a temporary folder, listening on a free loopback port with its unix socket in that
folder too. PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system
user the package creates (through `runuser`), owning the folder. Durability settings are off (fsync,
full-page writes): the data is thrown away.

A template database is migrated once with the driver's own migrations; each test gets its own
database copied from it (`CREATE DATABASE ... TEMPLATE`, a file copy: milliseconds). The server is
stopped when the session ends. When it cannot start, the fixtures fail with its log: they never
skip, because a skipped storage test would hide a driver that was never exercised.

Fixtures: `pg_server` (session) and `pg_url` (a fresh migrated database per test, as a
`postgresql://` URL), `pg_empty_url` (a fresh database with nothing in it).
"""

from __future__ import annotations

import asyncio
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any, Awaitable, Callable, TypeVar

import pytest

USER = "baithak"
PASSWORD = "baithak-test"
TEMPLATE = "baithak_template"
RUN_AS = "postgres"  # the system user Debian's package creates

T = TypeVar("T")


class PostgresUnavailable(RuntimeError):
    """The throw-away server could not be started; the message says why (and `make test` installs it)."""


def find_bindir() -> Path:
    """The newest `/usr/lib/postgresql/<version>/bin` holding initdb (or $BAITHAK_PG_BINDIR)."""
    explicit = os.environ.get("BAITHAK_PG_BINDIR")
    if explicit:
        candidates = [explicit]
    else:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                            key=lambda p: [int(x) for x in Path(p).parent.name.split(".") if x.isdigit()])
    for folder in reversed(candidates):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise PostgresUnavailable(
        "no initdb under /usr/lib/postgresql/*/bin: install PostgreSQL (`apt-get install postgresql`, "
        "which `make test` does) or set BAITHAK_PG_BINDIR")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_in_thread(make: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion on its own event loop in another thread, so a session fixture
    can use asyncpg without touching the loop pytest-asyncio gives each test."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(make())  # type: ignore[arg-type]
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="pg-fixture")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


class PgServer:
    """One PostgreSQL cluster in a temporary folder: `start()`, `url(dbname)`, `stop()`."""

    def __init__(self, bindir: Path | None = None) -> None:
        self.bindir = bindir or find_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="baithak-pg-"))
        self.data = self.root / "data"
        self.sockets = self.root / "sockets"
        self.log = self.root / "server.log"
        self.port = 0
        self.as_root = os.geteuid() == 0
        self.running = False
        self._names = itertools.count(1)
        self._spare: list[str] = []
        self._template_versions: list[str] | None = None  # migrated databases emptied after use, ready to hand out again

    # -- processes ------------------------------------------------------------------------------
    def _cmd(self, *args: str) -> list[str]:
        if self.as_root:
            runuser = shutil.which("runuser") or "/usr/sbin/runuser"
            return [runuser, "-u", RUN_AS, "--", *args]
        return list(args)

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout,
                              cwd=self.root, env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})

    def _log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return "(no server log)"

    def start(self) -> "PgServer":
        self.sockets.mkdir()
        pwfile = self.root / "pwfile"
        pwfile.write_text(PASSWORD + "\n")
        if self.as_root:
            import pwd

            try:
                entry = pwd.getpwnam(RUN_AS)
            except KeyError:
                raise PostgresUnavailable(
                    f"running as root and there is no {RUN_AS!r} user to run PostgreSQL as "
                    "(Debian's postgresql package creates it)") from None
            for path in (self.root, self.sockets, pwfile):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        os.chmod(self.root, 0o700)
        done = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", USER,
                         f"--pwfile={pwfile}", "--auth-local=trust", "--auth-host=scram-sha-256",
                         "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", timeout=120)
        if done.returncode != 0:
            raise PostgresUnavailable(f"initdb failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
        options = " ".join([
            "-c listen_addresses=127.0.0.1", f"-k {self.sockets}",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=200", "-c shared_buffers=64MB", "-c log_min_messages=warning",
        ])
        error = ""
        for _ in range(5):  # another process may take the port between free_port() and bind
            self.port = free_port()
            done = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                             "-o", f"-p {self.port} {options}", "-w", "-t", "60", "start", timeout=90)
            if done.returncode == 0:
                self.running = True
                break
            error = f"pg_ctl start failed ({done.returncode}): {done.stderr.strip()} {self._log_tail()}"
        else:
            raise PostgresUnavailable(error)
        run_in_thread(self._make_template)
        return self

    def stop(self) -> None:
        if self.running:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)

    # -- databases ------------------------------------------------------------------------------
    def url(self, dbname: str = "postgres", *, user: str = USER, password: str = PASSWORD) -> str:
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{dbname}"

    async def _admin(self):
        import asyncpg

        return await asyncpg.connect(self.url("postgres"))

    async def _make_template(self) -> None:
        from bot.storage.postgres.migrations import migrate_url

        conn = await self._admin()
        try:
            await conn.execute(f'CREATE DATABASE "{TEMPLATE}"')
        finally:
            await conn.close()
        await migrate_url(self.url(TEMPLATE))
        import asyncpg

        conn = await asyncpg.connect(self.url(TEMPLATE))
        try:
            self._template_versions = await conn.fetchval(
                "SELECT array_agg(version || checksum ORDER BY version) FROM schema_migrations")
        finally:
            await conn.close()

    async def create_database(self, *, migrated: bool = True) -> str:
        """A database of our own (a copy of the migrated template, or empty); returns its URL.
        A migrated one may be a recycled database, emptied by `release`: indistinguishable from a
        fresh copy (same schema, no rows, identities restarted) and ten times faster to get."""
        if migrated and self._spare:
            return self.url(self._spare.pop())
        name = f"t{os.getpid()}_{next(self._names)}"
        conn = await self._admin()
        try:
            template = TEMPLATE if migrated else "template0"
            # FILE_COPY: a plain copy of the template's files, faster than WAL_LOG for small ones.
            await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY = FILE_COPY')
        finally:
            await conn.close()
        return self.url(name)

    async def release(self, url: str) -> None:
        """Done with a migrated database: empty every table (the append-only guards are bypassed
        with session_replication_role, as a superuser may) and keep it for the next test. A
        database whose migrations differ from the template's is dropped instead."""
        import asyncpg

        name = url.rsplit("/", 1)[1]
        try:
            conn = await asyncpg.connect(self.url(name))
        except asyncpg.PostgresError:
            return await self.drop_database(url)
        try:
            await conn.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               f"WHERE datname = $1 AND pid <> pg_backend_pid()", name)
            tables = [r["t"] for r in await conn.fetch(
                "SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'schema_migrations'")]
            versions = await conn.fetchval("SELECT array_agg(version || checksum ORDER BY version) "
                                           "FROM schema_migrations")
            if versions != self._template_versions or not tables:
                raise LookupError("schema changed")
            async with conn.transaction():
                await conn.execute("SET LOCAL session_replication_role = replica")
                await conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        except (LookupError, asyncpg.PostgresError):
            await conn.close()
            return await self.drop_database(url)
        await conn.close()
        self._spare.append(name)

    async def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        conn = await self._admin()
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server (started on first use; fails, never skips, if it cannot)."""
    server = PgServer()
    try:
        server.start()
    except BaseException as exc:
        server.stop()
        pytest.fail(f"the test PostgreSQL server could not start: {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture
async def pg_url(pg_server: PgServer):
    """A fresh database with every migration applied, as a `postgresql://` URL; dropped afterwards."""
    url = await pg_server.create_database()
    yield url
    await pg_server.release(url)


@pytest.fixture
async def pg_empty_url(pg_server: PgServer):
    """A fresh database with no tables at all (for migration tests)."""
    url = await pg_server.create_database(migrated=False)
    yield url
    await pg_server.drop_database(url)
