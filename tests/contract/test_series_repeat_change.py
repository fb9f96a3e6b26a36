"""Contract of `SeriesRepository.change_repeat` (a series' repeat rule changed after creation), on
every driver: dates the new rule keeps keep their answers; dropped dates with answers (or an
announcement) are cancelled with who answered them, the others removed; new dates are queued to be
announced; ended dates never change (the series splits); the .ics of each series, parsed back and
expanded, gives exactly the dates that take place."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from bot.domain.calendar import series_ics
from bot.domain.errors import DomainError
from bot.domain.events import Event, plan_cancel
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Community, Member, MessageRef, Place
from bot.domain.roles import Actor
from bot.domain.series import ALL, FOLLOWING, THIS, plan_repeat_change, plan_series

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=timezone.utc)
FIRST = datetime(2026, 3, 24, 18, 0, tzinfo=timezone.utc)  # a Tuesday, 18:00 in London (before BST)
GUILD = 100
LONDON = ZoneInfo("Europe/London")
ACTOR = Actor(user_id=1, guild_id=GUILD, manage_guild=True)
SETTINGS = GuildSettings(guild_id=GUILD, timezone="Europe/London", language="en")
ALICE = Member(DISCORD, 7)


def draft() -> Event:
    return Event(id=0, guild_id=GUILD, channel_id=500, message_id=None, organiser_id=1, title="Clinic",
                 description="", location="", starts_at=FIRST, duration_min=60, timezone="Europe/London",
                 capacity=None, reminder_offsets=(60,))


async def make(store, repeat="weekly", count=8):
    series, drafts = plan_series(draft(), repeat=repeat, until=None, count=count, announce_ahead=7, now=NOW)
    return await store.series.create(series, drafts, NOW)


async def change(store, series, chosen, scope, now=NOW, **rule):
    occurrences = await store.series.occurrences(series.id)
    plan = plan_repeat_change(series, occurrences, await store.series.original_starts(series.id), chosen, scope,
                              now=now, **{"repeat": None, "until": None, "count": None, **rule})
    return plan, await store.series.change_repeat(
        series.id, plan, lambda ev: plan_cancel(ACTOR, SETTINGS, ev, reason="rule", now=now), now)


async def ics_dates(store, series_id: int) -> list[datetime]:
    """The dates a calendar shows for the series' .ics: RRULE expanded from DTSTART, minus EXDATE."""
    series = await store.series.get(series_id)
    data = series_ics(series, await store.series.occurrences(series_id),
                      await store.series.original_starts(series_id), NOW)
    master = next(v for v in Calendar.from_ical(data).walk("VEVENT") if "RRULE" in v)
    start = master["DTSTART"].dt
    rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=start)
    exdates = master.get("EXDATE")
    skipped = set()
    for group in (exdates if isinstance(exdates, list) else [exdates] if exdates else []):
        skipped |= {d.dt for d in group.dts}
    return [d.astimezone(timezone.utc) for d in rule if d not in skipped]


def local_days(events) -> list[str]:
    return [e.starts_at.astimezone(LONDON).strftime("%m-%d %H:%M") for e in events]


async def test_weekly_to_fortnightly_keeps_answered_dates_and_cancels_dropped_ones(store) -> None:
    series, occ = await make(store)
    await store.series.claim_due(NOW)  # the first date is announced
    await store.series.announced(occ[0].id, MessageRef(Place(DISCORD, 500), 900))
    for event in (occ[1], occ[2]):  # Alice answered the second and third dates
        await store.events.rsvp(event.id, community=Community(DISCORD, GUILD), member=ALICE, display_name="Alice",
                                choice="going", now=NOW)
    plan, (stored, cancelled) = await change(store, series, occ[3], ALL, repeat="every 2 weeks")
    assert not plan.split and stored.id == series.id  # nothing has ended: the series itself changes
    assert (stored.rule, stored.occurrences, stored.first_start) == ("fortnightly", 4, FIRST)
    # the dropped date Alice answered is cancelled and she is named; unanswered dropped ones vanish
    assert [(e.id, e.cancelled, members) for e, members in cancelled] == [(occ[1].id, True, (ALICE,))]
    left = await store.series.occurrences(series.id)
    assert [e.id for e in left] == [occ[0].id, occ[1].id, occ[2].id, occ[4].id, occ[6].id]
    for gone in (occ[3], occ[5], occ[7]):  # (SQLite may hand a removed id out again, to a new date)
        found = await store.events.get(gone.id)
        assert found is None or found.starts_at != gone.starts_at
    assert (await store.events.status_of(occ[2].id, ALICE)) == "going"  # kept with her answer
    assert (await store.events.get(occ[0].id)).message_id == 900  # its announcement stays
    live = [e for e in left if not e.cancelled]
    assert await ics_dates(store, series.id) == [e.starts_at for e in live]  # 18:00 London, across BST
    assert local_days(live) == ["03-24 18:00", "04-07 18:00", "04-21 18:00", "05-05 18:00"]


async def test_following_from_a_later_date_splits_off_a_series_and_past_dates_stay(store) -> None:
    series, occ = await make(store, count=6)
    later = occ[2].starts_at + timedelta(hours=2)  # the first two dates have ended
    plan, (stored, cancelled) = await change(store, series, occ[3], FOLLOWING, now=later,
                                             repeat="monthly date", count=2)
    assert plan.split and stored.id != series.id and cancelled == []
    old = await store.series.get(series.id)
    assert (old.rule, old.occurrences) == ("weekly", 3)  # its RRULE now ends before the change
    assert [e.id for e in await store.series.occurrences(series.id)] == [occ[0].id, occ[1].id, occ[2].id]
    assert await ics_dates(store, series.id) == [e.starts_at for e in occ[:3]]
    new = await store.series.occurrences(stored.id)
    assert new[0].id == occ[3].id  # the chosen date moves to the new series with its announcement queue
    assert local_days(new) == ["04-14 18:00", "05-14 18:00"]
    assert (stored.rule, stored.occurrences, stored.first_start) == ("monthly_date", 2, occ[3].starts_at)
    assert await ics_dates(store, stored.id) == [e.starts_at for e in new]
    for gone in occ[4:]:  # the dates the new rule dropped are removed (SQLite may reuse a removed id)
        found = await store.events.get(gone.id)
        assert found is None or found.starts_at not in (occ[4].starts_at, occ[5].starts_at)


async def test_fortnightly_to_weekly_adds_dates_announced_on_schedule(store) -> None:
    series, occ = await make(store, repeat="every 2 weeks", count=3)
    _, (stored, cancelled) = await change(store, series, occ[0], ALL, repeat="weekly")
    left = await store.series.occurrences(series.id)
    assert cancelled == [] and stored.occurrences == 5
    assert local_days(left) == ["03-24 18:00", "03-31 18:00", "04-07 18:00", "04-14 18:00", "04-21 18:00"]
    assert {e.id for e in left} >= {e.id for e in occ}  # the three dates there were, and two new ones
    added = [e for e in left if e.id not in {o.id for o in occ}]
    due = await store.series.claim_due(added[0].starts_at - timedelta(days=7))
    assert added[0].id in {e.id for e in due}  # queued like any date of a series
    assert await ics_dates(store, series.id) == [e.starts_at for e in left]


async def test_refusals_change_nothing(store) -> None:
    series, occ = await make(store, count=4)
    for scope, rule, key in ((THIS, {"repeat": "every 2 weeks"}, "series.repeat_scope"),
                             (ALL, {"repeat": "weekly"}, "event.nothing_changed"),
                             (ALL, {"until": "2026-04-10", "count": 2}, "series.until_or_count"),
                             (ALL, {"count": 99}, "series.bad_count"),
                             (ALL, {"until": "2026-03-01"}, "series.until_before_start")):
        with pytest.raises(DomainError) as refused:
            await change(store, series, occ[0], scope, **rule)
        assert refused.value.key == key
    assert await store.series.occurrences(series.id) == occ and await store.series.get(series.id) == series
