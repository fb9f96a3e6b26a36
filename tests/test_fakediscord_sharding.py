"""The fake Discord shards like Discord: each guild's events (interactions included) reach only the
process that serves its shard, `(guild_id >> 22) % shard_count`; DMs reach shard 0."""

from __future__ import annotations

import asyncio
from typing import Optional

import aiohttp
import discord
import pytest
from discord.ext import commands

from fakediscord import FakeDiscord, point_client_at
from fakediscord.gateway import shard_of

SHARDS = 4


class ShardBot(commands.AutoShardedBot):
    """A process serving some shards: records which guild's interaction reached which shard."""

    def __init__(self, label: str, shard_ids: Optional[list[int]], shard_count: Optional[int]) -> None:
        super().__init__(command_prefix="!", intents=discord.Intents.default(), shard_ids=shard_ids,
                         shard_count=shard_count, guild_ready_timeout=0.05,
                         allowed_mentions=discord.AllowedMentions.none())
        self.label = label
        self.interactions: list[tuple[Optional[int], Optional[int]]] = []  # (guild id, shard id)
        self.dms: list[str] = []

    async def before_identify_hook(self, shard_id: Optional[int], *, initial: bool = False) -> None:
        return None  # discord.py waits 5 s between IDENTIFYs; not needed against a local server

    async def setup_hook(self) -> None:
        @self.tree.command(name="where", description="Which process and shard answered")
        async def where(interaction: discord.Interaction) -> None:
            shard = interaction.guild.shard_id if interaction.guild else None
            self.interactions.append((interaction.guild_id, shard))
            await interaction.response.send_message(f"{self.label} shard={shard}", ephemeral=True)

        await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None and message.author.id != self.user.id:
            self.dms.append(message.content)


async def _start(fake: FakeDiscord, bot: ShardBot) -> asyncio.Task:
    return asyncio.create_task(bot.start(fake.token), name=f"bot-{bot.label}")


async def _stop(bot: ShardBot, task: asyncio.Task) -> None:
    await bot.close()
    try:
        await asyncio.wait_for(task, 10)
    except Exception:  # the bot's own shutdown noise is not what this test is about
        pass


async def _guilds_on_every_shard(fake: FakeDiscord, per_shard: int = 2) -> dict[int, list]:
    """Guilds until each shard owns `per_shard` of them (snowflakes carry the millisecond, so a
    guild made a few milliseconds later may land on another shard)."""
    by_shard: dict[int, list] = {s: [] for s in range(SHARDS)}
    n = 0
    while any(len(v) < per_shard for v in by_shard.values()):
        guild = fake.create_guild(f"g{n}")
        n += 1
        by_shard[shard_of(guild.id, SHARDS)].append(guild)
        await asyncio.sleep(0.002)
    return by_shard


async def test_each_guild_reaches_only_the_process_serving_its_shard() -> None:
    async with FakeDiscord() as fake:
        restore = point_client_at(fake)
        by_shard = await _guilds_on_every_shard(fake)
        people = {g.id: g.add_member(f"user-{g.name}") for guilds in by_shard.values() for g in guilds}
        even = ShardBot("even", [0, 2], SHARDS)
        odd = ShardBot("odd", [1, 3], SHARDS)
        tasks = [await _start(fake, even), await _start(fake, odd)]
        try:
            await fake.wait_until_ready(15, commands=True, shards=range(SHARDS))
            await asyncio.gather(even.wait_until_ready(), odd.wait_until_ready())
            # READY + GUILD_CREATE: each process knows only its shards' guilds.
            assert {g.id for g in even.guilds} == {g.id for s in (0, 2) for g in by_shard[s]}
            assert {g.id for g in odd.guilds} == {g.id for s in (1, 3) for g in by_shard[s]}
            assert sorted(even.shards) == [0, 2] and sorted(odd.shards) == [1, 3]

            for shard, guilds in by_shard.items():
                for guild in guilds:
                    r = await fake.slash(people[guild.id], "where")
                    owner = even if shard % 2 == 0 else odd
                    assert r.text == f"{owner.label} shard={shard}", (guild.id, shard, r.text)
            expected_even = [(g.id, s) for s in range(SHARDS) if s % 2 == 0 for g in by_shard[s]]
            expected_odd = [(g.id, s) for s in range(SHARDS) if s % 2 == 1 for g in by_shard[s]]
            assert sorted(even.interactions) == sorted(expected_even)
            assert sorted(odd.interactions) == sorted(expected_odd)

            # A DM reaches shard 0's process only.
            someone = next(iter(people.values()))
            fake.post_message(someone, fake.dm_channel(someone), "hello from a DM")
            await asyncio.sleep(0)
            deadline = asyncio.get_running_loop().time() + 5
            while not even.dms and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.2)
            assert even.dms == ["hello from a DM"] and odd.dms == []

            # A guild created later arrives (GUILD_CREATE) at its own shard only.
            late = fake.create_guild("late")
            owner, other = (even, odd) if shard_of(late.id, SHARDS) % 2 == 0 else (odd, even)
            deadline = asyncio.get_running_loop().time() + 5
            while owner.get_guild(late.id) is None and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.02)
            assert owner.get_guild(late.id) is not None and other.get_guild(late.id) is None
        finally:
            for bot, task in zip((even, odd), tasks):
                await _stop(bot, task)
            restore()


async def test_gateway_bot_recommends_shards_and_autosharding_follows() -> None:
    async with FakeDiscord() as fake:
        restore = point_client_at(fake)
        headers = {"Authorization": f"Bot {fake.token}"}
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{fake.api_base}/gateway/bot", headers=headers) as resp:
                assert (await resp.json())["shards"] == 1
            fake.gateway.recommended_shards = 3
            async with http.get(f"{fake.api_base}/gateway/bot", headers=headers) as resp:
                assert (await resp.json())["shards"] == 3
        bot = ShardBot("auto", None, None)  # discord.py asks GET /gateway/bot how many shards to run
        task = await _start(fake, bot)
        try:
            await fake.wait_until_ready(15, shards=range(3))
            await bot.wait_until_ready()
            assert bot.shard_count == 3 and sorted(bot.shards) == [0, 1, 2]
        finally:
            await _stop(bot, task)
            restore()


@pytest.mark.parametrize("shard", [[4, 4], [-1, 4], ["a", 2], [0]])
async def test_an_invalid_shard_is_refused(shard: list) -> None:
    async with FakeDiscord() as fake:
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(fake.gateway_url) as ws:
                hello = await ws.receive_json()
                assert hello["op"] == 10
                await ws.send_json({"op": 2, "d": {"token": fake.token, "intents": 1, "shard": shard,
                                                   "properties": {}}})
                msg = await ws.receive()
                assert msg.type == aiohttp.WSMsgType.CLOSE and msg.data == 4010
