"""The in-memory world: users, chats, messages, files, the update queue and state events.

Every change is announced with :meth:`WorldState._emit` as a :class:`StateEvent`; the driver's
waiting helpers and :meth:`WorldState.subscribe` callbacks receive them.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import itertools
import logging
import re
import secrets
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Union

from .models import GROUP, PRIVATE, SUPERGROUP, CHANNEL, Chat, Message, StoredFile, Topic, User

log = logging.getLogger("faketelegram")

# what getUpdates delivers when allowed_updates was never given (or given as [])
DEFAULT_UPDATE_TYPES = frozenset({
    "message", "edited_message", "channel_post", "edited_channel_post", "business_connection",
    "business_message", "edited_business_message", "deleted_business_messages", "inline_query",
    "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query", "purchased_paid_media",
    "poll", "poll_answer", "my_chat_member", "chat_join_request", "chat_boost", "removed_chat_boost",
})


@dataclass
class StateEvent:
    """``kind``: message_created, message_edited, message_deleted, update_queued, callback_answered,
    commands_set, request (every Bot API call, after it was answered)."""

    kind: str
    message: Optional[Message] = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Update:
    update_id: int
    type: str
    payload: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"update_id": self.update_id, self.type: self.payload}


class WorldState:
    token: str
    bot: User

    def _init_state(self, bot_id: int, bot_name: str, bot_username: str) -> None:
        self._user_ids = itertools.count(5_000_000_001, 7919)
        self._supergroup_ids = itertools.count(1_000_000_001)
        self._group_ids = itertools.count(4_000_000_001)
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], Message] = {}
        self.files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self.updates: list[Update] = []
        self._update_ids = itertools.count(100_000_001)
        self._update_signal: Optional[asyncio.Event] = None
        self.allowed_updates: frozenset[str] = DEFAULT_UPDATE_TYPES
        self._subscribers: list[Callable[[StateEvent], Any]] = []
        self._background: set[asyncio.Task] = set()
        self.bot = User(self, bot_id, bot_name, username=bot_username, is_bot=True)  # type: ignore[arg-type]
        self.users[bot_id] = self.bot

    # building the world -------------------------------------------------------------------------------
    def create_user(self, first_name: str, last_name: Optional[str] = None, *, username: Optional[str] = None,
                    language_code: Optional[str] = "en", started: bool = False, id: Optional[int] = None,
                    hides_forwards: bool = False) -> User:
        """A Telegram user. ``started=True``: they have already started the bot (it may message them)."""
        if username is None:
            base = re.sub(r"[^a-z0-9_]", "", first_name.lower())
            username = (base + "_" + secrets.token_hex(2)) if len(base) >= 3 else None
        user = User(self, id or next(self._user_ids), first_name, last_name=last_name,  # type: ignore[arg-type]
                    username=username, language_code=language_code, hides_forwards=hides_forwards)
        user.started = started
        self.users[user.id] = user
        self.chats[user.id] = Chat(self, user.id, PRIVATE, user=user)  # type: ignore[arg-type]
        return user

    def create_group(self, title: str, *, members: tuple[User, ...] = (), admins: tuple[User, ...] = (),
                     owner: Optional[User] = None, forum: bool = False, supergroup: bool = True,
                     bot_admin: bool = True, bot_member: bool = True, username: Optional[str] = None,
                     id: Optional[int] = None, description: Optional[str] = None) -> Chat:
        """A group the bot is in (``bot_member=False``: one it is not in, for forwards from elsewhere).
        Supergroups get ids like -1001000000001; ``forum=True`` enables topics."""
        if id is None:
            id = -(1_000_000_000_000 + next(self._supergroup_ids)) if supergroup else -next(self._group_ids)
        chat = Chat(self, id, SUPERGROUP if supergroup else GROUP, title=title, username=username,  # type: ignore[arg-type]
                    is_forum=forum, description=description)
        chat.bot_status = ("administrator" if bot_admin else "member") if bot_member else "left"
        if bot_admin:
            from .models import DEFAULT_ADMIN_RIGHTS
            chat.admin_rights[self.bot.id] = dict(DEFAULT_ADMIN_RIGHTS)
        self.chats[chat.id] = chat
        if owner is not None:
            chat.add_member(owner, owner=True)
        for user in admins:
            chat.add_member(user, admin=True)
        for user in members:
            chat.add_member(user)
        return chat

    def create_channel(self, title: str, *, username: Optional[str] = None) -> Chat:
        """A channel (forwards from it carry a ``channel`` forward_origin)."""
        chat = Chat(self, -(1_000_000_000_000 + next(self._supergroup_ids)), CHANNEL, title=title,  # type: ignore[arg-type]
                    username=username)
        chat.bot_status = "left"
        self.chats[chat.id] = chat
        return chat

    def create_topic(self, chat: Chat, name: str, *, by: Optional[User] = None) -> Topic:
        chat.is_forum = True
        service = self._new_message(chat, by or self.bot, service={
            "forum_topic_created": {"name": name, "icon_color": 0x6FB9F0}})
        topic = Topic(service.message_id, name)
        service.thread = topic
        chat.topics[topic.id] = topic
        return topic

    def set_bot_status(self, chat: Chat, status: str) -> None:
        """The bot's status in a group: administrator, member, left, kicked."""
        chat.bot_status = status
        if status == "administrator":
            from .models import DEFAULT_ADMIN_RIGHTS
            chat.admin_rights.setdefault(self.bot.id, dict(DEFAULT_ADMIN_RIGHTS))
        else:
            chat.admin_rights.pop(self.bot.id, None)

    # lookups --------------------------------------------------------------------------------------------
    def chat(self, ref: Union[Chat, User, int, str]) -> Chat:
        """A chat by object, id or @username; a User means that user's private chat with the bot."""
        if isinstance(ref, Chat):
            return ref
        if isinstance(ref, User):
            return self.private_chat(ref)
        found = self.find_chat(ref)
        if found is None:
            raise KeyError(f"no chat {ref!r}")
        return found

    def find_chat(self, ref: Union[int, str]) -> Optional[Chat]:
        if isinstance(ref, str) and ref.startswith("@"):
            name = ref[1:].lower()
            for chat in self.chats.values():
                if (chat.username or "").lower() == name or (chat.user and (chat.user.username or "").lower() == name):
                    return chat
            return None
        try:
            return self.chats.get(int(ref))
        except (TypeError, ValueError):
            return None

    def private_chat(self, user: User) -> Chat:
        """The private chat between the bot and ``user`` (its id is the user's id)."""
        return self.chats[user.id]

    def user_by_id(self, user_id: int) -> Optional[User]:
        return self.users.get(int(user_id))

    def message(self, chat: Union[Chat, int], message_id: int) -> Optional[Message]:
        chat_id = chat.id if isinstance(chat, Chat) else int(chat)
        return self.messages.get((chat_id, int(message_id)))

    def chat_messages(self, chat: Union[Chat, User, int, str], *, include_deleted: bool = False,
                      include_service: bool = False, topic: Optional[Union[Topic, int, str]] = None) -> list[Message]:
        """The chat's messages as they stand now (after edits; deleted ones left out), oldest first."""
        c = self.chat(chat)
        thread_id = None
        if topic is not None:
            thread_id = topic.id if isinstance(topic, Topic) else c.topic(topic).id
        out = []
        for mid in c.message_ids:
            msg = self.messages[(c.id, mid)]
            if msg.deleted and not include_deleted:
                continue
            if msg.service and not include_service:
                continue
            if thread_id is not None and (msg.thread is None or msg.thread.id != thread_id):
                continue
            out.append(msg)
        return out

    def private_messages(self, user: User, **kw: Any) -> list[Message]:
        """``chat_messages`` of the user's private chat with the bot."""
        return self.chat_messages(self.private_chat(user), **kw)

    def bot_messages(self, chat: Union[Chat, User, int, str], **kw: Any) -> list[Message]:
        return [m for m in self.chat_messages(chat, **kw) if m.from_bot]

    # messages and files -----------------------------------------------------------------------------------
    def _new_message(self, chat: Chat, sender: User, **kw: Any) -> Message:
        msg = Message(chat, chat.next_message_id, sender, **kw)
        chat.next_message_id += 1
        chat.message_ids.append(msg.message_id)
        self.messages[(chat.id, msg.message_id)] = msg
        self._emit("message_created", message=msg)
        return msg

    def store_file(self, data: bytes, filename: Optional[str], mime_type: Optional[str] = None) -> StoredFile:
        digest = hashlib.sha1(data + (filename or "").encode()).hexdigest()
        file_id = "BQACAgIAAx" + secrets.token_urlsafe(24)
        unique = "AgAD" + digest[:12]
        if mime_type in (None, "", "application/octet-stream") and filename:
            import mimetypes
            mime_type = mimetypes.guess_type(filename)[0] or mime_type
        stored = StoredFile(file_id, unique, data, filename, mime_type or None,
                            f"documents/file_{len(self.files)}{_ext(filename)}")
        self.files[file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    # the update queue -------------------------------------------------------------------------------------
    def _signal(self) -> asyncio.Event:
        if self._update_signal is None:
            self._update_signal = asyncio.Event()
        return self._update_signal

    def _queue_update(self, type: str, payload: dict[str, Any]) -> Optional[Update]:
        if type not in self.allowed_updates:
            return None  # Telegram does not even keep updates of types the bot did not ask for
        update = Update(next(self._update_ids), type, payload)
        self.updates.append(update)
        signal = self._signal()
        signal.set()
        self._update_signal = None  # waiters hold the old (set) event; new waiters get a fresh one
        self._emit("update_queued", data={"update": update})
        return update

    def _confirm_updates(self, offset: Optional[int]) -> None:
        if offset is None or offset == 0:
            return
        if offset < 0:
            self.updates = self.updates[offset:] if -offset < len(self.updates) else self.updates
        else:
            self.updates = [u for u in self.updates if u.update_id >= offset]

    @property
    def pending_updates(self) -> list[Update]:
        """Updates queued and not yet confirmed by the bot (an ``offset`` past them)."""
        return list(self.updates)

    # events -----------------------------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[StateEvent], Any]) -> Callable[[], None]:
        """Call ``callback(event)`` on every state change; returns a function that unsubscribes.
        A coroutine callback is run as a task."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def _emit(self, kind: str, *, message: Optional[Message] = None, data: Optional[dict[str, Any]] = None) -> None:
        if not self._subscribers:
            return
        event = StateEvent(kind, message, data or {})
        for callback in list(self._subscribers):
            try:
                result = callback(event)
                if inspect.isawaitable(result):
                    task = asyncio.ensure_future(result)
                    self._background.add(task)
                    task.add_done_callback(self._background.discard)
            except Exception:  # a subscriber's bug must not break the server
                log.exception("faketelegram subscriber %r failed on %s", callback, kind)


def _ext(filename: Optional[str]) -> str:
    if filename and "." in filename:
        ext = filename.rsplit(".", 1)[1]
        if re.fullmatch(r"[A-Za-z0-9]{1,8}", ext):
            return "." + ext
    return ""
