"""The REST API under ``/api/v10`` (any ``/api/vN`` works), plus attachment downloads.

A small regex router dispatches to handlers; every request, matched or not, is recorded in
``fake.requests`` with its method, path, query, JSON body (``payload_json`` for multipart), the
names of uploaded files, time, status and Discord error code.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import json
import logging
import re
import time
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Optional
from urllib.parse import unquote

from aiohttp import web

from . import errors as E
from . import models as M
from . import permissions as P
from .errors import APIError
from .models import DM, NEWS, PUBLIC_THREAD, TEXT, Channel, Message
from .state import UploadedFile

if TYPE_CHECKING:  # pragma: no cover
    from .server import FakeDiscord

log = logging.getLogger("fakediscord.rest")

API_PREFIX = re.compile(r"^/api(?:/v\d+)?(?=/)")


@dataclass
class RequestRecord:
    """One REST request as the fake received it."""

    method: str
    path: str  # without the /api/vN prefix, e.g. /channels/123/messages
    query: dict[str, str]
    json: Any
    files: list[dict[str, Any]]
    time: float  # wall clock (time.time()) when it arrived
    route: Optional[str] = None  # the matched route template, e.g. POST /channels/{channel_id}/messages
    status: int = 0
    error_code: Optional[int] = None
    error_message: Optional[str] = None
    unknown: bool = False
    rate_limited: bool = False
    duration: float = 0.0
    response: Any = None

    @property
    def allowed_mentions(self) -> Any:
        body = self.json
        if isinstance(body, dict):
            if "allowed_mentions" in body:
                return body["allowed_mentions"]
            data = body.get("data")
            if isinstance(data, dict):
                return data.get("allowed_mentions")
        return None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def __repr__(self) -> str:
        err = f" error={self.error_code}" if self.error_code else ""
        return f"<Request {self.method} {self.path} -> {self.status}{err}>"


@dataclass
class Ctx:
    fake: "FakeDiscord"
    request: web.Request
    params: dict[str, str]
    json: Any
    files: list[UploadedFile]
    query: dict[str, str]
    record: RequestRecord = field(repr=False, default=None)  # type: ignore[assignment]

    def body(self) -> dict[str, Any]:
        if not isinstance(self.json, dict):
            raise E.invalid_form_body({"_errors": [{"code": "DICT_TYPE_CONVERT",
                                                    "message": "Only dictionaries may be used in a DictType"}]})
        return self.json


Handler = Callable[[Ctx], Awaitable[Any]]


class Router:
    def __init__(self) -> None:
        self.routes: list[tuple[str, re.Pattern[str], str, Handler, bool]] = []

    def add(self, method: str, template: str, *, auth: bool = True) -> Callable[[Handler], Handler]:
        pattern = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$")

        def deco(fn: Handler) -> Handler:
            self.routes.append((method, pattern, template, fn, auth))
            return fn

        return deco

    def match(self, method: str, path: str) -> tuple[Optional[tuple], bool]:
        path_known = False
        for m, pattern, template, fn, auth in self.routes:
            found = pattern.match(path)
            if found:
                path_known = True
                if m == method:
                    return (template, fn, auth, {k: unquote(v) for k, v in found.groupdict().items()}), True
        return None, path_known


router = Router()
route = router.add


# --------------------------------------------------------------------------------------------------
# request plumbing

async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    if request.content_type.startswith("multipart/"):
        payload: Any = None
        files: list[UploadedFile] = []
        reader = await request.multipart()
        while True:
            part = await reader.next()
            if part is None:
                break
            name = getattr(part, "name", None) or ""
            if name == "payload_json":
                text = await part.text()
                try:
                    payload = json.loads(text)
                except ValueError:
                    raise APIError(400, 50109, "The request body contains invalid JSON.") from None
            elif name.startswith("file"):
                data = bytes(await part.read(decode=False))
                match = re.search(r"\[(\d+)\]", name)
                index = int(match.group(1)) if match else len(files)
                files.append(UploadedFile(index, part.filename or name, data, part.headers.get("Content-Type")))
            else:
                await part.read()
        return (payload if payload is not None else {}), files
    raw = await request.read()
    if not raw:
        return None, []
    try:
        return json.loads(raw), []
    except ValueError:
        raise APIError(400, 50109, "The request body contains invalid JSON.") from None


def _authorised(fake: "FakeDiscord", request: web.Request) -> bool:
    header = request.headers.get("Authorization", "")
    token = header[4:] if header.startswith("Bot ") else header
    return bool(token) and token == fake.token


def _json_response(status: int, body: Any, headers: Optional[dict[str, str]] = None) -> web.Response:
    if status == 204 or body is None:
        return web.Response(status=204, headers=headers)
    # exactly "application/json" (no charset): discord.py's json_or_text compares the header verbatim
    return web.Response(status=status, body=json.dumps(body, ensure_ascii=False).encode(),
                        headers={**(headers or {}), "Content-Type": "application/json"})


async def handle_api(request: web.Request) -> web.StreamResponse:
    fake: "FakeDiscord" = request.app["fake"]
    started = time.monotonic()
    path = API_PREFIX.sub("", request.path, count=1)
    record = RequestRecord(method=request.method, path=path, query=dict(request.query), json=None, files=[],
                           time=time.time())
    fake.requests.append(record)
    status, body = 500, None
    headers: Optional[dict[str, str]] = None
    try:
        found, path_known = router.match(request.method, path)
        try:
            payload, files = await _read_body(request)
        except APIError:
            payload, files = None, []
            if found is not None:
                raise
        record.json = payload
        record.files = [{"index": f.index, "filename": f.filename, "size": len(f.data),
                         "content_type": f.content_type} for f in files]
        if found is None:
            record.unknown = True
            if path_known:
                status, body = 405, {"message": "405: Method Not Allowed", "code": 0}
            else:
                status, body = 404, {"message": "404: Not Found", "code": 0}
        else:
            template, fn, auth, params = found
            record.route = f"{request.method} {template}"
            verdict = None
            if auth and not _authorised(fake, request):
                status, body = 401, {"message": "401: Unauthorized", "code": 0}
            elif (verdict := fake.rate_limits.check(record.route, params, authenticated=auth)) is not None \
                    and verdict.retry_after is not None:
                headers = verdict.headers
                record.rate_limited = True
                status, body = 429, {"message": "You are being rate limited.", "retry_after": verdict.retry_after,
                                     "global": verdict.is_global, "code": 0}
            else:
                headers = verdict.headers if verdict is not None else None
                ctx = Ctx(fake, request, params, payload, files, dict(request.query), record)
                if fake.request_delay:
                    await asyncio.sleep(fake.request_delay)
                result = await fn(ctx)
                if isinstance(result, tuple):
                    status, body = result
                elif result is None:
                    status, body = 204, None
                else:
                    status, body = 200, result
    except APIError as err:
        status, body = err.status, err.to_json()
        record.error_code, record.error_message = err.code, err.message
    except Exception:  # a bug in the fake: answer 500 like Discord would, and log it loudly
        log.exception("fakediscord: %s %s failed", request.method, path)
        status, body = 500, {"message": "500: Internal Server Error", "code": 0}
    record.status = status
    record.response = body
    record.duration = time.monotonic() - started
    if isinstance(body, dict) and record.error_code is None and status >= 400:
        record.error_code = body.get("code")
        record.error_message = body.get("message")
    return _json_response(status, body, headers)


async def handle_attachment(request: web.Request) -> web.StreamResponse:
    fake: "FakeDiscord" = request.app["fake"]
    try:
        att = fake.attachments.get(int(request.match_info["attachment_id"]))
    except ValueError:
        att = None
    if att is None or att.filename != request.match_info["filename"]:
        return web.Response(status=404, text="Not Found")
    return web.Response(body=att.data, content_type=att.content_type.split(";")[0],
                        headers={"Content-Disposition": f'inline; filename="{att.filename}"'})


async def handle_not_api(request: web.Request) -> web.StreamResponse:
    fake: "FakeDiscord" = request.app["fake"]
    fake.requests.append(RequestRecord(method=request.method, path=request.path, query=dict(request.query),
                                       json=None, files=[], time=time.time(), status=404, unknown=True))
    return _json_response(404, {"message": "404: Not Found", "code": 0})


def build_app(fake: "FakeDiscord") -> web.Application:
    app = web.Application(client_max_size=64 * 1024 * 1024)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # aiohttp prefers AppKey; a plain key keeps this simple
        app["fake"] = fake
    app.router.add_get("/gateway", fake.gateway.handle)
    app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", handle_attachment)
    app.router.add_route("*", "/api/{tail:.*}", handle_api)
    app.router.add_route("*", "/{tail:.*}", handle_not_api)
    return app


# --------------------------------------------------------------------------------------------------
# helpers for handlers

def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise E.invalid_form_body({"id": {"_errors": [{"code": "NUMBER_TYPE_COERCE",
                                                       "message": f"Value \"{value}\" is not snowflake."}]}}) from None


def _channel(ctx: Ctx, *, need: int = 0) -> Channel:
    fake = ctx.fake
    channel = fake.channels.get(_int(ctx.params["channel_id"]))
    if channel is None:
        raise E.not_found(E.UNKNOWN_CHANNEL, "Channel")
    if channel.guild is not None:
        if channel.guild.id not in fake.guilds:
            raise E.not_found(E.UNKNOWN_CHANNEL, "Channel")
        perms = P.channel_permissions(channel.guild.me, channel)
        if not P.has(perms, P.VIEW_CHANNEL):
            raise E.missing_access()
        if need and not P.has(perms, need):
            raise E.missing_permissions()
    return channel


def _is_thread(ctx: Ctx) -> bool:
    channel = ctx.fake.channels.get(_int(ctx.params["channel_id"]))
    return channel is not None and channel.type == PUBLIC_THREAD


def _channel_message(ctx: Ctx, channel: Channel) -> Message:
    msg = ctx.fake.messages.get(_int(ctx.params["message_id"]))
    if msg is None or msg.deleted or msg.channel is not channel or msg.visible_to is not None:
        raise E.not_found(E.UNKNOWN_MESSAGE, "Message")
    return msg


def _guild(ctx: Ctx):
    guild = ctx.fake.guilds.get(_int(ctx.params["guild_id"]))
    if guild is None:
        raise E.not_found(E.UNKNOWN_GUILD, "Guild")
    return guild


def _check_app(ctx: Ctx) -> None:
    if ctx.params.get("application_id") != str(ctx.fake.application_id):
        raise E.missing_access()


def _bot_can(ctx: Ctx, guild, bit: int) -> None:
    if not P.has(guild.me.permissions, bit):
        raise E.missing_permissions()


# --------------------------------------------------------------------------------------------------
# users, application, gateway

@route("GET", "/users/@me")
async def get_me(ctx: Ctx) -> Any:
    return dict(ctx.fake.bot_user.payload(), verified=True, mfa_enabled=False, locale="en-US", email=None)


@route("GET", "/users/{user_id}")
async def get_user(ctx: Ctx) -> Any:
    user = ctx.fake.users.get(_int(ctx.params["user_id"]))
    if user is None:
        raise E.not_found(E.UNKNOWN_USER, "User")
    return user.payload()


@route("GET", "/users/@me/guilds")
async def get_my_guilds(ctx: Ctx) -> Any:
    return [{"id": str(g.id), "name": g.name, "icon": None, "banner": None, "owner": False,
             "permissions": str(g.me.permissions), "features": []} for g in ctx.fake.guilds.values()]


@route("POST", "/users/@me/channels")
async def create_dm(ctx: Ctx) -> Any:
    body = ctx.body()
    user = ctx.fake.users.get(_int(body.get("recipient_id")))
    if user is None:
        raise E.not_found(E.UNKNOWN_USER, "User")
    return ctx.fake.dm_channel(user).payload()


def _application(ctx: Ctx) -> dict[str, Any]:
    fake = ctx.fake
    return {
        "id": str(fake.application_id),
        "name": fake.bot_user.username,
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": fake.owner_user.payload(),
        "team": None,
        "flags": fake.application_flags,
        "bot": fake.bot_user.payload(),
        "rpc_origins": [],
        "tags": [],
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "approximate_guild_count": len(fake.guilds),
        "integration_types_config": {"0": {}},
    }


@route("GET", "/oauth2/applications/@me")
async def get_application(ctx: Ctx) -> Any:
    return _application(ctx)


@route("GET", "/applications/@me")
async def get_application2(ctx: Ctx) -> Any:
    return _application(ctx)


@route("GET", "/gateway", auth=False)
async def get_gateway(ctx: Ctx) -> Any:
    return {"url": ctx.fake.gateway_url}


@route("GET", "/gateway/bot")
async def get_gateway_bot(ctx: Ctx) -> Any:
    return {"url": ctx.fake.gateway_url, "shards": ctx.fake.gateway.shard_count_advice(),
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}


# --------------------------------------------------------------------------------------------------
# application commands

def _scope(ctx: Ctx) -> Optional[int]:
    _check_app(ctx)
    if "guild_id" in ctx.params:
        return _guild(ctx).id
    return None


@route("GET", "/applications/{application_id}/commands")
@route("GET", "/applications/{application_id}/guilds/{guild_id}/commands")
async def list_commands(ctx: Ctx) -> Any:
    return list(ctx.fake.commands.get(_scope(ctx), {}).values())


@route("PUT", "/applications/{application_id}/commands")
@route("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
async def bulk_overwrite_commands(ctx: Ctx) -> Any:
    scope = _scope(ctx)
    return ctx.fake._store_commands(scope, ctx.json if isinstance(ctx.json, list) else ctx.json or [])


@route("POST", "/applications/{application_id}/commands")
@route("POST", "/applications/{application_id}/guilds/{guild_id}/commands")
async def create_command(ctx: Ctx) -> Any:
    scope = _scope(ctx)
    existed = any(c["name"] == ctx.body().get("name") and c["type"] == (ctx.body().get("type") or 1)
                  for c in ctx.fake.commands.get(scope, {}).values())
    stored = ctx.fake._store_commands(scope, [ctx.body()], replace=False)[0]
    return (200 if existed else 201), stored


@route("GET", "/applications/{application_id}/guilds/{guild_id}/commands/permissions")
async def command_permissions(ctx: Ctx) -> Any:
    _scope(ctx)
    return []


def _command(ctx: Ctx, scope: Optional[int]) -> dict[str, Any]:
    cmd = ctx.fake.commands.get(scope, {}).get(_int(ctx.params["command_id"]))
    if cmd is None:
        raise E.not_found(E.UNKNOWN_APPLICATION_COMMAND, "application command")
    return cmd


@route("GET", "/applications/{application_id}/commands/{command_id}")
@route("GET", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def get_command(ctx: Ctx) -> Any:
    return _command(ctx, _scope(ctx))


@route("PATCH", "/applications/{application_id}/commands/{command_id}")
@route("PATCH", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def edit_command(ctx: Ctx) -> Any:
    scope = _scope(ctx)
    cmd = dict(_command(ctx, scope))
    for key in ("id", "application_id", "version", "guild_id"):
        cmd.pop(key, None)
    cmd.update(ctx.body())
    return ctx.fake._store_commands(scope, [cmd], replace=False)[0]


@route("DELETE", "/applications/{application_id}/commands/{command_id}")
@route("DELETE", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def delete_command(ctx: Ctx) -> Any:
    scope = _scope(ctx)
    _command(ctx, scope)
    del ctx.fake.commands[scope][_int(ctx.params["command_id"])]
    return None


# --------------------------------------------------------------------------------------------------
# channels and messages

@route("GET", "/channels/{channel_id}")
async def get_channel(ctx: Ctx) -> Any:
    channel = _channel(ctx)
    return channel.payload()


@route("GET", "/channels/{channel_id}/messages")
async def get_history(ctx: Ctx) -> Any:
    channel = _channel(ctx, need=P.READ_MESSAGE_HISTORY)
    q = ctx.query
    try:
        limit = int(q.get("limit", 50))
    except ValueError:
        limit = -1
    if not 1 <= limit <= 100:
        raise E.invalid_form_body({"limit": {"_errors": [{"code": "NUMBER_TYPE_MAX",
                                                          "message": "int value should be less than or equal to 100."}]}})
    opt = {k: _int(q[k]) for k in ("before", "after", "around") if q.get(k)}
    return [m.to_dict() for m in ctx.fake._history(channel, limit=limit, **opt)]


@route("POST", "/channels/{channel_id}/messages")
async def create_message(ctx: Ctx) -> Any:
    fake = ctx.fake
    channel = _channel(ctx, need=P.SEND_MESSAGES_IN_THREADS if _is_thread(ctx) else P.SEND_MESSAGES)
    if ctx.files and channel.guild is not None:
        if not P.has(P.channel_permissions(channel.guild.me, channel), P.ATTACH_FILES):
            raise E.missing_permissions()
    if channel.type == DM:
        recipient = channel.recipient
        shares_guild = any(recipient.id in g.members for g in fake.guilds.values())
        if recipient is None or recipient.bot or not recipient.dms_open or not shares_guild:
            raise E.cannot_dm()
    body = ctx.body()
    # enforce_nonce: a second message from the same author with the same nonce within the window
    # returns the first one instead of creating another (Discord keeps nonces "a few minutes").
    nonce = body.get("nonce")
    key = (fake.bot_user.id, str(nonce)) if nonce is not None and body.get("enforce_nonce") else None
    if key is not None:
        seen = fake.nonces.get(key)
        if seen is not None and time.monotonic() - seen[0] < fake.nonce_window:
            first = fake.messages.get(seen[1])
            if first is not None:
                fake.nonce_hits += 1
                return first.to_dict()
    msg = fake._create_message(channel, fake.bot_user, body, ctx.files)
    if key is not None:
        fake.nonces[key] = (time.monotonic(), msg.id)
    return msg.to_dict()


@route("POST", "/channels/{channel_id}/messages/{message_id}/threads")
async def start_thread_from_message(ctx: Ctx) -> Any:
    """A public thread under a message; the thread's id is the message's, as on Discord."""
    fake = ctx.fake
    channel = _channel(ctx, need=P.CREATE_PUBLIC_THREADS)
    if channel.guild is None or channel.type not in (TEXT, NEWS):
        raise APIError(400, 50024, "Cannot execute action on this channel type")
    msg = _channel_message(ctx, channel)
    if msg.id in fake.channels:
        raise APIError(400, 160004, "A thread has already been created for this message")
    body = ctx.body()
    name = str(body.get("name") or "").strip()
    if not 1 <= len(name) <= 100:
        raise E.invalid_form_body({"name": {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH",
                                                         "message": "Must be between 1 and 100 in length."}]}})
    thread = Channel(fake, msg.id, name, type=PUBLIC_THREAD, guild=channel.guild, parent_id=channel.id)
    thread.owner_id = fake.bot_user.id
    thread.auto_archive_duration = int(body.get("auto_archive_duration") or 1440)
    fake._index_channel(thread)
    fake._emit("thread_created", channel=thread, guild=channel.guild)
    return 201, thread.payload()


@route("GET", "/channels/{channel_id}/messages/{message_id}")
async def get_message(ctx: Ctx) -> Any:
    channel = _channel(ctx, need=P.READ_MESSAGE_HISTORY)
    return _channel_message(ctx, channel).to_dict()


@route("PATCH", "/channels/{channel_id}/messages/{message_id}")
async def edit_message(ctx: Ctx) -> Any:
    fake = ctx.fake
    channel = _channel(ctx)
    msg = _channel_message(ctx, channel)
    body = ctx.body()
    if msg.author.id != fake.bot_user.id:
        if set(body) - {"flags"}:
            raise APIError(403, E.CANNOT_EDIT_OTHERS_MESSAGE, "Cannot edit a message authored by another user")
    return fake._edit_message(msg, body, ctx.files).to_dict()


@route("DELETE", "/channels/{channel_id}/messages/{message_id}")
async def delete_message(ctx: Ctx) -> Any:
    fake = ctx.fake
    channel = _channel(ctx)
    msg = _channel_message(ctx, channel)
    if msg.author.id != fake.bot_user.id and channel.guild is not None:
        if not P.has(P.channel_permissions(channel.guild.me, channel), P.MANAGE_MESSAGES):
            raise E.missing_permissions()
    fake._delete_message(msg)
    return None


@route("POST", "/channels/{channel_id}/messages/bulk-delete")
async def bulk_delete(ctx: Ctx) -> Any:
    fake = ctx.fake
    channel = _channel(ctx, need=P.MANAGE_MESSAGES)
    ids = ctx.body().get("messages") or []
    if not 2 <= len(ids) <= 100:
        raise E.invalid_form_body({"messages": {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH",
                                                             "message": "Must be between 2 and 100 in length."}]}})
    for mid in ids:
        msg = fake.messages.get(_int(mid))
        if msg is not None and msg.channel is channel and not msg.deleted:
            fake._delete_message(msg)
    return None


@route("POST", "/channels/{channel_id}/typing")
async def typing(ctx: Ctx) -> Any:
    _channel(ctx)
    return None


@route("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me")
async def add_reaction(ctx: Ctx) -> Any:
    channel = _channel(ctx, need=P.ADD_REACTIONS)
    msg = _channel_message(ctx, channel)
    msg.reactions.setdefault(ctx.params["emoji"], set()).add(ctx.fake.bot_user.id)
    ctx.fake._emit("message_updated", message=msg)
    return None


@route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me")
async def remove_reaction(ctx: Ctx) -> Any:
    channel = _channel(ctx)
    msg = _channel_message(ctx, channel)
    msg.reactions.get(ctx.params["emoji"], set()).discard(ctx.fake.bot_user.id)
    ctx.fake._emit("message_updated", message=msg)
    return None


@route("PUT", "/channels/{channel_id}/pins/{message_id}")
@route("PUT", "/channels/{channel_id}/messages/pins/{message_id}")
async def pin(ctx: Ctx) -> Any:
    channel = _channel(ctx, need=P.MANAGE_MESSAGES)
    msg = _channel_message(ctx, channel)
    msg.pinned = True
    ctx.fake._emit("message_updated", message=msg)
    return None


@route("DELETE", "/channels/{channel_id}/pins/{message_id}")
@route("DELETE", "/channels/{channel_id}/messages/pins/{message_id}")
async def unpin(ctx: Ctx) -> Any:
    channel = _channel(ctx, need=P.MANAGE_MESSAGES)
    msg = _channel_message(ctx, channel)
    msg.pinned = False
    ctx.fake._emit("message_updated", message=msg)
    return None


# --------------------------------------------------------------------------------------------------
# guilds

@route("GET", "/guilds/{guild_id}")
async def get_guild(ctx: Ctx) -> Any:
    guild = _guild(ctx)
    data = guild.base_payload()
    if ctx.query.get("with_counts") in ("true", "1", "True"):
        data["approximate_member_count"] = len(guild.members)
        data["approximate_presence_count"] = 0
    return data


@route("GET", "/guilds/{guild_id}/channels")
async def get_guild_channels(ctx: Ctx) -> Any:
    return [c.payload() for c in _guild(ctx).channels.values()]


@route("POST", "/guilds/{guild_id}/channels")
async def create_guild_channel(ctx: Ctx) -> Any:
    guild = _guild(ctx)
    _bot_can(ctx, guild, P.MANAGE_CHANNELS)
    body = ctx.body()
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 100:
        raise E.invalid_form_body({"name": {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH",
                                                         "message": "Must be between 1 and 100 in length."}]}})
    ctype = body.get("type") or 0
    parent = guild.channels.get(int(body["parent_id"])) if body.get("parent_id") else None
    overwrites = {}
    for ow in body.get("permission_overwrites") or []:
        target = guild.roles.get(int(ow["id"])) or guild.members.get(int(ow["id"]))
        if target is not None:
            overwrites[target] = (int(ow.get("allow") or 0), int(ow.get("deny") or 0))
    if ctype == 4:
        channel = guild.add_category(name, overwrites=overwrites)
    elif ctype == 2:
        channel = guild.add_voice_channel(name, category=parent)
    else:
        channel = guild.add_text_channel(name, topic=body.get("topic"), category=parent, news=ctype == 5,
                                         nsfw=bool(body.get("nsfw")), overwrites=overwrites)
    return 201, channel.payload()


@route("GET", "/guilds/{guild_id}/roles")
async def get_roles(ctx: Ctx) -> Any:
    return [r.payload() for r in _guild(ctx).roles.values()]


@route("GET", "/guilds/{guild_id}/members")
async def list_members(ctx: Ctx) -> Any:
    guild = _guild(ctx)
    limit = int(ctx.query.get("limit", 1))
    after = int(ctx.query.get("after", 0))
    members = sorted((m for m in guild.members.values() if m.id > after), key=lambda m: m.id)
    return [m.payload() for m in members[:max(1, min(limit, 1000))]]


@route("GET", "/guilds/{guild_id}/members/search")
async def search_members(ctx: Ctx) -> Any:
    guild = _guild(ctx)
    query = (ctx.query.get("query") or "").casefold()
    limit = int(ctx.query.get("limit", 1))
    found = [m for m in guild.members.values()
             if m.user.username.casefold().startswith(query) or (m.nick or "").casefold().startswith(query)
             or (m.user.global_name or "").casefold().startswith(query)]
    return [m.payload() for m in found[:limit]]


@route("GET", "/guilds/{guild_id}/members/{user_id}")
async def get_member(ctx: Ctx) -> Any:
    guild = _guild(ctx)
    member = guild.members.get(_int(ctx.params["user_id"]))
    if member is None:
        raise E.not_found(E.UNKNOWN_MEMBER, "Member")
    return member.payload()


MAX_TIMEOUT_DAYS = 28


@route("PATCH", "/guilds/{guild_id}/members/{user_id}")
async def modify_member(ctx: Ctx) -> Any:
    """Time out a member (``communication_disabled_until``; null lifts it), as Discord does: the bot
    needs Moderate Members, and cannot time out the owner, an administrator, or a member whose top
    role is not below its own (403 50013); at most 28 days ahead (400 50035)."""
    from datetime import datetime, timedelta, timezone

    guild = _guild(ctx)
    member = guild.members.get(_int(ctx.params["user_id"]))
    if member is None:
        raise E.not_found(E.UNKNOWN_MEMBER, "Member")
    body = ctx.body()
    unknown = set(body) - {"communication_disabled_until"}
    if unknown:
        raise APIError(400, 50035, f"fakediscord supports only communication_disabled_until, not {sorted(unknown)}")
    _bot_can(ctx, guild, P.MODERATE_MEMBERS)
    top = max((r.position for r in guild.me.roles), default=0)
    if (member.id == guild.owner_id or P.has(member.permissions, P.ADMINISTRATOR)
            or max((r.position for r in member.roles), default=0) >= top):
        raise E.missing_permissions()
    until = body.get("communication_disabled_until")
    if until is not None:
        try:
            moment = datetime.fromisoformat(str(until).replace("Z", "+00:00"))
        except ValueError:
            moment = None
        now = datetime.now(timezone.utc)
        if moment is None or moment.tzinfo is None or moment > now + timedelta(days=MAX_TIMEOUT_DAYS):
            raise E.invalid_form_body({"communication_disabled_until": {"_errors": [{
                "code": "BASE_TYPE_BAD_TIMESTAMP",
                "message": f"Must be a time within {MAX_TIMEOUT_DAYS} days."}]}})
        until = moment.astimezone(timezone.utc).isoformat()
    member.communication_disabled_until = until
    ctx.fake._emit("member_updated", member=member, guild=guild)
    return member.payload()


def _member_and_role(ctx: Ctx):
    guild = _guild(ctx)
    _bot_can(ctx, guild, P.MANAGE_ROLES)
    member = guild.members.get(_int(ctx.params["user_id"]))
    if member is None:
        raise E.not_found(E.UNKNOWN_MEMBER, "Member")
    role = guild.roles.get(_int(ctx.params["role_id"]))
    if role is None:
        raise E.not_found(E.UNKNOWN_ROLE, "Role")
    top = max((r.position for r in guild.me.roles), default=0)
    if role.position >= top or role.managed:
        raise E.missing_permissions()
    return member, role


@route("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
async def add_member_role(ctx: Ctx) -> Any:
    member, role = _member_and_role(ctx)
    member.add_role(role)
    return None


@route("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
async def remove_member_role(ctx: Ctx) -> Any:
    member, role = _member_and_role(ctx)
    member.remove_role(role)
    return None


# --------------------------------------------------------------------------------------------------
# guild scheduled events (the server's Events list), as Discord validates them

_EVENT_STATUS_MOVES = {(M.EVENT_SCHEDULED, M.EVENT_ACTIVE), (M.EVENT_SCHEDULED, M.EVENT_CANCELED),
                       (M.EVENT_ACTIVE, M.EVENT_COMPLETED)}


def _form_error(field_name: str, code: str, message: str) -> APIError:
    return E.invalid_form_body({field_name: {"_errors": [{"code": code, "message": message}]}})


def _event_time(body: dict[str, Any], key: str) -> Optional["_dt.datetime"]:
    value = body.get(key)
    if value is None:
        return None
    try:
        moment = _dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _form_error(key, "DATE_TIME_TYPE_PARSE", "Could not parse " + str(value)[:40] + ". Should be ISO8601.")
    return moment.astimezone(_dt.timezone.utc)


def _scheduled_event(ctx: Ctx, guild) -> "M.ScheduledEvent":
    found = guild.scheduled_events.get(_int(ctx.params["event_id"]))
    if found is None:
        raise E.not_found(E.UNKNOWN_GUILD_SCHEDULED_EVENT, "Guild Scheduled Event")
    return found


def _check_event_fields(guild, body: dict[str, Any], *, entity_type: int, start: "_dt.datetime",
                        end: Optional["_dt.datetime"], location: Optional[str], channel_id: Any,
                        creating: bool) -> None:
    name = body.get("name")
    if (creating or "name" in body) and (not isinstance(name, str) or not 1 <= len(name) <= 100):
        raise _form_error("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    description = body.get("description")
    if description is not None and (not isinstance(description, str) or len(description) > 1000):
        raise _form_error("description", "BASE_TYPE_MAX_LENGTH", "Must be 1000 or fewer in length.")
    if "privacy_level" in body or creating:
        if body.get("privacy_level") != M.GUILD_ONLY:
            raise _form_error("privacy_level", "BASE_TYPE_CHOICES", "Value must be one of {2}.")
    if entity_type not in (M.EVENT_STAGE, M.EVENT_VOICE, M.EVENT_EXTERNAL):
        raise _form_error("entity_type", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3}.")
    if entity_type == M.EVENT_EXTERNAL:
        if channel_id is not None:
            raise _form_error("channel_id", "GUILD_SCHEDULED_EVENT_CHANNEL_NOT_ALLOWED",
                              "An external event cannot have a channel.")
        if not isinstance(location, str) or not 1 <= len(location) <= 100:
            raise _form_error("entity_metadata", "GUILD_SCHEDULED_EVENT_LOCATION_REQUIRED",
                              "An external event needs a location of 1 to 100 characters.")
        if end is None:
            raise _form_error("scheduled_end_time", "GUILD_SCHEDULED_EVENT_END_TIME_REQUIRED",
                              "An external event needs an end time.")
    else:
        channel = guild.channels.get(_int(channel_id)) if channel_id is not None else None
        wanted = M.VOICE if entity_type == M.EVENT_VOICE else 13
        if channel is None or channel.type != wanted:
            raise _form_error("channel_id", "GUILD_SCHEDULED_EVENT_CHANNEL_REQUIRED",
                              "A voice or stage event needs a channel of that kind.")
    if end is not None and end <= start:
        raise _form_error("scheduled_end_time", "GUILD_SCHEDULED_EVENT_END_BEFORE_START",
                          "The end time must be after the start time.")


@route("GET", "/guilds/{guild_id}/scheduled-events")
async def list_scheduled_events(ctx: Ctx) -> Any:
    return [e.payload() for e in _guild(ctx).scheduled_events.values()]


@route("POST", "/guilds/{guild_id}/scheduled-events")
async def create_scheduled_event(ctx: Ctx) -> Any:
    """Create an event in the server's Events list: the bot needs Manage Events (403 50013); the
    start must be in the future; EXTERNAL needs a location and an end, VOICE/STAGE a channel."""
    guild = _guild(ctx)
    _bot_can(ctx, guild, P.MANAGE_EVENTS)
    body = ctx.body()
    if len(guild.scheduled_events) >= 100:
        raise APIError(400, 30038, "Maximum number of guild scheduled events reached (100)")
    start = _event_time(body, "scheduled_start_time")
    if start is None:
        raise _form_error("scheduled_start_time", "BASE_TYPE_REQUIRED", "This field is required")
    if start <= _dt.datetime.now(_dt.timezone.utc):
        raise _form_error("scheduled_start_time", "GUILD_SCHEDULED_EVENT_SCHEDULED_START_TIME_IN_PAST",
                          "Cannot schedule event in the past.")
    end = _event_time(body, "scheduled_end_time")
    entity_type = body.get("entity_type")
    location = (body.get("entity_metadata") or {}).get("location")
    _check_event_fields(guild, body, entity_type=entity_type, start=start, end=end, location=location,
                        channel_id=body.get("channel_id"), creating=True)
    event = M.ScheduledEvent(guild, ctx.fake._next_id(), ctx.fake.bot_user, name=body["name"],
                             start=start.isoformat(), end=end.isoformat() if end else None,
                             entity_type=entity_type,
                             channel_id=None if entity_type == M.EVENT_EXTERNAL else _int(body["channel_id"]),
                             location=location if entity_type == M.EVENT_EXTERNAL else None,
                             description=body.get("description"))
    guild.scheduled_events[event.id] = event
    return event.payload()


@route("GET", "/guilds/{guild_id}/scheduled-events/{event_id}")
async def get_scheduled_event(ctx: Ctx) -> Any:
    return _scheduled_event(ctx, _guild(ctx)).payload()


@route("PATCH", "/guilds/{guild_id}/scheduled-events/{event_id}")
async def modify_scheduled_event(ctx: Ctx) -> Any:
    """Change an event: any field, and status only as Discord allows (SCHEDULED to ACTIVE or
    CANCELED, ACTIVE to COMPLETED); a finished or cancelled event cannot be changed."""
    guild = _guild(ctx)
    _bot_can(ctx, guild, P.MANAGE_EVENTS)
    event = _scheduled_event(ctx, guild)
    body = ctx.body()
    if event.status in (M.EVENT_COMPLETED, M.EVENT_CANCELED):
        raise APIError(400, 180000, "Cannot modify a finished event")
    status = body.get("status", event.status)
    if status != event.status and (event.status, status) not in _EVENT_STATUS_MOVES:
        raise _form_error("status", "GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION",
                          "Invalid status transition.")
    start = _event_time(body, "scheduled_start_time") or _dt.datetime.fromisoformat(event.scheduled_start_time)
    end = (_event_time(body, "scheduled_end_time") if "scheduled_end_time" in body
           else _dt.datetime.fromisoformat(event.scheduled_end_time) if event.scheduled_end_time else None)
    if "scheduled_start_time" in body and start <= _dt.datetime.now(_dt.timezone.utc):
        raise _form_error("scheduled_start_time", "GUILD_SCHEDULED_EVENT_SCHEDULED_START_TIME_IN_PAST",
                          "Cannot schedule event in the past.")
    entity_type = body.get("entity_type", event.entity_type)
    location = ((body.get("entity_metadata") or {}).get("location") if "entity_metadata" in body
                else event.location)
    channel_id = body.get("channel_id") if "channel_id" in body else event.channel_id
    if entity_type == M.EVENT_EXTERNAL and "channel_id" not in body:
        channel_id = None
    _check_event_fields(guild, body, entity_type=entity_type, start=start, end=end, location=location,
                        channel_id=channel_id, creating=False)
    if "name" in body:
        event.name = body["name"]
    if "description" in body:
        event.description = body["description"]
    event.scheduled_start_time = start.isoformat()
    event.scheduled_end_time = end.isoformat() if end else None
    event.entity_type = entity_type
    event.location = location if entity_type == M.EVENT_EXTERNAL else None
    event.channel_id = None if entity_type == M.EVENT_EXTERNAL else _int(channel_id)
    event.status = status
    return event.payload()


@route("DELETE", "/guilds/{guild_id}/scheduled-events/{event_id}")
async def delete_scheduled_event(ctx: Ctx) -> Any:
    guild = _guild(ctx)
    _bot_can(ctx, guild, P.MANAGE_EVENTS)
    event = _scheduled_event(ctx, guild)
    del guild.scheduled_events[event.id]
    return None


# --------------------------------------------------------------------------------------------------
# interactions and their webhook

@route("POST", "/interactions/{interaction_id}/{token}/callback", auth=False)
async def interaction_callback(ctx: Ctx) -> Any:
    with_response = ctx.query.get("with_response", "").lower() in ("1", "true")
    body = ctx.fake.interaction_callback(ctx.params["interaction_id"], ctx.params["token"], ctx.json, ctx.files,
                                         with_response=with_response)
    return body


@route("POST", "/webhooks/{application_id}/{token}", auth=False)
async def webhook_execute(ctx: Ctx) -> Any:
    body = ctx.body()
    message = ctx.fake.webhook_execute(ctx.params["application_id"], ctx.params["token"], body, ctx.files)
    if ctx.query.get("wait", "").lower() in ("1", "true"):
        return message
    return None


@route("GET", "/webhooks/{application_id}/{token}/messages/{message_id}", auth=False)
async def webhook_get(ctx: Ctx) -> Any:
    return ctx.fake.webhook_get(ctx.params["application_id"], ctx.params["token"], ctx.params["message_id"])


@route("PATCH", "/webhooks/{application_id}/{token}/messages/{message_id}", auth=False)
async def webhook_edit(ctx: Ctx) -> Any:
    return ctx.fake.webhook_edit(ctx.params["application_id"], ctx.params["token"], ctx.params["message_id"],
                                 ctx.body(), ctx.files)


@route("DELETE", "/webhooks/{application_id}/{token}/messages/{message_id}", auth=False)
async def webhook_delete(ctx: Ctx) -> Any:
    ctx.fake.webhook_delete(ctx.params["application_id"], ctx.params["token"], ctx.params["message_id"])
    return None
