"""The Telegram front end names its groups and links to their messages for the services (network
attributions, the digest, SLA notices that link to a case card)."""

from __future__ import annotations

from bot.domain.identity import TELEGRAM, Community, MessageRef, Place
from routers._common.directory import message_link
from tests.telegram_harness import until


def test_message_links_follow_telegram_forms() -> None:
    assert message_link(-1001000000007, "lahore_creators", 42) == "https://t.me/lahore_creators/42"
    assert message_link(-1001000000007, None, 42) == "https://t.me/c/1000000007/42"
    assert message_link(-12345, None, 42) is None  # a basic group's messages have no link


async def test_a_group_is_named_by_its_title_once_the_bot_has_heard_from_it(tg) -> None:
    w = tg.world
    group = Community(TELEGRAM, w.group.id)
    assert tg.app.directories.name(group) is None
    await tg.setup_group()
    await until(lambda: tg.app.directories.name(group) == "Lahore creators")
    ref = MessageRef(Place(TELEGRAM, w.group.id), 9)
    assert tg.app.directories.of(TELEGRAM).message_link(group, ref) == f"https://t.me/c/{str(w.group.id)[4:]}/9"


async def test_after_a_restart_the_groups_set_up_before_are_named_without_a_word_from_them(tg) -> None:
    w = tg.world
    group = Community(TELEGRAM, w.group.id)
    await tg.setup_group()
    await tg.restart_bot()
    # Nobody writes in the group after the restart: the title is asked of Telegram.
    await until(lambda: tg.app.directories.name(group) == "Lahore creators")
    w.group.title = "Lahore creators network"  # renamed while the bot was away
    await tg.restart_bot()
    await until(lambda: tg.app.directories.name(group) == "Lahore creators network")
