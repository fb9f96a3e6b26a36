"""The acting member as Telegram shows them, their group's settings, and the one error path.

Roles on Telegram: the group's admins are admins; organisers are admins plus members an admin named
with /organiser add; moderators are the members of the linked moderators' group (its chat id is the
community's `moderator_role`, so the shared permission rules apply unchanged).
"""

from __future__ import annotations

import logging
import secrets
import time
from typing import TYPE_CHECKING, Any

from aiogram import types
from aiogram.exceptions import TelegramAPIError

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import TELEGRAM, Community
from bot.domain.roles import Actor
from bot.i18n import catalogue, t

if TYPE_CHECKING:
    from routers.front import TelegramFrontEnd

log = logging.getLogger("baithak.telegram")
ADMINS_TTL = 30.0
GROUP_TYPES = ("group", "supergroup")


def full_name(user: types.User) -> str:
    return " ".join(p for p in (user.first_name, user.last_name) if p) or (user.username or str(user.id))


def is_group(chat: types.Chat) -> bool:
    return chat.type in GROUP_TYPES


class Roles:
    """Who is an admin of a group (cached for half a minute) and who is in the moderators' group."""

    def __init__(self, front: "TelegramFrontEnd") -> None:
        self.front = front
        self._admins: dict[int, tuple[float, frozenset[int]]] = {}

    def forget(self, chat_id: int) -> None:
        self._admins.pop(chat_id, None)

    async def community_of_moderators(self, chat_id: int) -> int | None:
        """The community whose moderators' group `chat_id` is, if it is one (the app caches it and
        forgets it on /link)."""
        return await self.front.app.telegram.community_of_moderators(chat_id)

    async def admins(self, chat_id: int) -> frozenset[int]:
        cached = self._admins.get(chat_id)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        try:
            members = await self.front.bot.get_chat_administrators(chat_id)
        except TelegramAPIError:
            log.warning("could not read the admins of %s", chat_id, exc_info=True)
            return frozenset()
        ids = frozenset(m.user.id for m in members)
        self._admins[chat_id] = (time.monotonic() + ADMINS_TTL, ids)
        return ids

    async def is_member(self, chat_id: int, user_id: int) -> bool:
        try:
            member = await self.front.bot.get_chat_member(chat_id, user_id)
        except TelegramAPIError:
            return False
        return member.status in ("creator", "administrator", "member") or (
            member.status == "restricted" and bool(getattr(member, "is_member", False)))

    async def actor(self, chat: types.Chat, user: types.User, *, roles: bool = True) -> Actor:
        """The member acting in `chat`; with `roles`, their admin, organiser and moderator standing."""
        group = is_group(chat)
        admin = organiser = False
        role_ids: frozenset[int] = frozenset()
        app = self.front.app
        community = await self.community_of_moderators(chat.id) if group else None
        if community is not None:
            # In a moderators' group its members act as the community's moderators (of the community
            # the group joined, if it joined one: there they hold its moderator role).
            admin = user.id in await self.admins(community)
            home = await app.communities.home(Community(TELEGRAM, community)) if app.communities else None
            roles_held = frozenset({chat.id})
            if home is not None:
                mod_role = (await app.setup.settings_for(home)).moderator_role
                roles_held = frozenset({mod_role}) if mod_role is not None else frozenset()
            return Actor(user_id=user.id, guild_id=community, role_ids=roles_held,
                         administrator=admin, manage_guild=admin, manage_events=admin,
                         display_name=full_name(user), platform=TELEGRAM, home=home)
        home = await app.communities.home(Community(TELEGRAM, chat.id)) if group and app.communities else None
        if group and roles:
            admin = user.id in await self.admins(chat.id)
            organiser = admin or await app.telegram.is_organiser(chat.id, user.id)
            settings = await app.setup.settings_for(home or Community(TELEGRAM, chat.id))
            mods = settings.moderator_role if (home is None or home.platform == TELEGRAM) else None
            if mods is not None and await self.is_member(mods, user.id):
                role_ids = frozenset({mods})
        return Actor(user_id=user.id, guild_id=chat.id if group else None, role_ids=role_ids,
                     administrator=admin, manage_guild=admin, manage_events=organiser,
                     display_name=full_name(user), platform=TELEGRAM, home=home)


async def settings_of(front: "TelegramFrontEnd", chat: types.Chat | None) -> GuildSettings:
    community = Community(TELEGRAM, chat.id) if chat is not None and is_group(chat) else None
    if community is not None:  # a moderators' group speaks its community's language
        moderated = await front.app.telegram.community_of_moderators(community.id)
        community = Community(TELEGRAM, moderated) if moderated is not None else community
    if community is not None and front.app.communities is not None:
        community = await front.app.communities.home(community) or community
    return await front.app.setup.settings_for(community)


def refusal(lang: str, error: DomainError) -> str:
    """A domain refusal in Telegram's words where they differ (`tg.<key>`), else the shared text."""
    key = f"tg.{error.key}" if f"tg.{error.key}" in catalogue() else error.key
    try:
        return t(lang, key, **error.params)
    except (KeyError, IndexError):
        return t(lang, error.key, **error.params)


def apology(lang: str, error: BaseException, where: Any) -> str:
    ref = secrets.token_hex(3).upper()
    log.error("unexpected error [ref %s] in %s", ref, where, exc_info=error)
    return t(lang, "common.error", ref=ref)


def replied_to(message: types.Message) -> types.Message | None:
    """The message `message` really answers. In a forum topic every message replies to the topic's
    opening ("topic created") message, which is no member's message to act on."""
    replied = message.reply_to_message
    if replied is None or replied.forum_topic_created is not None:
        return None
    if message.is_topic_message and replied.message_id == message.message_thread_id:
        return None
    return replied
