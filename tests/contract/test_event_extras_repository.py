"""Contract of `bot.ports.event_extras.EventExtrasRepository` (templates, members' zones, going
names) and of the events repository keeping an event's `rsvp_role` and `ping_role`."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.event_templates import EventTemplate
from bot.domain.events import Event
from bot.domain.identity import DISCORD, Community, Member

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=timezone.utc)
GUILD = 100
HERE = Community(DISCORD, GUILD)


def template(name: str = "clinic", **changes) -> EventTemplate:
    base = EventTemplate(platform=DISCORD, guild_id=GUILD, name=name, title="Weekly clinic", description="Bring drafts",
                         location="Studio", duration_min=90, capacity=12, reminder_offsets=(1440, 60), rsvp_role=7,
                         created_by=1)
    return replace(base, **changes)


def draft(**changes) -> Event:
    base = Event(id=0, guild_id=GUILD, channel_id=500, message_id=None, organiser_id=1, title="Meetup",
                 description="", location="", starts_at=datetime(2026, 3, 24, 18, 0, tzinfo=timezone.utc),
                 duration_min=60, timezone="Europe/London", capacity=None, reminder_offsets=(60,))
    return replace(base, **changes)


async def test_templates_saved_replaced_listed_deleted(store) -> None:
    repo = store.event_extras
    assert await repo.save_template(template(), NOW, limit=3) is False
    assert await repo.template(HERE, "clinic") == template()
    assert await repo.save_template(template(title="New title", capacity=None, rsvp_role=None,
                                             reminder_offsets=()), NOW, limit=3) is True
    assert await repo.template(HERE, "clinic") == template(title="New title", capacity=None, rsvp_role=None,
                                                           reminder_offsets=())
    await repo.save_template(template("alpha"), NOW, limit=3)
    await repo.save_template(template("other", guild_id=999), NOW, limit=3)
    assert [t.name for t in await repo.templates(HERE)] == ["alpha", "clinic"]
    assert await repo.template(HERE, "other") is None
    await repo.save_template(template("beta"), NOW, limit=3)
    with pytest.raises(DomainError) as refused:
        await repo.save_template(template("gamma"), NOW, limit=3)
    assert refused.value.key == "template.too_many"
    assert await repo.save_template(template("beta", title="Again"), NOW, limit=3) is True  # replacing is fine
    assert [t.name for t in await repo.templates(HERE)] == ["alpha", "beta", "clinic"]
    assert await repo.delete_template(HERE, "alpha") is True
    assert await repo.delete_template(HERE, "alpha") is False
    assert [t.name for t in await repo.templates(Community(DISCORD, 999))] == ["other"]


async def test_member_timezones(store) -> None:
    repo = store.event_extras
    alice = Member(DISCORD, 11)
    assert await repo.timezone_of(alice) is None
    await repo.set_timezone(alice, "Asia/Karachi", NOW)
    await repo.set_timezone(alice, "Europe/London", NOW)
    assert await repo.timezone_of(alice) == "Europe/London"
    assert await repo.timezone_of(Member(DISCORD, 12)) is None
    await repo.set_timezone(alice, None, NOW)
    assert await repo.timezone_of(alice) is None


async def test_going_names_in_click_order_and_event_roles(store) -> None:
    event = await store.events.create(draft(rsvp_role=7, ping_role=8), NOW)
    assert (event.rsvp_role, event.ping_role) == (7, 8)
    assert (await store.events.get(event.id)).rsvp_role == 7
    for uid, name, choice in ((11, "Alice", "going"), (12, "Bob", "maybe"), (13, "زینب", "going"),
                              (14, "Dan", "going")):
        await store.events.rsvp(event.id, community=HERE, member=Member(DISCORD, uid), display_name=name,
                                choice=choice, now=NOW, roles=frozenset({7}))
    assert await store.event_extras.going_names(event.id, 2) == ["Alice", "زینب"]
    assert await store.event_extras.going_names(event.id, 10) == ["Alice", "زینب", "Dan"]
    outcome = await store.events.edit(event.id, lambda ev, going: (replace(ev, rsvp_role=None, version=ev.version + 1),
                                                                  []), NOW)
    assert outcome.new.rsvp_role is None and (await store.events.get(event.id)).rsvp_role is None
    assert (await store.events.get(event.id)).ping_role == 8


async def test_series_occurrences_keep_their_roles(store) -> None:
    from bot.domain.series import plan_series

    series, drafts = plan_series(draft(rsvp_role=7, ping_role=8), repeat="weekly", until=None, count=3,
                                 announce_ahead=7, now=NOW)
    _, occ = await store.series.create(series, drafts, NOW)
    assert [(e.rsvp_role, e.ping_role) for e in occ] == [(7, 8)] * 3
    claimed = await store.series.claim_due(NOW)
    assert [(e.rsvp_role, e.ping_role) for e in claimed] == [(7, 8)]
