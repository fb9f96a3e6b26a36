"""The Messenger port over aiogram: posts, edits, deletes and private messages rendered from the
neutral model as HTML with inline keyboards and documents.

Private messages: Telegram lets a bot write only to members who started it. A refusal (403) is
CLOSED and remembered; a member known to be unreachable is not tried again until they start the bot.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError, TelegramNotFound
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.identity import TELEGRAM, Community, Member, MessageRef, Place
from bot.i18n.format import cut
from bot.ports.messaging import Delivery, Message, MessengerError, PlaceGone
from routers._common import callbacks
from routers._common.render import (BUTTON_TEXT, CAPTION_LIMIT, KEYBOARD_BUTTONS, ROW_BUTTONS, TEXT_LIMIT,
                                    Renderer)

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)


def keyboard(message: Message, renderer: Renderer) -> InlineKeyboardMarkup | None:
    """Rows of inline buttons for the message's intents; disabled intents are left out (Telegram has
    no disabled buttons), and so are intents the Telegram front end does not handle yet (a button
    that could only answer "this no longer works" is worse than none)."""
    rows: list[list[InlineKeyboardButton]] = []
    total = 0
    for row in message.buttons:
        out: list[InlineKeyboardButton] = []
        for b in row:
            if b.disabled or total >= KEYBOARD_BUTTONS or len(out) >= ROW_BUTTONS or not callbacks.handles(b):
                continue
            label = renderer.plain(b.label, BUTTON_TEXT - 3)
            out.append(InlineKeyboardButton(text=f"{b.emoji} {label}" if b.emoji else label,
                                            callback_data=callbacks.encode(b)))
            total += 1
        if out:
            rows.append(out)
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


class TelegramMessenger:
    def __init__(self, bot: Bot, app: "App", names: dict[int, str] | None = None) -> None:
        self.bot = bot
        self.app = app
        self.names = names if names is not None else {}

    async def renderer(self, place_id: int | None) -> Renderer:
        """Times in the group's zone and language. A private chat: the member's own zone (/my_timezone),
        else the zone of the community they last acted in, in its language (the bot's defaults only
        for a member never seen in a group)."""
        own: str | None = None
        community = Community(TELEGRAM, place_id) if place_id is not None and place_id < 0 else None
        if community is not None:  # a moderators' group reads times as its community does
            moderated = await self.app.telegram.community_of_moderators(community.id)
            community = Community(TELEGRAM, moderated) if moderated is not None else community
        if place_id is not None and place_id > 0:
            own = await self.app.events.zone_of(Member(TELEGRAM, place_id), "") or None
            group = await self.app.telegram.last_group(place_id)
            if group is not None:
                group = await self.app.telegram.community_of_moderators(group) or group
                community = Community(TELEGRAM, group)
        if community is not None and self.app.communities is not None:
            community = await self.app.communities.home(community) or community
        settings = await self.app.setup.settings_for(community)
        return Renderer(zone=own or settings.timezone, lang=settings.language, names=self.names.get,
                        now=self.app.clock.now)

    async def send(self, chat_id: int, message: Message, *, reply_to: int | None = None,
                   thread: int | None = None) -> int:
        """Send `message` to a chat; the id of the message carrying the text and buttons."""
        r = await self.renderer(chat_id)
        markup = keyboard(message, r)
        kw: dict = dict(message_thread_id=thread)
        if reply_to is not None:
            kw.update(reply_to_message_id=reply_to, allow_sending_without_reply=True)
        files = list(message.files)
        has_text = bool(message.text or message.cards)
        if files and len(files) == 1 and r.html(message, TEXT_LIMIT) == r.html(message, CAPTION_LIMIT):
            f = files.pop()
            sent = await self.bot.send_document(chat_id, BufferedInputFile(f.data, cut(f.filename, 200)),
                                                caption=r.html(message, CAPTION_LIMIT) if has_text else None,
                                                parse_mode="HTML", reply_markup=markup, **kw)
            return sent.message_id
        first = None
        if has_text or markup is not None:
            sent = await self.bot.send_message(chat_id, r.html(message), parse_mode="HTML", reply_markup=markup,
                                               link_preview_options=None, **kw)
            first = sent.message_id
        for f in files:
            doc = await self.bot.send_document(chat_id, BufferedInputFile(f.data, cut(f.filename, 200)), **kw)
            first = first or doc.message_id
        if first is None:
            raise MessengerError("an empty message")
        return first

    async def post(self, place: Place, message: Message, *, nonce: str | None = None) -> MessageRef:
        """Post in a group (in the forum topic `/setup` was run in, if any)."""
        communities = self.app.communities
        thread = await communities.topic(place) if communities is not None and place.id < 0 else None
        try:
            message_id = await self.send(place.id, message, thread=thread)
        except TelegramForbiddenError as exc:
            raise PlaceGone(exc.message) from exc
        except TelegramBadRequest as exc:
            if "chat not found" in exc.message or "thread not found" in exc.message:
                raise PlaceGone(exc.message) from exc
            raise MessengerError(exc.message) from exc
        except TelegramAPIError as exc:
            raise MessengerError(str(exc)) from exc
        return MessageRef(place, message_id)

    async def edit(self, ref: MessageRef, message: Message) -> bool:
        r = await self.renderer(ref.place.id)
        try:
            await self.bot.edit_message_text(r.html(message), chat_id=ref.place.id, message_id=ref.id,
                                             parse_mode="HTML", reply_markup=keyboard(message, r))
        except TelegramBadRequest as exc:
            text = exc.message.lower()
            if "message is not modified" in text:
                return True
            if "not found" in text or "can't be edited" in text:
                return False
            raise MessengerError(exc.message) from exc
        except (TelegramForbiddenError, TelegramNotFound):
            return False
        except TelegramAPIError as exc:
            raise MessengerError(str(exc)) from exc
        return True

    async def edit_message(self, chat_id: int, message_id: int, message: Message) -> bool:
        """Replace the content of one of the bot's messages in a chat."""
        return await self.edit(MessageRef(Place(TELEGRAM, chat_id), message_id), message)

    async def delete(self, ref: MessageRef) -> bool:
        try:
            return bool(await self.bot.delete_message(ref.place.id, ref.id))
        except (TelegramBadRequest, TelegramForbiddenError, TelegramNotFound):
            return False
        except TelegramAPIError as exc:
            raise MessengerError(str(exc)) from exc

    async def dm(self, member: Member, message: Message, *, nonce: str | None = None) -> Delivery:
        # Telegram has no nonce: a resend after a crash between send and record may repeat a DM.
        telegram = self.app.telegram
        if await telegram.reachable(member.id) is False:
            return Delivery.CLOSED
        try:
            await self.send(member.id, message)
        except TelegramForbiddenError:
            await telegram.refused(member.id)
            return Delivery.CLOSED
        except TelegramBadRequest as exc:
            if "chat not found" in exc.message:
                await telegram.refused(member.id)
                return Delivery.CLOSED
            raise MessengerError(exc.message) from exc
        except TelegramAPIError as exc:
            raise MessengerError(str(exc)) from exc
        await telegram.started(member.id)  # it reached them: they can be reminded
        return Delivery.DELIVERED


PLATFORM = TELEGRAM

