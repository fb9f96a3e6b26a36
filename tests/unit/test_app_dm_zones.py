"""Private messages about a changed, cancelled or newly confirmed event write the time in each
recipient's own zone (/my timezone), else the event's, whichever platform (here a Discord community,
through `bot.app` alone). In Urdu the time is written out, so the zone shows in the text."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from bot.domain.guild_settings import SettingsChange
from bot.domain.roles import Actor
from bot.i18n import dates
from tests.app_world import ADMIN, GUILD, world_fixture

ALICE = Actor(user_id=11, guild_id=GUILD, display_name="Alice")  # her own zone: Karachi
BOB = Actor(user_id=12, guild_id=GUILD, display_name="Bob")  # none: the event's, London
KARACHI, LONDON = "Asia/Karachi", "Europe/London"

world = world_fixture("dm_zones.sqlite3")


def plain(text: str) -> str:
    return re.sub("[\u200e\u200f\u061c\u2066-\u2069]", "", text)


async def test_urdu_dms_use_each_members_own_zone(world) -> None:
    app, messenger = world.app, world.messenger
    await app.setup.change(ADMIN, SettingsChange(language="ur"))
    await app.my_zone.timezone(ALICE, KARACHI)
    await app.events.create(ADMIN, title="Clinic", when="2026-03-24 18:00", capacity=1)
    await app.events.rsvp(BOB, 1, "going")
    await app.events.rsvp(ALICE, 1, "going")  # waitlisted
    await app.idle()

    # Bob leaves: Alice moves up and is told, in Karachi time (23:00, not London's 18:00).
    start = datetime(2026, 3, 24, 18, 0, tzinfo=timezone.utc)
    await app.events.rsvp(BOB, 1, "declined")
    await app.idle()
    promoted = plain(messenger.dms_to(ALICE.user_id)[-1])
    assert dates.written("ur", start, KARACHI) in promoted and KARACHI in promoted
    await app.events.rsvp(BOB, 1, "maybe")

    messenger.dms.clear()
    await app.events.edit(ADMIN, "1", when="2026-03-24 19:00")
    moved = datetime(2026, 3, 24, 19, 0, tzinfo=timezone.utc)
    alice, bob = plain(messenger.dms_to(ALICE.user_id)[0]), plain(messenger.dms_to(BOB.user_id)[0])
    assert dates.written("ur", start, KARACHI) in alice and dates.written("ur", moved, KARACHI) in alice
    assert dates.written("ur", start, LONDON) in bob and dates.written("ur", moved, LONDON) in bob

    messenger.dms.clear()
    await app.events.cancel(ADMIN, "1")
    alice, bob = plain(messenger.dms_to(ALICE.user_id)[0]), plain(messenger.dms_to(BOB.user_id)[0])
    assert dates.written("ur", moved, KARACHI) in alice and f"({KARACHI})" in alice
    assert dates.written("ur", moved, LONDON) in bob and f"({LONDON})" in bob


async def test_urdu_series_dms_use_each_members_own_zone(world) -> None:
    app, messenger = world.app, world.messenger
    await app.setup.change(ADMIN, SettingsChange(language="ur"))
    await app.my_zone.timezone(ALICE, KARACHI)
    await app.series.create(ADMIN, title="Weekly clinic", when="2026-03-24 18:00", repeat="weekly", count=3,
                            announce_ahead=30)
    ids = [e.id for e in await app.store.series.occurrences(1)]
    for actor in (ALICE, BOB):
        await app.events.rsvp(actor, ids[0], "going")
    await app.idle()
    messenger.dms.clear()
    await app.series.edit(ADMIN, str(ids[0]), scope="all", when="2026-03-24 19:00")
    old, new = datetime(2026, 3, 24, 18, 0, tzinfo=timezone.utc), datetime(2026, 3, 24, 19, 0, tzinfo=timezone.utc)
    alice, bob = plain(messenger.dms_to(ALICE.user_id)[0]), plain(messenger.dms_to(BOB.user_id)[0])
    assert dates.written("ur", old, KARACHI) in alice and dates.written("ur", new, KARACHI) in alice
    assert dates.written("ur", new, LONDON) in bob

    messenger.dms.clear()
    await app.series.cancel(ADMIN, str(ids[0]), scope="all")
    alice, bob = plain(messenger.dms_to(ALICE.user_id)[0]), plain(messenger.dms_to(BOB.user_id)[0])
    assert dates.written("ur", new, KARACHI) in alice and KARACHI in alice
    assert dates.written("ur", new, LONDON) in bob and LONDON in bob
