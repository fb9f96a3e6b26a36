"""/help stays true: every command the bot registers has a role and an example, in both languages."""

from __future__ import annotations

import asyncio

from bot.app.help import COMMAND_ROLES, help_key
from bot.i18n import has, placeholders, t


def test_every_registered_command_has_a_help_entry(tmp_path) -> None:
    from bot.app import App
    from bot.client import BaithakBot
    from cogs.help.commands import command_names
    from tests.harness import make_settings

    async def names() -> list[str]:
        settings = make_settings(tmp_path / "x.sqlite3")

        class NoStore:
            settings = events = resources = reports = telegram = links = None

        bot = BaithakBot(settings, App(settings, NoStore()))
        from bot.client import discover_cogs
        for name in discover_cogs():
            await bot.load_extension(name)
        out = command_names(bot.tree)
        await bot.close()
        return out

    registered = asyncio.run(names())
    assert "event create" in registered and "Report message" in registered and "help" in registered
    missing = [c for c in registered if c not in COMMAND_ROLES or not has(f"help.cmd.{help_key(c)}")]
    assert missing == [], f"commands without a /help entry: {missing}"
    stale = [c for c in COMMAND_ROLES if c not in registered]
    assert stale == [], f"/help entries for commands that do not exist: {stale}"


def test_every_entry_has_an_example_in_both_languages() -> None:
    for command in COMMAND_ROLES:
        key = help_key(command)
        for lang in ("en", "ur"):
            assert t(lang, f"help.cmd.{key}") and t(lang, f"help.ex.{key}")
        assert placeholders(t("en", f"help.ex.{key}")) == set()
