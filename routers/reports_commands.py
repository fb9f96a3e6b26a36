"""The moderators' report commands on Telegram, in the moderators' group (Telegram commands have no
options, so the words after the command stand in for them): `/reports_queue [status] [category]`,
`/reports_show R-12 [reveal]`, `/reports_stats [days]`, `/reports_export [csv|json] [since]` (a
document), `/reports_snippet add name text | list | remove name` (saved replies, used by starting a
reply prompt's answer with `#name`). And `/my_reports` in a private chat: the member's own reports with **Reply** each. The
same `bot.app` services and permission checks as `cogs/reports`."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message, User

from bot.domain.errors import DomainError
from bot.domain.identity import TELEGRAM, Community
from bot.domain.report_categories import CATEGORIES, STATUSES
from bot.domain.roles import Actor
from bot.i18n import t
from routers._common.context import full_name, is_group

MAX_DAYS = 3650
FORMATS = ("csv", "json")


async def moderators_actor(front, app, message: Message) -> Actor:  # type: ignore[no-untyped-def]
    """The member acting in the moderators' group; refused anywhere else (a case's details are not
    for the community's group, where every member would read them)."""
    chat = message.chat
    if not is_group(chat) or await app.telegram.community_of_moderators(chat.id) is None:
        raise DomainError("tg.reports.mods_group_only")
    return await front.roles.actor(chat, message.from_user)


async def private_actor(app, user: User, *, missing: str = "tg.reports.mine_where") -> Actor:  # type: ignore[no-untyped-def]
    """A member writing privately, acting in the community of the group they last used (its home
    community when the group joined one); refused with `missing` when no group is known."""
    group = await app.telegram.last_group(user.id)
    if group is not None:
        group = await app.telegram.community_of_moderators(group) or group
    if group is None:
        raise DomainError(missing)
    home = await app.communities.home(Community(TELEGRAM, group)) if app.communities else None
    return Actor(user_id=user.id, guild_id=group, display_name=full_name(user), platform=TELEGRAM, home=home)


async def with_snippet(app, actor: Actor, text: str) -> tuple[str | None, str]:  # type: ignore[no-untyped-def]
    """(snippet name, the rest) when a moderator's answer starts with `#name` of a saved reply;
    otherwise (None, the text as typed)."""
    first, _, rest = text.strip().partition(" ")
    if first.startswith("#") and len(first) > 1:
        name = first[1:].casefold()
        if any(s.name == name for s in await app.report_conversation.snippets(actor)):
            return name, rest.strip()
    return None, text


async def snippet_hint(app, actor: Actor, lang: str) -> str:  # type: ignore[no-untyped-def]
    """A line under a reply prompt naming the saved replies (nothing when there are none)."""
    names = [s.name for s in await app.report_conversation.snippets(actor)]
    return "\n" + t(lang, "tg.reports.snippet_hint", names=" ".join(f"#{n}" for n in names[:25])) if names else ""


def _shown(word: str) -> str:
    """A word echoed back inside `code` in a refusal (no backtick can end the code early)."""
    return word.replace("`", "")[:40]


def queue_filters(args: str) -> tuple[str | None, str | None]:
    """(status, category) from the words after `/reports_queue`, in any order."""
    status = category = None
    for word in args.lower().split():
        if word == "open" or word in STATUSES:
            status = word
        elif word in CATEGORIES:
            category = word
        else:
            raise DomainError("tg.reports.queue_usage", value=_shown(word), statuses=", ".join(STATUSES),
                              categories=", ".join(CATEGORIES))
    return status, category


def stats_days(args: str) -> int:
    raw = args.strip()
    if not raw:
        return 30
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
        raise DomainError("tg.reports.stats_usage", value=_shown(raw))
    return int(raw)


def export_options(args: str) -> tuple[str, str | None]:
    """(format, since) from `/reports_export [csv|json] [since]` (either may be left out)."""
    words = args.split()
    fmt = "csv"
    if words and words[0].lower() in FORMATS:
        fmt = words.pop(0).lower()
    if len(words) > 1:
        raise DomainError("tg.reports.export_usage")
    return fmt, (words[0] if words else None)


def build() -> Router:
    router = Router(name="reports.commands")

    @router.message(Command("reports_queue"))
    async def queue(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        actor = await moderators_actor(front, app, message)
        status, category = queue_filters(command.args or "")
        await front.reply(message, await app.reports.queue(actor, status, category))

    @router.message(Command("reports_show"))
    async def show(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        actor = await moderators_actor(front, app, message)
        words = (command.args or "").split()
        reveal = len(words) == 2 and words[1].lower() == "reveal"
        if not words or len(words) > 2 or (len(words) == 2 and not reveal):
            raise DomainError("tg.reports.show_usage")
        await front.reply(message, await app.reports.show(actor, words[0], reveal=reveal))
        history = await app.report_conversation.history(actor, words[0])
        if history is not None:  # the conversation and notes, reporters as "Reporter N"
            await front.reply(message, history)

    @router.message(Command("reports_stats"))
    async def stats(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        actor = await moderators_actor(front, app, message)
        await front.reply(message, await app.reports.stats(actor, stats_days(command.args or "")))

    @router.message(Command("reports_export"))
    async def export(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        actor = await moderators_actor(front, app, message)
        fmt, since = export_options(command.args or "")
        start = await app.reports.export_start(actor, since)
        await front.reply(message, await app.reports.export(actor, fmt, start))

    @router.message(Command("reports_snippet"))
    async def snippet(message: Message, command: CommandObject, front, app) -> None:  # type: ignore[no-untyped-def]
        actor = await moderators_actor(front, app, message)
        sub, _, rest = (command.args or "").strip().partition(" ")
        name, _, text = rest.strip().partition(" ")
        conv = app.report_conversation
        if sub.lower() == "add" and name and text.strip():
            out = await conv.snippet_add(actor, name, text.strip())
        elif sub.lower() == "list" and not rest.strip():
            out = await conv.snippet_list(actor)
        elif sub.lower() == "remove" and name and not text.strip():
            out = await conv.snippet_remove(actor, name)
        else:
            raise DomainError("tg.reports.snippet_usage")
        await front.reply(message, out)

    @router.message(Command("my_reports"), F.chat.type == "private")
    async def mine(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        actor = await private_actor(app, message.from_user)
        await front.reply(message, await app.report_conversation.mine(actor))

    @router.message(Command("my_reports"))
    async def mine_in_group(message: Message, front) -> None:  # type: ignore[no-untyped-def]
        # A member's reports are nobody else's business: only the way to the private chat here.
        lang = await front.lang(message.chat)
        await front.reply(message, t(lang, "tg.reports.mine_private", link=front.start_link()))

    return router
