"""Events, RSVPs and reminder rows in SQLite.

Every decision that depends on the current state (a place left? who moves up from the waitlist?) is
taken inside one `Database.write` unit, which the single writer serialises: concurrent clicks cannot
both take the last place. Callers acknowledge users only after the write returns (after COMMIT).
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable


from bot.domain import reminders as rem
from bot.domain.errors import DomainError
from bot.domain.events import CANCELLED, Counts, Event
from bot.domain.rsvp import GOING, WAITLIST, decide, reminded
from bot.storage.sqlite.database import Database

# Clicks decided in one write unit at most; a burst beyond this is split over several commits.
MAX_CLICKS = 500

_EVENT_COLUMNS = ("id, guild_id, channel_id, message_id, organiser_id, title, description, location, "
                  "starts_at, duration_min, timezone, capacity, reminder_offsets, status, "
                  "cancel_reason, version")


def _unix(moment: datetime) -> int:
    return int(moment.timestamp())


def _utc(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, tz=timezone.utc)


def _offsets(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x)


def event_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Event:
    return Event(
        id=row[0], guild_id=row[1], channel_id=row[2], message_id=row[3], organiser_id=row[4],
        title=row[5], description=row[6], location=row[7], starts_at=_utc(row[8]),
        duration_min=row[9], timezone=row[10], capacity=row[11], reminder_offsets=_offsets(row[12]),
        status=row[13], cancel_reason=row[14], version=row[15],
    )


@dataclass(frozen=True)
class RsvpOutcome:
    """What a click did. `position` is the 1-based waitlist place; `promoted` moved up because of it;
    `planned` are the reminder (offset, due) pairs now pending for this event (for the scheduler)."""

    event: Event
    previous: str | None
    status: str
    position: int | None
    promoted: tuple[int, ...] = ()
    planned: tuple[tuple[int, datetime], ...] = ()


@dataclass(frozen=True)
class Click:
    event_id: int
    guild_id: int | None
    user_id: int
    display_name: str
    choice: str
    now: datetime


@dataclass(frozen=True)
class EditOutcome:
    old: Event
    new: Event
    changes: list[Any]
    promoted: tuple[int, ...]
    notify: tuple[int, ...]
    planned: tuple[tuple[int, datetime], ...]


@dataclass(frozen=True)
class Attendee:
    user_id: int
    display_name: str
    status: str
    position: int | None
    updated_at: datetime


@dataclass(frozen=True)
class Claimed:
    id: int
    user_id: int
    due_at: datetime


@dataclass
class ReminderGroup:
    """Pending reminders of one event at one offset: one scheduler job fans out to all of them."""

    event_id: int
    offset_min: int
    due_at: datetime
    count: int = field(default=0)


def _fetchone(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> sqlite3.Row | None:
    return conn.execute(sql, params).fetchone()


def _fetchall(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[Any]:
    return conn.execute(sql, params).fetchall()


def _load_event(conn: sqlite3.Connection, event_id: int) -> Event:
    row = _fetchone(conn, f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,))
    if row is None:
        raise DomainError("common.not_found")
    return event_from_row(row)


def _plan_reminders(conn: sqlite3.Connection, event: Event, user_ids: list[int] | None,
                          now: datetime) -> tuple[tuple[int, datetime], ...]:
    """Insert pending reminder rows for `user_ids` (None: every going/maybe member).

    A row that already exists for the same start (sent or not) is kept, so an offset is never sent
    twice for the same start time.
    """
    planned = rem.plan(event.starts_at, event.reminder_offsets, now)
    if not planned or user_ids == []:
        return tuple(planned)
    start = _unix(event.starts_at)
    for offset, due in planned:
        if user_ids is None:
            conn.execute(
                "INSERT OR IGNORE INTO event_reminders (event_id, user_id, offset_min, starts_at, due_at) "
                "SELECT event_id, user_id, ?, ?, ? FROM event_rsvps "
                "WHERE event_id = ? AND status IN ('going', 'maybe')",
                (offset, start, _unix(due), event.id))
        else:
            conn.executemany(
                "INSERT OR IGNORE INTO event_reminders (event_id, user_id, offset_min, starts_at, due_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(event.id, uid, offset, start, _unix(due)) for uid in user_ids])
    return tuple(planned)


def _promote(conn: sqlite3.Connection, event: Event, now: datetime) -> tuple[int, ...]:
    """Move waitlisted members up, in click order, into the free places; returns who moved."""
    if event.capacity is None:
        limit = -1  # no limit: everyone waiting moves up
    else:
        going = (_fetchone(conn, "SELECT count(*) FROM event_rsvps WHERE event_id = ? AND status = 'going'",
                                 (event.id,)))[0]
        limit = event.capacity - going
        if limit <= 0:
            return ()
    rows = _fetchall(
        conn,
        "UPDATE event_rsvps SET status = 'going', updated_at = ? WHERE event_id = ? AND user_id IN "
        "(SELECT user_id FROM event_rsvps WHERE event_id = ? AND status = 'waitlist' ORDER BY seq LIMIT ?) "
        "RETURNING user_id, seq",
        (_unix(now), event.id, event.id, limit))
    promoted = tuple(r[0] for r in sorted(rows, key=lambda r: r[1]))
    if promoted:
        _plan_reminders(conn, event, list(promoted), now)
    return promoted


def _rsvp_one(conn: sqlite3.Connection, click: Click) -> RsvpOutcome:
    """One click, decided on the current state; raises DomainError before writing anything."""
    event_id, guild_id, user_id, display_name, choice, now = (
        click.event_id, click.guild_id, click.user_id, click.display_name, click.choice, click.now)
    row = _fetchone(
        conn,
        f"SELECT {', '.join('e.' + c.strip() for c in _EVENT_COLUMNS.split(','))}, e.rsvp_seq, "
        "(SELECT count(*) FROM event_rsvps g WHERE g.event_id = e.id AND g.status = 'going'), "
        "r.status, r.seq FROM events e "
        "LEFT JOIN event_rsvps r ON r.event_id = e.id AND r.user_id = ? WHERE e.id = ?",
        (user_id, event_id))
    if row is None:
        raise DomainError("common.not_found")
    event = event_from_row(row)
    if guild_id != event.guild_id:
        raise DomainError("common.not_found")  # a button from another server
    seq, going, previous, my_seq = row[16], row[17], row[18], row[19]
    decision = decide(choice, previous=previous, going=going, capacity=event.capacity,
                      cancelled=event.cancelled, starts_at=event.starts_at,
                      duration_min=event.duration_min, now=now)
    if decision.new_seq:
        my_seq = seq + 1
        conn.execute("UPDATE events SET rsvp_seq = ? WHERE id = ?", (my_seq, event_id))
    if decision.changed or decision.new_seq:
        conn.execute(
            "INSERT INTO event_rsvps (event_id, user_id, status, seq, display_name, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, platform, user_id) DO UPDATE SET "
            "status = excluded.status, seq = excluded.seq, display_name = excluded.display_name, "
            "updated_at = excluded.updated_at",
            (event_id, user_id, decision.status, my_seq, display_name, _unix(now)))
    planned: tuple[tuple[int, datetime], ...] = ()
    if reminded(decision.status) and not reminded(previous):
        planned = _plan_reminders(conn, event, [user_id], now)
    elif reminded(previous) and not reminded(decision.status):
        conn.execute("DELETE FROM event_reminders WHERE event_id = ? AND user_id = ? "
                 "AND status = 'pending'", (event_id, user_id))
    promoted: tuple[int, ...] = ()
    if decision.frees_place:
        promoted = _promote(conn, event, now)
        if promoted:
            planned = rem_plan(event, now)
    position = None
    if decision.status == WAITLIST:
        position = (_fetchone(
            conn, "SELECT count(*) FROM event_rsvps WHERE event_id = ? AND status = 'waitlist' "
            "AND seq <= ?", (event_id, my_seq)))[0]
    return RsvpOutcome(event, previous, decision.status, position, promoted, planned)


def _rsvp_batch(conn: sqlite3.Connection, clicks: list[Click]) -> list[RsvpOutcome | DomainError]:
    """Clicks in arrival order (the click order the waitlist keeps); a refused click changes nothing
    and does not affect the others."""
    out: list[RsvpOutcome | DomainError] = []
    for click in clicks:
        try:
            out.append(_rsvp_one(conn, click))
        except DomainError as refused:
            out.append(refused)
    return out


class EventsRepo:
    """Reading and writing events, RSVPs and reminder rows."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._clicks: list[tuple[Click, asyncio.Future[RsvpOutcome]]] = []
        self._flusher: asyncio.Task[None] | None = None

    # -- events -------------------------------------------------------------------------------
    async def create(self, draft: Event, now: datetime) -> Event:
        def run(conn: sqlite3.Connection) -> int:
            cur = conn.execute(
                "INSERT INTO events (guild_id, channel_id, organiser_id, title, description, location, "
                "starts_at, duration_min, timezone, capacity, reminder_offsets, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (draft.guild_id, draft.channel_id, draft.organiser_id, draft.title, draft.description,
                 draft.location, _unix(draft.starts_at), draft.duration_min, draft.timezone,
                 draft.capacity, ",".join(map(str, draft.reminder_offsets)), _unix(now), _unix(now)))
            return int(cur.lastrowid or 0)

        event_id = await self.db.write_sync(run)
        return await self.get(event_id)  # type: ignore[return-value]

    async def set_message(self, event_id: int, channel_id: int, message_id: int) -> None:
        await self.db.execute("UPDATE events SET channel_id = ?, message_id = ? WHERE id = ?",
                              (channel_id, message_id, event_id))

    async def delete(self, event_id: int) -> None:
        await self.db.execute("DELETE FROM events WHERE id = ?", (event_id,))

    async def get(self, event_id: int) -> Event | None:
        row = await self.db.fetchone(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,))
        return None if row is None else event_from_row(row)

    async def counts(self, event_id: int) -> Counts:
        rows = await self.db.fetchall(
            "SELECT status, count(*) FROM event_rsvps WHERE event_id = ? GROUP BY status", (event_id,))
        found = {r[0]: r[1] for r in rows}
        return Counts(going=found.get("going", 0), maybe=found.get("maybe", 0),
                      declined=found.get("declined", 0), waitlist=found.get("waitlist", 0))

    async def upcoming(self, guild_id: int, now: datetime, *, limit: int, offset: int = 0) -> list[Event]:
        """Scheduled events of the guild not yet ended, soonest first."""
        rows = await self.db.fetchall(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE guild_id = ? AND status = 'scheduled' "
            "AND starts_at + duration_min * 60 > ? ORDER BY starts_at, id LIMIT ? OFFSET ?",
            (guild_id, _unix(now), limit, offset))
        return [event_from_row(r) for r in rows]

    async def count_upcoming(self, guild_id: int, now: datetime) -> int:
        return await self.db.fetchval(
            "SELECT count(*) FROM events WHERE guild_id = ? AND status = 'scheduled' "
            "AND starts_at + duration_min * 60 > ?", (guild_id, _unix(now)))

    async def search(self, guild_id: int, query: str, now: datetime, *, limit: int = 25,
                     include_past: bool = False) -> list[Event]:
        """This guild's events whose title contains `query` (case-insensitive for Latin letters),
        upcoming ones first."""
        needle = "%" + query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = await self.db.fetchall(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE guild_id = ? AND title LIKE ? ESCAPE '\\' "
            "AND (? OR (status = 'scheduled' AND starts_at + duration_min * 60 > ?)) "
            "ORDER BY (starts_at + duration_min * 60 <= ?), status = 'cancelled', starts_at LIMIT ?",
            (guild_id, needle, int(include_past), _unix(now), _unix(now), limit))
        return [event_from_row(r) for r in rows]

    async def find_by_title(self, guild_id: int, title: str) -> list[Event]:
        rows = await self.db.fetchall(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE guild_id = ? AND lower(title) = lower(?) "
            "ORDER BY status = 'cancelled', starts_at DESC LIMIT 2", (guild_id, title.strip()))
        return [event_from_row(r) for r in rows]

    # -- RSVP ---------------------------------------------------------------------------------
    async def rsvp(self, event_id: int, *, guild_id: int | None, user_id: int, display_name: str,
                   choice: str, now: datetime) -> RsvpOutcome:
        """Record a click; returns after COMMIT. Clicks arriving while a batch is being written are
        decided together in the next write unit, in arrival order (group commit)."""
        future: asyncio.Future[RsvpOutcome] = asyncio.get_running_loop().create_future()
        self._clicks.append((Click(event_id, guild_id, user_id, display_name, choice, now), future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_clicks(), name="event-rsvp-writer")
        return await future

    async def _flush_clicks(self) -> None:
        while self._clicks:
            batch, self._clicks = self._clicks[:MAX_CLICKS], self._clicks[MAX_CLICKS:]
            clicks = [c for c, _ in batch]
            try:
                results = await self.db.write_sync(_rsvp_batch, clicks)
            except Exception as exc:  # the whole unit was rolled back: every click in it failed
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), result in zip(batch, results):
                if future.done():
                    continue
                if isinstance(result, DomainError):
                    future.set_exception(result)
                else:
                    future.set_result(result)

    async def status_of(self, event_id: int, user_id: int) -> str | None:
        return await self.db.fetchval("SELECT status FROM event_rsvps WHERE event_id = ? AND user_id = ?",
                                      (event_id, user_id))

    async def attendees(self, event_id: int) -> list[Attendee]:
        """Everyone who answered: going, then waitlist (in order), maybe, declined; each by click order."""
        rows = await self.db.fetchall(
            "SELECT user_id, display_name, status, seq, updated_at FROM event_rsvps WHERE event_id = ? "
            "ORDER BY CASE status WHEN 'going' THEN 0 WHEN 'waitlist' THEN 1 WHEN 'maybe' THEN 2 ELSE 3 END, seq",
            (event_id,))
        out: list[Attendee] = []
        position = 0
        for r in rows:
            pos = None
            if r[2] == WAITLIST:
                position += 1
                pos = position
            out.append(Attendee(r[0], r[1], r[2], pos, _utc(r[4])))
        return out

    async def member_ids(self, event_id: int, statuses: tuple[str, ...]) -> list[int]:
        marks = ",".join("?" * len(statuses))
        rows = await self.db.fetchall(
            f"SELECT user_id FROM event_rsvps WHERE event_id = ? AND status IN ({marks}) ORDER BY seq",
            (event_id, *statuses))
        return [r[0] for r in rows]

    async def member_upcoming(self, user_id: int, guild_id: int | None, now: datetime,
                              limit: int = 50) -> list[tuple[Event, str]]:
        """The member's answered, scheduled, not yet ended events (declined ones left out)."""
        rows = await self.db.fetchall(
            f"SELECT {', '.join('e.' + c.strip() for c in _EVENT_COLUMNS.split(','))}, r.status "
            "FROM event_rsvps r JOIN events e ON e.id = r.event_id "
            "WHERE r.user_id = ? AND r.status IN ('going', 'maybe', 'waitlist') AND e.status = 'scheduled' "
            "AND e.starts_at + e.duration_min * 60 > ? AND (? IS NULL OR e.guild_id = ?) "
            "ORDER BY e.starts_at LIMIT ?",
            (user_id, _unix(now), guild_id, guild_id, limit))
        return [(event_from_row(r), r[16]) for r in rows]

    # -- edit and cancel ----------------------------------------------------------------------
    async def edit(self, event_id: int, plan: Callable[[Event, int], tuple[Event, list[Any]]],
                   now: datetime) -> EditOutcome:
        """Apply `plan(event, going)` -> (new event, changes) in one unit; promote on a raised
        capacity and re-plan reminders when the start or offsets moved."""

        def run(conn: sqlite3.Connection) -> EditOutcome:
            old = _load_event(conn, event_id)
            going = (_fetchone(conn, "SELECT count(*) FROM event_rsvps WHERE event_id = ? "
                                     "AND status = 'going'", (event_id,)))[0]
            new, changes = plan(old, going)
            conn.execute(
                "UPDATE events SET title = ?, description = ?, location = ?, starts_at = ?, "
                "duration_min = ?, capacity = ?, reminder_offsets = ?, version = ?, updated_at = ? "
                "WHERE id = ?",
                (new.title, new.description, new.location, _unix(new.starts_at), new.duration_min,
                 new.capacity, ",".join(map(str, new.reminder_offsets)), new.version, _unix(now), event_id))
            notify = [r[0] for r in _fetchall(
                conn, "SELECT user_id FROM event_rsvps WHERE event_id = ? AND status IN "
                "('going', 'maybe', 'waitlist') ORDER BY seq", (event_id,))]
            promoted: tuple[int, ...] = ()
            if new.capacity is None or (old.capacity is not None and new.capacity > old.capacity):
                promoted = _promote(conn, new, now)
            planned: tuple[tuple[int, datetime], ...] = ()
            if new.starts_at != old.starts_at or new.reminder_offsets != old.reminder_offsets:
                conn.execute("DELETE FROM event_reminders WHERE event_id = ? AND status = 'pending'",
                                   (event_id,))
                planned = _plan_reminders(conn, new, None, now)
            elif promoted:
                planned = rem_plan(new, now)
            return EditOutcome(old, new, changes, promoted, tuple(notify), planned)

        return await self.db.write_sync(run)

    async def cancel(self, event_id: int, plan: Callable[[Event], Event],
                     now: datetime) -> tuple[Event, tuple[int, ...]]:
        """Cancel in one unit; pending reminders are dropped. Returns the event and who to tell."""

        def run(conn: sqlite3.Connection) -> tuple[Event, tuple[int, ...]]:
            new = plan(_load_event(conn, event_id))
            conn.execute("UPDATE events SET status = ?, cancel_reason = ?, version = ?, updated_at = ? "
                               "WHERE id = ?", (CANCELLED, new.cancel_reason, new.version, _unix(now), event_id))
            conn.execute("DELETE FROM event_reminders WHERE event_id = ? AND status = 'pending'",
                               (event_id,))
            notify = [r[0] for r in _fetchall(
                conn, "SELECT user_id FROM event_rsvps WHERE event_id = ? AND status IN "
                "('going', 'maybe', 'waitlist') ORDER BY seq", (event_id,))]
            return new, tuple(notify)

        return await self.db.write_sync(run)

    # -- reminders ----------------------------------------------------------------------------
    async def pending_groups(self) -> list[ReminderGroup]:
        """Every (event, offset) with pending reminders and its earliest due time."""
        rows = await self.db.fetchall(
            "SELECT event_id, offset_min, min(due_at), count(*) FROM event_reminders "
            "WHERE status = 'pending' GROUP BY event_id, offset_min")
        return [ReminderGroup(r[0], r[1], _utc(r[2]), r[3]) for r in rows]

    async def claim(self, event_id: int, offset_min: int, now: datetime, limit: int = 100) -> list[Claimed]:
        """Claim up to `limit` due reminders of one (event, offset): after this commit they are never
        picked again, whatever happens to the process."""

        def run(conn: sqlite3.Connection) -> list[Claimed]:
            rows = _fetchall(
                conn,
                "UPDATE event_reminders SET status = 'claimed', done_at = ? WHERE id IN "
                "(SELECT id FROM event_reminders WHERE event_id = ? AND offset_min = ? "
                "AND status = 'pending' AND due_at <= ? ORDER BY id LIMIT ?) RETURNING id, user_id, due_at",
                (_unix(now), event_id, offset_min, _unix(now), limit))
            return sorted((Claimed(r[0], r[1], _utc(r[2])) for r in rows), key=lambda c: c.id)

        return await self.db.write_sync(run)

    async def finish(self, outcomes: dict[str, list[int]], now: datetime) -> None:
        """Record each claimed reminder's outcome (status -> reminder ids)."""

        def run(conn: sqlite3.Connection) -> None:
            for status, ids in outcomes.items():
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500]
                    conn.execute(
                        f"UPDATE event_reminders SET status = ?, done_at = ? WHERE id IN ({','.join('?' * len(chunk))})",
                        (status, _unix(now), *chunk))

        if any(outcomes.values()):
            await self.db.write_sync(run)

    async def reminder_statuses(self, event_id: int) -> list[tuple[int, int, str]]:
        rows = await self.db.fetchall(
            "SELECT user_id, offset_min, status FROM event_reminders WHERE event_id = ? ORDER BY user_id, offset_min",
            (event_id,))
        return [(r[0], r[1], r[2]) for r in rows]


def rem_plan(event: Event, now: datetime) -> tuple[tuple[int, datetime], ...]:
    return tuple(rem.plan(event.starts_at, event.reminder_offsets, now))
