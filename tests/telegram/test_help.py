"""/help and /start on Telegram: each member sees exactly the sections their roles give them, in the
community's language, with one example per command; every command the routers handle is listed."""

from __future__ import annotations

import asyncio
import re

from aiogram import Router
from aiogram.filters import Command

from bot.i18n import t
from routers.front import GROUP_COMMANDS, PRIVATE_COMMANDS
from routers.help import ENTRIES, documented
from tests.telegram_harness import link_moderators

MARKS = re.compile("[\u200e\u200f\u061c\u2066-\u2069]")  # the bidi isolation Urdu text carries
SECTIONS = {role: t("en", f"help.section.{role}") for role in ("member", "organiser", "moderator", "admin")}


def handled_commands(router: Router) -> set[str]:
    """Every command a message handler of `router` (and its sub-routers) answers, as aiogram sees it."""
    out: set[str] = set()
    for handler in router.message.handlers:
        for f in handler.filters or ():
            if isinstance(f.callback, Command):
                out |= {c for c in f.callback.commands if isinstance(c, str)}
    for sub in router.sub_routers:
        out |= handled_commands(sub)
    return out


def sections_in(text: str, lang: str = "en") -> set[str]:
    titles = {role: t(lang, f"help.section.{role}") for role in SECTIONS}
    return {role for role, title in titles.items() if title in text}


async def bot_messages_after(tg, chat, message, count: int):  # type: ignore[no-untyped-def]
    """The bot's `count` messages in `chat` sent after `message`, once the bot is idle (none more)."""
    await tg.fake.wait_for_messages(chat, count, predicate=lambda m: m.message_id > message.message_id)
    await tg.idle()
    await asyncio.sleep(0.2)
    return [m for m in tg.fake.chat_messages(tg.fake.chat(chat)) if m.from_bot and m.message_id > message.message_id]


async def test_every_handled_command_and_menu_entry_has_a_help_entry(tg) -> None:
    handled = handled_commands(tg.front.dp)
    assert {"help", "start", "share", "reports_show", "factcheck"} <= handled  # the walk sees the routers
    assert handled - documented() == set(), "Telegram commands without a /help entry"
    assert documented() - handled == set(), "/help entries for commands no router handles"
    assert set(GROUP_COMMANDS) | set(PRIVATE_COMMANDS) <= documented()
    for entry in ENTRIES:  # one example per entry, typed with the command, in both languages
        for lang in ("en", "ur"):
            assert MARKS.sub("", t(lang, f"tg.help.ex.{entry.key}")).startswith(entry.shown)


async def test_a_member_in_the_group_sees_everyones_commands_briefly_and_a_way_to_the_rest(tg) -> None:
    w = tg.world  # the group has not run /setup yet: a newcomer's first question is answered too
    said = w.ali.send(w.group, "/help")
    [answer] = await bot_messages_after(tg, w.group, said, 1)
    assert answer.reply_to is said
    assert sections_in(answer.text) == {"member"}
    for command in ("/events", "/share", "/search", "/top", "/report", "/factcheck", "/checkin"):
        assert command in answer.text
    assert "/event_edit" not in answer.text and "/setup" not in answer.text and "/reports_queue" not in answer.text
    assert "/my_attendance" not in answer.text  # private commands wait in the private chat
    assert f"https://t.me/{tg.front.username}?start=help" in answer.raw_text


async def test_an_organiser_sees_the_organisers_section(tg) -> None:
    w = tg.world
    await tg.setup_group()
    await tg.name_organiser(w.organiser)
    said = w.organiser.send(w.group, "/help")
    [answer] = await bot_messages_after(tg, w.group, said, 1)
    assert sections_in(answer.text) == {"member", "organiser"}
    assert "/event_edit" in answer.text and "/attendees" in answer.text
    assert "/setup" not in answer.text and "/reports_show" not in answer.text


async def test_an_admin_sees_every_section(tg) -> None:
    w = tg.world
    await tg.setup_group()
    said = w.admin.send(w.group, "/help")
    [answer] = await bot_messages_after(tg, w.group, said, 1)
    assert sections_in(answer.text) == {"member", "organiser", "moderator", "admin"}
    for command in ("/setup", "/organiser", "/link", "/reports_show", "/factcheck publish", "/event_report"):
        assert command in answer.text


async def test_a_moderator_in_the_moderators_group_gets_the_full_help_with_examples(tg) -> None:
    w = tg.world
    await link_moderators(tg)
    said = w.moderator.send(w.mods, "/help")
    answers = await bot_messages_after(tg, w.mods, said, 2)
    text = "\n".join(m.text for m in answers)
    assert len(answers) == 2 and sections_in(text) == {"member", "moderator"}
    assert "/reports_show R-12" in text and "/factcheck publish R-12" in text
    assert "/reports_queue (in the moderators' group)" in text
    assert "/event_edit" not in text and "/setup" not in text


async def test_an_urdu_group_gets_its_help_in_urdu(tg) -> None:
    w = tg.world
    await tg.setup_group(language="ur")
    said = w.zainab.send(w.group, "/help")
    [answer] = await bot_messages_after(tg, w.group, said, 1)
    assert sections_in(answer.text, "ur") == {"member"}
    assert t("ur", "tg.help.cmd.share") in answer.text and "/share" in answer.text
    assert t("en", "tg.help.cmd.share") not in answer.text


async def test_privately_the_sections_of_the_last_group_with_examples_and_the_private_commands(tg) -> None:
    w = tg.world
    await tg.setup_group()
    await tg.name_organiser(w.organiser)  # Omar last wrote in the group
    said = w.organiser.dm("/help")
    answers = await bot_messages_after(tg, w.organiser, said, 2)
    text = "\n".join(m.text for m in answers)
    assert sections_in(text) == {"member", "organiser"}
    assert t("en", "tg.help.intro.private") in answers[0].text
    assert "/event_edit 12 when kal 7 baje" in text and "/checkin 482913" in text
    assert "/my_timezone (in a private chat with me)" in text and "/share (in the group)" in text
    assert "/reports_show" not in text and "/setup" not in text


async def test_privately_before_any_group_only_everyones_section(tg) -> None:
    w = tg.world
    said = w.ali.dm("/help")
    [answer] = await bot_messages_after(tg, w.ali, said, 1)
    assert sections_in(answer.text) == {"member"}
    assert t("en", "tg.help.intro.no_group") in answer.text and "/my_reports" in answer.text


async def test_start_without_a_payload_greets_and_shows_the_help_in_the_groups_language(tg) -> None:
    w = tg.world
    await tg.setup_group(language="ur")
    w.admin.send(w.group, "hello")  # Ayesha last wrote in the Urdu group
    await tg.idle()
    started = w.admin.start_bot()
    answers = await bot_messages_after(tg, w.admin, started, 5)
    assert answers[0].text == t("ur", "tg.help.welcome", name="Ayesha")
    text = MARKS.sub("", "\n".join(m.text for m in answers[1:]))
    assert sections_in(text, "ur") == {"member", "organiser", "moderator", "admin"}
    assert "/event_edit 12 when کل شام 7 بجے" in text


async def test_start_with_the_help_payload_from_the_group_opens_the_full_help(tg) -> None:
    w = tg.world
    await tg.setup_group()
    w.ali.send(w.group, "hello")
    await tg.idle()
    started = w.ali.start_bot("help")
    answers = await bot_messages_after(tg, w.ali, started, 2)
    assert len(answers) == 2 and sections_in(answers[1].text) == {"member"}
    assert "/my_attendance" in answers[1].text
