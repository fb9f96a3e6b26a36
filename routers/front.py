"""The Telegram front end's connection: an aiogram Bot and Dispatcher long polling in the same process
as the Discord client. It registers its Messenger with the app, includes one router per feature,
records who can be reached privately and answers every update, errors included."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

from aiogram import BaseMiddleware, Bot, Dispatcher, types
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.types import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats, ErrorEvent

from bot.domain.errors import DomainError
from bot.domain.identity import TELEGRAM, Community
from bot.i18n import LANGUAGES, t
from bot.ports.messaging import Message
from routers._common.context import Roles, apology, full_name, is_group, refusal, settings_of
from routers._common.directory import TelegramDirectory
from routers._common.messenger import TelegramMessenger
from routers._common.queue import SendQueue
from routers._common.render import TOAST_LIMIT

log = logging.getLogger("baithak.telegram")
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
# Updates handled at once; the rest wait in arrival order (under a burst, all at once interleave and
# the unlucky presses wait past Telegram's 15 seconds).
HANDLERS_AT_ONCE = 100
STALE_QUERY = "query is too old"  # Telegram's 400 for answering a button press after 15 seconds
TITLES_PACE = 0.1  # seconds between getChat calls when learning group titles at start

GROUP_COMMANDS = ("event", "events", "attendees", "share", "search", "top", "report", "setup", "organiser", "link", "help",
                  "event_edit", "event_cancel", "event_checkin_code", "event_stats", "event_report", "checkin",
                  "factcheck", "reports_queue", "reports_show", "reports_stats", "reports_export", "reports_snippet",
                  "event_from", "event_templates", "event_template_save", "event_template_delete",
                  "network_invite", "network_join", "network_share", "network_leave", "network_status")
PRIVATE_COMMANDS = ("start", "my", "report", "cancel", "help", "checkin", "my_attendance", "my_timezone", "my_reports")


class Seen(BaseMiddleware):
    """Remembers members' names (to write `<@id>` as a name) and who wrote to the bot privately."""

    def __init__(self, front: "TelegramFrontEnd") -> None:
        self.front = front

    async def __call__(self, handler: Callable[..., Awaitable[Any]], event: Any, data: dict[str, Any]) -> Any:
        names = self.front.names
        user = getattr(event, "from_user", None)
        if user is not None and not user.is_bot:
            names[user.id] = full_name(user)
        replied = getattr(event, "reply_to_message", None)
        if replied is not None and replied.from_user is not None and not replied.from_user.is_bot:
            names[replied.from_user.id] = full_name(replied.from_user)
        chat = getattr(event, "chat", None) or getattr(getattr(event, "message", None), "chat", None)
        if chat is not None:
            self.front.directory.saw(chat)
        if chat is not None and is_group(chat) and user is not None and not user.is_bot:
            await self.front.app.telegram.acted_in(user.id, chat.id)
        if isinstance(event, types.Message) and chat is not None and chat.type == "private" and user is not None:
            await self.front.app.telegram.started(user.id)
        return await handler(event, data)


class TelegramFrontEnd:
    def __init__(self, app: Any, token: str, *, api_base: str | None = None, session: Any = None) -> None:
        if session is None:
            session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else AiohttpSession()
        self.app = app
        self.bot = Bot(token, session=session)
        self.queue = SendQueue()
        self.bot.session.middleware(self.queue)
        self.names: dict[int, str] = {}
        self.roles = Roles(self)
        self.messenger = TelegramMessenger(self.bot, app, self.names)
        app.messenger.register(TELEGRAM, self.messenger)
        self.directory = TelegramDirectory()
        app.directories.use(TELEGRAM, self.directory)
        self.username = ""
        self.dp = Dispatcher()
        self.dp["front"] = self
        self.dp["app"] = app
        seen = Seen(self)
        self.dp.message.outer_middleware(seen)
        self.dp.callback_query.outer_middleware(seen)
        self.dp.errors.register(self.on_error)
        from routers import (events, events_manage, factchecks, fallback, network, reports, reports_conversation,
                             resources, setup, start)

        for module in (start, setup, events, events_manage, resources, reports, factchecks, network, fallback):
            self.dp.include_router(module.build())
        reports_conversation.register(self)
        self._polling: asyncio.Task[None] | None = None
        self._titles: asyncio.Task[None] | None = None
        self._closed = False

    # -- helpers for handlers -------------------------------------------------------------------
    def start_link(self, payload: str | None = None) -> str:
        return f"https://t.me/{self.username}" + (f"?start={payload}" if payload else "")

    async def lang(self, chat: types.Chat | None) -> str:
        return (await settings_of(self, chat)).language

    async def lang_of_actor(self, actor: Any) -> str:
        return (await self.app.setup.settings_for(actor.community)).language

    async def reply(self, message: types.Message, out: Message | str) -> int:
        """Answer a member's message in its chat, as a reply to it."""
        if isinstance(out, str):
            out = Message(text=out)
        return await self.messenger.send(message.chat.id, out, reply_to=message.message_id,
                                         thread=message.message_thread_id if message.is_topic_message else None)

    async def toast(self, query: types.CallbackQuery, out: Message | str, *, alert: bool = False,
                    suffix: str = "", url: str | None = None) -> None:
        """Answer a button press with a notice only the presser sees (200 characters)."""
        text = out if isinstance(out, str) else "\n".join(p for p in [out.text] + [c.title for c in out.cards] if p)
        r = await self.messenger.renderer(query.message.chat.id if query.message else None)
        body = r.plain(text, TOAST_LIMIT - len(suffix)) + suffix
        await query.answer(body.strip()[:TOAST_LIMIT], show_alert=alert, url=url)

    # -- errors -----------------------------------------------------------------------------------
    async def on_error(self, event: ErrorEvent) -> bool:
        update, error = event.update, event.exception
        if update.callback_query is not None and isinstance(error, TelegramBadRequest) \
                and STALE_QUERY in str(error.message):
            # Answered after Telegram's 15 seconds: nothing can reach the presser any more (an
            # apology would be refused the same way). What the press did is done; say it once.
            log.warning("button press %s was answered too late for Telegram (over 15 s)", update.update_id)
            return True
        chat = None
        if update.message is not None:
            chat = update.message.chat
        elif update.callback_query is not None and update.callback_query.message is not None:
            chat = update.callback_query.message.chat
        try:
            lang = await self.lang(chat)
        except Exception:  # the answer must go out even if settings cannot be read
            lang = self.app.config.language
        text = refusal(lang, error) if isinstance(error, DomainError) else apology(lang, error, update.event_type)
        try:
            if update.callback_query is not None:
                await self.toast(update.callback_query, text, alert=True)
            elif update.message is not None:
                await self.reply(update.message, text)
        except TelegramAPIError:
            log.warning("could not deliver an error message for update %s", update.update_id)
        return True

    # -- running ----------------------------------------------------------------------------------
    async def set_commands(self) -> None:
        for lang in LANGUAGES:
            code = None if lang == "en" else lang
            for scope, names in ((BotCommandScopeAllGroupChats(), GROUP_COMMANDS),
                                 (BotCommandScopeAllPrivateChats(), PRIVATE_COMMANDS)):
                commands = [BotCommand(command=n, description=t(lang, f"tg.command.{n}")) for n in names]
                await self.bot.set_my_commands(commands, scope=scope, language_code=code)

    async def start(self) -> None:
        """Connect (getMe), start the app's scheduled work, set the command menus, start polling."""
        me = await self.bot.get_me()
        self.username = me.username or ""
        await self.app.start()
        await self.set_commands()
        self._polling = asyncio.create_task(self.dp.start_polling(
            self.bot, handle_signals=False, close_bot_session=False, allowed_updates=ALLOWED_UPDATES,
            polling_timeout=10, tasks_concurrency_limit=HANDLERS_AT_ONCE))
        self._titles = asyncio.create_task(self.learn_titles(), name="telegram-titles")
        log.info("telegram: polling as @%s", self.username)

    async def learn_titles(self) -> None:
        """Learn the titles and public links of the groups set up before this start: the digest,
        network attributions and SLA notices name them, and a group may stay quiet for days after a
        restart. A group the bot has left is skipped."""
        try:
            ids = await self.app.setup.communities(TELEGRAM)
        except Exception:  # names are a nicety: never let them stop the bot
            log.warning("could not list the Telegram groups to learn their titles", exc_info=True)
            return
        for chat_id in ids:
            if self.directory.name(Community(TELEGRAM, chat_id)) is not None:
                continue  # heard from since the start
            try:
                self.directory.saw(await self.bot.get_chat(chat_id))
            except TelegramAPIError as exc:  # left the group, or the group is gone
                log.info("could not read the title of group %s: %s", chat_id, exc)
            except Exception:  # an answer aiogram cannot read: the name waits for the group's next word
                log.warning("could not read the title of group %s", chat_id, exc_info=True)
            await asyncio.sleep(TITLES_PACE)

    async def wait(self) -> None:
        """Until polling stops."""
        if self._polling is not None:
            await self._polling

    async def close(self) -> None:
        """Let follow-up work finish while still connected, then stop polling and disconnect."""
        if self._closed:
            return
        self._closed = True
        if self._titles is not None:
            self._titles.cancel()
        await self.app.close()
        if self._polling is not None and not self._polling.done():
            try:
                await self.dp.stop_polling()
            except RuntimeError:
                pass
            try:
                await asyncio.wait_for(self._polling, 10)
            except (asyncio.TimeoutError, asyncio.CancelledError, Exception):
                self._polling.cancel()
        await self.bot.session.close()


def group_only(chat: types.Chat) -> None:
    if not is_group(chat):
        raise DomainError("common.guild_only")
