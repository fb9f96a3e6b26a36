"""Check-in and attendance through the fake Discord with the real client: the announcement of an
event starting soon carries Check in; members going or maybe check in by button or with the
organiser's code (wrong codes and second check-ins refused, ephemerally); /event stats,
/my attendance and /event report answer organisers and members."""

from __future__ import annotations

import re

import pytest
from tests.conftest import DATABASES

# Run on both drivers: the same behaviour on SQLite and PostgreSQL (issue 12).
pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)


def announcements(h):
    return h.fake.channel_messages(h.world.announcements)


async def slash(h, who, command, **options):
    result = await h.fake.slash(who, command, **options)
    await result.wait_done()
    return result


async def click(h, who, message, label):
    result = await h.fake.click(who, message, label)
    await result.wait_done()
    return result


def buttons(message) -> list[str]:
    return [c.get("label") for row in message.components for c in row["components"]]


async def test_check_in_on_discord(world) -> None:
    h = world
    created = await slash(h, h.world.organiser, "event create", title="Door meetup", when="in 10 minutes")
    assert created.error is None
    post = announcements(h)[-1]
    assert buttons(post) == ["Going", "Maybe", "Can't go", "Add to calendar", "Check in"]
    event_id = re.search(r"bk:ci:(\d+)", str(post.components)).group(1)

    stranger = await click(h, h.world.bob, post, "Check in")
    assert stranger.ephemeral and "Only members who answered Going or Maybe" in stranger.text
    await click(h, h.world.alice, post, "Going")
    done = await click(h, h.world.alice, post, "Check in")
    assert done.ephemeral and "You're checked in to **Door meetup**" in done.text
    twice = await click(h, h.world.alice, post, "Check in")
    assert twice.ephemeral and "already checked in" in twice.text

    refused = await slash(h, h.world.alice, "event checkin-code", event=event_id)
    assert refused.ephemeral and "organiser" in refused.text.lower()
    issued = await slash(h, h.world.organiser, "event checkin-code", event=event_id)
    assert issued.ephemeral
    code = re.search(r"\*\*(\d{6})\*\*", issued.text).group(1)
    await click(h, h.world.urdu, post, "Maybe")
    wrong = await slash(h, h.world.urdu, "checkin", code=f"{(int(code) + 1) % 10**6:06d}")
    assert wrong.ephemeral and "is not a check-in code here" in wrong.text
    right = await slash(h, h.world.urdu, "checkin", code=code)
    assert right.ephemeral and "You're checked in" in right.text
    reused = await slash(h, h.world.urdu, "checkin", code=code)
    assert "already checked in" in reused.text

    stats = await slash(h, h.world.organiser, "event stats", event=event_id)
    fields = {f["name"]: f["value"] for f in stats.embeds[0]["fields"]}
    assert stats.ephemeral and fields["Going"] == "1" and fields["Maybe"] == "1"
    assert fields["Checked in"] == "2 (0 late)" and fields["No-shows"] == "counted after the end"
    member_stats = await slash(h, h.world.alice, "event stats", event=event_id)
    assert "organiser" in member_stats.text.lower() and not member_stats.embeds

    mine = await slash(h, h.world.alice, "my attendance")
    assert mine.ephemeral and "no past events" in mine.text  # it has not ended yet
    report = await slash(h, h.world.organiser, "event report", days=7)
    assert report.ephemeral and "No events ended in this period." in report.text
    assert not any("<@" in m.content for m in announcements(h) if m.content)  # no mention anywhere
