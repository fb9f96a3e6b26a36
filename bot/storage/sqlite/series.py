"""Event series in SQLite (implements `bot.ports.series.SeriesRepository`). Occurrences are rows of
`events`; the edit and cancel units of `bot.storage.sqlite.events` are applied to each in one unit.

Announcements are claimed under a lease (migration 0016), as on PostgreSQL: the claim names this
process and an expiry, and `announced` releases it. SQLite has one process at a time, so a claim
another process made (the one before a restart, which stopped before recording its post) is taken
over at once, as is one of this process's own whose lease expired; the post carries the
occurrence's nonce, so a retry of a post that did go out is not a second message."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.errors import DomainError
from bot.domain.events import SCHEDULED, Event
from bot.domain.identity import Member, MessageRef
from bot.domain.rsvp import TOLD
from bot.domain.series import CLAIMED, FAILED, PENDING, POSTED, RepeatChange, Series, announce_at
from bot.storage.leases import Lease
from bot.ports.events import CancelPlan, EditOutcome, EditPlan
from bot.storage.sqlite.database import Database
from bot.storage.sqlite.events import _EVENT_COLUMNS, _cancel, _edit, _unix, _utc, event_from_row

_SERIES = ("id, platform, guild_id, organiser_id, rule, first_start, timezone, occurrences, "
           "announce_ahead_days, title, description, location, duration_min")


def _series_from_row(r: tuple) -> Series:  # type: ignore[type-arg]
    return Series(id=r[0], platform=r[1], guild_id=r[2], organiser_id=r[3], rule=r[4], first_start=_utc(r[5]),
                  timezone=r[6], occurrences=r[7], announce_ahead_days=r[8], title=r[9], description=r[10],
                  location=r[11], duration_min=r[12])


def _create_row(conn: sqlite3.Connection, series: Series, now: datetime) -> int:
    return int(conn.execute(
        "INSERT INTO event_series (platform, guild_id, organiser_id, rule, first_start, timezone, occurrences, "
        "announce_ahead_days, title, description, location, duration_min, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (series.platform, series.guild_id, series.organiser_id, series.rule, _unix(series.first_start),
         series.timezone, series.occurrences, series.announce_ahead_days, series.title, series.description,
         series.location, series.duration_min, _unix(now))).lastrowid or 0)


def _create(conn: sqlite3.Connection, series: Series, occurrences: list[Event], now: datetime) -> int:
    series_id = _create_row(conn, series, now)
    _insert_occurrences(conn, series_id, series.announce_ahead_days, occurrences, now)
    return series_id


def _insert_occurrences(conn: sqlite3.Connection, series_id: int, ahead_days: int,
                        occurrences: list[Event] | tuple[Event, ...], now: datetime) -> None:
    conn.executemany(
        "INSERT INTO events (platform, guild_id, channel_id, organiser_id, title, description, location, "
        "starts_at, duration_min, timezone, capacity, reminder_offsets, status, created_at, updated_at, "
        "series_id, original_start, announce_at, announce_state, rsvp_role, ping_role, organiser_name, "
        "organiser_platform) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(e.platform, e.guild_id, e.channel_id, e.organiser_id, e.title, e.description, e.location,
          _unix(e.starts_at), e.duration_min, e.timezone, e.capacity, ",".join(map(str, e.reminder_offsets)),
          SCHEDULED, _unix(now), _unix(now), series_id, _unix(e.starts_at),
          _unix(announce_at(e.starts_at, ahead_days)), PENDING, e.rsvp_role, e.ping_role, e.organiser_name,
          e.organiser_platform)
         for e in occurrences])


def _change_repeat(conn: sqlite3.Connection, series_id: int, change: RepeatChange, plan: CancelPlan,
                   now: datetime) -> tuple[int, list[tuple[Event, tuple[Member, ...]]]]:
    new = change.series
    if change.split:
        conn.execute("UPDATE event_series SET occurrences = ? WHERE id = ?", (change.kept_before, series_id))
        target = _create_row(conn, new, now)
    else:
        conn.execute("UPDATE event_series SET rule = ?, first_start = ?, occurrences = ? WHERE id = ?",
                     (new.rule, _unix(new.first_start), new.occurrences, series_id))
        target = series_id
    conn.executemany("UPDATE events SET series_id = ?, original_start = ? WHERE id = ?",
                     [(target, _unix(start), event_id) for event_id, start in change.keep])
    cancelled = []
    for event_id in change.drop:
        # Decided here, in the unit: a click or an announcement meanwhile makes it a cancellation.
        row = conn.execute(
            f"SELECT message_id IS NOT NULL OR announce_state IN ('{CLAIMED}', '{POSTED}') OR EXISTS "
            f"(SELECT 1 FROM event_rsvps WHERE event_id = events.id AND status IN ({','.join('?' * len(TOLD))})) "
            "FROM events WHERE id = ?", (*TOLD, event_id)).fetchone()
        if row is None:
            continue
        if row[0]:
            cancelled.append(_cancel(conn, event_id, plan, now))
        else:
            conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
    _insert_occurrences(conn, target, new.announce_ahead_days, change.add, now)
    return target, cancelled


# A claim that may be taken over: made by another (stopped) process, past its lease, or made before
# leases existed. Parameters: this process's owner, the wall clock now.
_TAKEABLE = f"announce_state = '{CLAIMED}' AND status = '{SCHEDULED}' AND (announce_lease_owner IS NOT ? " \
            "OR announce_lease_until IS NULL OR announce_lease_until < ?)"


def _claim_due(conn: sqlite3.Connection, now: datetime, limit: int, lease: Lease) -> list[Event]:
    rows = conn.execute(
        f"UPDATE events SET announce_state = ?, announce_lease_owner = ?, announce_lease_until = ? "
        f"WHERE id IN (SELECT id FROM events WHERE announce_at <= ? AND (announce_state = ? OR ({_TAKEABLE})) "
        f"ORDER BY announce_at, id LIMIT ?) RETURNING {_EVENT_COLUMNS}",
        (CLAIMED, lease.owner, lease.until(), _unix(now), PENDING, lease.owner, lease.now(), limit)).fetchall()
    events = sorted((event_from_row(r) for r in rows), key=lambda e: (e.starts_at, e.id))
    return events


def _edit_many(conn: sqlite3.Connection, event_ids: list[int], plan: EditPlan, now: datetime) -> list[EditOutcome]:
    out: list[EditOutcome] = []
    for event_id in event_ids:
        conn.execute("SAVEPOINT series_edit")
        try:
            out.append(_edit(conn, event_id, plan, now))
        except DomainError as refused:
            conn.execute("ROLLBACK TO series_edit")
            conn.execute("RELEASE series_edit")
            if refused.key != "event.nothing_changed":
                raise
            continue
        conn.execute("RELEASE series_edit")
    if not out:
        raise DomainError("event.nothing_changed")
    return out


def _cancel_many(conn: sqlite3.Connection, event_ids: list[int], plan: CancelPlan,
                 now: datetime) -> list[tuple[Event, tuple[Member, ...]]]:
    out = [_cancel(conn, event_id, plan, now) for event_id in event_ids]
    # An occurrence cancelled before its announcement is never announced.
    conn.executemany("UPDATE events SET announce_state = NULL WHERE id = ? AND announce_state = ?",
                     [(event.id, PENDING) for event, _ in out])
    return out


class SqliteSeriesRepository:
    def __init__(self, db: Database, lease: Lease | None = None) -> None:
        self.db = db
        self.lease = lease or Lease()

    async def create(self, series: Series, occurrences: list[Event], now: datetime) -> tuple[Series, list[Event]]:
        series_id = await self.db.write_sync(_create, series, occurrences, now)
        stored = await self.get(series_id)
        assert stored is not None
        return stored, await self.occurrences(series_id)

    async def delete(self, series_id: int) -> None:
        def unit(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM events WHERE series_id = ?", (series_id,))
            conn.execute("DELETE FROM event_series WHERE id = ?", (series_id,))
        await self.db.write_sync(unit)

    async def get(self, series_id: int) -> Series | None:
        row = await self.db.fetchone(f"SELECT {_SERIES} FROM event_series WHERE id = ?", (series_id,))
        return None if row is None else _series_from_row(row)

    async def occurrences(self, series_id: int) -> list[Event]:
        rows = await self.db.fetchall(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE series_id = ? ORDER BY starts_at, id", (series_id,))
        return [event_from_row(r) for r in rows]

    async def original_starts(self, series_id: int) -> dict[int, datetime]:
        rows = await self.db.fetchall("SELECT id, original_start FROM events WHERE series_id = ?", (series_id,))
        return {r[0]: _utc(r[1]) for r in rows}

    async def claim_due(self, now: datetime, limit: int = 50) -> list[Event]:
        return await self.db.write_sync(_claim_due, now, limit, self.lease)

    async def announced(self, event_id: int, ref: MessageRef | None) -> None:
        """Record the post (or that it failed) and release the claim."""
        if ref is None:
            await self.db.write_sync(lambda conn: conn.execute(
                "UPDATE events SET announce_state = ?, announce_lease_owner = NULL, announce_lease_until = NULL "
                "WHERE id = ?", (FAILED, event_id)))
        else:
            await self.db.write_sync(lambda conn: conn.execute(
                "UPDATE events SET channel_id = ?, message_id = ?, announce_state = ?, announce_lease_owner = NULL, "
                "announce_lease_until = NULL WHERE id = ?", (ref.place.id, ref.id, POSTED, event_id)))

    async def next_due(self) -> datetime | None:
        value = await self.db.fetchval(
            f"SELECT min(announce_at) FROM events WHERE announce_state = ? OR ({_TAKEABLE})",
            (PENDING, self.lease.owner, self.lease.now()))
        return None if value is None else _utc(value)

    async def edit_many(self, event_ids: list[int], plan: EditPlan, now: datetime) -> list[EditOutcome]:
        return await self.db.write_sync(_edit_many, event_ids, plan, now)

    async def cancel_many(self, event_ids: list[int], plan: CancelPlan,
                          now: datetime) -> list[tuple[Event, tuple[Member, ...]]]:
        return await self.db.write_sync(_cancel_many, event_ids, plan, now)

    async def change_repeat(self, series_id: int, change: RepeatChange, plan: CancelPlan,
                            now: datetime) -> tuple[Series, list[tuple[Event, tuple[Member, ...]]]]:
        target, cancelled = await self.db.write_sync(_change_repeat, series_id, change, plan, now)
        stored = await self.get(target)
        assert stored is not None
        return stored, cancelled
