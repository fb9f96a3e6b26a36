"""Acting as users: messages (commands get their ``bot_command`` entities), replies, forwards,
/start with a payload, edits, documents, button presses; and waiting for what the bot does.

User actions are synchronous (the update is queued at once, so nothing the bot does can be missed
between ``user.send(...)`` and ``await fake.wait_for_message(...)``); presses are awaited until the
bot answers the callback query.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from typing import Any, Callable, Optional, Union

from .entities import detect_entities, utf16_len
from .models import CallbackAnswer, CallbackQuery, Chat, Message, User
from .state import StateEvent

DEFAULT_TIMEOUT = 5.0
_START_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class DriverMixin:
    bot: User
    privacy_mode: bool
    callback_queries: dict[str, CallbackQuery]
    commands: dict[tuple[str, str], list[dict[str, str]]]

    # acting as users ------------------------------------------------------------------------------------
    def send_as(self, user: User, chat: Union[Chat, User, int, str], text: str = "", *,
                reply_to: Optional[Message] = None, topic: Any = None, entities: Optional[list[dict[str, Any]]] = None,
                document: Optional[tuple[bytes, str]] = None) -> Message:
        """``user`` sends ``text`` to ``chat`` (a Chat, or the bot / a User for the private chat with the bot)."""
        c = self._driver_chat(user, chat)
        restricted = None if c.is_private else self.restriction(c, user.id)  # type: ignore[attr-defined]
        if restricted is not None and not restricted["permissions"].get("can_send_messages", False):
            raise ValueError(f"{user!r} may not send messages in {c!r} (restricted)")
        thread = None
        if topic is not None:
            thread = topic if not isinstance(topic, (str, int)) else c.topic(topic)
        elif reply_to is not None:
            thread = reply_to.thread
        if reply_to is not None and (reply_to.chat is not c or reply_to.deleted):
            raise ValueError(f"cannot reply to {reply_to!r} in {c!r}")
        if thread is not None and reply_to is None:
            reply_to = self.message(c, thread.id)  # type: ignore[attr-defined]
        kw: dict[str, Any] = {}
        if document is not None:
            data, filename = document
            kw["document"] = self.store_file(data, filename)  # type: ignore[attr-defined]
            kw["caption"] = text or None
            kw["caption_entities"] = detect_entities(text) if entities is None else entities
        else:
            if not text:
                raise ValueError("a message needs text")
            kw["text"] = text
            kw["entities"] = detect_entities(text) if entities is None else entities
        msg = self._new_message(c, user, reply_to=reply_to, thread=thread, **kw)  # type: ignore[attr-defined]
        if c.is_private:
            user.started = True
        self._deliver(msg, "message")
        return msg

    def dm_as(self, user: User, text: str, **kw: Any) -> Message:
        """``user`` writes to the bot in their private chat."""
        return self.send_as(user, self.bot, text, **kw)

    def start_bot_as(self, user: User, payload: Optional[str] = None) -> Message:
        """``user`` presses Start (``t.me/<bot>?start=<payload>``): ``/start payload`` in the private chat."""
        if payload is not None and not _START_PAYLOAD.match(payload):
            raise ValueError(f"Telegram start payloads are 1-64 characters of A-Z a-z 0-9 _ -: {payload!r}")
        user.blocked = False
        user.started = True
        return self.send_as(user, self.bot, "/start" if payload is None else f"/start {payload}")

    def forward_as(self, user: User, message: Message, to_chat: Union[Chat, User, int, str]) -> Message:
        """``user`` forwards ``message`` (from any chat, including ones the bot is not in) to ``to_chat``."""
        c = self._driver_chat(user, to_chat)
        if message.forward_origin is not None:
            origin = dict(message.forward_origin)
        elif message.chat.type == "channel":
            origin = {"type": "channel", "date": message.date, "chat": message.chat.to_dict(),
                      "message_id": message.message_id}
        elif message.sender.hides_forwards:
            origin = {"type": "hidden_user", "date": message.date, "sender_user_name": message.sender.full_name}
        else:
            origin = {"type": "user", "date": message.date, "sender_user": message.sender.to_dict()}
        msg = self._new_message(c, user, text=message.text, entities=list(message.entities),  # type: ignore[attr-defined]
                                caption=message.caption, caption_entities=list(message.caption_entities),
                                document=message.document, forward_origin=origin)
        if c.is_private:
            user.started = True
        self._deliver(msg, "message")
        return msg

    def forward_text_as(self, user: User, text: str, to_chat: Union[Chat, User, int, str], *,
                        original_sender: Optional[User] = None, channel: Optional[Chat] = None) -> Message:
        """Forward a message that exists elsewhere on Telegram (a chat the fake does not model)."""
        if channel is not None:
            source = self._new_message(channel, original_sender or user, text=text,  # type: ignore[attr-defined]
                                       entities=detect_entities(text))
        else:
            sender = original_sender or user
            elsewhere = self.create_group("elsewhere", members=(sender,), bot_member=False, bot_admin=False)  # type: ignore[attr-defined]
            source = self._new_message(elsewhere, sender, text=text, entities=detect_entities(text))  # type: ignore[attr-defined]
        return self.forward_as(user, source, to_chat)

    def edit_as(self, user: User, message: Message, text: str) -> Message:
        """``user`` edits their own message: an ``edited_message`` update."""
        if message.sender is not user:
            raise ValueError("users can edit only their own messages")
        from .models import Revision
        import time
        message.history.append(Revision(message.edit_date or message.date, message.text, message.entities,
                                        message.caption, message.reply_markup))
        if message.text is not None:
            message.text, message.entities = text, detect_entities(text)
        else:
            message.caption, message.caption_entities = text, detect_entities(text)
        message.edit_date = int(time.time())
        self._emit("message_edited", message=message)  # type: ignore[attr-defined]
        self._deliver(message, "edited_message")
        return message

    async def press_as(self, user: User, message: Message, button: Optional[str] = None, *,
                       data: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT) -> CallbackAnswer:
        """``user`` presses an inline button (by its text or callback_data) on ``message`` as it stands
        now; returns the bot's answer. ``timeout=None``: do not wait, return an empty answer at once."""
        query = self.press_nowait(user, message, button, data=data)
        if timeout is None:
            return CallbackAnswer()
        try:
            await asyncio.wait_for(query.answered.wait(), timeout)
        except asyncio.TimeoutError:
            raise asyncio.TimeoutError(f"the bot did not answer the callback query {query.data!r} within {timeout}s") from None
        assert query.answer is not None
        return query.answer

    def press_nowait(self, user: User, message: Message, button: Optional[str] = None, *,
                     data: Optional[str] = None) -> CallbackQuery:
        """Queue the press and return the :class:`CallbackQuery` (``await query.answered.wait()``)."""
        if message.deleted:
            raise ValueError(f"{message!r} was deleted")
        if data is None:
            if button is None:
                raise TypeError("press(message, button_text_or_data) or press(message, data=...)")
            spec = message.button(button)
            if "callback_data" not in spec:
                raise ValueError(f"button {spec.get('text')!r} has no callback_data (it is {sorted(spec)})")
            data = spec["callback_data"]
        elif data not in [b.get("callback_data") for b in message.buttons]:
            raise LookupError(f"no button with callback_data {data!r} on {message!r}")
        if not message.chat.is_private and message.chat.members.get(user.id) in (None, "left", "kicked"):
            raise ValueError(f"{user!r} is not in {message.chat!r}")
        query = CallbackQuery(str(secrets.randbits(62)), user, message, data)
        self.callback_queries[query.id] = query
        self._queue_update("callback_query", {  # type: ignore[attr-defined]
            "id": query.id, "from": user.to_dict(), "message": message.to_dict(),
            "chat_instance": str(abs(hash((message.chat.id, "instance"))) % 10 ** 18), "data": data})
        return query

    # delivery ----------------------------------------------------------------------------------------------
    def _driver_chat(self, user: User, chat: Union[Chat, User, int, str]) -> Chat:
        if isinstance(chat, User):
            if chat.is_bot or chat is user:
                c = self.private_chat(user)  # type: ignore[attr-defined]
            else:
                raise ValueError("the fake models only chats with the bot; send to a group or to fake.bot")
        else:
            c = self.chat(chat)  # type: ignore[attr-defined]
        if c.is_private:
            if c.user is not user:
                raise ValueError(f"{user!r} cannot write in {c.user!r}'s private chat with the bot")
            if user.blocked:
                raise ValueError(f"{user!r} blocked the bot; call user.unblock_bot() first")
        elif c.type != "channel" and c.members.get(user.id) in (None, "left", "kicked"):
            raise ValueError(f"{user!r} is not a member of {c!r}")
        return c

    def _bot_sees(self, msg: Message) -> bool:
        chat = msg.chat
        if chat.is_private:
            return True
        if chat.type == "channel" or chat.bot_status not in ("member", "administrator"):
            return False
        if not self.privacy_mode or chat.bot_status == "administrator":
            return True
        if msg.reply_to is not None and msg.reply_to.from_bot and not msg.reply_to.service:
            return True
        text = msg.text if msg.text is not None else (msg.caption or "")
        m = re.match(r"^/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?", text)
        if m:
            return m.group(1) is None or m.group(1).lower() == (self.bot.username or "").lower()
        return False

    def _deliver(self, msg: Message, kind: str) -> None:
        if self._bot_sees(msg):
            self._queue_update(kind, msg.to_dict())  # type: ignore[attr-defined]

    # reading ----------------------------------------------------------------------------------------------
    def commands_for(self, user: Optional[User] = None, chat: Optional[Chat] = None, *,
                     language_code: Optional[str] = None) -> list[dict[str, str]]:
        """The commands Telegram shows this user in this chat, resolving scopes as Telegram does
        (chat_member, chat_administrators, chat, all_chat_administrators, all_group/private_chats, default)
        and falling back from the user's language to no language."""
        lang = language_code if language_code is not None else (user.language_code if user else "") or ""
        keys: list[str] = []
        if chat is None or chat.is_private:
            if chat is not None:
                keys.append(f"chat:{chat.id}")
            keys += ["all_private_chats", "default"]
        else:
            admin = user is not None and chat.is_admin(user)
            if user is not None:
                keys.append(f"chat_member:{chat.id}:{user.id}")
            if admin:
                keys.append(f"chat_administrators:{chat.id}")
            keys.append(f"chat:{chat.id}")
            if admin:
                keys.append("all_chat_administrators")
            keys += ["all_group_chats", "default"]
        for key in keys:
            for language in ([lang, ""] if lang else [""]):
                if (key, language) in self.commands:
                    return list(self.commands[(key, language)])
        return []

    def command_names(self, scope: str = "default", language_code: str = "") -> list[str]:
        """The command names set for one scope key (``"default"``, ``"all_group_chats"``,
        ``"chat:<id>"``, ``"chat_administrators:<id>"``, ``"chat_member:<chat>:<user>"``)."""
        return [c["command"] for c in self.commands.get((scope, language_code), [])]

    # waiting ------------------------------------------------------------------------------------------------
    async def wait_for_message(self, chat: Union[Chat, User, int, str, None] = None,
                               predicate: Optional[Callable[[Message], bool]] = None, timeout: float = DEFAULT_TIMEOUT, *,
                               sender: Optional[User] = None, include_existing: bool = False) -> Message:
        """The next message the bot (or ``sender``) sends, in ``chat`` if given (a User: their
        private chat with the bot), that matches ``predicate``."""
        c = None if chat is None else self.chat(chat)  # type: ignore[attr-defined]
        author = sender or self.bot

        def matches(msg: Message) -> bool:
            return (not msg.deleted and msg.sender is author and (c is None or msg.chat is c) and not msg.service
                    and (predicate is None or predicate(msg)))

        if include_existing:
            pool = self.chat_messages(c) if c is not None else list(self.messages.values())  # type: ignore[attr-defined]
            for msg in pool:
                if matches(msg):
                    return msg
        where = f" in {c!r}" if c is not None else ""
        event = await self.wait_for_event("message_created", lambda e: matches(e.message), timeout,
                                          f"no matching message from {author.first_name!r}{where}")
        return event.message

    async def wait_for_messages(self, chat: Union[Chat, User, int, str], count: int, timeout: float = DEFAULT_TIMEOUT,
                                predicate: Optional[Callable[[Message], bool]] = None) -> list[Message]:
        """Until the bot has ``count`` (non-deleted) messages in ``chat`` matching ``predicate``."""
        c = self.chat(chat)  # type: ignore[attr-defined]

        def current() -> list[Message]:
            return [m for m in self.chat_messages(c) if m.from_bot and (predicate is None or predicate(m))]  # type: ignore[attr-defined]

        if len(current()) < count:
            await self.wait_for_event("message_created", lambda e: len(current()) >= count, timeout,
                                      f"fewer than {count} bot messages in {c!r}")
        return current()

    async def wait_for_edit(self, message: Message, predicate: Optional[Callable[[Message], bool]] = None,
                            timeout: float = DEFAULT_TIMEOUT) -> Message:
        """The next edit of ``message`` (that matches)."""
        event = await self.wait_for_event(
            "message_edited", lambda e: e.message is message and (predicate is None or predicate(message)),
            timeout, f"{message!r} was not edited")
        return event.message

    async def wait_for_deletion(self, message: Message, timeout: float = DEFAULT_TIMEOUT) -> Message:
        if message.deleted:
            return message
        await self.wait_for_event("message_deleted", lambda e: e.message is message, timeout, f"{message!r} was not deleted")
        return message

    async def wait_for_commands(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Until the bot has set commands (any scope)."""
        if self.commands:
            return
        await self.wait_for_event("commands_set", lambda e: bool(self.commands), timeout, "the bot set no commands")

    async def wait_for_request(self, method: str, timeout: float = DEFAULT_TIMEOUT,
                               predicate: Optional[Callable[[Any], bool]] = None) -> Any:
        """The next Bot API call of ``method`` (case-insensitive), once answered: a RequestRecord."""
        name = method.lower()
        event = await self.wait_for_event(
            "request", lambda e: e.data["record"].method.lower() == name and (predicate is None or predicate(e.data["record"])),
            timeout, f"the bot did not call {method}")
        return event.data["record"]

    async def wait_for_event(self, kind: str, check: Callable[[StateEvent], bool], timeout: float,
                             what: str = "no matching event") -> StateEvent:
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()

        def on_event(event: StateEvent) -> None:
            if event.kind == kind and not future.done():
                try:
                    if check(event):
                        future.set_result(event)
                except Exception as exc:  # noqa: BLE001 - the predicate's error goes to the waiter
                    future.set_exception(exc)

        unsubscribe = self.subscribe(on_event)  # type: ignore[attr-defined]
        try:
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError:
            raise asyncio.TimeoutError(f"{what} within {timeout}s") from None
        finally:
            unsubscribe()


def text_length(text: str) -> int:
    """Telegram's length of a text, in UTF-16 code units (what entity offsets count)."""
    return utf16_len(text)
