"""Three `baithak run` processes on one PostgreSQL, the fake Discord's 4 shards spread over them
(0 and 1 / 2 / 3). A burst of 600 RSVP clicks across guilds of every shard while one process is
SIGKILLed, and 300 reminders falling due at that moment: no acknowledged RSVP is lost, no capacity is
exceeded, and every member gets the reminder exactly once (the rows the dead process had claimed are
sent by another once its lease expires, with their nonces)."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import asyncpg

from fakediscord import FakeDiscord
from tests.e2e.shards import ShardProcess, guilds_on_every_shard, set_up

COUNT = 4
LEASE = 2  # seconds: the dead process's claims are taken over after at most this (plus a sweep)
PER_GUILD = 75  # 8 guilds: 600 clicks
CAPACITY = 40
REMINDED = 300
DRILL = "Reminder drill"


async def test_kill_one_of_three_mid_burst_and_mid_reminders(tmp_path: Path, pg_url: str) -> None:
    fake = FakeDiscord()
    await fake.start()
    places = await guilds_on_every_shard(fake, COUNT, per_shard=2, members=PER_GUILD)
    env = dict(BAITHAK_LEASE_SECONDS=str(LEASE))
    procs = [ShardProcess(fake, pg_url, shards, COUNT, tmp_path / f"p{n}.log", **env)
             for n, shards in enumerate(([0, 1], [2], [3]))]
    db = await asyncpg.connect(pg_url)
    try:
        for p in procs:
            await p.spawn()
        for p in procs:
            await p.ready()
        messages = []
        for place in places:
            await set_up(fake, place)
            r = await fake.slash(place.organiser, "event create", title=f"Clinic {place.guild.name}",
                                 when="tomorrow 6pm", capacity=CAPACITY, response_timeout=20)
            await r.wait_done()
            messages.append(fake.channel_messages(place.announcements)[-1])
        r = await fake.slash(places[0].organiser, "event create", title=DRILL, when="tomorrow 6pm",
                             reminders="1h", response_timeout=20)
        await r.wait_done()
        drill = int(re.search(r"bk:ev:(\d+):", str(fake.channel_messages(places[0].announcements)[-1].components))[1])
        reminded = [m for i in range(REMINDED) for m in [places[i % len(places)].members[i // len(places)]]]
        starts_at = await db.fetchval("SELECT starts_at FROM events WHERE id = $1", drill)
        due = int(time.time()) + 4  # every process's sweep (each LEASE / 2) loads the job before then
        await db.executemany("INSERT INTO event_rsvps (event_id, user_id, status, seq, display_name, updated_at) "
                             "VALUES ($1, $2, 'going', $3, $4, $5)",
                             [(drill, m.id, n + 1, m.name, due - 60) for n, m in enumerate(reminded)])
        await db.executemany("INSERT INTO event_reminders (event_id, user_id, offset_min, starts_at, due_at) "
                             "VALUES ($1, $2, 60, $3, $4)", [(drill, m.id, starts_at, due) for m in reminded])

        # The burst starts just before the reminders fall due: 20 more clicks every 10 ms.
        await asyncio.sleep(max(0.0, due - time.time() - 0.3))
        clickers = [(m, msg) for msg, place in zip(messages, places) for m in place.members]
        clickers = [clickers[i] for k in range(PER_GUILD) for i in range(k, len(clickers), PER_GUILD)]  # interleave
        tasks: list[asyncio.Task] = []

        async def stream() -> None:
            for start in range(0, len(clickers), 20):
                tasks.extend(asyncio.create_task(fake.click(m, msg, "Going", response_timeout=20))
                             for m, msg in clickers[start:start + 20])
                await asyncio.sleep(0.01)

        streaming = asyncio.create_task(stream())
        # The victim: the first process seen holding claimed reminders (so there is work to take over).
        victim, deadline = None, time.time() + 20
        while victim is None:
            owners = [r[0] for r in await db.fetch(
                "SELECT DISTINCT lease_owner FROM event_reminders WHERE event_id = $1 AND status = 'claimed'", drill)]
            victim = next((p for p in procs for o in owners if f":{p.pid}:" in o), None)
            assert victim is not None or time.time() < deadline, "no process claimed the reminders"
            if victim is None:
                await asyncio.sleep(0.003)
        await victim.kill()
        orphaned = await db.fetchval("SELECT count(*) FROM event_reminders WHERE event_id = $1 AND "
                                     "status = 'claimed' AND lease_owner LIKE $2", drill, f"%:{victim.pid}:%")
        await streaming
        results = await asyncio.gather(*tasks)
        # A deferred click's confirmation follows the "thinking..." (or never, if its process was
        # killed): wait for all of them together, not 10 s each in turn.
        async def settled(r) -> None:  # type: ignore[no-untyped-def]
            try:
                await r.wait_done(timeout=10)
            except (asyncio.TimeoutError, TimeoutError):
                pass

        await asyncio.gather(*(settled(r) for r in results if r.type is not None))

        # RSVPs: acknowledged = the member saw a confirmation, not merely "thinking...".
        acknowledged = {m.id: (msg, r.text) for (m, msg), r in zip(clickers, results)
                        if r.type is not None and r.error is None and r.text}
        assert acknowledged
        rows = await db.fetch("SELECT event_id, user_id, status FROM event_rsvps WHERE event_id <> $1", drill)
        stored = {r["user_id"]: r["status"] for r in rows}
        for uid, (_, text) in acknowledged.items():
            assert stored.get(uid) == ("going" if "You're going" in text else "waitlist"), (uid, text)
        going = await db.fetch("SELECT event_id, count(*) AS n FROM event_rsvps WHERE status = 'going' "
                               "AND event_id <> $1 GROUP BY event_id", drill)
        assert going and max(r["n"] for r in going) <= CAPACITY
        answered = {p.shard for p in places if any(m.id in acknowledged for m in p.members)}
        survivors = {s for p in procs if p is not victim for s in p.shards}
        assert survivors <= answered, (answered, survivors)  # clicks were answered on every live shard
        # (the dead process's shards count too when it got to answer some of its clicks before the kill)

        # Reminders: every one sent, each member reminded exactly once.
        for _ in range(600):
            left = await db.fetchval("SELECT count(*) FROM event_reminders WHERE event_id = $1 "
                                     "AND status IN ('pending', 'claimed')", drill)
            if not left:
                break
            await asyncio.sleep(0.05)
        assert not left, [p.log() for p in procs]
        statuses = {r[0] for r in await db.fetch("SELECT DISTINCT status FROM event_reminders WHERE event_id = $1",
                                                 drill)}
        assert statuses <= {"sent", "late"}, statuses
        counts = [sum(1 for d in fake.dms(m) if f"**{DRILL}**" in d.text) for m in reminded]
        assert counts == [1] * REMINDED, (sorted(set(counts)), orphaned)
        assert orphaned >= 1  # the kill did land between claim and send (else this proves nothing)
    finally:
        await db.close()
        for p in procs:
            await p.stop()
        await fake.stop()
