"""/help: what this member can do here, given their roles, in the community's language.

The front end passes the names of the commands that really exist (its command tree), so the answer
never lists a command that is not there. Each command has a role it needs and an example in the
catalogue (`bot/i18n/messages/help.py`: `help.cmd.<key>` says what it does, `help.ex.<key>` shows
it typed out); `help_key` turns "event create" into "event_create".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Iterable

from bot.domain.guild_settings import GuildSettings
from bot.domain.roles import Actor, is_admin, is_moderator, is_organiser
from bot.i18n import has, t
from bot.ports.messaging import Card, Message

log = logging.getLogger(__name__)

MEMBER = "member"
ORGANISER = "organiser"
MODERATOR = "moderator"
ADMIN = "admin"
ROLES = (MEMBER, ORGANISER, MODERATOR, ADMIN)  # the order the sections are shown in

# Who may use each command (PRODUCT.md, "Roles and permissions"). A command missing here is left
# out of /help and logged; tests/unit/test_help.py fails if the command tree has one.
COMMAND_ROLES: dict[str, str] = {
    "help": MEMBER,
    "event list": MEMBER,
    "event info": MEMBER,
    "my events": MEMBER,
    "my calendar": MEMBER,
    "my attendance": MEMBER,
    "my timezone": MEMBER,
    "my reports": MEMBER,
    "checkin": MEMBER,
    "resource share": MEMBER,
    "resource search": MEMBER,
    "resource top": MEMBER,
    "resource remove": MEMBER,
    "report": MEMBER,
    "Report message": MEMBER,
    "event create": ORGANISER,
    "event edit": ORGANISER,
    "event cancel": ORGANISER,
    "event attendees": ORGANISER,
    "event checkin-code": ORGANISER,
    "event stats": ORGANISER,
    "event report": ORGANISER,
    "event template save": ORGANISER,
    "event template list": ORGANISER,
    "event template delete": ORGANISER,
    "reports queue": MODERATOR,
    "reports show": MODERATOR,
    "reports outcome": MODERATOR,
    "reports stats": MODERATOR,
    "reports export": MODERATOR,
    "reports snippet add": MODERATOR,
    "reports snippet list": MODERATOR,
    "reports snippet remove": MODERATOR,
    "factcheck search": MEMBER,
    "factcheck list": MEMBER,
    "factcheck show": MEMBER,
    "factcheck publish": MODERATOR,
    "factcheck correct": MODERATOR,
    "factcheck withdraw": MODERATOR,
    "network invite": ADMIN,
    "network join": ADMIN,
    "network share": ADMIN,
    "network leave": ADMIN,
    "network status": ADMIN,
    "setup": ADMIN,
}
CONTEXT_MENUS = frozenset({"Report message"})
COLOURS = {MEMBER: 0x5865F2, ORGANISER: 0x3BA55C, MODERATOR: 0xE67E22, ADMIN: 0xED4245}


def help_key(command: str) -> str:
    return command.lower().replace(" ", "_")


def roles_of(actor: Actor, settings: GuildSettings | None) -> set[str]:
    """The sections this member sees: everyone's, plus each role they hold (admins hold all)."""
    if settings is None or actor.guild_id is None:
        return {MEMBER}
    out = {MEMBER}
    if is_organiser(actor, settings):
        out.add(ORGANISER)
    if is_moderator(actor, settings):
        out.add(MODERATOR)
    if is_admin(actor):
        out.add(ADMIN)
    return out


@dataclass(frozen=True)
class HelpLine:
    command: str
    role: str
    what: str
    example: str


class HelpService:
    def __init__(self, setup: "object") -> None:
        self.setup = setup

    async def lines(self, actor: Actor, commands: Iterable[str]) -> tuple[str, list[HelpLine]]:
        """The language and the commands this member may use, in section order."""
        community = actor.community
        settings = await self.setup.settings_for(community)  # type: ignore[attr-defined]
        lang = settings.language
        allowed = roles_of(actor, settings if community is not None else None)
        out: list[HelpLine] = []
        for command in sorted(set(commands), key=_order):
            role = COMMAND_ROLES.get(command)
            key = help_key(command)
            if role is None or not has(f"help.cmd.{key}"):
                log.warning("/help: no entry for the command %r; it is left out", command)
                continue
            if role in allowed:
                out.append(HelpLine(command, role, t(lang, f"help.cmd.{key}"), t(lang, f"help.ex.{key}")))
        return lang, out

    async def sections(self, actor: Actor) -> tuple[str, list[str]]:
        """The community's language and the sections (MEMBER, ORGANISER, MODERATOR, ADMIN, in the order
        they are shown) this member may see: the same role rules as `lines`, for a front end that keeps
        its own command list and words (Telegram's `routers/help.py`). Without a community (a private
        chat with no group known), everyone's section in the default language."""
        community = actor.community
        settings = await self.setup.settings_for(community)  # type: ignore[attr-defined]
        allowed = roles_of(actor, settings if community is not None else None)
        return settings.language, [role for role in ROLES if role in allowed]

    async def help(self, actor: Actor, commands: Iterable[str]) -> Message:
        """The ephemeral /help answer: one card per section the member may use."""
        lang, lines = await self.lines(actor, commands)
        cards = []
        for role in ROLES:
            section = [line for line in lines if line.role == role]
            if not section:
                continue
            body = "\n\n".join(_line(lang, line) for line in section)
            cards.append(Card(title=t(lang, f"help.section.{role}"), body=body, colour=COLOURS[role]))
        intro = t(lang, "help.intro") if actor.guild_id is not None else t(lang, "help.intro_dm")
        if not cards:
            return Message(text=t(lang, "help.nothing"))
        return Message(text=intro, cards=tuple(cards))


def _order(command: str) -> tuple[int, str]:
    return (ROLES.index(COMMAND_ROLES.get(command, MEMBER)), command)


def _line(lang: str, line: HelpLine) -> str:
    if line.command in CONTEXT_MENUS:
        return t(lang, "help.line_menu", name=line.command, what=line.what, example=line.example)
    return t(lang, "help.line", command=line.command, what=line.what, example=line.example)
