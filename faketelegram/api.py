"""The Bot API methods. Each ``m_<lowercased name>`` takes :class:`Params` and returns the
``result`` or raises :class:`TelegramError`; :mod:`server` wraps them in Telegram's JSON."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Optional

from . import errors as E
from . import limits as L
from .entities import parse_html, trim, validate_entities
from .errors import TelegramError, bad_request, forbidden
from .models import CallbackAnswer, CallbackQuery, Chat, Message, Revision, Topic
from .params import Params, Upload
from .state import DEFAULT_UPDATE_TYPES, WorldState

RESTRICTABLE = ("can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos",
                "can_send_video_notes", "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
                "can_add_web_page_previews", "can_change_info", "can_invite_users", "can_pin_messages",
                "can_manage_topics")
COMMAND_SCOPES = ("default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
                  "chat_administrators", "chat_member")


class BotAPI(WorldState):
    rate_limits: L.RateLimits
    callback_timeout: float
    privacy_mode: bool

    def _init_api(self) -> None:
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}  # (scope key, language) -> commands
        self.webhook_url = ""
        self._poller: Optional[asyncio.Future] = None
        self._polling_event: Optional[asyncio.Event] = None
        self.get_updates_count = 0
        self.bot_settings: dict[str, Any] = {}
        self.restrictions: dict[tuple[int, int], dict[str, Any]] = {}  # (chat id, user id) -> permissions, until_date

    # shared pieces --------------------------------------------------------------------------------------
    def _chat_for_bot(self, p: Params, name: str = "chat_id", *, sending: bool = True) -> Chat:
        ref = p.chat_id(name)
        chat = self.find_chat(ref)  # type: ignore[arg-type]
        if chat is None:
            raise bad_request(E.CHAT_NOT_FOUND)
        if chat.is_private:
            user = chat.user
            assert user is not None
            if sending and user.blocked:
                raise forbidden(E.BLOCKED)
            if sending and not user.started:
                raise forbidden(E.CANT_INITIATE)
        elif chat.bot_status == "kicked":
            raise forbidden(f"bot was kicked from the {chat.type} chat" if chat.type != "group" else "bot was kicked from the group chat")
        elif chat.bot_status == "left":
            if chat.type == "channel":
                raise bad_request(E.CHAT_NOT_FOUND)
            raise forbidden(f"bot is not a member of the {chat.type} chat" if chat.type != "group" else "bot is not a member of the group chat")
        return chat

    def _formatted(self, p: Params, text_field: str, entities_field: str, *, caption: bool) -> tuple[str, list[dict[str, Any]]]:
        text = p.str(text_field) or ""
        parse_mode = p.str("parse_mode") or ""
        if parse_mode:
            mode = parse_mode.lower()
            if mode == "html":
                text, entities = parse_html(text)
            elif mode in ("markdown", "markdownv2"):
                raise bad_request(f"faketelegram implements parse_mode HTML only, not {parse_mode}")
            else:
                raise bad_request("unsupported parse_mode")
        else:
            entities = validate_entities(text, p.json(entities_field, "entities"))
        text, entities = trim(text, entities)
        if caption:
            if len(text) > L.CAPTION:
                raise bad_request(E.CAPTION_TOO_LONG)
        else:
            if not text:
                raise bad_request(E.TEXT_EMPTY)
            if len(text) > L.TEXT:
                raise bad_request(E.TEXT_TOO_LONG)
        return text, entities

    def _markup(self, p: Params) -> tuple[Optional[dict[str, Any]], Optional[dict[str, Any]]]:
        """(inline keyboard, other markup: force_reply / keyboard / remove_keyboard)."""
        markup = p.json("reply_markup", "reply keyboard markup")
        if markup in (None, "", {}):
            return None, None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            L.validate_inline_keyboard(markup)
            return {"inline_keyboard": markup["inline_keyboard"]}, None
        if markup.get("force_reply") is True:
            placeholder = markup.get("input_field_placeholder")
            if placeholder is not None and len(str(placeholder)) > 64:
                raise bad_request("can't parse reply keyboard markup: input_field_placeholder is too long")
            return None, markup
        if "keyboard" in markup or markup.get("remove_keyboard") is True:
            return None, markup
        raise bad_request("can't find field \"inline_keyboard\"")

    def _reply_target(self, p: Params, chat: Chat) -> Optional[Message]:
        params = p.json("reply_parameters", "reply parameters")
        allow = p.bool("allow_sending_without_reply")
        target_id = None
        target_chat = chat
        if isinstance(params, dict):
            target_id = params.get("message_id")
            allow = bool(params.get("allow_sending_without_reply", allow))
            if params.get("chat_id") not in (None, chat.id):
                found = self.find_chat(params["chat_id"])
                if found is None:
                    raise bad_request(E.CHAT_NOT_FOUND)
                target_chat = found
        elif params not in (None, ""):
            raise bad_request("can't parse reply parameters JSON object")
        if target_id is None:
            target_id = p.int("reply_to_message_id")
        if target_id is None:
            return None
        target = self.message(target_chat, int(target_id))
        if target is None or target.deleted:
            if allow:
                return None
            raise bad_request("message to be replied not found")
        return target

    def _thread(self, p: Params, chat: Chat, reply_to: Optional[Message]) -> Optional[Topic]:
        thread_id = p.int("message_thread_id")
        if thread_id is None:
            return reply_to.thread if reply_to is not None and reply_to.chat is chat else None
        if not chat.is_forum or thread_id not in chat.topics:
            if thread_id == 1 and chat.is_forum:
                return None  # the General topic
            raise bad_request("message thread not found")
        return chat.topics[thread_id]

    def _flood(self, chat: Chat) -> None:
        self.rate_limits.check(chat.id, chat.is_private)

    def _link_preview(self, p: Params) -> Optional[dict[str, Any]]:
        options = p.json("link_preview_options", "link preview options")
        if isinstance(options, dict) and options:
            return options
        if p.bool("disable_web_page_preview"):
            return {"is_disabled": True}
        return None

    def _bot_message(self, p: Params, chat_name: str = "chat_id") -> Message:
        chat = self.find_chat(p.chat_id(chat_name))  # type: ignore[arg-type]
        if chat is None:
            raise bad_request(E.CHAT_NOT_FOUND)
        mid = p.int("message_id", required="message identifier is not specified")
        msg = self.message(chat, mid)  # type: ignore[arg-type]
        if msg is None or msg.deleted:
            raise bad_request("message to edit not found")
        if not msg.from_bot:
            raise bad_request("message can't be edited")
        return msg

    def _edit(self, msg: Message, **changes: Any) -> dict[str, Any]:
        current = {"text": msg.text, "entities": msg.entities, "caption": msg.caption,
                   "caption_entities": msg.caption_entities, "reply_markup": msg.reply_markup}
        new = {**current, **changes}
        if _canon(new) == _canon(current):
            raise bad_request(E.NOT_MODIFIED)
        msg.history.append(Revision(msg.edit_date or msg.date, msg.text, msg.entities, msg.caption, msg.reply_markup))
        for key, value in changes.items():
            setattr(msg, key, value)
        msg.edit_date = int(time.time())
        self._emit("message_edited", message=msg)
        return msg.to_dict()

    # getting updates --------------------------------------------------------------------------------------
    def m_getme(self, p: Params) -> dict[str, Any]:
        return {**self.bot.to_dict(), "can_join_groups": True, "can_read_all_group_messages": not self.privacy_mode,
                "supports_inline_queries": False, "can_connect_to_business": False, "has_main_web_app": False}

    async def m_getupdates(self, p: Params) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise TelegramError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                     "use deleteWebhook to delete the webhook first")
        offset = p.int("offset")
        limit = max(1, min(100, p.int("limit", 100) or 100))
        timeout = max(0, p.int("timeout", 0) or 0)
        allowed = p.json("allowed_updates", "allowed updates")
        if isinstance(allowed, list):
            self.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATE_TYPES
        self._confirm_updates(offset)
        self.get_updates_count += 1
        loop = asyncio.get_running_loop()
        # Telegram answers an earlier pending getUpdates with 409 when a new one arrives
        if self._poller is not None and not self._poller.done():
            self._poller.set_exception(TelegramError(409, E.CONFLICT))
        me = self._poller = loop.create_future()
        if self._polling_event is not None:
            self._polling_event.set()
        deadline = loop.time() + timeout
        try:
            while True:
                batch = self._deliverable(limit)
                remaining = deadline - loop.time()
                if batch or remaining <= 0:
                    return [u.to_dict() for u in batch]
                signal = asyncio.ensure_future(self._signal().wait())
                try:
                    await asyncio.wait({signal, me}, timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    signal.cancel()
                if me.done():
                    me.result()  # raises the 409 when another getUpdates took over
        finally:
            if self._poller is me:
                self._poller = None
            if not me.done():
                me.cancel()
            elif not me.cancelled():
                me.exception()  # mark retrieved

    def _deliverable(self, limit: int) -> list[Any]:
        self.updates = [u for u in self.updates if u.type in self.allowed_updates]
        return self.updates[:limit]

    def m_deletewebhook(self, p: Params) -> bool:
        self.webhook_url = ""
        if p.bool("drop_pending_updates"):
            self.updates.clear()
        return True

    def m_setwebhook(self, p: Params) -> bool:
        self.webhook_url = p.str("url") or ""
        if p.bool("drop_pending_updates"):
            self.updates.clear()
        return True

    def m_getwebhookinfo(self, p: Params) -> dict[str, Any]:
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": len(self.updates)}

    # commands -----------------------------------------------------------------------------------------------
    def _scope_key(self, p: Params) -> str:
        scope = p.json("scope", "bot command scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in COMMAND_SCOPES:
            raise bad_request("can't parse BotCommandScope JSON object")
        kind = scope["type"]
        if kind in ("chat", "chat_administrators", "chat_member"):
            if "chat_id" not in scope:
                raise bad_request("chat_id is empty")
            chat = self.find_chat(scope["chat_id"])
            if chat is None:
                raise bad_request(E.CHAT_NOT_FOUND)
            if kind == "chat_member":
                if "user_id" not in scope or self.user_by_id(scope["user_id"]) is None:
                    raise bad_request("user not found")
                return f"chat_member:{chat.id}:{int(scope['user_id'])}"
            return f"{kind}:{chat.id}"
        return kind

    def m_setmycommands(self, p: Params) -> bool:
        commands = L.validate_commands(p.json("commands", "commands"))
        key = (self._scope_key(p), p.str("language_code") or "")
        if commands:
            self.commands[key] = commands
        else:
            self.commands.pop(key, None)
        self._emit("commands_set", data={"scope": key[0], "language_code": key[1], "commands": commands})
        return True

    def m_deletemycommands(self, p: Params) -> bool:
        key = (self._scope_key(p), p.str("language_code") or "")
        self.commands.pop(key, None)
        self._emit("commands_set", data={"scope": key[0], "language_code": key[1], "commands": []})
        return True

    def m_getmycommands(self, p: Params) -> list[dict[str, str]]:
        return list(self.commands.get((self._scope_key(p), p.str("language_code") or ""), []))

    def _store_setting(self, name: str):
        def handler(p: Params) -> bool:
            self.bot_settings[name] = dict(p.raw)
            return True
        return handler

    # sending --------------------------------------------------------------------------------------------------
    def m_sendmessage(self, p: Params) -> dict[str, Any]:
        chat = self._chat_for_bot(p)
        text, entities = self._formatted(p, "text", "entities", caption=False)
        inline, other = self._markup(p)
        reply_to = self._reply_target(p, chat)
        thread = self._thread(p, chat, reply_to)
        self._flood(chat)
        if thread is not None and reply_to is None:
            reply_to = self.message(chat, thread.id)
        msg = self._new_message(chat, self.bot, text=text, entities=entities, reply_markup=inline, reply_to=reply_to,
                                thread=thread, force_reply=other, link_preview_options=self._link_preview(p),
                                parse_mode=p.str("parse_mode"), raw_text=p.str("text"))
        return msg.to_dict()

    def m_senddocument(self, p: Params) -> dict[str, Any]:
        chat = self._chat_for_bot(p)
        doc = p.file("document")
        if doc is None:
            raise bad_request("there is no document in the request")
        if isinstance(doc, Upload):
            if not doc.data:
                raise bad_request("file must be non-empty")
            if len(doc.data) > L.FILE_UPLOAD:
                raise TelegramError(413, "Request Entity Too Large")
            stored = None
        else:
            stored = self.files.get(str(doc))
            if stored is None:
                if str(doc).startswith(("http://", "https://")):
                    raise bad_request("failed to get HTTP URL content")
                raise bad_request("wrong file identifier/HTTP URL specified")
        caption, caption_entities = self._formatted(p, "caption", "caption_entities", caption=True)
        inline, other = self._markup(p)
        reply_to = self._reply_target(p, chat)
        thread = self._thread(p, chat, reply_to)
        self._flood(chat)
        if stored is None:
            assert isinstance(doc, Upload)
            stored = self.store_file(doc.data, doc.filename, doc.content_type)
        if thread is not None and reply_to is None:
            reply_to = self.message(chat, thread.id)
        msg = self._new_message(chat, self.bot, caption=caption or None, caption_entities=caption_entities,
                                document=stored, reply_markup=inline, reply_to=reply_to, thread=thread,
                                force_reply=other, parse_mode=p.str("parse_mode"), raw_text=p.str("caption"))
        return msg.to_dict()

    def m_sendchataction(self, p: Params) -> bool:
        self._chat_for_bot(p)
        return True

    # editing and deleting -----------------------------------------------------------------------------------------
    def m_editmessagetext(self, p: Params) -> Any:
        if "inline_message_id" in p:
            raise bad_request("faketelegram has no inline messages")
        msg = self._bot_message(p)
        if msg.text is None:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._formatted(p, "text", "entities", caption=False)
        inline, _ = self._markup(p)
        # Telegram removes the inline keyboard when editMessageText comes without reply_markup
        out = self._edit(msg, text=text, entities=entities, reply_markup=inline)
        msg.raw_text, msg.parse_mode = p.str("text"), p.str("parse_mode")
        preview = self._link_preview(p)
        if preview is not None:
            msg.link_preview_options = preview
        return out

    def m_editmessagecaption(self, p: Params) -> Any:
        msg = self._bot_message(p)
        if msg.text is not None:
            raise bad_request("there is no caption in the message to edit")
        caption, entities = self._formatted(p, "caption", "caption_entities", caption=True)
        inline, _ = self._markup(p)
        return self._edit(msg, caption=caption or None, caption_entities=entities, reply_markup=inline)

    def m_editmessagereplymarkup(self, p: Params) -> Any:
        msg = self._bot_message(p)
        inline, _ = self._markup(p)
        return self._edit(msg, reply_markup=inline)

    def _delete_one(self, chat: Chat, message_id: int) -> None:
        msg = self.message(chat, message_id)
        if msg is None or msg.deleted:
            raise bad_request("message to delete not found")
        if msg.service.get("forum_topic_created"):
            raise bad_request("message can't be deleted")
        too_old = time.time() - msg.date > L.MESSAGE_DELETE_HOURS * 3600
        if not chat.is_private and not msg.from_bot:
            rights = chat.admin_rights.get(self.bot.id) if chat.bot_status == "administrator" else None
            if not rights or not rights.get("can_delete_messages"):
                raise bad_request("message can't be deleted")
        elif too_old:
            raise bad_request("message can't be deleted for everyone")
        msg.deleted = True
        self._emit("message_deleted", message=msg)

    def m_deletemessage(self, p: Params) -> bool:
        chat = self._chat_for_bot(p, sending=False)
        self._delete_one(chat, p.int("message_id", required="message identifier is not specified"))  # type: ignore[arg-type]
        return True

    def m_deletemessages(self, p: Params) -> bool:
        chat = self._chat_for_bot(p, sending=False)
        ids = p.json("message_ids", "message identifiers")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise bad_request("message identifiers are not specified")
        for mid in ids:
            try:
                self._delete_one(chat, int(mid))
            except TelegramError:
                pass
        return True

    # callback queries -----------------------------------------------------------------------------------------------
    def m_answercallbackquery(self, p: Params) -> bool:
        query_id = p.str("callback_query_id") or ""
        query = self.callback_queries.get(query_id)
        if query is None or query.answer is not None or time.monotonic() - query.created > self.callback_timeout:
            raise bad_request(E.QUERY_TOO_OLD)
        text = p.str("text")
        if text is not None and len(text) > L.CALLBACK_ANSWER_TEXT:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answer = CallbackAnswer(text=text or None, show_alert=p.bool("show_alert"), url=p.str("url"),
                                      cache_time=p.int("cache_time", 0) or 0,
                                      latency=time.monotonic() - query.created)
        query.answered.set()
        self._emit("callback_answered", data={"query": query})
        return True

    # chats and members ------------------------------------------------------------------------------------------------
    def m_getchat(self, p: Params) -> dict[str, Any]:
        chat = self._chat_for_bot(p, sending=False)
        out = {**chat.to_dict(), "accent_color_id": 0, "max_reaction_count": 11,
               "accepted_gift_types": {"unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
                                       "premium_subscription": False, "gifts_from_channels": False}}
        if chat.description:
            out["description"] = chat.description
        if not chat.is_private:
            out["permissions"] = {"can_send_messages": True, "can_send_documents": True, "can_send_other_messages": True,
                                  "can_add_web_page_previews": True, "can_invite_users": True}
        return out

    def _member_dict(self, chat: Chat, user_id: int) -> dict[str, Any]:
        user = self.user_by_id(user_id)
        if user is None:
            raise bad_request("user not found")
        if user.id == self.bot.id:
            status = chat.bot_status
        elif chat.is_private:
            status = "member" if user is chat.user else "left"
        else:
            status = chat.members.get(user.id, "left")
        restricted = self.restriction(chat, user.id) if status == "member" and not chat.is_private else None
        if restricted is not None:
            status = "restricted"
        out: dict[str, Any] = {"status": status, "user": user.to_dict()}
        if restricted is not None:
            out.update({"is_member": True, "until_date": restricted["until_date"],
                        **{f: restricted["permissions"].get(f, False) for f in RESTRICTABLE}})
        if status == "creator":
            out["is_anonymous"] = False
        elif status == "administrator":
            rights = chat.admin_rights.get(user.id) or {}
            from .models import DEFAULT_ADMIN_RIGHTS
            out.update({**DEFAULT_ADMIN_RIGHTS, **rights})
        elif status == "kicked":
            out["until_date"] = 0
        if chat.custom_titles.get(user.id) and status in ("creator", "administrator"):
            out["custom_title"] = chat.custom_titles[user.id]
        return out

    def restriction(self, chat: Chat, user_id: int) -> Optional[dict[str, Any]]:
        """The member's restriction in a group while it lasts (until_date 0: for ever)."""
        found = self.restrictions.get((chat.id, user_id))
        if found is None or (found["until_date"] and found["until_date"] <= time.time()):
            return None
        return found

    def m_restrictchatmember(self, p: Params) -> bool:
        chat = self._chat_for_bot(p, sending=False)
        if chat.is_private:
            raise bad_request("method is available only for supergroups")
        user_id = p.int("user_id", required="user_id is empty")
        rights = chat.admin_rights.get(self.bot.id) if chat.bot_status == "administrator" else None
        if not rights or not rights.get("can_restrict_members"):
            raise bad_request("not enough rights to restrict/unrestrict chat member")
        status = chat.members.get(user_id)  # type: ignore[arg-type]
        if status in ("creator", "administrator"):
            raise bad_request("user is an administrator of the chat")
        if status is None or status in ("left", "kicked"):
            raise bad_request("PARTICIPANT_ID_INVALID")
        permissions = p.json("permissions", "permissions")
        if not isinstance(permissions, dict):
            raise bad_request("can't parse permissions JSON object")
        until = p.int("until_date", 0) or 0
        self.restrictions[(chat.id, user_id)] = {  # type: ignore[index]
            "permissions": {k: bool(v) for k, v in permissions.items()}, "until_date": until}
        return True

    def m_getchatmember(self, p: Params) -> dict[str, Any]:
        chat = self._chat_for_bot(p, sending=False)
        return self._member_dict(chat, p.int("user_id", required="user_id is empty"))  # type: ignore[arg-type]

    def m_getchatadministrators(self, p: Params) -> list[dict[str, Any]]:
        chat = self._chat_for_bot(p, sending=False)
        if chat.is_private:
            raise bad_request("there are no administrators in the private chat")
        ids = chat.admins()
        if chat.bot_status == "administrator":
            ids.append(self.bot.id)
        return [self._member_dict(chat, uid) for uid in ids]

    def m_getchatmembercount(self, p: Params) -> int:
        chat = self._chat_for_bot(p, sending=False)
        if chat.is_private:
            return 2
        return sum(1 for s in chat.members.values() if s not in ("left", "kicked")) + 1

    # files ---------------------------------------------------------------------------------------------------------------
    def m_getfile(self, p: Params) -> dict[str, Any]:
        stored = self.files.get(p.str("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        if stored.size > L.FILE_DOWNLOAD:
            raise bad_request("file is too big")
        return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "file_size": stored.size,
                "file_path": stored.file_path}


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
