"""`baithak run --shards S --shard-count 4` processes on one PostgreSQL: each serves only the guilds
of its own shards (Discord's `(guild_id >> 22) % 4`), and the guilds of a process that is gone get no
answer from the other one."""

from __future__ import annotations

from pathlib import Path

from fakediscord import FakeDiscord
from tests.e2e.shards import ShardProcess, guilds_on_every_shard, set_up

COUNT = 4


async def test_each_process_serves_only_its_shards_guilds(tmp_path: Path, pg_url: str) -> None:
    fake = FakeDiscord()
    await fake.start()
    places = await guilds_on_every_shard(fake, COUNT, per_shard=1, members=1)
    low = ShardProcess(fake, pg_url, [0, 1], COUNT, tmp_path / "low.log")
    high = ShardProcess(fake, pg_url, [2, 3], COUNT, tmp_path / "high.log")
    try:
        await low.start()
        await high.start()
        sessions = {s.shard: s for s in fake.gateway.live_sessions}
        assert sorted(sessions) == [(s, COUNT) for s in range(COUNT)]
        for place in places:
            await set_up(fake, place)  # answered in every guild, each by the process of its shard
        await low.kill()
        assert fake.gateway.ready_shards() == {2, 3}
        for place in places:
            r = await fake.slash(place.organiser, "event list", response_timeout=3)
            if place.shard in (2, 3):
                assert r.type is not None and r.error is None, (place.shard, r.text, high.log())
            else:  # nobody serves shards 0 and 1 now: the member sees no answer at all
                assert r.type is None, (place.shard, r.text)
        # The shards come back with their process, which answers in its guilds again.
        await low.start()
        for place in places:
            r = await fake.slash(place.organiser, "event list", response_timeout=10)
            assert r.type is not None and r.error is None, (place.shard, low.log())
        assert "serving shards 0,1 of 4" in low.log() and "serving shards 2,3 of 4" in high.log()
    finally:
        await low.stop()
        await high.stop()
        await fake.stop()
