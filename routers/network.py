"""The network of communities on Telegram, for group admins: `/network_invite` (the one-time code goes
to the admin privately: said in the group, any member could use it), `/network_join CODE`,
`/network_share factchecks|resources on|off`, `/network_leave`, `/network_status`. The use cases are
`app.network`, as on Discord, so a Telegram group and a Discord server can be partners; a group linked
to a Discord server's community acts as that community."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.domain.errors import DomainError
from bot.domain.network import FACTCHECKS, RESOURCES
from bot.domain.roles import require_admin
from bot.i18n import t
from bot.ports.messaging import Delivery
from routers.front import group_only

_KINDS = {"factchecks": FACTCHECKS, "resources": RESOURCES}


def parse_share(args: str) -> dict[str, str]:
    """`factchecks on`, `resources off`, or both pairs: {"factchecks": "on", ...}; anything else is
    refused with the usage (nothing changes)."""
    words = args.lower().split()
    if not words or len(words) % 2 or len(words) > 4:
        raise DomainError("tg.network.share_usage")
    out: dict[str, str] = {}
    for kind, value in zip(words[::2], words[1::2]):
        if kind not in _KINDS or value not in ("on", "off") or kind in out:
            raise DomainError("tg.network.share_usage")
        out[kind] = value
    return out


def build() -> Router:
    router = Router(name="network")

    @router.message(Command("network_invite"))
    async def invite(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        require_admin(actor)
        if await app.telegram.reachable(actor.user_id) is False:
            # Known before a code is made (a code nobody can read is never made).
            raise DomainError("tg.network.code_start_first", link=front.start_link())
        out = await app.network.invite(actor)
        if await front.messenger.dm(actor.member, out) is Delivery.CLOSED:
            raise DomainError("tg.network.code_start_first", link=front.start_link())
        await front.reply(message, t(await front.lang_of_actor(actor), "tg.network.code_sent"))

    @router.message(Command("network_join"))
    async def join(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        code = (command.args or "").strip()
        actor = await front.roles.actor(message.chat, message.from_user)
        require_admin(actor)
        if not code or len(code) > 40 or len(code.split()) > 1:
            raise DomainError("tg.network.join_usage")
        await front.reply(message, await app.network.join(actor, code))

    @router.message(Command("network_share"))
    async def share(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        require_admin(actor)
        if not (command.args or "").strip():
            await front.reply(message, await app.network.status(actor))
            return
        chosen = parse_share(command.args or "")
        await front.reply(message, await app.network.share(actor, factchecks=chosen.get("factchecks"),
                                                           resources=chosen.get("resources")))

    @router.message(Command("network_leave"))
    async def leave(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        await front.reply(message, await app.network.leave(actor))

    @router.message(Command("network_status"))
    async def status(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        group_only(message.chat)
        actor = await front.roles.actor(message.chat, message.from_user)
        await front.reply(message, await app.network.status(actor))

    return router
