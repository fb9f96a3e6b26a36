"""fakediscord's guild scheduled events at the protocol level (raw HTTP, Discord's JSON shape and
checks): create, read, change, cancel and delete; Manage Events required; bad bodies refused."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from fakediscord import FakeDiscord
from fakediscord import permissions as P
from tests.fakediscord_http import fake, http  # noqa: F401 (fixtures)


def iso(hours: float) -> str:
    return (datetime.now(timezone.utc) + timedelta(hours=hours)).isoformat()


def external(**over):
    body = {"name": "Clinic", "privacy_level": 2, "entity_type": 3, "entity_metadata": {"location": "Lahore"},
            "scheduled_start_time": iso(24), "scheduled_end_time": iso(25), "description": "Weekly"}
    body.update(over)
    return body


async def call(http, method: str, url: str, body=None):
    async with http.request(method, url, json=body) as resp:
        return resp.status, (await resp.json() if resp.status != 204 else None)


async def test_manage_events_is_required(fake: FakeDiscord, http) -> None:
    guild = fake.create_guild("G")  # the default bot permissions have no Manage Events
    status, body = await call(http, "POST", f"{fake.api_base}/guilds/{guild.id}/scheduled-events", external())
    assert status == 403 and body["code"] == 50013 and guild.scheduled_events == {}


async def test_an_external_event_through_its_life(fake: FakeDiscord, http) -> None:
    guild = fake.create_guild("G", bot_permissions=P.DEFAULT_BOT | P.MANAGE_EVENTS)
    base = f"{fake.api_base}/guilds/{guild.id}/scheduled-events"
    status, made = await call(http, "POST", base, external())
    assert status == 200 and made["entity_type"] == 3 and made["status"] == 1 and made["privacy_level"] == 2
    assert made["entity_metadata"] == {"location": "Lahore"} and made["channel_id"] is None
    assert made["creator_id"] == str(fake.bot_user.id) and made["guild_id"] == str(guild.id)
    one = f"{base}/{made['id']}"
    assert (await call(http, "GET", one))[1] == made
    assert [e["id"] for e in (await call(http, "GET", base))[1]] == [made["id"]]

    status, changed = await call(http, "PATCH", one, {"name": "Clinic (moved)", "scheduled_start_time": iso(48),
                                                      "scheduled_end_time": iso(49)})
    assert status == 200 and changed["name"] == "Clinic (moved)" and changed["entity_metadata"]["location"] == "Lahore"
    status, refused = await call(http, "PATCH", one, {"status": 3})  # SCHEDULED cannot jump to COMPLETED
    assert status == 400 and refused["code"] == 50035
    status, cancelled = await call(http, "PATCH", one, {"status": 4})
    assert status == 200 and cancelled["status"] == 4
    status, frozen = await call(http, "PATCH", one, {"name": "Again"})  # a cancelled event stays as it is
    assert status == 400 and guild.scheduled_events[int(made["id"])].name == "Clinic (moved)"
    assert (await call(http, "DELETE", one))[0] == 204
    status, missing = await call(http, "GET", one)
    assert status == 404 and missing["code"] == 10070


async def test_bodies_discord_refuses(fake: FakeDiscord, http) -> None:
    guild = fake.create_guild("G", bot_permissions=P.DEFAULT_BOT | P.MANAGE_EVENTS)
    voice = guild.add_voice_channel("Stage")
    text = guild.add_text_channel("general")
    base = f"{fake.api_base}/guilds/{guild.id}/scheduled-events"
    bad = [external(entity_metadata={}),  # an external event needs a location
           external(scheduled_end_time=None),  # and an end
           external(scheduled_start_time=iso(-1)),  # not in the past
           external(scheduled_end_time=iso(23)),  # the end after the start
           external(privacy_level=1),  # only GUILD_ONLY exists
           external(name=""),
           external(entity_type=2, entity_metadata=None, channel_id=str(text.id)),  # voice needs a voice channel
           external(channel_id=str(voice.id))]  # external has no channel
    for body in bad:
        status, answer = await call(http, "POST", base, body)
        assert status == 400 and answer["code"] == 50035, body
    assert guild.scheduled_events == {}
    status, made = await call(http, "POST", base, external(entity_type=2, entity_metadata=None,
                                                           channel_id=str(voice.id)))
    assert status == 200 and made["channel_id"] == str(voice.id) and made["entity_metadata"] is None
