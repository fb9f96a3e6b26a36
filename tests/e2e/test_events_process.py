"""The `baithak run` process: reminders due while it was down are sent once after restart, marked
late; SIGKILL in the middle of a click burst loses no acknowledged RSVP."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import time
from pathlib import Path

from tests.e2e.process import BotProcess
from fakediscord import FakeDiscord
from tests.harness import seed_world


async def _started(tmp_path: Path, members: int = 0, **env: str):
    fake = FakeDiscord()
    await fake.start()
    world = seed_world(fake)
    extra = [world.guild.add_member(f"creator{i:03d}") for i in range(members)]
    proc = BotProcess(fake, tmp_path / "baithak.sqlite3", **env)
    await proc.start()
    r = await fake.slash(world.admin, "setup", announcements=world.announcements, organiser_role=world.organiser_role)
    assert r.error is None, proc.log()
    return fake, world, proc, extra


def _sql(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(sql, params).fetchall()
    return rows


def _reminder_dms(fake, member) -> list[str]:
    return [m.text for m in fake.dms(member) if "Reminder" in m.text]


async def test_reminders_due_while_down_are_sent_once_marked_late(tmp_path: Path) -> None:
    fake, w, proc, _ = await _started(tmp_path)
    db = tmp_path / "baithak.sqlite3"
    try:
        r = await fake.slash(w.organiser, "event create", title="Night school", when="tomorrow 6pm", reminders="1h")
        await r.wait_done()
        msg = fake.channel_messages(w.announcements)[-1]
        for who, label in ((w.alice, "Going"), (w.bob, "Maybe"), (w.closed, "Going")):
            await (await fake.click(who, msg, label)).wait_done()
        await proc.stop()
        # While the bot is down the reminder falls due (the event itself is still ahead).
        _sql(db, "UPDATE event_reminders SET due_at = ? WHERE status = 'pending'", (int(time.time()) - 600,))
        await proc.start()
        for _ in range(200):
            if len(_reminder_dms(fake, w.alice)) and len(_reminder_dms(fake, w.bob)):
                break
            await asyncio.sleep(0.05)
        for who in (w.alice, w.bob):
            (text,) = _reminder_dms(fake, who)
            assert text.startswith("(Sent late") and "Night school" in text
        await asyncio.sleep(0.3)
        statuses = dict(_sql(db, "SELECT user_id, status FROM event_reminders"))
        assert statuses == {w.alice.id: "late", w.bob.id: "late", w.closed.id: "dm_closed"}
        # Another restart sends nothing again.
        await proc.stop()
        await proc.start()
        await asyncio.sleep(1.0)
        assert len(_reminder_dms(fake, w.alice)) == 1 and len(_reminder_dms(fake, w.bob)) == 1
    finally:
        await proc.close()
        await fake.stop()


async def test_sigkill_mid_burst_loses_no_acknowledged_rsvp(tmp_path: Path) -> None:
    fake, w, proc, members = await _started(tmp_path, members=600)
    db = tmp_path / "baithak.sqlite3"
    try:
        r = await fake.slash(w.organiser, "event create", title="Crowded", when="tomorrow 6pm", capacity=100)
        await r.wait_done()
        msg = fake.channel_messages(w.announcements)[-1]
        event_id = int(re.search(r"bk:ev:(\d+):", str(msg.components)).group(1))
        # A stream of clicks, 20 more every 10 ms; the process is killed once 100 were answered,
        # with others in flight and more still arriving.
        tasks: list[asyncio.Task] = []

        async def stream() -> None:
            for start in range(0, len(members), 20):
                tasks.extend(asyncio.create_task(fake.click(m, msg, "Going", response_timeout=3))
                             for m in members[start:start + 20])
                await asyncio.sleep(0.01)

        streaming = asyncio.create_task(stream())
        while sum(1 for t in tasks if t.done() and t.result().type is not None) < 100:
            await asyncio.sleep(0.002)
        proc.proc.kill()
        await streaming
        results = await asyncio.gather(*tasks)
        await proc.proc.wait()
        await fake.wait_for_disconnect(timeout=20)
        # Acknowledged = the member saw a confirmation. A click the bot only deferred ("thinking...")
        # before it was killed was never confirmed, and may rightly be lost.
        acknowledged = {m.id: r.text for m, r in zip(members, results)
                        if r.type is not None and r.error is None and r.text}
        assert 100 <= len(acknowledged) < len(members), len(acknowledged)
        stored = dict(_sql(db, "SELECT user_id, status FROM event_rsvps WHERE event_id = ?", (event_id,)))
        for uid, text in acknowledged.items():
            expected = "going" if "You're going" in text else "waitlist"
            assert stored.get(uid) == expected, (uid, text)
        going = sum(1 for s in stored.values() if s == "going")
        assert going <= 100
        # After a restart the announcement catches up with what was saved before the kill (the
        # coalesced edit showing the last clicks may have been lost with the process), without a
        # new click; then the bot serves the same state and keeps going.
        waitlist = sum(1 for s in stored.values() if s == "waitlist")
        await proc.start()
        for _ in range(100):
            fields = {f["name"]: f["value"] for f in fake.message_by_id(msg.id).embeds[0]["fields"]}
            if fields.get("Going") == f"{going}/100" and fields.get("Waitlist", "0") == str(waitlist):
                break
            await asyncio.sleep(0.1)
        assert fields.get("Going") == f"{going}/100", (fields, going, waitlist)
        assert fields.get("Waitlist", "0") == str(waitlist), (fields, going, waitlist)
        late = await fake.click(members[-1], msg, "Maybe")
        await late.wait_done()
        assert "maybe" in late.text
    finally:
        await proc.close()
        await fake.stop()
