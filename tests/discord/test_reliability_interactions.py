"""Every component and modal interaction is answered: forged, malformed, unknown, over-long and
wrong-type custom ids get a localised "this button no longer works"; ids beyond SQLite's range in any
button or select family are "no longer exists"; "Add to calendar" on a cancelled event is refused."""

from __future__ import annotations

import re

import discord
import pytest

from bot.i18n import t

TOO_BIG = (str(2**63), str(2**64 - 1), "9" * 19)

# Every persistent family: (custom_id format, component type).
FAMILIES = [("bk:ev:{}:go", 2), ("bk:ev:{}:maybe", 2), ("bk:ev:{}:no", 2), ("bk:ev:{}:ics", 2),
            ("res:up:{}", 2), ("res:approve:{}", 2), ("res:reject:{}", 2),
            ("rep:claim:{}", 2), ("rep:escalate:{}", 2), ("rep:resolve:{}", 2), ("rep:dismiss:{}", 2),
            ("rep:pout:{}", 2), ("rep:platform:{}", 3), ("rep:outcome:{}", 3), ("rep:poutv:{}", 3)]


async def _announcement(h):
    r = await h.fake.slash(h.world.organiser, "event create", title="Clinic", when="tomorrow 6pm")
    await r.wait_done()
    msg = h.fake.channel_messages(h.world.announcements)[-1]
    return msg, int(re.search(r"bk:ev:(\d+):", str(msg.components)).group(1))


async def _bot_message_with(h, channel, custom_ids_and_types):
    """A message the bot itself sent carrying these components (a stale or forged copy)."""
    view = discord.ui.View(timeout=None)
    for custom_id, kind in custom_ids_and_types:
        if kind == 2:
            view.add_item(discord.ui.Button(label=custom_id[:80], custom_id=custom_id))
        else:
            view.add_item(discord.ui.Select(custom_id=custom_id, options=[discord.SelectOption(label="x", value="x")]))
    sent = await h.bot.get_partial_messageable(channel.id, guild_id=h.world.guild.id).send("copy", view=view)
    view.stop()
    return sent.id


@pytest.mark.parametrize("number", TOO_BIG)
async def test_ids_beyond_range_in_every_family_are_no_longer_there(world, number: str) -> None:
    h = world
    w = h.world
    ids = [(fmt.format(number), kind) for fmt, kind in FAMILIES]
    for start in range(0, len(ids), 5):  # at most five buttons or one select per row
        chunk = ids[start:start + 5]
        buttons = [c for c in chunk if c[1] == 2]
        selects = [c for c in chunk if c[1] == 3]
        for group in ([buttons] if buttons else []) + [[s] for s in selects]:
            message_id = await _bot_message_with(h, w.moderation, group)
            for custom_id, kind in group:
                if kind == 2:
                    r = await h.fake.click(w.admin, message_id, custom_id=custom_id)
                else:
                    r = await h.fake.select(w.admin, message_id, ["x"], custom_id=custom_id)
                assert r.error is None, (custom_id, r.errors)
                assert r.ephemeral and r.text.strip() == t("en", "common.not_found"), (custom_id, r.text)


MALFORMED = ["bk:ev:{id}:dance",            # wrong action word
             "bk:ev:{id}:go:extra",         # extra text
             "bk:ev:{id}:go ",
             "bk:ev:abc:go",                # letters for digits
             "bk:ev:-{id}:go",
             "res:up:",
             "nothing-we-know",
             "",
             "bk:ev:{id}:go" + "0" * 100,   # over 100 characters
             "x" * 150]


@pytest.mark.parametrize("template", MALFORMED)
async def test_malformed_and_unknown_custom_ids_are_answered(world, template: str) -> None:
    h = world
    msg, event_id = await _announcement(h)
    r = await h.fake.forge_component(h.world.alice, msg, template.format(id=event_id))
    assert r.error is None, r.errors
    assert r.ephemeral and r.text.strip() == t("en", "common.button_gone")
    assert await h.db.fetchval("SELECT count(*) FROM event_rsvps") == 0


async def test_a_button_sent_as_another_component_type_is_refused(world) -> None:
    h = world
    msg, event_id = await _announcement(h)
    for kind in (3, 5, 8):  # string, user and channel selects
        r = await h.fake.forge_component(h.world.alice, msg, f"bk:ev:{event_id}:go", component_type=kind, values=["x"])
        assert r.error is None and r.text.strip() == t("en", "common.button_gone")
    assert await h.db.fetchval("SELECT count(*) FROM event_rsvps") == 0
    # The genuine click still works.
    assert "You're going" in (await h.fake.click(h.world.alice, msg, "Going")).text


async def test_unknown_modal_is_answered_in_the_members_language(world) -> None:
    h = world
    await h.fake.slash(h.world.admin, "setup", language="ur")
    for custom_id in ("never-opened", "res:reject:1", "x" * 120):
        r = await h.fake.forge_modal_submit(h.world.alice, h.world.general, custom_id)
        assert r.error is None, r.errors
        assert r.ephemeral and r.text.strip() == t("ur", "common.form_expired")


async def test_add_to_calendar_on_a_cancelled_event_is_refused(world) -> None:
    h = world
    msg, event_id = await _announcement(h)
    ok = await h.fake.click(h.world.alice, msg, "Add to calendar")
    assert ok.files if hasattr(ok, "files") else "calendar" in ok.text
    done = await h.fake.slash(h.world.organiser, "event cancel", event="Clinic", reason="Rain")
    await done.wait_done()
    # The button is disabled now; a stale client may still send the click.
    r = await h.fake.forge_component(h.world.alice, msg, f"bk:ev:{event_id}:ics")
    assert r.error is None and r.text.strip() == t("en", "rsvp.cancelled")
