"""Role-gated RSVP, `ping:`, going names, templates and /my timezone through the fake Discord with the
real client: what members see on the announcement, who is pinged (the fake server's
allowed_mentions), the refusals they get."""

from __future__ import annotations

import re

from icalendar import Calendar

import pytest
from tests.conftest import DATABASES

pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)


def announcements(h):
    return h.fake.channel_messages(h.world.announcements)


def event_id_of(message) -> int:
    return int(re.search(r"bk:ev:(\d+):go", str(message.components)).group(1))


async def slash(h, who, command, **options):
    result = await h.fake.slash(who, command, **options)
    await result.wait_done()
    return result


async def click(h, who, message, label):
    result = await h.fake.click(who, message, label)
    await result.wait_done()
    return result


def field(message, name: str) -> str | None:
    return next((f["value"] for f in message.embeds[0].get("fields", []) if f["name"] == name), None)


async def test_role_gated_rsvp_and_ping_on_discord(world) -> None:
    h, w = world, world.world
    speakers = w.guild.add_role("Speakers", mentionable=True)
    w.alice.add_role(speakers)
    before = len(announcements(h))
    made = await slash(h, w.organiser, "event create", title="Speakers' dinner", when="tomorrow 7pm",
                       role=speakers, ping=speakers)
    assert made.error is None and made.ephemeral
    (post,) = announcements(h)[before:]
    assert post.content == f"<@&{speakers.id}>"
    allowed = post.allowed_mentions
    assert allowed["parse"] == [] and [int(r) for r in allowed["roles"]] == [speakers.id]
    assert not allowed.get("users") and not allowed.get("replied_user")
    assert post.pinged == {"users": [], "roles": [speakers.id], "everyone": False}
    assert field(post, "Who may answer") == f"Members with <@&{speakers.id}>"

    refused = await click(h, w.bob, post, "Going")
    assert refused.ephemeral and refused.text == (
        f"Only members with the <@&{speakers.id}> role can answer Going or Maybe to this event.")
    assert "can't" in (await click(h, w.bob, post, "Can't go")).text.lower()
    assert (await click(h, w.alice, post, "Going")).error is None
    await h.bot.app.idle()
    shown = h.fake.message_by_id(post.id)
    assert field(shown, "Going") == "1" and field(shown, "Who's going") == "Alice"
    assert shown.pinged["roles"] == [speakers.id]  # the edit pings nobody new

    # @everyone is refused as a ping, and is how an edit lifts the restriction.
    everyone = await slash(h, w.organiser, "event create", title="All", when="tomorrow 7pm", ping=w.guild.everyone)
    assert everyone.text.startswith("An announcement never pings @everyone")
    assert len(announcements(h)) == before + 1
    lifted = await slash(h, w.organiser, "event edit", event=str(event_id_of(post)), role=w.guild.everyone)
    assert lifted.error is None and "Who may answer" in lifted.text
    assert (await click(h, w.bob, post, "Going")).error is None

    # A plain event pings nobody.
    await slash(h, w.organiser, "event create", title="Quiet", when="tomorrow 8pm")
    quiet = announcements(h)[-1]
    assert quiet.content == "" and quiet.pinged == {"users": [], "roles": [], "everyone": False}


async def test_templates_and_my_timezone_on_discord(world) -> None:
    h, w = world, world.world
    await slash(h, w.organiser, "event create", title="Weekly clinic", when="tomorrow 6pm", duration="90m",
                location="Studio 2", capacity=12)
    source = announcements(h)[-1]
    saved = await slash(h, w.organiser, "event template save", name="clinic", event=str(event_id_of(source)))
    assert saved.ephemeral and "Template `clinic` saved" in saved.text
    denied = await slash(h, w.alice, "event template save", name="mine", event=str(event_id_of(source)))
    assert denied.ephemeral and "organiser" in denied.text.lower()
    bad = await slash(h, w.organiser, "event template save", name="two words!", event=str(event_id_of(source)))
    assert "cannot be a template name" in bad.text

    offered = await h.fake.autocomplete(w.organiser, "event create", "template", "cl")
    assert offered.values == ["clinic"]
    made = await slash(h, w.organiser, "event create", when="next monday 6pm", template="clinic")
    assert made.error is None
    post = announcements(h)[-1]
    assert post.embeds[0]["title"] == "Weekly clinic" and field(post, "Location") == "Studio 2"
    assert field(post, "Going") == "0/12"
    listed = await slash(h, w.alice, "event template list")
    assert "organiser" in listed.text.lower()
    listed = await slash(h, w.organiser, "event template list")
    assert "`clinic`: **Weekly clinic**, 1h30m, 12 places" in listed.embeds[0]["description"]
    gone = await slash(h, w.organiser, "event template delete", name="clinic")
    assert "deleted" in gone.text
    unknown = await slash(h, w.organiser, "event create", when="next monday 6pm", template="clinic")
    assert "no template called `clinic`" in unknown.text

    zones = await h.fake.autocomplete(w.alice, "my timezone", "zone", "europe/lon")
    assert zones.values == ["Europe/London"]
    chosen = await slash(h, w.alice, "my timezone", zone="Europe/London")
    assert chosen.ephemeral and "**Europe/London**" in chosen.text
    wrong = await slash(h, w.alice, "my timezone", zone="Nowhere/Here")
    assert "not a time zone I know" in wrong.text
    ics = await click(h, w.alice, post, "Add to calendar")
    assert str(Calendar.from_ical(ics.attachments[0].data)["X-WR-TIMEZONE"]) == "Europe/London"
    ics = await click(h, w.bob, post, "Add to calendar")
    assert str(Calendar.from_ical(ics.attachments[0].data)["X-WR-TIMEZONE"]) == "Asia/Karachi"
