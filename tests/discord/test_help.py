"""/help through the real discord.py client: each role sees its own commands, in the server's language,
with one example per command, only to them."""

from __future__ import annotations

import re

from bot.i18n import t

URDU = re.compile("[\u0600-\u06FF]")
SLASH = re.compile(r"\*\*(/[a-z ]+)\*\*")


def shown(result) -> dict[str, list[str]]:
    """Section title -> the commands listed under it."""
    return {e["title"]: SLASH.findall(e.get("description") or "") for e in result.embeds}


async def test_member_sees_only_what_members_can_do(world) -> None:
    w = world.world
    result = await world.fake.slash(w.alice, "help", in_channel=w.general)
    assert result.ephemeral and result.error is None
    sections = shown(result)
    assert list(sections) == ["For everyone"]
    assert {"/event list", "/my events", "/resource share", "/resource search", "/report", "/help"} <= set(
        sections["For everyone"])
    everything = " ".join(e.get("description") or "" for e in result.embeds)
    assert "/event create" not in everything and "/reports queue" not in everything and "/setup" not in everything
    assert "Report message" in everything and "press and hold" in everything
    # one example per command, typed out
    assert everything.count("Example: `/") == len(sections["For everyone"])
    assert "Example: `/resource search query:fact-check`" in everything


async def test_each_role_adds_its_section(world) -> None:
    w = world.world
    organiser = shown(await world.fake.slash(w.organiser, "help"))
    assert list(organiser) == ["For everyone", "For organisers"]
    assert "/event create" in organiser["For organisers"] and "/event attendees" in organiser["For organisers"]

    moderator = shown(await world.fake.slash(w.moderator, "help"))
    assert list(moderator) == ["For everyone", "For moderators"]
    assert {"/reports queue", "/reports show", "/reports export"} <= set(moderator["For moderators"])

    admin = shown(await world.fake.slash(w.admin, "help"))
    assert list(admin) == ["For everyone", "For organisers", "For moderators", "For admins"]
    assert admin["For admins"] == ["/network invite", "/network join", "/network leave", "/network share",
                                   "/network status", "/setup"]


async def test_in_urdu_when_the_server_speaks_urdu(world) -> None:
    w = world.world
    await world.fake.slash(w.admin, "setup", language="ur")
    result = await world.fake.slash(w.moderator, "help")
    assert result.ephemeral
    titles = [e["title"] for e in result.embeds]
    assert titles == [t("ur", "help.section.member"), t("ur", "help.section.moderator")]
    assert URDU.search(result.text) and "Example" not in str(result.embeds)
    # Urdu text carries direction marks and isolates around Latin runs: compare the visible text.
    visible = "".join(ch for ch in result.embeds[0]["description"] if ch not in "\u200e\u200f\u2066\u2067\u2068\u2069")
    assert "مثال: `/resource search query:حقائق`" in visible


async def test_before_setup_only_admins_see_more(harness) -> None:
    w = harness.world
    # no organiser role configured yet: the Organiser role means nothing to the bot so far
    organiser = shown(await harness.fake.slash(w.organiser, "help"))
    assert list(organiser) == ["For everyone"]
    admin = shown(await harness.fake.slash(w.admin, "help"))
    assert "For admins" in admin


async def test_in_direct_messages_says_where_commands_work(world) -> None:
    w = world.world
    result = await world.fake.slash(w.alice, "help", in_channel=world.fake.dm_channel(w.alice))
    assert result.error is None
    assert "not here in direct messages" in result.text
    assert list(shown(result)) == ["For everyone"]
