"""``FakeTelegram``: the Bot API server on a loopback port, the world, and the driver."""

from __future__ import annotations

import asyncio
import inspect
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from aiohttp import web

from . import errors as E
from . import limits as L
from .api import BotAPI
from .driver import DriverMixin
from .errors import TelegramError
from .params import Params, read_request

# harmless setters aiogram bots often call at start-up: accepted and stored in ``bot_settings``
STORED_SETTINGS = ("setmyname", "setmydescription", "setmyshortdescription", "setchatmenubutton",
                   "setmydefaultadministratorrights")


@dataclass
class RequestRecord:
    """One Bot API call as the fake answered it."""

    method: str                      # as the bot spelled it (e.g. "sendMessage")
    params: dict[str, Any]
    files: list[str]
    status: int
    response: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    unknown: bool = False

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def description(self) -> Optional[str]:
        return self.response.get("description")


class FakeTelegram(BotAPI, DriverMixin):
    """A local Telegram Bot API server and a driver that acts as users.

    >>> fake = FakeTelegram()
    >>> await fake.start()
    >>> bot = Bot(fake.token, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.api_base)))
    >>> ali = fake.create_user("Ali"); group = fake.create_group("Lahore", members=(ali,))
    >>> ali.send(group, "/event@" + fake.bot.username)
    """

    def __init__(self, *, bot_name: str = "Baithak", bot_username: Optional[str] = None, token: Optional[str] = None,
                 host: str = "127.0.0.1", port: int = 0, rate_limits: bool = True, privacy_mode: bool = True,
                 callback_timeout: float = 15.0) -> None:
        if token is None:
            token = f"{7_000_000_000 + secrets.randbelow(999_999_999)}:AA{secrets.token_urlsafe(33)[:33]}"
        head = token.split(":", 1)[0]
        if not head.isdigit():
            raise ValueError("a bot token is <bot id>:<secret>")
        self.token = token
        username = bot_username or (bot_name.lower().replace(" ", "_") + "_bot")
        self._init_state(int(head), bot_name, username)
        self._init_api()
        self.rate_limits = L.RateLimits(enabled=rate_limits)
        self.privacy_mode = privacy_mode
        self.callback_timeout = callback_timeout
        self.requests: list[RequestRecord] = []
        self.record_requests = True  # keep every call in ``requests`` (turn off for long benchmarks)
        self.request_delay = 0.0  # seconds added to every answer (a slow network)
        self.host = host
        self.port = port
        self.api_base = ""
        self._runner: Optional[web.AppRunner] = None
        self._methods: dict[str, Callable[[Params], Any]] = {
            name[2:]: getattr(self, name) for name in dir(self) if name.startswith("m_")}
        for name in STORED_SETTINGS:
            self._methods[name] = self._store_setting(name)

    # lifecycle ------------------------------------------------------------------------------------------
    async def start(self) -> "FakeTelegram":
        """Bind ``host:port`` (port 0: a free one) and serve."""
        if self._runner is not None:
            return self
        app = web.Application(client_max_size=L.FILE_UPLOAD + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        sockets = site._server.sockets if site._server is not None else []  # type: ignore[union-attr]
        self.port = sockets[0].getsockname()[1]
        self.api_base = f"http://{self.host}:{self.port}"
        self._runner = runner
        return self

    async def stop(self) -> None:
        if self._runner is None:
            return
        if self._poller is not None and not self._poller.done():
            self._poller.cancel()
        await self._runner.cleanup()
        self._runner = None
        for task in list(self._background):
            task.cancel()

    async def __aenter__(self) -> "FakeTelegram":
        return await self.start()

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()

    # pointing aiogram at it ---------------------------------------------------------------------------------
    def api_server(self) -> Any:
        """aiogram's ``TelegramAPIServer`` for this fake (what ``TELEGRAM_API_BASE`` gives)."""
        from aiogram.client.telegram import TelegramAPIServer
        return TelegramAPIServer.from_base(self.api_base)

    def aiogram_session(self, **kw: Any) -> Any:
        """An ``AiohttpSession`` that talks to this fake."""
        from aiogram.client.session.aiohttp import AiohttpSession
        return AiohttpSession(api=self.api_server(), **kw)

    @property
    def bot_id(self) -> int:
        return self.bot.id

    @property
    def bot_username(self) -> str:
        return self.bot.username or ""

    def start_link(self, payload: Optional[str] = None) -> str:
        return f"https://t.me/{self.bot_username}" + (f"?start={payload}" if payload else "")

    @property
    def polling(self) -> bool:
        """Whether a getUpdates call is waiting right now."""
        return self._poller is not None and not self._poller.done()

    async def wait_until_polling(self, timeout: float = 10) -> None:
        """Until the bot has a getUpdates call open (it is listening)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.polling:
            self._polling_event = asyncio.Event()
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise asyncio.TimeoutError(f"the bot did not call getUpdates within {timeout}s "
                                           f"(last calls: {[r.method for r in self.requests[-5:]]})")
            try:
                await asyncio.wait_for(self._polling_event.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    # test hooks -------------------------------------------------------------------------------------------
    def force_429(self, count: int = 1, retry_after: int = 1, *, chat: Any = None,
                  methods: Optional[set[str]] = None) -> None:
        """The next ``count`` sending/editing calls (or calls of ``methods``), in ``chat`` if given,
        get ``429 Too Many Requests: retry after N``: a flood storm."""
        chat_id = None if chat is None else self.chat(chat).id
        self.rate_limits.force(count, retry_after, chat_id=chat_id, methods=methods)

    def expire_callback_queries(self) -> None:
        """Every open callback query becomes too old to answer."""
        for query in self.callback_queries.values():
            query.created -= self.callback_timeout + 1

    # requests -------------------------------------------------------------------------------------------------
    def reset_requests(self) -> None:
        self.requests.clear()

    def requests_to(self, method: str, *, ok: Optional[bool] = None) -> list[RequestRecord]:
        name = method.lower()
        return [r for r in self.requests if r.method.lower() == name and (ok is None or r.ok == ok)]

    @property
    def unknown_requests(self) -> list[RequestRecord]:
        """Calls of methods the fake does not implement: the bot used something we lack."""
        return [r for r in self.requests if r.unknown]

    def failed_requests(self) -> list[RequestRecord]:
        return [r for r in self.requests if not r.ok]

    # HTTP ---------------------------------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        unknown = False
        params: dict[str, Any] = {}
        files: list[str] = []
        try:
            if request.match_info["token"] != self.token:
                raise E.UNAUTHORIZED
            raw, uploads = await read_request(request)
            params, files = raw, [f"{u.field}:{u.filename}" for u in uploads.values()]
            handler = self._methods.get(method.lower())
            if handler is None:
                unknown = True
                raise E.NOT_FOUND
            p = Params(raw, uploads)
            if self.rate_limits.storming:
                self._check_forced(method, p)
            result = handler(p)
            if inspect.isawaitable(result):
                result = await result
            status, body = 200, {"ok": True, "result": result}
        except TelegramError as exc:
            status, body = exc.code, exc.to_dict()
        if self.request_delay:
            await asyncio.sleep(self.request_delay)
        record = RequestRecord(method, {k: v for k, v in params.items()}, files, status, body, unknown=unknown)
        if self.record_requests:
            self.requests.append(record)
        self._emit("request", data={"record": record})
        return web.Response(text=json.dumps(body, ensure_ascii=False), status=status, content_type="application/json")

    def _check_forced(self, method: str, p: Params) -> None:
        chat = self.find_chat(p.get("chat_id")) if "chat_id" in p else None
        self.rate_limits.check_forced(method, chat.id if chat else None)

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(E.UNAUTHORIZED.to_dict(), status=401)
        stored = self._files_by_path.get(request.match_info["path"])
        if stored is None:
            return web.json_response(E.NOT_FOUND.to_dict(), status=404)
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")
