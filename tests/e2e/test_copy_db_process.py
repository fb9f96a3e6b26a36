"""A community that outgrows SQLite moves with `baithak copy-db`: a `baithak run` on SQLite gathers
events, RSVPs, reminders, resources, reports and their audit rows through real interactions; it is
stopped, the database copied into an empty PostgreSQL one, and a `baithak run` on the copy answers
members exactly as the SQLite bot did, and keeps working (a new click, a new case number after the
copied ones)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fakediscord import FakeDiscord
from tests.e2e.process import REPO, BotProcess
from tests.harness import seed_world, until


async def _answers(fake, w) -> dict[str, str]:
    """What members and moderators see when they look at the community's data."""
    out = {}
    for who, command, options in ((w.alice, "event list", {}), (w.alice, "my events", {}),
                                  (w.organiser, "event attendees", {"event": "1"}),
                                  (w.bob, "resource search", {"query": "guide"}),
                                  (w.moderator, "reports queue", {}), (w.moderator, "reports show", {"case": "R-0001"})):
        r = await fake.slash(who, command, response_timeout=20, **options)
        await r.wait_done()
        assert r.error is None and r.text, (command, r.text)
        out[command] = r.text + "".join(str(e) for e in (r.message.embeds if r.message else []))
    return out


async def test_bot_on_the_copied_database_shows_the_same_data(tmp_path: Path, pg_empty_url: str) -> None:
    fake = FakeDiscord()
    await fake.start()
    w = seed_world(fake)
    sqlite_path = tmp_path / "baithak.sqlite3"
    proc = BotProcess(fake, sqlite_path)
    try:
        await proc.start()
        r = await fake.slash(w.admin, "setup", announcements=w.announcements, moderation=w.moderation,
                             resources=w.resources, organiser_role=w.organiser_role, moderator_role=w.moderator_role)
        assert r.error is None
        r = await fake.slash(w.organiser, "event create", title="مشاعرہ night", when="tomorrow 6pm", capacity=1,
                             reminders="1h")
        await r.wait_done()
        msg = fake.channel_messages(w.announcements)[-1]
        for who in (w.alice, w.bob):  # Alice goes, Bilal is on the waitlist; both get reminder rows
            await (await fake.click(who, msg, "Going")).wait_done()
        r = await fake.slash(w.bob, "resource share", url="https://example.org/guide", title="Verification guide")
        await r.wait_done()
        r = await fake.slash(w.alice, "report", target="https://example.org/rumour", category="misinformation")
        assert "R-0001" in r.text
        await until(lambda: any(m.embeds for m in fake.channel_messages(w.moderation)), timeout=20)
        card = next(m for m in fake.channel_messages(w.moderation) if m.embeds and "R-0001" in m.embeds[0]["title"])
        assert (await fake.click(w.moderator, card, "Claim")).error is None  # an audit row
        before = await _answers(fake, w)
        await proc.stop()

        done = subprocess.run([sys.executable, "-m", "bot", "copy-db", str(sqlite_path), pg_empty_url],
                              cwd=REPO, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr

        on_pg = BotProcess(fake, pg_empty_url, log_path=tmp_path / "pg.log")  # type: ignore[arg-type]
        proc = on_pg
        await on_pg.start()
        assert await _answers(fake, w) == before
        # It keeps working on the copy: a click and a new case, numbered after the copied one.
        r = await fake.click(w.urdu, msg, "Maybe")
        await r.wait_done()
        assert "maybe" in r.text
        r = await fake.slash(w.bob, "report", target="https://example.org/other", category="other")
        assert "R-0002" in r.text
    finally:
        await proc.close()
        await fake.stop()
