"""Event series on PostgreSQL (implements `bot.ports.series.SeriesRepository`). Occurrences are rows
of `events`; the edit and cancel units of `bot.storage.postgres.events` are applied to each in one
transaction (each locking its event row).

Announcements are claimed under a lease, like reminders: `FOR UPDATE SKIP LOCKED` picks due
occurrences nobody else is taking and marks them with this process's owner and an expiry; `announced`
records the post and releases them. A claim whose process died before recording (its lease expired)
is due again and taken over by whichever process looks next, which posts with the same nonce
(`bot.app.series.announce_nonce`), so Discord answers the retry with the first message if it went out.
"""

from __future__ import annotations

from datetime import datetime

import asyncpg

from bot.domain.errors import DomainError
from bot.domain.events import SCHEDULED, Event
from bot.domain.identity import Member, MessageRef
from bot.domain.rsvp import TOLD
from bot.domain.series import CLAIMED, FAILED, PENDING, POSTED, RepeatChange, Series, announce_at
from bot.ports.events import CancelPlan, EditOutcome, EditPlan
from bot.storage.postgres.database import Database
from bot.storage.postgres.leases import Lease
from bot.storage.postgres.events import _EVENT_COLUMNS, _cancel, _edit, _unix, _utc, event_from_row

_SERIES = ("id, platform, guild_id, organiser_id, rule, first_start, timezone, occurrences, "
           "announce_ahead_days, title, description, location, duration_min")
Conn = asyncpg.Connection


def _series_from_row(r: asyncpg.Record) -> Series:
    return Series(id=r[0], platform=r[1], guild_id=r[2], organiser_id=r[3], rule=r[4], first_start=_utc(r[5]),
                  timezone=r[6], occurrences=r[7], announce_ahead_days=r[8], title=r[9], description=r[10],
                  location=r[11], duration_min=r[12])


async def _create_row(conn: Conn, series: Series, now: datetime) -> int:
    return int(await conn.fetchval(
        "INSERT INTO event_series (platform, guild_id, organiser_id, rule, first_start, timezone, occurrences, "
        "announce_ahead_days, title, description, location, duration_min, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        series.platform, series.guild_id, series.organiser_id, series.rule, _unix(series.first_start),
        series.timezone, series.occurrences, series.announce_ahead_days, series.title, series.description,
        series.location, series.duration_min, _unix(now)))


async def _insert_occurrences(conn: Conn, series_id: int, ahead_days: int,
                              occurrences: list[Event] | tuple[Event, ...], now: datetime) -> None:
    await conn.executemany(
        "INSERT INTO events (platform, guild_id, channel_id, organiser_id, title, description, location, "
        "starts_at, duration_min, timezone, capacity, reminder_offsets, status, created_at, updated_at, "
        "series_id, original_start, announce_at, announce_state, rsvp_role, ping_role, organiser_name, "
        "organiser_platform) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $8, $16, $17, $18, $19, "
        "$20, $21)",
        [(e.platform, e.guild_id, e.channel_id, e.organiser_id, e.title, e.description, e.location,
          _unix(e.starts_at), e.duration_min, e.timezone, e.capacity, ",".join(map(str, e.reminder_offsets)),
          SCHEDULED, _unix(now), series_id, _unix(announce_at(e.starts_at, ahead_days)), PENDING,
          e.rsvp_role, e.ping_role, e.organiser_name, e.organiser_platform)
         for e in occurrences])


async def _create(conn: Conn, series: Series, occurrences: list[Event], now: datetime) -> int:
    series_id = await _create_row(conn, series, now)
    await _insert_occurrences(conn, series_id, series.announce_ahead_days, occurrences, now)
    return series_id


async def _change_repeat(conn: Conn, series_id: int, change: RepeatChange, plan: CancelPlan,
                         now: datetime) -> tuple[int, list[tuple[Event, tuple[Member, ...]]]]:
    new = change.series
    await conn.execute("SELECT id FROM event_series WHERE id = $1 FOR UPDATE", series_id)
    if change.split:
        await conn.execute("UPDATE event_series SET occurrences = $1 WHERE id = $2", change.kept_before, series_id)
        target = await _create_row(conn, new, now)
    else:
        await conn.execute("UPDATE event_series SET rule = $1, first_start = $2, occurrences = $3 WHERE id = $4",
                           new.rule, _unix(new.first_start), new.occurrences, series_id)
        target = series_id
    await conn.executemany("UPDATE events SET series_id = $1, original_start = $2 WHERE id = $3",
                           [(target, _unix(start), event_id) for event_id, start in change.keep])
    cancelled = []
    for event_id in change.drop:
        # Decided here, under the row lock: a click or an announcement meanwhile makes it a cancellation.
        row = await conn.fetchrow(
            f"SELECT message_id IS NOT NULL OR announce_state IN ('{CLAIMED}', '{POSTED}') OR EXISTS "
            "(SELECT 1 FROM event_rsvps WHERE event_id = events.id AND status = ANY($2::text[])) "
            "FROM events WHERE id = $1 FOR UPDATE", event_id, list(TOLD))
        if row is None:
            continue
        if row[0]:
            cancelled.append(await _cancel(conn, event_id, plan, now))
        else:
            await conn.execute("DELETE FROM events WHERE id = $1", event_id)
    await _insert_occurrences(conn, target, new.announce_ahead_days, change.add, now)
    return target, cancelled


# A claim another process may take over: left unrecorded past its lease (or made before leases).
_TAKEABLE = f"announce_state = '{CLAIMED}' AND status = '{SCHEDULED}' " \
            "AND (announce_lease_until IS NULL OR announce_lease_until < $1)"


async def _claim_due(conn: Conn, now: datetime, limit: int, lease: Lease) -> list[Event]:
    rows = await conn.fetch(
        f"UPDATE events SET announce_state = $2, announce_lease_owner = $3, announce_lease_until = $4 "
        f"WHERE id IN (SELECT id FROM events WHERE announce_at <= $5 AND (announce_state = $6 OR ({_TAKEABLE})) "
        f"ORDER BY announce_at, id LIMIT $7 FOR UPDATE SKIP LOCKED) RETURNING {_EVENT_COLUMNS}",
        lease.now(), CLAIMED, lease.owner, lease.until(), _unix(now), PENDING, limit)
    return sorted((event_from_row(r) for r in rows), key=lambda e: (e.starts_at, e.id))


async def _edit_many(conn: Conn, event_ids: list[int], plan: EditPlan, now: datetime) -> list[EditOutcome]:
    out: list[EditOutcome] = []
    for event_id in event_ids:
        try:
            async with conn.transaction():  # a savepoint: an occurrence the plan leaves alone is undone alone
                out.append(await _edit(conn, event_id, plan, now))
        except DomainError as refused:
            if refused.key != "event.nothing_changed":
                raise
    if not out:
        raise DomainError("event.nothing_changed")
    return out


async def _cancel_many(conn: Conn, event_ids: list[int], plan: CancelPlan,
                       now: datetime) -> list[tuple[Event, tuple[Member, ...]]]:
    out = [await _cancel(conn, event_id, plan, now) for event_id in event_ids]
    # An occurrence cancelled before its announcement is never announced.
    await conn.execute("UPDATE events SET announce_state = NULL WHERE id = ANY($1::bigint[]) AND announce_state = $2",
                       [event.id for event, _ in out], PENDING)
    return out


class PostgresSeriesRepository:
    def __init__(self, db: Database, lease: Lease | None = None) -> None:
        self.db = db
        self.lease = lease or Lease()

    async def create(self, series: Series, occurrences: list[Event], now: datetime) -> tuple[Series, list[Event]]:
        series_id = await self.db.write(lambda conn: _create(conn, series, occurrences, now))
        stored = await self.get(series_id)
        assert stored is not None
        return stored, await self.occurrences(series_id)

    async def delete(self, series_id: int) -> None:
        async def unit(conn: Conn) -> None:
            await conn.execute("DELETE FROM events WHERE series_id = $1", series_id)
            await conn.execute("DELETE FROM event_series WHERE id = $1", series_id)
        await self.db.write(unit)

    async def get(self, series_id: int) -> Series | None:
        row = await self.db.fetchrow(f"SELECT {_SERIES} FROM event_series WHERE id = $1", series_id)
        return None if row is None else _series_from_row(row)

    async def occurrences(self, series_id: int) -> list[Event]:
        rows = await self.db.fetch(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE series_id = $1 ORDER BY starts_at, id", series_id)
        return [event_from_row(r) for r in rows]

    async def original_starts(self, series_id: int) -> dict[int, datetime]:
        rows = await self.db.fetch("SELECT id, original_start FROM events WHERE series_id = $1", series_id)
        return {r[0]: _utc(r[1]) for r in rows}

    async def claim_due(self, now: datetime, limit: int = 50) -> list[Event]:
        return await self.db.write(lambda conn: _claim_due(conn, now, limit, self.lease))

    async def announced(self, event_id: int, ref: MessageRef | None) -> None:
        """Record the post (or that it failed) and release the claim, whoever holds it: a process
        whose lease expired mid-post and the one that took over posted with the same nonce."""
        if ref is None:
            await self.db.execute(
                "UPDATE events SET announce_state = $1, announce_lease_owner = NULL, announce_lease_until = NULL "
                "WHERE id = $2", FAILED, event_id)
        else:
            await self.db.execute(
                "UPDATE events SET channel_id = $1, message_id = $2, announce_state = $3, "
                "announce_lease_owner = NULL, announce_lease_until = NULL WHERE id = $4",
                ref.place.id, ref.id, POSTED, event_id)

    async def next_due(self) -> datetime | None:
        value = await self.db.fetchval(
            f"SELECT min(announce_at) FROM events WHERE announce_state = $2 OR ({_TAKEABLE})",
            self.lease.now(), PENDING)
        return None if value is None else _utc(value)

    async def edit_many(self, event_ids: list[int], plan: EditPlan, now: datetime) -> list[EditOutcome]:
        return await self.db.write(lambda conn: _edit_many(conn, event_ids, plan, now))

    async def cancel_many(self, event_ids: list[int], plan: CancelPlan,
                          now: datetime) -> list[tuple[Event, tuple[Member, ...]]]:
        return await self.db.write(lambda conn: _cancel_many(conn, event_ids, plan, now))

    async def change_repeat(self, series_id: int, change: RepeatChange, plan: CancelPlan,
                            now: datetime) -> tuple[Series, list[tuple[Event, tuple[Member, ...]]]]:
        target, cancelled = await self.db.write(lambda conn: _change_repeat(conn, series_id, change, plan, now))
        stored = await self.get(target)
        assert stored is not None
        return stored, cancelled
