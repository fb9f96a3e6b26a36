"""A bot in another process: nothing is shared with the fake server but the network."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from fakediscord import FakeDiscord

BOT = r'''
import asyncio, os, sys
import discord, yarl
from discord.ext import commands

discord.http.Route.BASE = os.environ["DISCORD_API_BASE"]
discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["DISCORD_GATEWAY_URL"])

bot = commands.Bot(command_prefix="!", intents=discord.Intents.default(), guild_ready_timeout=0.05)

@bot.tree.command(description="Which process answers")
async def whoami(interaction: discord.Interaction) -> None:
    await interaction.response.send_message(f"pid {os.getpid()}", ephemeral=True)

@bot.event
async def setup_hook() -> None:
    await bot.tree.sync()

bot.run(os.environ["DISCORD_TOKEN"], log_handler=None)
'''


async def start_bot(fake: FakeDiscord, script: Path) -> asyncio.subprocess.Process:
    env = dict(os.environ, DISCORD_TOKEN=fake.token, DISCORD_API_BASE=fake.api_base,
               DISCORD_GATEWAY_URL=fake.gateway_url, PYTHONUNBUFFERED="1")
    return await asyncio.create_subprocess_exec(sys.executable, str(script), env=env,
                                                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)


async def test_bot_in_another_process_restarts(tmp_path: Path) -> None:
    script = tmp_path / "bot.py"
    script.write_text(BOT)
    async with FakeDiscord() as fake:
        guild = fake.create_guild("G")
        guild.add_text_channel("general")
        ali = guild.add_member("Ali")
        first = await start_bot(fake, script)
        try:
            await fake.wait_until_ready(timeout=20, commands=True)
            r = await fake.slash(ali, "whoami")
            assert r.content == f"pid {first.pid}"
            first.send_signal(signal.SIGKILL)
            await first.wait()
            await fake.wait_for_disconnect(timeout=5)
            assert not fake.connected
            second = await start_bot(fake, script)
            try:
                await fake.wait_until_ready(timeout=20, new_session=True)
                assert fake.identify_count == 2
                r = await fake.slash(ali, "whoami")
                assert r.content == f"pid {second.pid}"
            finally:
                second.send_signal(signal.SIGTERM)
                await asyncio.wait_for(second.wait(), 10)
        finally:
            if first.returncode is None:
                first.kill()
                await first.wait()
