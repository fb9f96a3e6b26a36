"""`baithak sandbox`: the real bot, a local Discord-compatible server and a web page, in one process.

    baithak sandbox [--port 8080] [--host 127.0.0.1] [--keep]

Starts :class:`~fakediscord.FakeDiscord` on a free loopback port, seeds a server
"Sandbox" (channels, roles, six members), connects the real :class:`~bot.client.BaithakBot` to it
with its own SQLite file, runs the real ``/setup`` as the admin, and serves the page
(:mod:`bot.sandbox.web`) that lets a person act as any member.

Then it seeds the community through the app's services (:mod:`bot.sandbox.seed`): events, RSVPs and
a waitlist, resources in English and Urdu, a report case at each stage, and a second server in Urdu.
Once the page is up, the Telegram side starts behind it (:mod:`bot.sandbox.telegram`): a local Bot
API server and the real Telegram front end over the same App, a Telegram group joined to the
server's community and its share of the seeded world (``BAITHAK_SANDBOX_TELEGRAM=0``: none).

The sandbox database (``BAITHAK_SANDBOX_DATABASE``, default ``data/sandbox.sqlite3``) is recreated
on every start: the fake server keeps its messages in memory, so rows left from an earlier run would
point at announcements and case cards that no longer exist. Starting fresh keeps the two consistent.
With ``--keep`` (or ``BAITHAK_SANDBOX_KEEP=1``) both are kept: the database stays, and the fake
server's world is saved beside it on the way out (:mod:`bot.sandbox.keep`) and loaded on the next start.
``BAITHAK_SANDBOX_SEED=0`` starts with the people and ``/setup`` only (tests that count from R-0001).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from fakediscord import FakeDiscord
from fakediscord import permissions as P

log = logging.getLogger("baithak.sandbox")

DEFAULT_DATABASE = Path("data/sandbox.sqlite3")


@dataclass
class SandboxMember:
    """A seeded member and what they are for (shown in the page's picker)."""

    key: str
    kind: str  # admin | organiser | moderator | creator
    member: Any


@dataclass
class SandboxWorld:
    guild: Any
    channels: dict[str, Any]
    roles: dict[str, Any]
    members: list[SandboxMember] = field(default_factory=list)
    guilds: list[Any] = field(default_factory=list)  # every server, the first one first

    def __post_init__(self) -> None:
        if not self.guilds:
            self.guilds.append(self.guild)

    def member(self, key: str) -> Any:
        return next(m.member for m in self.members if m.key == key)


def seed(fake: FakeDiscord) -> SandboxWorld:
    """The server "Sandbox": #announcements, #resources, #moderation (private to moderators and
    admins), #general; roles Organiser and Moderator; an admin, an organiser, a moderator and three
    creators."""
    guild = fake.create_guild("Sandbox")
    organiser = guild.add_role("Organiser", color=0x3BA55C, hoist=True)
    # Mentionable, so an urgent report card notifies the moderators as /setup asks a real server to.
    moderator = guild.add_role("Moderator", color=0xE67E22, hoist=True, mentionable=True)
    see = P.VIEW_CHANNEL | P.SEND_MESSAGES | P.READ_MESSAGE_HISTORY
    channels = {
        "announcements": guild.add_text_channel("announcements", topic="Events are announced here"),
        "resources": guild.add_text_channel("resources", topic="Guides, toolkits and fact-check links"),
        "moderation": guild.add_text_channel(
            "moderation", topic="Report cases (moderators only)",
            overwrites={guild.everyone: (0, P.VIEW_CHANNEL), moderator: (see, 0),
                        guild.me: (see | P.EMBED_LINKS | P.ATTACH_FILES, 0)}),
        "general": guild.add_text_channel("general", topic="Say hello"),
    }
    world = SandboxWorld(guild=guild, channels=channels, roles={"organiser": organiser, "moderator": moderator})
    people = [
        ("admin", "admin", "Ayesha Khan", dict(admin=True, owner=True)),
        ("organiser", "organiser", "Omar Farooq", dict(roles=[organiser])),
        ("moderator", "moderator", "مہرین اختر", dict(roles=[moderator])),
        ("creator1", "creator", "Bilal Ahmed", {}),
        ("creator2", "creator", "زینب علی", {}),
        ("creator3", "creator", "Sara Malik", {}),
    ]
    for key, kind, name, kwargs in people:
        world.members.append(SandboxMember(key, kind, guild.add_member(name, **kwargs)))
    return world


class Sandbox:
    """The fake server, the seeded world, the real bot and the web page, started and stopped together."""

    def __init__(self, *, host: str = "127.0.0.1", port: int = 8080, database: Optional[Path] = None,
                 language: str = "en", timezone: str = "Asia/Karachi", log_level: str = "WARNING",
                 keep: bool = False, seeded: bool = True, with_telegram: Optional[bool] = None) -> None:
        self.keep = keep
        self.seeded = seeded
        self.restored = False
        self.host = host
        self.port = port
        self.database = Path(database or DEFAULT_DATABASE)
        self.language = language
        self.timezone = timezone
        self.log_level = log_level
        self.fake = FakeDiscord(bot_name="Baithak")
        self.world: Optional[SandboxWorld] = None
        self.bot: Any = None
        self.store: Any = None
        self.web: Any = None
        self._bot_task: Optional[asyncio.Task[None]] = None
        from bot.sandbox.telegram import TelegramSide

        self.telegram = TelegramSide()  # the Telegram front end over the same App (bot/sandbox/telegram.py)
        self.with_telegram = seeded if with_telegram is None else with_telegram
        self._telegram_task: Optional[asyncio.Task[None]] = None

    @property
    def url(self) -> str:
        host = self.host
        if ":" in host:
            host = f"[{host}]"
        if host in ("0.0.0.0", "[::]"):
            host = "127.0.0.1"
        return f"http://{host}:{self.port}"

    def _fresh_database(self) -> None:
        self.database.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            path = Path(str(self.database) + suffix)
            if path.exists():
                path.unlink()

    async def start(self) -> "Sandbox":
        from bot.app import App
        from bot.client import BaithakBot
        from bot.endpoints import use_endpoints
        from bot.sandbox.web import SandboxWeb
        from bot.settings import Settings
        from bot.storage.sqlite.store import SqliteStore

        # Bind the page first: a port already in use is the likeliest failure, so report it early.
        self.web = SandboxWeb(self)
        await self.web.start(self.host, self.port)
        self.port = self.web.port
        from bot.sandbox import keep as kept

        restored = kept.load(kept.state_path(self.database), self.fake) if self.keep else None
        await self.fake.start()
        if restored is not None:
            self.world, self.web.tried = restored
            self.restored = True
        else:
            self.world = seed(self.fake)
            self._fresh_database()
        use_endpoints(self.fake.api_base, self.fake.gateway_url)
        self.store = await SqliteStore.open(self.database)
        settings = Settings(token=self.fake.token, database=self.database, dev_guild=None, timezone=self.timezone,
                            language=self.language, log_level=self.log_level, api_base=self.fake.api_base,
                            gateway_url=self.fake.gateway_url)
        # Built as the runner builds it: the store, then the App, then the Discord front end.
        self.bot = BaithakBot(settings, App(settings, self.store))
        self._bot_task = asyncio.create_task(self.bot.start(self.fake.token))
        self._bot_task.add_done_callback(self._bot_stopped)
        await self.fake.wait_until_ready(timeout=30)
        await self.fake.wait_for_commands(timeout=30)
        while not self.bot.is_ready():
            if self._bot_task.done():
                self._bot_task.result()
            await asyncio.sleep(0.02)
        if not self.restored:
            await self._setup_guild()
            if self.seeded:
                from bot.sandbox.seed import SeedContext, seed as seed_community

                await seed_community(SeedContext(self, self.world, self.bot.app, self.timezone))
        self.web.ready = True
        if self.with_telegram:
            # Telegram comes up behind the page (importing aiogram takes seconds): its view says
            # "starting" until the group is linked and seeded.
            self._telegram_task = asyncio.create_task(self._start_telegram())
        return self

    async def _start_telegram(self) -> None:
        """The Telegram front end over the same App; the group joins this server's community (real
        /link) and gets its share of the seeded world."""
        from bot.sandbox import telegram as tg

        try:
            await self.telegram.start(self.bot.app, restore_from=tg.state_path(self.database) if self.restored else None)
            if not self.restored:
                from bot.sandbox.seed import SeedContext, seed_telegram

                ctx = SeedContext(self, self.world, self.bot.app, self.timezone)
                await self.telegram.link(self.bot.app, ctx.actor("admin"))
                if self.seeded:
                    await seed_telegram(ctx)
            self.telegram.ready = True
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.telegram.error = f"{exc.__class__.__name__}: {exc}"
            log.exception("the sandbox's Telegram side could not start (the Discord side keeps working)")

    def _bot_stopped(self, task: "asyncio.Task[None]") -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("the bot stopped: %r (the page stays up, but the bot no longer answers)",
                      task.exception(), exc_info=task.exception())

    async def _setup_guild(self) -> None:
        """Run the real /setup as the admin, as a new community would."""
        w = self.world
        assert w is not None
        result = await self.fake.slash(
            w.member("admin"), "setup", in_channel=w.channels["general"],
            announcements=w.channels["announcements"], moderation=w.channels["moderation"],
            resources=w.channels["resources"], organiser_role=w.roles["organiser"],
            moderator_role=w.roles["moderator"], timezone=self.timezone, language=self.language)
        await result.wait_done(timeout=15)
        if result.error is not None:
            raise RuntimeError(f"/setup failed in the sandbox (Discord error {result.error}): {result.text}")
        # The admin's ephemeral /setup reply stays visible to them in #general, as on Discord.

    async def stop(self) -> None:
        if self.web is not None:
            await self.web.stop()
        from bot.sandbox import telegram as tg

        if self._telegram_task is not None and not self._telegram_task.done():
            self._telegram_task.cancel()
            try:
                await self._telegram_task
            except (asyncio.CancelledError, Exception):
                pass
        await self.telegram.stop(save_to=tg.state_path(self.database) if self.keep and self.telegram.ready else None)
        if self.bot is not None:
            try:
                await self.bot.close()
            except Exception:  # pragma: no cover - best effort on the way out
                log.exception("closing the bot")
        if self._bot_task is not None:
            try:
                await asyncio.wait_for(self._bot_task, 10)
            except Exception:
                pass
        if self.store is not None:
            await self.store.close()  # after the bot: queued writes are finished first
        await self.fake.stop()
        if self.keep and self.world is not None and self.web is not None and self.web.ready:
            from bot.sandbox import keep as kept

            try:
                kept.save(kept.state_path(self.database), self.fake, self.world, self.web.tried)
            except Exception:
                log.exception("could not save the sandbox's world; the next --keep start begins fresh")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _configure_logging() -> str:
    level = (os.environ.get("LOG_LEVEL") or "WARNING").upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        level = "WARNING"
    logging.basicConfig(level=getattr(logging, level), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("discord").setLevel(max(logging.WARNING, getattr(logging, level)))
    logging.getLogger("discord.client").setLevel(logging.ERROR)  # "PyNaCl is not installed": no voice here
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    return level


async def serve(host: str, port: int, database: Path, *, language: str, timezone: str,
                log_level: str, keep: bool = False, seeded: bool = True, with_telegram: Optional[bool] = None) -> int:
    sandbox = Sandbox(host=host, port=port, database=database, language=language, timezone=timezone,
                      log_level=log_level, keep=keep, seeded=seeded, with_telegram=with_telegram)
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    try:
        try:
            await sandbox.start()
        except OSError as exc:
            print(f"baithak sandbox: cannot listen on {host}:{port} ({exc.strerror or exc}): "
                  f"pass --port N (or set BAITHAK_SANDBOX_PORT) to use another port", file=sys.stderr)
            return 2
        print(f"Baithak sandbox is running: open {sandbox.url}", flush=True)
        if _is_loopback(host):
            print(f"  listening on {host} only (this machine); --host to change it", flush=True)
        else:
            print(f"  WARNING: listening on {host}: anyone who can reach this machine can use the sandbox "
                  "and act as any member. Use --host 127.0.0.1 to keep it local.", flush=True)
        if keep:
            print(f"  a local Discord-like server with the real bot; database {database} "
                  f"({'kept from the last run' if sandbox.restored else 'new'}; kept when you stop it, --keep); "
                  "Ctrl+C to stop", flush=True)
        else:
            print(f"  a local Discord-like server with the real bot; database {database} "
                  "(recreated each start; --keep keeps it); Ctrl+C to stop", flush=True)
        if sandbox.with_telegram:
            print("  and a local Telegram Bot API with the real Telegram front end, one community with the "
                  "Discord server: the page's Telegram tab (ready some seconds after the page)", flush=True)
        await stopping.wait()
        print("Baithak sandbox: stopping", flush=True)
        return 0
    finally:
        await sandbox.stop()


def _flag(name: str) -> Optional[bool]:
    value = (os.environ.get(name) or "").strip().lower()
    if not value:
        return None
    return value in ("1", "true", "yes", "on")


def main(host: str = "127.0.0.1", port: int = 8080, database: Optional[str] = None,
         keep: Optional[bool] = None) -> int:
    """Entry point of `baithak sandbox`; returns the process exit code."""
    from bot.settings import SettingsError, load_settings

    log_level = _configure_logging()
    try:  # the sandbox needs no token, but BAITHAK_TIMEZONE / BAITHAK_LANGUAGE still apply
        settings = load_settings(require_token=False)
        language, timezone = settings.language, settings.timezone
    except SettingsError as exc:
        print(f"baithak: {exc}", file=sys.stderr)
        return 2
    path = Path(database or os.environ.get("BAITHAK_SANDBOX_DATABASE") or DEFAULT_DATABASE)
    if path.resolve() == Path(settings.database).resolve():
        # The sandbox recreates its database on every start: never the bot's real one.
        print(f"baithak sandbox: {path} is the bot's database (BAITHAK_DATABASE) and the sandbox "
              "deletes its database on every start: set BAITHAK_SANDBOX_DATABASE to another file",
              file=sys.stderr)
        return 2
    if keep is None:
        keep = bool(_flag("BAITHAK_SANDBOX_KEEP"))
    seeded = _flag("BAITHAK_SANDBOX_SEED") is not False
    with_telegram = _flag("BAITHAK_SANDBOX_TELEGRAM")  # default: with the seeded world
    try:
        return asyncio.run(serve(host, port, path, language=language, timezone=timezone, log_level=log_level,
                                 keep=keep, seeded=seeded, with_telegram=with_telegram))
    except KeyboardInterrupt:
        return 130
