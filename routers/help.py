"""/help on Telegram: what this member can do, given their roles, in the community's language.

The roles are the shared rules (`HelpService.sections` in bot/app/help.py, over the Telegram Actor of
`front.roles.actor`); the command list is Telegram's own (`ENTRIES`, one per command the routers
handle; tests/telegram/test_help.py fails when a handled command has none). Where it is answered:

- in a community's group, briefly (Telegram has no message only one member sees): everyone's group
  commands, one line each, the names of the member's other sections' commands, and a link to the
  private chat, where the full help waits;
- in a private chat (and `/start` without a payload): every section the member holds in the group
  they last wrote in, each command with where it works and an example, plus the private commands;
- in the moderators' group (a small, private room): the full help, as in a private chat.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Router, types
from aiogram.filters import Command
from aiogram.types import Message

from bot.app.help import ADMIN, MEMBER, MODERATOR, ORGANISER
from bot.domain.identity import TELEGRAM
from bot.domain.roles import Actor
from bot.i18n import t
from bot.ports.messaging import Message as Out
from routers._common.context import full_name, is_group

GROUP, PRIVATE, BOTH, MODS = "group", "private", "both", "mods"  # where a command works


@dataclass(frozen=True)
class Entry:
    """One line of /help: `key` names its catalogue pair (`tg.help.cmd.<key>`, `tg.help.ex.<key>`),
    `command` the Telegram command it is typed with (`words` follow it where one command serves two
    roles, as `/factcheck publish` does), `role` the section, `where` the chats it works in."""

    key: str
    command: str
    role: str
    where: str
    words: str = ""

    @property
    def shown(self) -> str:
        return f"/{self.command}" + (f" {self.words}" if self.words else "")


ENTRIES: tuple[Entry, ...] = (
    Entry("help", "help", MEMBER, BOTH),
    Entry("start", "start", MEMBER, PRIVATE),
    Entry("events", "events", MEMBER, GROUP),
    Entry("checkin", "checkin", MEMBER, BOTH),
    Entry("share", "share", MEMBER, GROUP),
    Entry("search", "search", MEMBER, GROUP),
    Entry("top", "top", MEMBER, GROUP),
    Entry("factcheck", "factcheck", MEMBER, GROUP),
    Entry("report", "report", MEMBER, BOTH),
    Entry("my", "my", MEMBER, PRIVATE),
    Entry("my_attendance", "my_attendance", MEMBER, PRIVATE),
    Entry("my_timezone", "my_timezone", MEMBER, PRIVATE),
    Entry("my_reports", "my_reports", MEMBER, PRIVATE),
    Entry("cancel", "cancel", MEMBER, BOTH),
    Entry("event", "event", ORGANISER, GROUP),
    Entry("event_repeat", "event", ORGANISER, GROUP),
    Entry("event_from", "event_from", ORGANISER, GROUP),
    Entry("event_template_save", "event_template_save", ORGANISER, GROUP),
    Entry("event_templates", "event_templates", ORGANISER, GROUP),
    Entry("event_template_delete", "event_template_delete", ORGANISER, GROUP),
    Entry("event_edit", "event_edit", ORGANISER, GROUP),
    Entry("event_cancel", "event_cancel", ORGANISER, GROUP),
    Entry("attendees", "attendees", ORGANISER, GROUP),
    Entry("event_checkin_code", "event_checkin_code", ORGANISER, GROUP),
    Entry("event_stats", "event_stats", ORGANISER, GROUP),
    Entry("event_report", "event_report", ORGANISER, GROUP),
    Entry("reports_queue", "reports_queue", MODERATOR, MODS),
    Entry("reports_show", "reports_show", MODERATOR, MODS),
    Entry("reports_stats", "reports_stats", MODERATOR, MODS),
    Entry("reports_export", "reports_export", MODERATOR, MODS),
    Entry("reports_snippet", "reports_snippet", MODERATOR, MODS),
    Entry("factcheck_publish", "factcheck", MODERATOR, GROUP, "publish"),
    Entry("setup", "setup", ADMIN, GROUP),
    Entry("organiser", "organiser", ADMIN, GROUP),
    Entry("link", "link", ADMIN, GROUP),
    Entry("network_invite", "network_invite", ADMIN, GROUP),
    Entry("network_join", "network_join", ADMIN, GROUP),
    Entry("network_share", "network_share", ADMIN, GROUP),
    Entry("network_leave", "network_leave", ADMIN, GROUP),
    Entry("network_status", "network_status", ADMIN, GROUP),
)


def documented() -> set[str]:
    """The commands /help names (without the slash)."""
    return {entry.command for entry in ENTRIES}


def _line(lang: str, entry: Entry) -> str:
    return t(lang, "tg.help.line", command=entry.shown, where=t(lang, f"tg.help.where.{entry.where}"),
             what=t(lang, f"tg.help.cmd.{entry.key}"), example=t(lang, f"tg.help.ex.{entry.key}"))


def full(lang: str, sections: list[str], intro: str) -> list[Out]:
    """The whole help: one message per section (each stays far below Telegram's 4096 characters),
    the intro above the first."""
    out: list[Out] = []
    for role in sections:
        lines = [_line(lang, e) for e in ENTRIES if e.role == role]
        text = f"**{t(lang, f'help.section.{role}')}**\n\n" + "\n\n".join(lines)
        out.append(Out(text=(intro + "\n\n" + text) if not out else text))
    return out


def brief(lang: str, sections: list[str], link: str) -> Out:
    """The group's answer: everyone's group commands one line each, the other sections' command
    names, and the way to the full help in the private chat."""
    parts = [t(lang, "tg.help.intro.group"), f"**{t(lang, 'help.section.member')}**"]
    parts += [t(lang, "tg.help.line_short", command=e.shown, what=t(lang, f"tg.help.cmd.{e.key}"))
              for e in ENTRIES if e.role == MEMBER and e.where in (GROUP, BOTH)]
    for role in sections:
        if role == MEMBER:
            continue
        names = " · ".join(e.shown for e in ENTRIES if e.role == role)
        parts.append(t(lang, "tg.help.section_short", section=t(lang, f"help.section.{role}"), commands=names))
    parts.append(t(lang, "tg.help.more", link=link))
    return Out(text="\n".join(parts))


async def private_help(front, app, user: types.User) -> tuple[str, list[Out]]:  # type: ignore[no-untyped-def]
    """The language and the full help in a private chat: the sections the member holds in the group
    they last wrote in (everyone's alone, in the default language, when no group is known yet)."""
    group = await app.telegram.last_group(user.id)
    if group is None:
        actor = Actor(user_id=user.id, guild_id=None, display_name=full_name(user), platform=TELEGRAM)
        lang, sections = await app.help.sections(actor)
        return lang, full(lang, sections, t(lang, "tg.help.intro.no_group"))
    actor = await front.roles.actor(types.Chat(id=group, type="supergroup"), user)
    lang, sections = await app.help.sections(actor)
    return lang, full(lang, sections, t(lang, "tg.help.intro.private"))


async def send_help(front, app, message: Message) -> None:  # type: ignore[no-untyped-def]
    """Answer /help where it was sent (see the module's docstring)."""
    chat, user = message.chat, message.from_user
    if not is_group(chat):
        _, answers = await private_help(front, app, user)
    else:
        actor = await front.roles.actor(chat, user)
        lang, sections = await app.help.sections(actor)
        if await app.telegram.community_of_moderators(chat.id) is not None:
            answers = full(lang, sections, t(lang, "tg.help.intro.mods"))
        else:
            answers = [brief(lang, sections, front.start_link("help"))]
    for answer in answers:
        await front.reply(message, answer)


def build() -> Router:
    router = Router(name="help")

    @router.message(Command("help"))
    async def help_(message: Message, front, app) -> None:  # type: ignore[no-untyped-def]
        await send_help(front, app, message)

    return router
