"""Several `baithak run --shards ... --shard-count N` processes on one PostgreSQL database, against a
FakeDiscord in the test process, and guilds placed on every shard."""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fakediscord import FakeDiscord
from fakediscord.gateway import shard_of
from tests.e2e.process import REPO, bot_env


class ShardProcess:
    """One `baithak run --shards S --shard-count N` process: start (until its shards are ready),
    SIGKILL (until the fake sees its shards gone), stop, log."""

    def __init__(self, fake: FakeDiscord, url: str, shards: list[int], count: int, log_path: Path,
                 **env: str) -> None:
        self.fake, self.url, self.shards, self.count = fake, url, shards, count
        self.log_path = log_path
        self.env = env
        self.proc: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    async def spawn(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", "--shards", ",".join(map(str, self.shards)),
                "--shard-count", str(self.count), cwd=str(REPO),
                env=bot_env(self.fake, self.url, **self.env),  # type: ignore[arg-type]
                stdout=log, stderr=asyncio.subprocess.STDOUT, stdin=asyncio.subprocess.DEVNULL)

    async def ready(self, timeout: float = 45) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not set(self.shards) <= self.fake.gateway.ready_shards():
            assert self.proc is not None
            if self.proc.returncode is not None:
                raise RuntimeError(f"bot exited with {self.proc.returncode}:\n{self.log()}")
            if loop.time() > deadline:
                raise TimeoutError(f"shards {self.shards} not ready in {timeout}s:\n{self.log()}")
            await asyncio.sleep(0.05)
        await self.fake.wait_for_commands(timeout=max(1.0, deadline - loop.time()))

    async def start(self, timeout: float = 45) -> None:
        await self.spawn()
        await self.ready(timeout)

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()
        await self.proc.wait()
        for _ in range(400):
            if not set(self.shards) & self.fake.gateway.ready_shards():
                return
            await asyncio.sleep(0.025)
        raise TimeoutError(f"the fake still lists shards {self.shards} after the kill")

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.terminate()
            try:
                await asyncio.wait_for(self.proc.wait(), 20)
            except asyncio.TimeoutError:
                self.proc.kill()
                await self.proc.wait()

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""


@dataclass
class Place:
    """A guild with what the tests need: channels, roles, an admin, an organiser, members."""

    guild: Any
    shard: int
    announcements: Any
    organiser_role: Any
    admin: Any
    organiser: Any
    members: list[Any] = field(default_factory=list)


async def guilds_on_every_shard(fake: FakeDiscord, count: int, per_shard: int, members: int) -> list[Place]:
    """`per_shard` guilds on each of `count` shards (a snowflake carries the millisecond, so guilds
    made a few milliseconds apart land on different shards), each with `members` members."""
    by_shard: dict[int, list[Any]] = {s: [] for s in range(count)}
    n = 0
    while any(len(v) < per_shard for v in by_shard.values()):
        guild = fake.create_guild(f"Network {n}")
        n += 1
        if len(by_shard[shard_of(guild.id, count)]) < per_shard:
            by_shard[shard_of(guild.id, count)].append(guild)
        await asyncio.sleep(0.002)
    places = []
    for shard, guilds in by_shard.items():
        for guild in guilds:
            role = guild.add_role("Organiser")
            place = Place(guild=guild, shard=shard, announcements=guild.add_text_channel("announcements"),
                          organiser_role=role, admin=guild.add_member(f"admin-{guild.name}", admin=True, owner=True),
                          organiser=guild.add_member(f"organiser-{guild.name}", roles=[role]))
            place.members = [guild.add_member(f"m{i:03d}-{guild.name}") for i in range(members)]
            places.append(place)
    return places


async def set_up(fake: FakeDiscord, place: Place) -> None:
    r = await fake.slash(place.admin, "setup", announcements=place.announcements,
                         organiser_role=place.organiser_role, response_timeout=20)
    assert r.error is None and r.type is not None, (place.guild.name, r.text)
