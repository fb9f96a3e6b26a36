"""The weekly digest through the real discord.py client against fakediscord: an admin sets
`/setup digest` (a bad value is refused and changes nothing, the settings view shows the slot), the
bot is down over the slot and comes back within 24 hours: the digest is posted once, late, in the
announcements and moderation channels, and a second restart posts nothing again."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.clock import FixedClock
from tests.conftest import DATABASES
from tests.harness import Harness, until

# Run on both drivers: the same behaviour on SQLite and PostgreSQL (issue 12).
pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)

# Friday 8 January 2027, 17:00 in Asia/Karachi (the slot, friday 18:00, is 13:00 UTC).
BEFORE_SLOT = datetime(2027, 1, 8, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
async def timed(tmp_path, database: str, request: pytest.FixtureRequest):
    clock = FixedClock(BEFORE_SLOT)
    factory, server, url = None, None, None
    if database == "postgres":
        from bot.storage.postgres.store import PostgresStore

        server = request.getfixturevalue("pg_server")
        url = await server.create_database()

        def factory():
            return PostgresStore.open(url, max_size=4)
    h = Harness(tmp_path, clock=clock, store_factory=factory)
    await h.start()
    await h.setup_guild()
    yield h, clock
    await h.close()
    if server is not None:
        await server.release(url)


def digests(h) -> list:
    w = h.world
    return [m for channel in (w.announcements, w.moderation) for m in h.fake.channel_messages(channel)
            if m.author.id == h.fake.bot_user.id and m.embeds
            and (m.embeds[0].get("title") or "") in ("This week in Test", "Reports this week")]


async def test_setup_digest_then_sent_once_late_across_restarts(timed) -> None:
    h, clock = timed
    w = h.world
    r = await h.fake.slash(w.admin, "setup", digest="someday 25:00")
    assert "is not a digest time" in r.content and "friday 18:00" in r.content
    r = await h.fake.slash(w.admin, "setup")
    fields = {f["name"]: f["value"] for f in r.embeds[0]["fields"]}
    assert fields["Weekly digest"] == "off"
    r = await h.fake.slash(w.bob, "setup", digest="friday 18:00", force_permissions=True)
    assert "admin" in r.content.lower()
    r = await h.fake.slash(w.admin, "setup", digest="Fri 6pm")
    fields = {f["name"]: f["value"] for f in r.embeds[0]["fields"]}
    assert fields["Weekly digest"] == "Friday 18:00"
    r = await h.fake.slash(w.alice, "report", target="https://example.org/rumour", category="misinformation")
    assert "R-0001" in r.content

    # The bot is down over the slot and back 3 hours later: the digest goes out, saying it is late.
    clock.advance(hours=4)
    await h.restart_bot()
    await until(lambda: len(digests(h)) == 2, timeout=20)     # shortly after start-up
    ann = next(m for m in digests(h) if m.channel_id == w.announcements.id)
    mod = next(m for m in digests(h) if m.channel_id == w.moderation.id)
    assert "This digest is late: it was due Friday 8 January, 18:00" in ann.embeds[0]["description"]
    figures = {f["name"]: f["value"] for f in mod.embeds[0]["fields"]}
    assert figures["New cases"] == "1" and figures["Median time to claim"] == "n/a"
    assert not ann.mentions and not mod.mentions

    # Another restart an hour on: nothing is posted twice.
    clock.advance(hours=1)
    await h.restart_bot()
    await h.bot.app.idle()
    r = await h.fake.slash(w.admin, "setup")      # the bot is up and answering
    assert r.embeds
    assert len(digests(h)) == 2
