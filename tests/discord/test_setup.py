"""/setup through the real discord.py client and the fake Discord server."""

from __future__ import annotations

import re

from bot.i18n import t

URDU = re.compile("[\u0600-\u06FF]")


def field(result, name: str) -> str:
    for embed in result.embeds:
        for f in embed.get("fields", []):
            if f["name"] == name:
                return f["value"]
    raise AssertionError(f"no field {name!r} in {result.embeds}")


async def test_admin_shows_changes_and_shows_again(harness) -> None:
    w = harness.world
    shown = await harness.fake.slash(w.admin, "setup")
    assert shown.ephemeral and shown.error is None
    assert field(shown, "Time zone") == "Asia/Karachi"
    assert field(shown, "Announcements channel") == "not set"
    assert field(shown, "Default reminders") == "`1d,1h`"

    changed = await harness.fake.slash(
        w.admin, "setup", announcements=w.announcements, moderator_role=w.moderator_role,
        timezone="Europe/London", reminders="24h,30m", resource_approval="on", report_sla_hours=6)
    assert changed.ephemeral
    assert "Settings saved." in changed.text
    assert field(changed, "Announcements channel") == f"<#{w.announcements.id}>"
    assert field(changed, "Moderator role") == f"<@&{w.moderator_role.id}>"

    again = await harness.fake.slash(w.admin, "setup")
    assert field(again, "Time zone") == "Europe/London"
    assert field(again, "Default reminders") == "`1d,30m`"
    assert field(again, "Resource approval") == "on"
    assert field(again, "Report SLA (hours)") == "6"
    assert field(again, "Announcements channel") == f"<#{w.announcements.id}>"


async def test_member_is_refused_and_nothing_changes(harness) -> None:
    w = harness.world
    refused = await harness.fake.slash(w.alice, "setup", timezone="Europe/London", force_permissions=True)
    assert refused.ephemeral
    assert refused.text.strip() == t("en", "perm.need_admin")
    shown = await harness.fake.slash(w.admin, "setup")
    assert field(shown, "Time zone") == "Asia/Karachi"


async def test_bad_timezone_is_refused_clearly_and_nothing_changes(harness) -> None:
    w = harness.world
    bad = await harness.fake.slash(w.admin, "setup", timezone="Asia/Lahore", language="ur")
    assert bad.ephemeral
    assert "Asia/Lahore" in bad.text and "Asia/Karachi" in bad.text and "Nothing was changed" in bad.text
    shown = await harness.fake.slash(w.admin, "setup")
    assert field(shown, "Time zone") == "Asia/Karachi"
    assert field(shown, "Language") == "English (`en`)"


async def test_bad_reminders_refused(harness) -> None:
    bad = await harness.fake.slash(harness.world.admin, "setup", reminders="soon")
    assert "`soon`" in bad.text and "24h,1h" in bad.text


async def test_timezone_autocomplete(harness) -> None:
    choices = await harness.fake.autocomplete(harness.world.admin, "setup", "timezone", "karach")
    assert [c["value"] for c in choices] == ["Asia/Karachi"]
    europe = await harness.fake.autocomplete(harness.world.admin, "setup", "timezone", "Europe/")
    assert 0 < len(europe) <= 25 and all(c["value"].startswith("Europe/") for c in europe)


async def test_urdu_guild_gets_urdu_replies(harness) -> None:
    w = harness.world
    saved = await harness.fake.slash(w.admin, "setup", language="ur")
    assert t("ur", "setup.saved") in saved.text
    refused = await harness.fake.slash(w.alice, "setup", force_permissions=True)
    assert refused.text.strip() == t("ur", "perm.need_admin")
    assert URDU.search(refused.text)
    shown = await harness.fake.slash(w.admin, "setup")
    assert field(shown, t("ur", "setup.field.timezone")) == "Asia/Karachi"


async def test_settings_survive_a_restart(harness) -> None:
    w = harness.world
    await harness.fake.slash(w.admin, "setup", timezone="Europe/London", moderation=w.moderation)
    await harness.restart_bot()
    shown = await harness.fake.slash(w.admin, "setup")
    assert field(shown, "Time zone") == "Europe/London"
    assert field(shown, "Moderation channel") == f"<#{w.moderation.id}>"


async def test_commands_are_synced_with_admin_default(harness) -> None:
    commands = {c["name"]: c for c in harness.fake.registered_commands()}
    assert "setup" in commands
    assert int(commands["setup"]["default_member_permissions"]) == 1 << 5  # Manage Server


async def test_warns_when_the_moderator_role_cannot_be_pinged(harness) -> None:
    w = harness.world
    silent = await harness.fake.slash(w.admin, "setup", moderator_role=w.moderator_role)
    assert "not mentionable" in silent.text
    loud = w.guild.add_role("Mods on call", mentionable=True)
    fine = await harness.fake.slash(w.admin, "setup", moderator_role=loud)
    assert "Settings saved." in fine.text and "not mentionable" not in fine.text
