"""``FakeDiscord``: the server (REST + gateway on one loopback port), the world and the driver."""

from __future__ import annotations

import asyncio
import base64
import secrets
from typing import Any, Callable, Iterable, Optional, Union

import yarl
from aiohttp import web

from .driver import DriverMixin
from .gateway import Gateway
from .interactions import InteractionLogic
from .models import User
from .ratelimit import RateLimiter
from .rest import RequestRecord, build_app
from .state import PRIVILEGED_INTENTS, WorldState

# GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED | APPLICATION_COMMAND_BADGE
DEFAULT_APPLICATION_FLAGS = (1 << 13) | (1 << 15) | (1 << 19) | (1 << 23)


class FakeDiscord(WorldState, InteractionLogic, DriverMixin):
    """A local Discord: REST under ``api_base``, the gateway at ``gateway_url``, and a driver that
    acts as users. Works with a bot in this process or in another one (only the network is shared).

    >>> fake = FakeDiscord()
    >>> await fake.start()
    >>> guild = fake.create_guild("Test")
    >>> member = guild.add_member("Ayesha", admin=True)
    """

    def __init__(self, *, bot_name: str = "Baithak", token: Optional[str] = None, host: str = "127.0.0.1",
                 port: int = 0, privileged_intents: int = PRIVILEGED_INTENTS, response_deadline: float = 3.0,
                 rate_limits: bool = False) -> None:
        self._init_state(bot_name)
        self._init_interactions()
        self.application_id = self._next_id()
        self.owner_user = User(self, self._next_id(), "app_owner", global_name="App Owner")
        self.users[self.owner_user.id] = self.owner_user
        self.application_flags = DEFAULT_APPLICATION_FLAGS
        self.privileged_intents = privileged_intents
        self.response_deadline = response_deadline
        if token is None:
            head = base64.b64encode(str(self.bot_user.id).encode()).decode().rstrip("=")
            token = f"{head}.{secrets.token_urlsafe(4)}.{secrets.token_urlsafe(27)}"
        self.token = token
        self.requests: list[RequestRecord] = []
        self.request_delay = 0.0  # seconds added to every REST response (to simulate a slow network)
        self.rate_limits = RateLimiter(enabled=rate_limits)
        self.host = host
        self.port = port
        self.http_base = ""
        self.gateway = Gateway(self)
        self._commands_registered = asyncio.Event()
        self._runner: Optional[web.AppRunner] = None

    # lifecycle ------------------------------------------------------------------------------------------
    async def start(self) -> "FakeDiscord":
        """Bind ``host:port`` (port 0: a free one) and serve."""
        if self._runner is not None:
            return self
        runner = web.AppRunner(build_app(self), access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        sockets = site._server.sockets if site._server is not None else []  # type: ignore[union-attr]
        self.port = sockets[0].getsockname()[1]
        self.http_base = f"http://{self.host}:{self.port}"
        self._runner = runner
        return self

    async def stop(self) -> None:
        if self._runner is None:
            return
        await self.gateway.close_all()
        await self._runner.cleanup()
        self._runner = None
        for task in list(self._background):
            task.cancel()

    async def __aenter__(self) -> "FakeDiscord":
        return await self.start()

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()

    # addresses -----------------------------------------------------------------------------------------------
    @property
    def api_base(self) -> str:
        """What discord.http.Route.BASE should be (``DISCORD_API_BASE``)."""
        return f"{self.http_base}/api/v10"

    @property
    def gateway_url(self) -> str:
        """What DiscordWebSocket.DEFAULT_GATEWAY should be (``DISCORD_GATEWAY_URL``)."""
        return f"ws://{self.host}:{self.port}/gateway"

    @property
    def bot_user_id(self) -> int:
        return self.bot_user.id

    @property
    def connected(self) -> bool:
        """Whether a bot connection is live and identified."""
        return self.gateway.connected

    @property
    def bot_ready(self) -> bool:
        """Whether a live connection has received its READY + GUILD_CREATE burst (or RESUMED)."""
        return self.gateway.ready_event.is_set()

    @property
    def identify_count(self) -> int:
        """How many IDENTIFYs were accepted so far (a restarted bot process adds one)."""
        return self.gateway.identify_count

    @property
    def resume_count(self) -> int:
        return self.gateway.resume_count

    # waiting for the bot ---------------------------------------------------------------------------------------
    async def wait_until_ready(self, timeout: float = 10, *, commands: bool = False, new_session: bool = False,
                               shards: Optional[Iterable[int]] = None) -> None:
        """Until a bot has IDENTIFYed (or RESUMEd) and received READY and every GUILD_CREATE; with
        ``commands=True`` also until it registered application commands; with
        ``new_session=True`` only a connection completed after this call counts (after a restart);
        with ``shards=[0, 1, ...]`` until a live session of each of those shards is ready."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            await self.gateway.wait_ready(timeout, new=new_session)
            wanted = set(shards) if shards is not None else set()
            while not wanted <= self.gateway.ready_shards():
                await self.gateway.wait_ready(max(0.0, deadline - loop.time()), new=True)
        except asyncio.TimeoutError:
            missing = sorted(set(shards or ()) - {s for s in self.gateway.ready_shards() if s is not None})
            raise asyncio.TimeoutError(f"no bot connected and identified within {timeout}s "
                                       + (f"for shard(s) {missing} " if missing else "")
                                       + f"(requests so far: {[f'{r.method} {r.path}' for r in self.requests[-5:]]})") from None
        if commands:
            await self.wait_for_commands(max(0.0, deadline - loop.time()))

    async def wait_for_disconnect(self, timeout: float = 10) -> None:
        """Until no bot connection is live (e.g. after stopping or killing the bot process)."""
        try:
            await self.gateway.wait_disconnected(timeout)
        except asyncio.TimeoutError:
            raise asyncio.TimeoutError(f"the bot was still connected after {timeout}s") from None

    async def wait_for_commands(self, timeout: float = 10) -> None:
        """Until the bot has registered application commands (global or guild)."""
        try:
            await asyncio.wait_for(self._commands_registered.wait(), timeout)
        except asyncio.TimeoutError:
            raise asyncio.TimeoutError(f"the bot registered no application commands within {timeout}s") from None

    async def drop_connection(self, *, resume: bool = True, code: int = 4000) -> int:
        """Close the bot's gateway connection(s). discord.py reconnects and RESUMEs (missed events are
        replayed); with ``resume=False`` the session is invalidated and it must IDENTIFY again.
        Returns how many connections were closed."""
        return await self.gateway.drop(resume=resume, code=code)

    # requests -------------------------------------------------------------------------------------------------
    def reset_requests(self) -> None:
        self.requests.clear()

    @property
    def unknown_requests(self) -> list[RequestRecord]:
        """Requests to routes the fake does not know (404/405): the bot used an endpoint we lack."""
        return [r for r in self.requests if r.unknown]

    def requests_to(self, method: Optional[str] = None, path: Optional[str] = None, *,
                    route: Optional[str] = None) -> list[RequestRecord]:
        """Recorded requests filtered by method, a substring of the path, or the route template
        (e.g. ``"PATCH /channels/{channel_id}/messages/{message_id}"``)."""
        return [r for r in self.requests
                if (method is None or r.method == method) and (path is None or path in r.path)
                and (route is None or r.route == route)]

    def failed_requests(self) -> list[RequestRecord]:
        return [r for r in self.requests if r.status >= 400]


def point_client_at(fake: Union[FakeDiscord, str], gateway_url: Optional[str] = None) -> Callable[[], None]:
    """Point discord.py (this process) at the fake: sets ``discord.http.Route.BASE`` and
    ``DiscordWebSocket.DEFAULT_GATEWAY``. Pass a FakeDiscord, or an API base and a gateway URL.
    Returns a function that restores the previous values."""
    import discord.gateway
    import discord.http

    if isinstance(fake, FakeDiscord):
        api_base, gateway = fake.api_base, fake.gateway_url
    else:
        if gateway_url is None:
            raise TypeError("point_client_at(api_base, gateway_url) needs both URLs")
        api_base, gateway = fake, gateway_url
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = api_base.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)

    def restore() -> None:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    return restore
