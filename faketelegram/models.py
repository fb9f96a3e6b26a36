"""The objects of the fake world and their Bot API shapes (``to_dict``)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # pragma: no cover
    from .server import FakeTelegram

PRIVATE, GROUP, SUPERGROUP, CHANNEL = "private", "group", "supergroup", "channel"


class User:
    """A Telegram user (or the bot). Driver calls (``send``, ``reply``, ``press`` ...) act as them."""

    def __init__(self, fake: "FakeTelegram", id: int, first_name: str, *, last_name: Optional[str] = None,
                 username: Optional[str] = None, language_code: Optional[str] = None, is_bot: bool = False,
                 hides_forwards: bool = False) -> None:
        self.fake = fake
        self.id = id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.is_bot = is_bot
        self.hides_forwards = hides_forwards  # forwards of their messages show only their name
        self.started = False                  # has opened the bot's private chat (/start)
        self.blocked = False                  # has blocked the bot

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            out["last_name"] = self.last_name
        if self.username:
            out["username"] = self.username
        if self.language_code and not self.is_bot:
            out["language_code"] = self.language_code
        return out

    # acting as this user (see driver.py) -------------------------------------------------------------
    def send(self, chat: Any, text: str, **kw: Any) -> "Message":
        return self.fake.send_as(self, chat, text, **kw)

    def reply(self, message: "Message", text: str, **kw: Any) -> "Message":
        return self.fake.send_as(self, message.chat, text, reply_to=message, **kw)

    answer_force_reply = reply

    def forward(self, message: "Message", to_chat: Any) -> "Message":
        return self.fake.forward_as(self, message, to_chat)

    def send_document(self, chat: Any, data: bytes, filename: str, caption: str = "", **kw: Any) -> "Message":
        return self.fake.send_as(self, chat, caption, document=(data, filename), **kw)

    def edit(self, message: "Message", text: str) -> "Message":
        return self.fake.edit_as(self, message, text)

    def start_bot(self, payload: Optional[str] = None) -> "Message":
        return self.fake.start_bot_as(self, payload)

    def block_bot(self) -> None:
        self.blocked = True

    def unblock_bot(self) -> None:
        self.blocked = False

    async def press(self, message: "Message", button: Optional[str] = None, *, data: Optional[str] = None,
                    timeout: float = 5.0) -> "CallbackAnswer":
        return await self.fake.press_as(self, message, button, data=data, timeout=timeout)

    def press_nowait(self, message: "Message", button: Optional[str] = None, *, data: Optional[str] = None) -> "CallbackQuery":
        return self.fake.press_nowait(self, message, button, data=data)

    def dm(self, text: str, **kw: Any) -> "Message":
        """Write to the bot in the private chat."""
        return self.fake.send_as(self, self.fake.bot, text, **kw)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.full_name!r}{' bot' if self.is_bot else ''}>"


@dataclass
class Topic:
    id: int           # message_thread_id: the id of the "topic created" service message
    name: str
    icon_color: int = 0x6FB9F0


class Chat:
    """A private chat (id == the user's id), a group, a supergroup (id -100...) or a channel."""

    def __init__(self, fake: "FakeTelegram", id: int, type: str, *, title: Optional[str] = None,
                 user: Optional[User] = None, username: Optional[str] = None, is_forum: bool = False,
                 description: Optional[str] = None) -> None:
        self.fake = fake
        self.id = id
        self.type = type
        self.title = title
        self.user = user                 # the other side of a private chat
        self.username = username
        self.is_forum = is_forum
        self.description = description
        self.members: dict[int, str] = {}          # user id -> creator | administrator | member | left | kicked
        self.admin_rights: dict[int, dict[str, bool]] = {}
        self.custom_titles: dict[int, str] = {}
        self.bot_status = "member"                 # the bot's own status in a group
        self.topics: dict[int, Topic] = {}
        self.message_ids: list[int] = []           # every message ever created here, in order
        self.next_message_id = 1

    @property
    def is_private(self) -> bool:
        return self.type == PRIVATE

    @property
    def name(self) -> str:
        return self.title or (self.user.full_name if self.user else str(self.id))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.is_private and self.user is not None:
            out["first_name"] = self.user.first_name
            if self.user.last_name:
                out["last_name"] = self.user.last_name
            if self.user.username:
                out["username"] = self.user.username
        else:
            out["title"] = self.title or ""
            if self.username:
                out["username"] = self.username
            if self.is_forum:
                out["is_forum"] = True
        return out

    # the world ------------------------------------------------------------------------------------------
    def add_member(self, user: User, *, admin: bool = False, owner: bool = False,
                   title: Optional[str] = None, **rights: bool) -> User:
        """Add a user (admin=True: an administrator with the usual rights, owner=True: the creator)."""
        self.members[user.id] = "creator" if owner else "administrator" if admin else "member"
        if admin and not owner:
            self.admin_rights[user.id] = {**DEFAULT_ADMIN_RIGHTS, **rights}
        if title:
            self.custom_titles[user.id] = title
        return user

    def add_admin(self, user: User, **rights: bool) -> User:
        return self.add_member(user, admin=True, **rights)

    def remove_member(self, user: User, *, banned: bool = False) -> None:
        self.members[user.id] = "kicked" if banned else "left"
        self.admin_rights.pop(user.id, None)

    def admins(self) -> list[int]:
        return [uid for uid, status in self.members.items() if status in ("creator", "administrator")]

    def is_admin(self, user: User) -> bool:
        return self.members.get(user.id) in ("creator", "administrator")

    def create_topic(self, name: str, *, by: Optional[User] = None) -> Topic:
        """A forum topic (the chat becomes a forum). Its id is its service message's id."""
        return self.fake.create_topic(self, name, by=by)

    def topic(self, name_or_id: Any) -> Topic:
        for t in self.topics.values():
            if t.id == name_or_id or t.name == name_or_id:
                return t
        raise KeyError(f"no topic {name_or_id!r} in {self.name!r}")

    def messages(self, **kw: Any) -> list["Message"]:
        return self.fake.chat_messages(self, **kw)

    def __repr__(self) -> str:
        return f"<Chat {self.id} {self.type} {self.name!r}>"


DEFAULT_ADMIN_RIGHTS = {
    "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True, "can_delete_messages": True,
    "can_manage_video_chats": True, "can_restrict_members": True, "can_promote_members": False,
    "can_change_info": True, "can_invite_users": True, "can_post_stories": False, "can_edit_stories": False,
    "can_delete_stories": False, "can_send_welcome_messages": False, "can_pin_messages": True,
    "can_manage_topics": True,
}


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    file_name: Optional[str]
    mime_type: Optional[str]
    file_path: str

    @property
    def size(self) -> int:
        return len(self.data)

    def document_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id, "file_size": self.size}
        if self.file_name:
            out["file_name"] = self.file_name
        if self.mime_type:
            out["mime_type"] = self.mime_type
        return out


@dataclass
class Revision:
    """One earlier state of an edited message."""

    date: int
    text: Optional[str]
    entities: list[dict[str, Any]]
    caption: Optional[str]
    reply_markup: Optional[dict[str, Any]]


class Message:
    """A message as it stands now; ``history`` holds its earlier revisions (oldest first)."""

    def __init__(self, chat: Chat, message_id: int, sender: User, *, text: Optional[str] = None,
                 entities: Optional[list[dict[str, Any]]] = None, caption: Optional[str] = None,
                 caption_entities: Optional[list[dict[str, Any]]] = None, document: Optional[StoredFile] = None,
                 reply_markup: Optional[dict[str, Any]] = None, reply_to: Optional["Message"] = None,
                 forward_origin: Optional[dict[str, Any]] = None, thread: Optional[Topic] = None,
                 force_reply: Optional[dict[str, Any]] = None, link_preview_options: Optional[dict[str, Any]] = None,
                 service: Optional[dict[str, Any]] = None, parse_mode: Optional[str] = None,
                 raw_text: Optional[str] = None) -> None:
        self.chat = chat
        self.message_id = message_id
        self.sender = sender
        self.date = int(time.time())
        self.text = text
        self.entities = entities or []
        self.caption = caption
        self.caption_entities = caption_entities or []
        self.document = document
        self.reply_markup = reply_markup        # inline keyboards only (what the message shows)
        self.reply_to = reply_to
        self.forward_origin = forward_origin
        self.thread = thread
        self.force_reply = force_reply          # the ForceReply / keyboard markup sent with it, if any
        self.link_preview_options = link_preview_options
        self.service = service or {}
        self.parse_mode = parse_mode
        self.raw_text = raw_text                # the text as the bot sent it (before parsing)
        self.edit_date: Optional[int] = None
        self.history: list[Revision] = []
        self.deleted = False

    # reading ----------------------------------------------------------------------------------------------
    @property
    def id(self) -> int:
        return self.message_id

    @property
    def from_bot(self) -> bool:
        return self.sender.is_bot and self.sender.id == self.chat.fake.bot.id

    @property
    def content(self) -> str:
        """The text, or the caption of a document."""
        return self.text if self.text is not None else (self.caption or "")

    @property
    def edit_count(self) -> int:
        return len(self.history)

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard's buttons, row after row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [b for row in rows for b in row]

    @property
    def button_texts(self) -> list[str]:
        return [b.get("text", "") for b in self.buttons]

    def button(self, text_or_data: str) -> dict[str, Any]:
        for b in self.buttons:
            if b.get("text") == text_or_data:
                return b
        for b in self.buttons:
            if b.get("callback_data") == text_or_data:
                return b
        for b in self.buttons:
            if text_or_data in b.get("text", ""):
                return b
        raise LookupError(f"no button {text_or_data!r} on message {self.message_id} (buttons: {self.button_texts})")

    def entities_of(self, type: str) -> list[str]:
        """The pieces of text the entities of this type cover (e.g. ``"bold"``, ``"text_link"``)."""
        from .entities import slice16
        ents = self.entities if self.text is not None else self.caption_entities
        return [slice16(self.content, e["offset"], e["length"]) for e in ents if e["type"] == type]

    @property
    def is_topic_message(self) -> bool:
        return self.thread is not None

    def to_dict(self, *, nested: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"message_id": self.message_id, "from": self.sender.to_dict(), "date": self.date,
                               "chat": self.chat.to_dict()}
        if self.thread is not None:
            out["message_thread_id"] = self.thread.id
            out["is_topic_message"] = True
        if self.forward_origin is not None:
            out["forward_origin"] = self.forward_origin
        if self.reply_to is not None and not nested:
            out["reply_to_message"] = self.reply_to.to_dict(nested=True)
        if self.edit_date is not None:
            out["edit_date"] = self.edit_date
        if self.text is not None:
            out["text"] = self.text
            if self.entities:
                out["entities"] = self.entities
            if self.link_preview_options:
                out["link_preview_options"] = self.link_preview_options
        if self.document is not None:
            out["document"] = self.document.document_dict()
        if self.caption:
            out["caption"] = self.caption
            if self.caption_entities:
                out["caption_entities"] = self.caption_entities
        out.update(self.service)
        if self.reply_markup:
            out["reply_markup"] = self.reply_markup
        return out

    def __repr__(self) -> str:
        flag = " deleted" if self.deleted else ""
        return f"<Message {self.chat.id}/{self.message_id} from {self.sender.first_name!r}{flag}: {self.content[:40]!r}>"


@dataclass
class CallbackAnswer:
    """What the bot answered to a button press."""

    text: Optional[str] = None
    show_alert: bool = False
    url: Optional[str] = None
    cache_time: int = 0
    latency: Optional[float] = None  # seconds from the press to the answer


@dataclass
class CallbackQuery:
    id: str
    user: User
    message: Message
    data: str
    created: float = field(default_factory=time.monotonic)
    answer: Optional[CallbackAnswer] = None
    answered: asyncio.Event = field(default_factory=asyncio.Event)
