"""What the Telegram front end knows about its groups, for the services that name a community
(network attributions, the digest, links to reported messages). Filled from the updates the bot
receives, so nothing is requested from Telegram to name a group."""

from __future__ import annotations

from aiogram import types

from bot.domain.identity import Community, Member, MessageRef


def message_link(chat_id: int, username: str | None, message_id: int) -> str | None:
    """`t.me` link to a group message: by the group's public username, else the private-supergroup
    form (`t.me/c/<id>/<message>`, where a supergroup id is -100<id>). Basic groups have no links."""
    if username:
        return f"https://t.me/{username}/{message_id}"
    text = str(chat_id)
    if text.startswith("-100"):
        return f"https://t.me/c/{text[4:]}/{message_id}"
    return None


class TelegramDirectory:
    knows_owners = False  # Telegram names a group's creator only on request: never wait to learn one

    def __init__(self) -> None:
        self._titles: dict[int, str] = {}
        self._usernames: dict[int, str] = {}

    def saw(self, chat: types.Chat) -> None:
        """Remember a group's title and public username as they are now."""
        if chat.type == "private":
            return
        if chat.title:
            self._titles[chat.id] = chat.title
        if chat.username:
            self._usernames[chat.id] = chat.username
        else:
            self._usernames.pop(chat.id, None)

    def name(self, community: Community) -> str | None:
        return self._titles.get(community.id)

    def owner(self, community: Community) -> Member | None:
        return None  # Telegram names a group's creator only on request; admins are checked live

    def message_link(self, community: Community, ref: MessageRef) -> str | None:
        chat = ref.place.id
        return message_link(chat, self._usernames.get(chat), ref.id)
