"""The sandbox's web page and its JSON API: a thin layer over the fake server's user driver.

Every request says who is acting (``as``: a seeded member's id); the API only ever returns what
that member could see on Discord (channels they can view, their own DMs, ephemeral messages shown
to them), so the page cannot leak another member's "only you can see this" replies.

    GET  /                                   the page (static/index.html, app.css, app.js)
    GET  /api/state?as=ID                    guild, channels (visible to ID), members, roles, commands
    GET  /api/channels/{id}/messages?as=ID   messages as ID sees them, oldest first
    GET  /api/events?as=ID                   server-sent events: messages created, edited, deleted
    GET  /api/tour?as=ID                     the member's "what to try" steps, each ticked once tried
    POST /api/slash        {as, channel, command: "event create", options: {name: value}}
    POST /api/autocomplete {as, channel, command, option, value, options}
    POST /api/context      {as, message, name} | {as, channel, user, name}
    POST /api/click        {as, message, custom_id}
    POST /api/select       {as, message, custom_id, values}
    POST /api/modal        {as, interaction_id, values: {custom_id: value}}
    POST /api/post         {as, channel, content, attachments: [{filename, content_type, data (base64)}]}
    GET  /attachments/{channel}/{id}/{filename}  attachment downloads (same origin as the page)

The Telegram view's routes, ``/api/tg/...``, are in :mod:`bot.sandbox.telegram_web`.

Driver refusals (a hidden command, a bad option, a disabled button) come back as
``{"error": "..."}`` with status 400; the bot's own replies arrive as messages.
"""

from __future__ import annotations

import asyncio
import base64
import contextvars
import binascii
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import quote

from aiohttp import web

from fakediscord import permissions as P
from fakediscord.models import PUBLIC_THREAD, Channel, Member, Message

if TYPE_CHECKING:  # pragma: no cover
    from bot.sandbox.app import Sandbox

log = logging.getLogger("baithak.sandbox.web")

STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".png": "image/png",
                ".svg": "image/svg+xml"}
HEARTBEAT = 15.0
# The server of the member acting in this request (each request runs in its own task and context).
_GUILD: contextvars.ContextVar[Any] = contextvars.ContextVar("sandbox_guild", default=None)


class ApiError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(eq=False)
class Listener:
    """One open event stream: who is watching (a Discord or a Telegram member), and the queue of what
    they may see."""

    viewer: Any
    queue: asyncio.Queue


async def json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object, or a 400 saying what is wrong with it."""
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError("the request body is not JSON") from None
    if not isinstance(body, dict):
        raise ApiError("the request body must be a JSON object")
    return body


async def event_stream(request: web.Request, listeners: set[Listener], viewer: Any) -> web.StreamResponse:
    """Server-sent events for one page: what is put on the listener's queue, until None or the page
    goes away; a comment line every HEARTBEAT keeps proxies from closing it."""
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store",
                                           "X-Accel-Buffering": "no"})
    await response.prepare(request)
    listener = Listener(viewer, asyncio.Queue())
    listeners.add(listener)
    try:
        await response.write(b"retry: 1000\n\ndata: {\"type\": \"hello\"}\n\n")
        while True:
            try:
                item = await asyncio.wait_for(listener.queue.get(), HEARTBEAT)
            except asyncio.TimeoutError:
                await response.write(b": ping\n\n")
                continue
            if item is None:
                break
            await response.write(b"data: " + json.dumps(item, ensure_ascii=False).encode() + b"\n\n")
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        listeners.discard(listener)
    return response


class SandboxWeb:
    def __init__(self, sandbox: "Sandbox") -> None:
        self.sandbox = sandbox
        self.ready = False
        self.port = 0
        self.listeners: set[Listener] = set()
        self.modals: dict[str, Any] = {}  # interaction id -> InteractionResult that opened a modal
        self.tried: dict[int, set[str]] = {}  # member id -> "what to try" steps done
        self._runner: Optional[web.AppRunner] = None
        self._unsubscribe: Any = None
        from bot.sandbox.telegram_web import TelegramWeb

        self.telegram = TelegramWeb(self)  # the Telegram view's /api/tg/ routes

    @property
    def fake(self) -> Any:
        return self.sandbox.fake

    @property
    def guild(self) -> Any:
        """The acting member's server (the first server before anyone is named)."""
        if self.sandbox.world is None:
            raise ApiError("the sandbox is still starting", 503)
        return _GUILD.get() or self.sandbox.world.guild

    # lifecycle --------------------------------------------------------------------------------------------
    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=16 * 1024 * 1024, middlewares=[self._errors])
        r = app.router
        r.add_get("/", self.index)
        r.add_get("/static/{name}", self.static)
        r.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self.attachment)
        r.add_get("/api/state", self.state)
        r.add_get("/api/channels/{channel_id}/messages", self.messages)
        r.add_get("/api/events", self.events)
        r.add_get("/api/tour", self.tour)
        r.add_post("/api/slash", self.slash)
        r.add_post("/api/autocomplete", self.autocomplete)
        r.add_post("/api/context", self.context)
        r.add_post("/api/click", self.click)
        r.add_post("/api/select", self.select)
        r.add_post("/api/modal", self.modal)
        r.add_post("/api/post", self.post)
        self.telegram.add_routes(r)
        return app

    async def start(self, host: str, port: int) -> None:
        self._runner = web.AppRunner(self.build_app(), access_log=None, handle_signals=False, shutdown_timeout=2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            self._runner = None
            raise
        sockets = site._server.sockets if site._server is not None else []  # type: ignore[union-attr]
        self.port = sockets[0].getsockname()[1] if sockets else port
        self._unsubscribe = self.fake.subscribe(self._on_event)

    async def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for listener in list(self.listeners):
            listener.queue.put_nowait(None)
        self.telegram.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @web.middleware
    async def _errors(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/api/") and not self.ready:
            return web.json_response({"error": "The sandbox is still starting: the bot is connecting.",
                                      "starting": True}, status=503)
        try:
            return await handler(request)
        except ApiError as exc:
            return web.json_response({"error": str(exc)}, status=exc.status)
        except (ValueError, PermissionError, TypeError, KeyError) as exc:
            # the driver refused the action, as Discord's client would (hidden command, bad option, ...)
            text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
            text = text.split(" Pass force_permissions=True")[0]  # the driver's hint for test authors
            return web.json_response({"error": text or exc.__class__.__name__}, status=400)
        except asyncio.TimeoutError as exc:
            return web.json_response({"error": f"The bot did not answer in time ({exc or 'timeout'})."}, status=504)
        except web.HTTPException:
            raise
        except Exception as exc:  # never a blank page: say what broke
            log.exception("sandbox API error on %s", request.path)
            return web.json_response({"error": f"Sandbox error: {exc.__class__.__name__}: {exc}"}, status=500)

    # static files -----------------------------------------------------------------------------------------
    async def index(self, request: web.Request) -> web.StreamResponse:
        return self._file("index.html")

    async def static(self, request: web.Request) -> web.StreamResponse:
        return self._file(request.match_info["name"])

    def _file(self, name: str) -> web.StreamResponse:
        path = (STATIC / name).resolve()
        if path.parent != STATIC or not path.is_file() or path.suffix not in STATIC_TYPES:
            raise web.HTTPNotFound()
        return web.Response(body=path.read_bytes(), content_type=STATIC_TYPES[path.suffix], charset="utf-8"
                            if path.suffix in (".html", ".css", ".js", ".svg") else None,
                            headers={"Cache-Control": "no-store"})

    async def attachment(self, request: web.Request) -> web.StreamResponse:
        try:
            att = self.fake.attachments.get(int(request.match_info["attachment_id"]))
        except ValueError:
            att = None
        if att is None or att.filename != request.match_info["filename"]:
            raise web.HTTPNotFound()
        return web.Response(body=att.data, content_type=att.content_type.split(";")[0],
                            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(att.filename)}"})

    # lookups ------------------------------------------------------------------------------------------------
    def _viewer(self, value: Any) -> Member:
        """A seeded member by id; their server becomes this request's server."""
        world = self.sandbox.world
        if world is None:
            raise ApiError("the sandbox is still starting", 503)
        member = None
        try:
            wanted = int(value)
        except (TypeError, ValueError):
            wanted = None
        if wanted is not None:
            member = next((m.member for m in world.members if m.member.id == wanted), None)
            if member is None:
                member = next((g.members[wanted] for g in world.guilds if wanted in g.members), None)
        if member is None or member.bot:
            raise ApiError("choose who you are: `as` must be a sandbox member's id")
        _GUILD.set(member.guild)
        return member

    # "what to try" --------------------------------------------------------------------------------------------
    def _key_of(self, member: Member) -> Optional[str]:
        world = self.sandbox.world
        return next((m.key for m in world.members if m.member is member), None) if world else None

    def _tick(self, member: Member, kind: str, target: str) -> None:
        from bot.sandbox.seed import steps_for

        key = self._key_of(member)
        if key is None:
            return
        for step in steps_for(key):
            if step.matches(kind, target):
                self.tried.setdefault(member.id, set()).add(step.key)

    async def tour(self, request: web.Request) -> web.StreamResponse:
        from bot.sandbox.seed import steps_for

        viewer = self._viewer(request.query.get("as"))
        key = self._key_of(viewer)
        done = self.tried.get(viewer.id, set())
        steps = [{"key": s.key, "text": s.text, "done": s.key in done} for s in steps_for(key or "")]
        others = []
        world = self.sandbox.world
        assert world is not None
        for m in world.members:
            if m.member is not viewer:
                first = next((s for s in steps_for(m.key) if s.key not in self.tried.get(m.member.id, set())), None)
                if first is not None:
                    others.append({"id": str(m.member.id), "name": m.member.display_name, "text": first.text})
        return web.json_response({"steps": steps, "others": others})

    def _channel(self, value: Any, viewer: Member) -> Channel:
        try:
            channel = self.fake.channels.get(int(value))
        except (TypeError, ValueError):
            channel = None
        if channel is None or not self._can_view(viewer, channel):
            raise ApiError(f"{viewer.name} cannot see that channel", 404)
        return channel

    def _message(self, value: Any, viewer: Member) -> Message:
        try:
            msg = self.fake.messages.get(int(value))
        except (TypeError, ValueError):
            msg = None
        if msg is None or msg.deleted or not self._can_see(viewer, msg):
            raise ApiError("that message is gone or not visible to you", 404)
        return msg

    def _can_view(self, viewer: Member, channel: Channel) -> bool:
        if channel.guild is None:
            return channel.recipient is not None and channel.recipient.id == viewer.id
        return channel.guild is viewer.guild and P.has(viewer.permissions_in(channel), P.VIEW_CHANNEL)

    def _can_see(self, viewer: Member, msg: Message) -> bool:
        return (msg.visible_to is None or msg.visible_to == viewer.id) and self._can_view(viewer, msg.channel)

    async def _body(self, request: web.Request) -> tuple[dict[str, Any], Member]:
        body = await json_body(request)
        return body, self._viewer(body.get("as"))

    # rendering ----------------------------------------------------------------------------------------------
    def _local_urls(self, value: Any) -> Any:
        """Attachment URLs on the fake server's port become paths on this page's origin."""
        base = self.fake.http_base + "/attachments/"
        if isinstance(value, str):
            return "/attachments/" + value[len(base):] if value.startswith(base) else value
        if isinstance(value, list):
            return [self._local_urls(v) for v in value]
        if isinstance(value, dict):
            return {k: self._local_urls(v) for k, v in value.items()}
        return value

    def message_json(self, msg: Message) -> dict[str, Any]:
        data = self._local_urls(msg.to_dict())
        data["ephemeral"] = msg.visible_to is not None
        data["loading"] = msg.loading
        data["edit_count"] = msg.edit_count  # the page keeps the newest version when events cross
        member = msg.channel.guild.members.get(msg.author.id) if msg.channel.guild is not None else None
        data["author"]["display_name"] = (member.display_name if member is not None else msg.author.name)
        return data

    def _member_json(self, member: Member) -> dict[str, Any]:
        kind = "bot" if member.bot else "member"
        world = self.sandbox.world
        if world is not None:
            kind = next((m.kind for m in world.members if m.member is member), kind)
        roles = sorted((r for r in member.roles if r.id != member.guild.id and not r.managed),
                       key=lambda r: -r.position)
        return {"id": str(member.id), "name": member.display_name, "username": member.user.username,
                "kind": kind, "bot": member.bot, "roles": [r.name for r in roles],
                "role_ids": [str(r.id) for r in roles],
                "color": next((r.color for r in roles if r.color), 0)}

    def _hidden_from(self, cmd: dict[str, Any], viewer: Member) -> bool:
        """Whether Discord would hide this command from the viewer (default_member_permissions)."""
        required = cmd.get("default_member_permissions")
        if required is None:
            return False
        required = int(required)
        perms = viewer.permissions
        if perms == P.ALL or perms & P.ADMINISTRATOR:
            return False
        return required == 0 or perms & required != required

    async def _language(self, guild: Any) -> str:
        """The bot's language for `guild` (its /setup setting), so the page can set `lang` and
        direction; the guild's Discord locale when the bot is not up yet."""
        bot = getattr(self.sandbox, "bot", None)
        if bot is not None and getattr(bot, "app", None) is not None:
            from bot.domain.identity import DISCORD, Community

            try:
                return (await bot.app.setup.settings_for(Community(DISCORD, guild.id))).language
            except Exception:  # the page must render even if settings cannot be read right now
                log.exception("sandbox: the language of %s could not be read", guild.id)
        return "ur" if str(guild.locale or "").startswith("ur") else "en"

    # API: reading -------------------------------------------------------------------------------------------
    async def state(self, request: web.Request) -> web.StreamResponse:
        viewer = self._viewer(request.query["as"]) if request.query.get("as") else None
        guild = self.guild
        world = self.sandbox.world
        assert world is not None
        seeded = [m.member for m in world.members if m.member.guild is guild]
        people = seeded + [m for m in guild.members.values() if m not in seeded]
        channels = []
        threads = [c for c in self.fake.channels.values() if c.guild is guild and c.type == PUBLIC_THREAD]
        for channel in sorted(guild.text_channels, key=lambda c: c.position):
            if viewer is None or self._can_view(viewer, channel):
                channels.append({"id": str(channel.id), "name": channel.name, "topic": channel.topic or "",
                                 "type": channel.type})
                # Threads under a message (a report case's conversation) follow their channel.
                channels += [{"id": str(t.id), "name": f"{channel.name} › {t.name}", "topic": t.name,
                              "type": t.type} for t in sorted(threads, key=lambda t: t.id) if t.parent_id == channel.id]
        commands = []
        for cmd in self.fake.registered_commands(guild):
            cmd = dict(cmd)
            cmd["hidden"] = bool(viewer is not None and self._hidden_from(cmd, viewer))
            commands.append(cmd)
        data: dict[str, Any] = {
            "guild": {"id": str(guild.id), "name": guild.name, "locale": guild.locale,
                      "language": await self._language(guild)},
            "guilds": [{"id": str(g.id), "name": g.name} for g in world.guilds],
            # everyone you can act as, in every server (the picker groups them by server)
            "people": [dict(self._member_json(m.member), guild=str(m.member.guild.id)) for m in world.members],
            "bot": {"id": str(self.fake.bot_user.id), "name": self.fake.bot_user.name},
            "channels": channels,
            "all_channels": [{"id": str(c.id), "name": c.name, "type": c.type}
                             for c in sorted(guild.channels.values(), key=lambda c: c.position)],
            "members": [self._member_json(m) for m in people],
            "roles": [{"id": str(r.id), "name": r.name, "color": r.color}
                      for r in sorted(guild.roles.values(), key=lambda r: -r.position)
                      if r.id != guild.id and not r.managed],
            "commands": commands,
        }
        if viewer is not None:
            data["me"] = str(viewer.id)
            data["dm_channel"] = str(self.fake.dm_channel(viewer).id)
        return web.json_response(data)

    async def messages(self, request: web.Request) -> web.StreamResponse:
        viewer = self._viewer(request.query.get("as"))
        channel = self._channel(request.match_info["channel_id"], viewer)
        msgs = self.fake.channel_messages(channel, viewer=viewer)[-200:]
        return web.json_response({"channel_id": str(channel.id),
                                  "messages": [self.message_json(m) for m in msgs]})

    # live updates -------------------------------------------------------------------------------------------
    def _on_event(self, event: Any) -> None:
        if not self.listeners:
            return
        if event.kind.startswith("message_"):
            msg: Message = event.message
            payload: Optional[dict[str, Any]] = None
            for listener in list(self.listeners):
                if not self._can_see(listener.viewer, msg):
                    continue
                if payload is None:
                    payload = {"type": event.kind, "channel_id": str(msg.channel.id),
                               "message": {"id": str(msg.id)} if event.kind == "message_deleted"
                               else self.message_json(msg)}
                listener.queue.put_nowait(payload)
        elif event.kind in ("commands_registered", "channel_created", "channel_updated", "role_created",
                            "member_added", "member_updated", "member_removed"):
            for listener in list(self.listeners):
                listener.queue.put_nowait({"type": "state"})

    async def events(self, request: web.Request) -> web.StreamResponse:
        return await event_stream(request, self.listeners, self._viewer(request.query.get("as")))

    # API: acting --------------------------------------------------------------------------------------------
    def result_json(self, result: Any, viewer: Member) -> dict[str, Any]:
        out: dict[str, Any] = {"interaction_id": str(result.interaction_id), "type": result.type}
        if result.type is None and not result.record.errors:
            out["error"] = ("The bot did not answer within 3 seconds (Discord would say "
                            "\"The application did not respond\").")
        elif result.record.errors and result.type is None:
            err = result.record.errors[0]
            out["error"] = f"Discord refused the bot's reply ({err.code}: {err.message})."
        modal = result.modal
        if modal is not None:
            self.modals[str(result.interaction_id)] = (result, viewer.id)
            while len(self.modals) > 500:  # dialogs nobody submitted: forget the oldest
                self.modals.pop(next(iter(self.modals)))
            out["modal"] = self._local_urls(modal.data)
        msg = result.message
        if msg is not None and not msg.deleted and self._can_see(viewer, msg):
            out["message"] = self.message_json(msg)
        if result.choices is not None:
            out["choices"] = result.choices
        return out

    def _command_schema(self, command: str) -> tuple[str, list[dict[str, Any]]]:
        parts = str(command or "").strip().lstrip("/").split()
        if not parts:
            raise ApiError("choose a command")
        cmd = self.fake.find_command(self.guild, parts[0], 1)
        if cmd is None:
            raise ApiError(f"/{parts[0]} is not a registered command")
        schema = cmd.get("options") or []
        for part in parts[1:]:
            sub = next((o for o in schema if o["name"] == part and o["type"] in (1, 2)), None)
            if sub is None:
                raise ApiError(f"/{' '.join(parts)} is not a registered command")
            schema = sub.get("options") or []
        return " ".join(parts), schema

    def _convert(self, opt: dict[str, Any], value: Any) -> Any:
        """A value from the page's form (text, ids, base64 files) as the driver wants it."""
        otype, name = opt["type"], opt["name"]
        guild = self.guild
        try:
            if otype == 3:
                return str(value)
            if otype == 4:
                if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
                    raise ValueError
                return int(value)
            if otype == 10:
                return float(value)
            if otype == 5:
                if isinstance(value, bool):
                    return value
                if str(value).lower() in ("true", "yes", "1", "on"):
                    return True
                if str(value).lower() in ("false", "no", "0", "off"):
                    return False
                raise ValueError
            if otype == 6:
                return guild.members[int(value)]
            if otype == 7:
                return self.fake.channels[int(value)]
            if otype == 8:
                return guild.roles[int(value)]
            if otype == 9:
                return guild.members.get(int(value)) or guild.roles[int(value)]
            if otype == 11:
                return _file(value)
        except (ValueError, TypeError, KeyError, binascii.Error):
            kinds = {4: "a whole number", 10: "a number", 5: "true or false", 6: "a member", 7: "a channel",
                     8: "a role", 9: "a member or a role", 11: "a file"}
            raise ApiError(f"option {name!r} needs {kinds.get(otype, 'a value')}") from None
        return value

    def _options(self, schema: list[dict[str, Any]], given: Any, *, lenient: bool = False) -> dict[str, Any]:
        if given is None:
            return {}
        if not isinstance(given, dict):
            raise ApiError("options must be an object of name: value")
        by_name = {o["name"]: o for o in schema}
        out: dict[str, Any] = {}
        for name, value in given.items():
            if value is None or value == "" or value == []:
                continue
            opt = by_name.get(name)
            if opt is None:
                if lenient:
                    continue
                raise ApiError(f"unknown option {name!r}")
            try:
                out[name] = self._convert(opt, value)
            except ApiError:
                if not lenient:
                    raise
        return out

    async def slash(self, request: web.Request) -> web.StreamResponse:
        body, viewer = await self._body(request)
        channel = self._channel(body.get("channel"), viewer)
        command, schema = self._command_schema(body.get("command"))
        options = self._options(schema, body.get("options"))
        # force: act as if a server admin had made a hidden command visible, to try the bot's own checks
        result = await self.fake.slash(viewer, command, in_channel=channel, options=options,
                                       force_permissions=bool(body.get("force")))
        self._tick(viewer, "slash", command)
        return web.json_response(self.result_json(result, viewer))

    async def autocomplete(self, request: web.Request) -> web.StreamResponse:
        body, viewer = await self._body(request)
        channel = self._channel(body.get("channel"), viewer)
        command, schema = self._command_schema(body.get("command"))
        option = str(body.get("option") or "")
        others = {k: v for k, v in (body.get("options") or {}).items() if k != option}
        options = self._options(schema, others, lenient=True)
        choices = await self.fake.autocomplete(viewer, command, option, str(body.get("value") or ""),
                                               in_channel=channel, options=options)
        return web.json_response({"choices": list(choices)})

    async def context(self, request: web.Request) -> web.StreamResponse:
        body, viewer = await self._body(request)
        name = str(body.get("name") or "")
        if body.get("message"):
            target: Any = self._message(body["message"], viewer)
            channel = target.channel
        else:
            channel = self._channel(body.get("channel"), viewer)
            target = self._viewer(body.get("user"))
        result = await self.fake.context_menu(viewer, name, target, in_channel=channel)
        self._tick(viewer, "context", name)
        return web.json_response(self.result_json(result, viewer))

    async def click(self, request: web.Request) -> web.StreamResponse:
        body, viewer = await self._body(request)
        msg = self._message(body.get("message"), viewer)
        result = await self.fake.click(viewer, msg, custom_id=str(body.get("custom_id") or ""))
        self._tick(viewer, "click", str(body.get("custom_id") or ""))
        return web.json_response(self.result_json(result, viewer))

    async def select(self, request: web.Request) -> web.StreamResponse:
        body, viewer = await self._body(request)
        msg = self._message(body.get("message"), viewer)
        custom_id = str(body.get("custom_id") or "")
        component = msg.select(custom_id=custom_id)
        values = self._select_values(component, body.get("values"))
        result = await self.fake.select(viewer, msg, values, custom_id=custom_id)
        return web.json_response(self.result_json(result, viewer))

    def _select_values(self, component: dict[str, Any], values: Any) -> list[Any]:
        if not isinstance(values, list):
            raise ApiError("values must be a list")
        ctype = component.get("type")
        if ctype == 3:
            return [str(v) for v in values]
        out = []
        guild = self.guild
        for v in values:
            try:
                vid = int(v)
            except (TypeError, ValueError):
                raise ApiError(f"{v!r} is not an id") from None
            found: Any = None
            if ctype in (5, 8):
                found = guild.members.get(vid)
            if found is None and ctype in (6, 8):
                found = guild.roles.get(vid)
            if found is None and ctype == 7:
                found = self.fake.channels.get(vid)
            if found is None:
                raise ApiError(f"nothing with id {vid} to choose")
            out.append(found)
        return out

    async def modal(self, request: web.Request) -> web.StreamResponse:
        body, viewer = await self._body(request)
        entry = self.modals.get(str(body.get("interaction_id")))
        if entry is None or entry[1] != viewer.id:
            raise ApiError("that dialog is no longer open", 404)
        source = entry[0]
        values = body.get("values") or {}
        if not isinstance(values, dict):
            raise ApiError("values must be an object of custom_id: value")
        fields = {f["custom_id"]: f for f in source.modal.fields}
        converted: dict[str, Any] = {}
        for key, value in values.items():
            fld = fields.get(key)
            if fld is None:
                continue
            ftype = fld["type"]
            if ftype in (5, 6, 7, 8):
                converted[key] = self._select_values(fld["component"], value if isinstance(value, list) else [value])
            elif ftype == 3:
                converted[key] = [str(v) for v in (value if isinstance(value, list) else [value]) if v != ""]
            elif ftype == 19:
                converted[key] = [_file(v) for v in (value if isinstance(value, list) else [value])]
            else:
                converted[key] = value
        result = await self.fake.submit_modal(viewer, source, converted)
        self.modals.pop(str(body.get("interaction_id")), None)
        return web.json_response(self.result_json(result, viewer))

    async def post(self, request: web.Request) -> web.StreamResponse:
        body, viewer = await self._body(request)
        channel = self._channel(body.get("channel"), viewer)
        content = str(body.get("content") or "")
        files = [_file(f) for f in body.get("attachments") or []]
        if not content.strip() and not files:
            raise ApiError("write something to post")
        if len(content) > 2000:
            raise ApiError(f"a message is at most 2000 characters (this one has {len(content)})")
        msg = self.fake.post_message(viewer, channel, content, attachments=files or None)
        return web.json_response({"message": self.message_json(msg)})


def _file(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not value.get("filename"):
        raise ApiError("a file needs a filename and base64 data")
    data = base64.b64decode(str(value.get("data") or ""), validate=True)
    return {"filename": str(value["filename"]), "content_type": value.get("content_type") or None, "data": data}
