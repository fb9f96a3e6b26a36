"""The gateway: a websocket speaking Discord's v10 JSON protocol in plain text frames.

HELLO, IDENTIFY -> READY + one GUILD_CREATE per guild, heartbeats ACKed, RESUME (missed events
replayed by sequence, then RESUMED) or INVALID_SESSION, REQUEST_GUILD_MEMBERS -> one chunk.
The ``compress`` query parameter is ignored: discord.py reads text frames without inflating them.

Every dispatch goes into each session's replay buffer first, then to the session's live
connection (if any) through a per-connection writer task, so a session that drops and
resumes gets exactly the events it missed, in order.

Sharding: IDENTIFY may carry ``shard: [shard_id, shard_count]``. A sharded session gets READY and
GUILD_CREATE for, and every event of (messages, members, roles, channels, reactions, interactions),
only the guilds it owns, ``(guild_id >> 22) % shard_count == shard_id``; events outside a guild
(DMs, DM interactions) go to shard 0 only. An unsharded session gets everything, as Discord does
below its sharding threshold (beyond ``SHARDING_REQUIRED`` guilds it closes with 4011).
"""

from __future__ import annotations

import asyncio
import collections
import json
import logging
import secrets
import time
from typing import TYPE_CHECKING, Any, Optional

from aiohttp import WSMsgType, web

from .state import DIRECT_MESSAGES, GUILD_MEMBERS, GUILD_MESSAGES, GUILDS, MESSAGE_CONTENT

if TYPE_CHECKING:  # pragma: no cover
    from .models import Guild, Message
    from .server import FakeDiscord

log = logging.getLogger("fakediscord.gateway")

DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, VOICE_STATE, RESUME, RECONNECT, REQUEST_MEMBERS, INVALID_SESSION, \
    HELLO, HEARTBEAT_ACK = 0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11

_CLOSE = object()
SHARDING_REQUIRED = 2500  # guilds one unsharded session may hold (Discord closes with 4011 beyond)


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard that owns a guild: Discord's ``(guild_id >> 22) % shard_count``."""
    return (guild_id >> 22) % shard_count


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class Connection:
    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.queue: asyncio.Queue[Any] = asyncio.Queue()
        self.session: Optional[Session] = None
        self.writer: Optional[asyncio.Task] = None
        self.closed = False
        self.last_heartbeat: Optional[float] = None

    def send(self, frame: str) -> None:
        if not self.closed:
            self.queue.put_nowait(frame)

    def close_after_flush(self, code: int, reason: str) -> None:
        if not self.closed:
            self.queue.put_nowait((_CLOSE, code, reason))


class Session:
    def __init__(self, session_id: str, intents: int, shard: Optional[tuple[int, int]], buffer_size: int) -> None:
        self.id = session_id
        self.intents = intents
        self.shard = shard
        self.seq = 0
        self.buffer: collections.deque[tuple[int, str]] = collections.deque(maxlen=buffer_size)
        self.conn: Optional[Connection] = None
        self.disconnected_at: Optional[float] = None
        self.invalidated = False
        self.ready = False  # READY (or RESUMED) and its burst were written to the connection

    def wants_guild(self, guild_id: Optional[int]) -> bool:
        if self.shard is None:
            return True
        shard_id, count = self.shard
        if guild_id is None:  # DMs go to shard 0
            return shard_id == 0
        return shard_of(guild_id, count) == shard_id

    def push(self, event: str, data_json: str) -> None:
        self.seq += 1
        frame = f'{{"op":0,"t":"{event}","s":{self.seq},"d":{data_json}}}'
        self.buffer.append((self.seq, frame))
        if self.conn is not None:
            self.conn.send(frame)

    def can_resume_from(self, seq: Optional[int]) -> bool:
        if self.invalidated:
            return False
        seq = seq or 0
        if seq > self.seq:
            return False
        if seq == self.seq:
            return True
        return bool(self.buffer) and self.buffer[0][0] <= seq + 1


class Gateway:
    heartbeat_interval_ms = 41250
    resume_window = 300.0  # seconds a dropped session stays resumable
    buffer_size = 20000

    def __init__(self, fake: "FakeDiscord") -> None:
        self.fake = fake
        self.sessions: dict[str, Session] = {}
        self.connections: set[Connection] = set()
        self.identify_count = 0
        self.resume_count = 0
        self.ready_count = 0
        self.ready_event = asyncio.Event()
        self._ready_waiters: list[asyncio.Future] = []
        self.recommended_shards: Optional[int] = None  # GET /gateway/bot; None: one per 1000 guilds
        self._disconnect_waiters: list[asyncio.Future] = []

    # ------------------------------------------------------------------------------------------------
    # public helpers

    @property
    def live_sessions(self) -> list[Session]:
        return [s for s in self.sessions.values() if s.conn is not None]

    @property
    def connected(self) -> bool:
        return bool(self.live_sessions)

    def shard_count_advice(self) -> int:
        """The ``shards`` GET /gateway/bot recommends (Discord: about one per 1000 guilds)."""
        if self.recommended_shards is not None:
            return self.recommended_shards
        return max(1, -(-len(self.fake.guilds) // 1000))

    def ready_shards(self) -> set[Optional[int]]:
        """Shard ids of the live sessions that received their READY burst (None: unsharded)."""
        return {s.shard[0] if s.shard else None for s in self.live_sessions if s.ready}

    async def drop(self, *, resume: bool = True, code: int = 4000) -> int:
        """Close every live bot connection (code 4000 lets discord.py reconnect and RESUME). With
        ``resume=False`` the sessions are invalidated, so RESUME gets INVALID_SESSION and the bot
        has to IDENTIFY again."""
        conns = [c for c in self.connections if not c.closed]
        for conn in conns:
            if conn.session is not None and not resume:
                conn.session.invalidated = True
            await self._close(conn, code, "dropped by test")
        return len(conns)

    async def send_reconnect(self) -> None:
        """Send op 7 RECONNECT to every live connection (the client closes and resumes)."""
        for conn in list(self.connections):
            conn.send(_dumps({"op": RECONNECT, "d": None}))

    async def close_all(self) -> None:
        for conn in list(self.connections):
            await self._close(conn, 1001, "server shutting down")

    # ------------------------------------------------------------------------------------------------
    # dispatching

    def dispatch(self, event: str, data: dict[str, Any], *, intent: Optional[int] = None,
                 guild_id: Optional[int] = None) -> int:
        """Queue an event for every session that wants it; returns how many sessions got it.
        ``guild_id=None`` means an event outside any guild (a DM): only shard 0 gets it."""
        data_json: Optional[str] = None
        sent = 0
        for session in self._active_sessions():
            if intent is not None and not session.intents & intent:
                continue
            if not session.wants_guild(guild_id):
                continue
            if data_json is None:
                data_json = _dumps(data)
            session.push(event, data_json)
            sent += 1
        return sent

    def dispatch_message(self, kind: str, msg: "Message", data: dict[str, Any]) -> None:
        guild = msg.channel.guild
        intent = GUILD_MESSAGES if guild is not None else DIRECT_MESSAGES
        if kind == "message_deleted":
            payload: dict[str, Any] = {"id": str(msg.id), "channel_id": str(msg.channel.id)}
            if guild is not None:
                payload["guild_id"] = str(guild.id)
            self.dispatch("MESSAGE_DELETE", payload, intent=intent, guild_id=guild.id if guild else None)
            return
        event = "MESSAGE_CREATE" if kind == "message_created" else "MESSAGE_UPDATE"
        full = dict(data)
        if guild is not None:
            member = guild.members.get(msg.author.id)
            if member is not None:
                full["member"] = member.payload(with_user=False)
        needs_content_intent = (guild is not None and msg.author.id != self.fake.bot_user.id
                                and self.fake.bot_user.id not in msg.mentions)
        full_json: Optional[str] = None
        stripped_json: Optional[str] = None
        for session in self._active_sessions():
            if not session.intents & intent:
                continue
            if not session.wants_guild(guild.id if guild is not None else None):
                continue
            if needs_content_intent and not session.intents & MESSAGE_CONTENT:
                if stripped_json is None:
                    stripped = dict(full, content="", embeds=[], attachments=[], components=[])
                    stripped.pop("poll", None)
                    stripped_json = _dumps(stripped)
                session.push(event, stripped_json)
            else:
                if full_json is None:
                    full_json = _dumps(full)
                session.push(event, full_json)

    def dispatch_guild_create(self, guild: "Guild") -> None:
        for session in self._active_sessions():
            if session.intents & GUILDS and session.wants_guild(guild.id):
                session.push("GUILD_CREATE", _dumps(guild.payload(with_members=bool(session.intents & GUILD_MEMBERS))))

    def _active_sessions(self) -> list[Session]:
        now = time.monotonic()
        stale = [sid for sid, s in self.sessions.items()
                 if s.conn is None and (s.invalidated or (s.disconnected_at is not None
                                                          and now - s.disconnected_at > self.resume_window))]
        for sid in stale:
            del self.sessions[sid]
        return list(self.sessions.values())

    # ------------------------------------------------------------------------------------------------
    # the websocket

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        conn = Connection(ws)
        self.connections.add(conn)
        conn.writer = asyncio.ensure_future(self._writer(conn))
        conn.send(_dumps({"op": HELLO, "d": {"heartbeat_interval": self.heartbeat_interval_ms,
                                             "_trace": ["fakediscord-gateway"]}, "s": None, "t": None}))
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    try:
                        payload = json.loads(msg.data)
                    except ValueError:
                        await self._close(conn, 4002, "Error while decoding payload.")
                        break
                    await self._on_payload(conn, payload)
                elif msg.type == WSMsgType.BINARY:
                    await self._close(conn, 4002, "Error while decoding payload.")
                    break
                elif msg.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                    break
        except (asyncio.CancelledError, ConnectionResetError):
            pass
        finally:
            await self._forget(conn)
        return ws

    async def _writer(self, conn: Connection) -> None:
        try:
            while True:
                item = await conn.queue.get()
                if isinstance(item, tuple) and item and item[0] is _CLOSE:
                    await self._close(conn, item[1], item[2])
                    return
                if callable(item):  # a marker: everything queued before it has been written
                    item()
                    continue
                await conn.ws.send_str(item)
        except (ConnectionResetError, RuntimeError, asyncio.CancelledError):
            return
        except Exception:  # pragma: no cover - a broken socket must not kill the server
            log.exception("gateway writer failed")

    async def _close(self, conn: Connection, code: int, reason: str) -> None:
        if conn.closed:
            return
        conn.closed = True
        self._detach(conn)
        writer = conn.writer
        if writer is not None and writer is not asyncio.current_task():
            writer.cancel()
        try:
            await conn.ws.close(code=code, message=reason.encode())
        except Exception:  # pragma: no cover
            pass

    def _detach(self, conn: Connection) -> None:
        session = conn.session
        if session is not None and session.conn is conn:
            session.conn = None
            session.disconnected_at = time.monotonic()
        if not any(s.conn is not None for s in self.sessions.values()):
            self.ready_event.clear()
            for waiter in self._disconnect_waiters:
                if not waiter.done():
                    waiter.set_result(None)
            self._disconnect_waiters.clear()

    async def _forget(self, conn: Connection) -> None:
        if not conn.closed:
            conn.closed = True
            self._detach(conn)
            if conn.writer is not None:
                conn.writer.cancel()
        self.connections.discard(conn)

    async def _on_payload(self, conn: Connection, payload: dict[str, Any]) -> None:
        op = payload.get("op")
        data = payload.get("d")
        if op == HEARTBEAT:
            conn.last_heartbeat = time.monotonic()
            conn.send(_dumps({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None}))
        elif op == IDENTIFY:
            await self._identify(conn, data or {})
        elif op == RESUME:
            await self._resume(conn, data or {})
        elif op == REQUEST_MEMBERS:
            if conn.session is None:
                await self._close(conn, 4003, "Not authenticated.")
                return
            self._request_members(conn.session, data or {})
        elif op in (PRESENCE, VOICE_STATE):
            if conn.session is None:
                await self._close(conn, 4003, "Not authenticated.")
        else:
            await self._close(conn, 4001, "Unknown opcode.")

    def _token_ok(self, token: Any) -> bool:
        if not isinstance(token, str):
            return False
        if token.startswith("Bot "):
            token = token[4:]
        return token == self.fake.token

    async def _identify(self, conn: Connection, data: dict[str, Any]) -> None:
        if conn.session is not None:
            await self._close(conn, 4005, "Already authenticated.")
            return
        if not self._token_ok(data.get("token")):
            conn.close_after_flush(4004, "Authentication failed.")
            return
        intents = data.get("intents")
        if not isinstance(intents, int):
            conn.close_after_flush(4013, "Invalid intent(s).")
            return
        from .state import PRIVILEGED_INTENTS

        if intents & PRIVILEGED_INTENTS & ~self.fake.privileged_intents:
            conn.close_after_flush(4014, "Disallowed intent(s).")
            return
        shard = data.get("shard")
        shard_t: Optional[tuple[int, int]] = None
        if shard is not None:
            try:
                shard_t = (int(shard[0]), int(shard[1]))
                assert 0 <= shard_t[0] < shard_t[1]
            except Exception:
                conn.close_after_flush(4010, "Invalid shard.")
                return
        if shard_t is None and len(self.fake.guilds) > SHARDING_REQUIRED:
            conn.close_after_flush(4011, "Sharding required.")
            return
        session = Session(secrets.token_hex(16), intents, shard_t, self.buffer_size)
        self.sessions[session.id] = session
        session.conn = conn
        conn.session = session
        fake = self.fake
        guilds = [g for g in fake.guilds.values() if session.wants_guild(g.id)]
        ready = {
            "v": 10,
            "user": dict(fake.bot_user.payload(), verified=True, mfa_enabled=False, email=None, locale="en-US"),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": fake.gateway_url,
            "application": {"id": str(fake.application_id), "flags": fake.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "auth": {},
            "_trace": ["fakediscord-gateway"],
        }
        if shard_t is not None:
            ready["shard"] = list(shard_t)
        session.push("READY", _dumps(ready))
        if intents & GUILDS:
            with_members = bool(intents & GUILD_MEMBERS)
            for guild in guilds:
                session.push("GUILD_CREATE", _dumps(guild.payload(with_members=with_members)))
        self.identify_count += 1
        conn.queue.put_nowait(lambda: self._mark_ready(conn))

    async def _resume(self, conn: Connection, data: dict[str, Any]) -> None:
        if conn.session is not None:
            await self._close(conn, 4005, "Already authenticated.")
            return
        if not self._token_ok(data.get("token")):
            conn.close_after_flush(4004, "Authentication failed.")
            return
        self._active_sessions()  # expire stale sessions first
        session = self.sessions.get(str(data.get("session_id")))
        seq = data.get("seq")
        if session is None or not session.can_resume_from(seq):
            conn.send(_dumps({"op": INVALID_SESSION, "d": False, "s": None, "t": None}))
            return
        if session.conn is not None and session.conn is not conn:
            old = session.conn
            await self._close(old, 4009, "Session replaced.")
        session.conn = conn
        session.disconnected_at = None
        session.ready = False  # until the replay and RESUMED are written
        conn.session = session
        for s, frame in session.buffer:
            if s > (seq or 0):
                conn.send(frame)
        session.push("RESUMED", _dumps({"_trace": ["fakediscord-gateway"]}))
        self.resume_count += 1
        conn.queue.put_nowait(lambda: self._mark_ready(conn))

    def _request_members(self, session: Session, data: dict[str, Any]) -> None:
        guild_ids = data.get("guild_id")
        if not isinstance(guild_ids, list):
            guild_ids = [guild_ids]
        for gid in guild_ids:
            guild = self.fake.guilds.get(int(gid)) if gid is not None else None
            if guild is None or not session.wants_guild(guild.id):  # another shard's guild
                continue
            members = list(guild.members.values())
            not_found: list[str] = []
            user_ids = data.get("user_ids")
            if user_ids is not None:
                if not isinstance(user_ids, list):
                    user_ids = [user_ids]
                wanted = [int(u) for u in user_ids]
                members = [guild.members[u] for u in wanted if u in guild.members]
                not_found = [str(u) for u in wanted if u not in guild.members]
            else:
                query = (data.get("query") or "").casefold()
                if query:
                    members = [m for m in members if m.user.username.casefold().startswith(query)
                               or (m.user.global_name or "").casefold().startswith(query)
                               or (m.nick or "").casefold().startswith(query)]
                limit = data.get("limit") or 0
                if limit:
                    members = members[:limit]
            chunk: dict[str, Any] = {
                "guild_id": str(guild.id),
                "members": [m.payload() for m in members],
                "chunk_index": 0,
                "chunk_count": 1,
                "not_found": not_found,
            }
            if data.get("presences"):
                chunk["presences"] = []
            if data.get("nonce") is not None:
                chunk["nonce"] = data["nonce"]
            session.push("GUILD_MEMBERS_CHUNK", _dumps(chunk))

    async def wait_disconnected(self, timeout: float) -> None:
        if not self.connected:
            return
        waiter = asyncio.get_running_loop().create_future()
        self._disconnect_waiters.append(waiter)
        await asyncio.wait_for(waiter, timeout)

    def _mark_ready(self, conn: Connection) -> None:
        """Called by the writer once READY + GUILD_CREATEs (or the replay + RESUMED) were sent."""
        if conn.closed:
            return
        if conn.session is not None:
            conn.session.ready = True
        self.ready_count += 1
        self.ready_event.set()
        for waiter in list(self._ready_waiters):
            if not waiter.done():
                waiter.set_result(None)
        self._ready_waiters.clear()

    async def wait_ready(self, timeout: float, *, new: bool = False) -> None:
        """Until a connection is identified (or resumed) and has received its READY burst; with
        ``new=True``, one that completes after this call."""
        if not new and self.ready_event.is_set():
            return
        waiter = asyncio.get_running_loop().create_future()
        self._ready_waiters.append(waiter)
        await asyncio.wait_for(waiter, timeout)
