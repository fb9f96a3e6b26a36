"""The sandbox page's Telegram view: a JSON API over the fake Bot API's user driver, beside the
Discord one (:mod:`bot.sandbox.web`).

Every request says who is acting (``as``: a seeded Telegram user's id); the API returns only what
that user could see on Telegram (the groups they are in, their own private chat with the bot).

    GET  /api/tg/state?as=ID                   people, the chats ID sees, the bot, whether it is ready
    GET  /api/tg/chats/{chat}/messages?as=ID   the chat's messages as they stand after edits, oldest first
    GET  /api/tg/events?as=ID                  server-sent events: messages created, edited, deleted
    GET  /api/tg/tour?as=ID                    the user's "what to try" steps on Telegram
    GET  /api/tg/files/{file_id}?as=ID         a document the bot sent (a calendar file), downloaded
    POST /api/tg/send   {as, chat, text, reply_to}   write (a command, a reply, a ForceReply answer)
    POST /api/tg/press  {as, chat, message, data}    press an inline button: the bot's toast or alert
    POST /api/tg/start  {as, payload}                press Start in the private chat (a t.me start link)

Until the Telegram side has started (it comes up behind the page) the API answers 503 with
``{"starting": true}``. Driver refusals come back as ``{"error": "..."}`` with status 400.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import quote

from aiohttp import web

from bot.sandbox.web import ApiError, Listener, event_stream, json_body

if TYPE_CHECKING:  # pragma: no cover
    from bot.sandbox.web import SandboxWeb

TEXT_LIMIT = 4096
_START_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class TgStep:
    """One suggestion in a Telegram user's "what to try" panel: ticked by a command (``target``: its
    name) or a button press (``target``: the start of its callback data)."""

    key: str
    member: str  # the TgPerson key
    text: str
    kind: str  # command | press
    target: str

    def matches(self, kind: str, target: str) -> bool:
        return kind == self.kind and (target.startswith(self.target) if kind == "press" else target == self.target)


# Callback data starts with the action's code (routers/_common/callbacks.py): eg = Going, cc = Claim.
STEPS: tuple[TgStep, ...] = (
    TgStep("tg-ali-rsvp", "tg-ali",
           "As Ali, press Going on the Creators' hour in the group: the Discord announcement's count changes too",
           "press", "eg:"),
    TgStep("tg-ali-my", "tg-ali", "Open your chat with Baithak and send /my: your events and calendar files",
           "command", "my"),
    TgStep("tg-moderator-claim", "tg-moderator",
           "As Mehreen, claim R-0006 in Sandbox moderators: Ali's report from the group, the same card as on Discord",
           "press", "cc:"),
    TgStep("tg-nadia-help", "tg-nadia", "As Nadia, send /help in the group (switch the group to Urdu with /setup)",
           "command", "help"),
    TgStep("tg-kamran-start", "tg-kamran",
           "Kamran never started the bot: open the chat with Baithak and press Start", "command", "start"),
    TgStep("tg-admin-event", "tg-admin",
           "As Ayesha, announce an event in the group: /event Chai meetup | tomorrow 6pm | 1h | Lahore | 10",
           "command", "event"),
)


def steps_for(key: str) -> list[TgStep]:
    return [s for s in STEPS if s.member == key]


class TelegramWeb:
    """The /api/tg/ routes of the sandbox page."""

    def __init__(self, web_: "SandboxWeb") -> None:
        self.web = web_
        self.listeners: set[Listener] = set()
        self._unsubscribe: Any = None

    @property
    def side(self) -> Any:
        return self.web.sandbox.telegram

    @property
    def fake(self) -> Any:
        return self.side.fake

    def add_routes(self, r: web.UrlDispatcher) -> None:
        r.add_get("/api/tg/state", self.state)
        r.add_get("/api/tg/chats/{chat_id}/messages", self.messages)
        r.add_get("/api/tg/events", self.events)
        r.add_get("/api/tg/tour", self.tour)
        r.add_get("/api/tg/files/{file_id}", self.file)
        r.add_post("/api/tg/send", self.send)
        r.add_post("/api/tg/press", self.press)
        r.add_post("/api/tg/start", self.start_bot)

    def subscribe(self) -> None:
        if self._unsubscribe is None:
            self._unsubscribe = self.fake.subscribe(self._on_event)

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for listener in list(self.listeners):
            listener.queue.put_nowait(None)

    # lookups -------------------------------------------------------------------------------------------
    def _ready(self) -> None:
        side = self.side
        if not getattr(self.web.sandbox, "with_telegram", False):
            raise ApiError("Telegram is not running in this sandbox (BAITHAK_SANDBOX_TELEGRAM=0, or "
                           "BAITHAK_SANDBOX_SEED=0 without BAITHAK_SANDBOX_TELEGRAM=1).", 404)
        if side.error:
            raise ApiError(f"The Telegram side could not start: {side.error}", 500)
        if not side.ready or side.world is None:
            raise _Starting()
        self.subscribe()

    def _viewer(self, value: Any) -> Any:
        self._ready()
        try:
            wanted = int(value)
        except (TypeError, ValueError):
            wanted = None
        user = next((p.user for p in self.side.world.people if p.user.id == wanted), None)
        if user is None:
            raise ApiError("choose who you are: `as` must be a sandbox Telegram user's id")
        return user

    def _can_view(self, viewer: Any, chat: Any) -> bool:
        if chat.is_private:
            return chat.user is viewer
        return chat.members.get(viewer.id) in ("creator", "administrator", "member")

    def _chat(self, value: Any, viewer: Any) -> Any:
        chat = self.fake.find_chat(value) if value not in (None, "") else None
        if chat is None or not self._can_view(viewer, chat):
            raise ApiError(f"{viewer.full_name} is not in that chat", 404)
        return chat

    def _message(self, chat: Any, value: Any) -> Any:
        try:
            msg = self.fake.message(chat, int(value))
        except (TypeError, ValueError):
            msg = None
        if msg is None or msg.deleted:
            raise ApiError("that message is gone", 404)
        return msg

    async def _body(self, request: web.Request) -> tuple[dict[str, Any], Any]:
        body = await json_body(request)
        return body, self._viewer(body.get("as"))

    # rendering ----------------------------------------------------------------------------------------------
    def _person_json(self, user: Any) -> dict[str, Any]:
        world = self.side.world
        kind = next((p.kind for p in world.people if p.user is user), "member")
        return {"id": str(user.id), "name": user.full_name, "username": user.username or "", "kind": kind,
                "language": user.language_code or "en", "started": bool(user.started)}

    def message_json(self, msg: Any) -> dict[str, Any]:
        """A message as the page draws it: text and entities (offsets in UTF-16 units, as JavaScript
        strings count), the inline keyboard, what it replies to, a document, whether it asks for a reply."""
        data: dict[str, Any] = {
            "id": msg.message_id, "chat_id": str(msg.chat.id), "date": msg.date, "edit_date": msg.edit_date,
            "edit_count": msg.edit_count,
            "from": {"id": str(msg.sender.id), "name": msg.sender.full_name, "bot": msg.sender.is_bot},
            "text": msg.content, "entities": msg.entities if msg.text is not None else msg.caption_entities,
            "keyboard": [[{k: v for k, v in b.items() if k in ("text", "callback_data", "url")} for b in row]
                         for row in (msg.reply_markup or {}).get("inline_keyboard") or []],
            "force_reply": bool(msg.force_reply and msg.force_reply.get("force_reply")),
            "placeholder": (msg.force_reply or {}).get("input_field_placeholder") or "",
        }
        if msg.reply_to is not None:
            data["reply_to"] = {"id": msg.reply_to.message_id, "from": msg.reply_to.sender.full_name,
                                "text": msg.reply_to.content[:120], "deleted": msg.reply_to.deleted}
        if msg.forward_origin is not None:
            origin = msg.forward_origin
            name = (origin.get("sender_user", {}).get("first_name") or origin.get("sender_user_name")
                    or origin.get("chat", {}).get("title") or "")
            data["forwarded_from"] = name
        if msg.document is not None:
            doc = msg.document
            data["document"] = {"name": doc.file_name or "file", "size": doc.size, "mime": doc.mime_type or "",
                                "url": f"/api/tg/files/{quote(doc.file_id)}"}
        return data

    def _chat_json(self, chat: Any, viewer: Any) -> dict[str, Any]:
        world = self.side.world
        kind = "private" if chat.is_private else "moderators" if chat is world.mods else "group"
        members = [m for m, status in chat.members.items() if status in ("creator", "administrator", "member")]
        last = next((m for m in reversed(self.fake.chat_messages(chat))), None)
        out = {"id": str(chat.id), "kind": kind, "title": self.fake.bot.first_name if chat.is_private else chat.title,
               "members": len(members) + (1 if not chat.is_private else 0),
               "commands": self.fake.commands_for(viewer, chat),
               "last": ({"from": last.sender.full_name, "text": last.content[:80]} if last is not None else None)}
        if chat.is_private:
            out["started"] = bool(viewer.started)
        return out

    # API: reading -----------------------------------------------------------------------------------------
    async def state(self, request: web.Request) -> web.StreamResponse:
        viewer = self._viewer(request.query.get("as")) if request.query.get("as") else None
        if viewer is None:
            self._ready()
        world = self.side.world
        data: dict[str, Any] = {
            "bot": {"id": str(self.fake.bot.id), "name": self.fake.bot.first_name, "username": self.fake.bot_username},
            "people": [self._person_json(p.user) for p in world.people],
        }
        if viewer is not None:
            chats = [c for c in world.chats() if self._can_view(viewer, c)] + [self.fake.private_chat(viewer)]
            data["me"] = str(viewer.id)
            data["chats"] = [self._chat_json(c, viewer) for c in chats]
        return web.json_response(data)

    async def messages(self, request: web.Request) -> web.StreamResponse:
        viewer = self._viewer(request.query.get("as"))
        chat = self._chat(request.match_info["chat_id"], viewer)
        msgs = self.fake.chat_messages(chat)[-200:]
        return web.json_response({"chat_id": str(chat.id), "messages": [self.message_json(m) for m in msgs]})

    async def file(self, request: web.Request) -> web.StreamResponse:
        viewer = self._viewer(request.query.get("as"))
        stored = self.fake.files.get(request.match_info["file_id"])
        # only a file in a message this user can see
        if stored is None or not any(m.document is stored and not m.deleted and self._can_view(viewer, m.chat)
                                     for m in self.fake.messages.values()):
            raise web.HTTPNotFound()
        name = stored.file_name or "file"
        return web.Response(body=stored.data, content_type=(stored.mime_type or "application/octet-stream").split(";")[0],
                            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})

    async def tour(self, request: web.Request) -> web.StreamResponse:
        viewer = self._viewer(request.query.get("as"))
        world = self.side.world
        key = world.key_of(viewer) or ""
        done = self.side.tried.get(viewer.id, set())
        steps = [{"key": s.key, "text": s.text, "done": s.key in done} for s in steps_for(key)]
        others = []
        for p in world.people:
            if p.user is viewer:
                continue
            first = next((s for s in steps_for(p.key) if s.key not in self.side.tried.get(p.user.id, set())), None)
            if first is not None:
                others.append({"id": str(p.user.id), "name": p.user.full_name, "text": first.text})
        return web.json_response({"steps": steps, "others": others})

    def _tick(self, viewer: Any, kind: str, target: str) -> None:
        key = self.side.world.key_of(viewer)
        for step in steps_for(key or ""):
            if step.matches(kind, target):
                self.side.tried.setdefault(viewer.id, set()).add(step.key)

    # live updates -------------------------------------------------------------------------------------------
    def _on_event(self, event: Any) -> None:
        if not self.listeners or event.kind not in ("message_created", "message_edited", "message_deleted"):
            return
        msg = event.message
        if msg is None or msg.service:
            return
        payload: Optional[dict[str, Any]] = None
        for listener in list(self.listeners):
            if not self._can_view(listener.viewer, msg.chat):
                continue
            if payload is None:
                payload = {"type": event.kind, "chat_id": str(msg.chat.id),
                           "message": {"id": msg.message_id} if event.kind == "message_deleted" or msg.deleted
                           else self.message_json(msg)}
                if msg.deleted:
                    payload["type"] = "message_deleted"
            listener.queue.put_nowait(payload)

    async def events(self, request: web.Request) -> web.StreamResponse:
        return await event_stream(request, self.listeners, self._viewer(request.query.get("as")))

    # API: acting --------------------------------------------------------------------------------------------
    async def send(self, request: web.Request) -> web.StreamResponse:
        body, viewer = await self._body(request)
        chat = self._chat(body.get("chat"), viewer)
        text = str(body.get("text") or "").strip()
        if not text:
            raise ApiError("write something to send")
        if len(text) > TEXT_LIMIT:
            raise ApiError(f"a Telegram message is at most {TEXT_LIMIT} characters (this one has {len(text)})")
        reply_to = self._message(chat, body["reply_to"]) if body.get("reply_to") not in (None, "") else None
        if chat.is_private and not viewer.started and not text.startswith("/start"):
            raise ApiError("press Start first: Telegram opens a chat with a bot with /start")
        msg = viewer.send(chat, text, reply_to=reply_to)
        command = re.match(r"^/([A-Za-z0-9_]+)", text)
        if command:
            self._tick(viewer, "command", command.group(1).lower())
        return web.json_response({"message": self.message_json(msg)})

    async def press(self, request: web.Request) -> web.StreamResponse:
        body, viewer = await self._body(request)
        chat = self._chat(body.get("chat"), viewer)
        msg = self._message(chat, body.get("message"))
        data = str(body.get("data") or "")
        try:
            answer = await self.fake.press_as(viewer, msg, data=data, timeout=10)
        except LookupError:
            raise ApiError("that button is no longer on the message") from None
        self._tick(viewer, "press", data)
        return web.json_response({"text": answer.text or "", "show_alert": answer.show_alert, "url": answer.url})

    async def start_bot(self, request: web.Request) -> web.StreamResponse:
        body, viewer = await self._body(request)
        payload = body.get("payload") or None
        if payload is not None and not _START_PAYLOAD.match(str(payload)):
            raise ApiError("a start link's payload is 1-64 letters, digits, _ or -")
        msg = self.fake.start_bot_as(viewer, payload)
        self._tick(viewer, "command", "start")
        return web.json_response({"message": self.message_json(msg),
                                  "chat": str(self.fake.private_chat(viewer).id)})


class _Starting(ApiError):
    def __init__(self) -> None:
        super().__init__("Telegram is starting: the Telegram front end is connecting and the group is being linked.",
                         503)
