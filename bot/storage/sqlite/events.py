"""Events, RSVPs and reminder rows in SQLite (implements `bot.ports.events.EventsRepository`).

Every decision that depends on the current state (a place left? who moves up from the waitlist?) is
taken by the domain inside one `Database.write_sync` unit, which the single writer serialises:
concurrent clicks cannot both take the last place. Callers acknowledge users only after the write
returns (after COMMIT). Events carry the community's platform, RSVP and reminder rows the member's.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Collection

from bot.domain import reminders as rem
from bot.domain.errors import DomainError
from bot.domain.events import (CANCELLED, MAX_DURATION, SCHEDULED, Counts, Event, capacity_raised, free_places,
                               reminders_moved, require_rsvp_roles)
from bot.domain.identity import Community, Member, MessageRef
from bot.domain.rsvp import DECLINED, GOING, MAYBE, REMINDED, TOLD, WAITLIST, decide, reminded
from bot.ports.events import (Attendee, CancelPlan, Claimed, EditOutcome, EditPlan, Planned,
                              ReminderGroup, RsvpOutcome)
from bot.storage.sqlite.database import Database, like_contains, undo_to

# Clicks decided in one write unit at most; a burst beyond this is split over several commits.
MAX_CLICKS = 500

_COLUMNS = ("id", "guild_id", "channel_id", "message_id", "organiser_id", "title", "description", "location",
            "starts_at", "duration_min", "timezone", "capacity", "reminder_offsets", "status",
            "cancel_reason", "version", "platform", "series_id", "rsvp_role", "ping_role", "organiser_name",
            "organiser_platform")
_EVENT_COLUMNS = ", ".join(_COLUMNS)
_E_COLUMNS = ", ".join("e." + c for c in _COLUMNS)  # the same, for queries joining events as `e`
_N = len(_COLUMNS)  # index of the first column after the event's
# Listed: plain events, and occurrences of a series once announced (bot.domain.series).
_LISTED = "(announce_state IS NULL OR announce_state = 'posted')"
# No event lasts longer than this: a lower bound on starts_at lets the index skip finished ones.
_LONGEST = MAX_DURATION * 60
# Listed, scheduled and not yet ended (two parameters: now - _LONGEST, now), written as the partial
# index `events_listed` (migration 0017) is; the list and its count name that index (INDEXED BY): the
# planner, without statistics, would otherwise prefer the wider events_guild_upcoming.
_LISTED_NOW = (f"status = '{SCHEDULED}' AND {_LISTED} AND starts_at > ? AND starts_at + duration_min * 60 > ?")


def _unix(moment: datetime) -> int:
    return int(moment.timestamp())


def _utc(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, tz=timezone.utc)


def _offsets(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x)


def _marks(values: tuple[Any, ...]) -> str:
    return ",".join("?" * len(values))


def event_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Event:
    return Event(
        id=row[0], guild_id=row[1], channel_id=row[2], message_id=row[3], organiser_id=row[4],
        title=row[5], description=row[6], location=row[7], starts_at=_utc(row[8]),
        duration_min=row[9], timezone=row[10], capacity=row[11], reminder_offsets=_offsets(row[12]),
        status=row[13], cancel_reason=row[14], version=row[15], platform=row[16], series_id=row[17],
        rsvp_role=row[18], ping_role=row[19], organiser_name=row[20], organiser_platform=row[21],
    )


@dataclass(frozen=True)
class Click:
    event_id: int
    community: Community | None
    member: Member
    display_name: str
    choice: str
    now: datetime
    roles: Collection[int] = ()


def _load_event(conn: sqlite3.Connection, event_id: int) -> Event:
    row = conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise DomainError("common.not_found")
    return event_from_row(row)


def _going(conn: sqlite3.Connection, event_id: int) -> int:
    return conn.execute("SELECT count(*) FROM event_rsvps WHERE event_id = ? AND status = ?",
                        (event_id, GOING)).fetchone()[0]


def _told(conn: sqlite3.Connection, event_id: int) -> tuple[Member, ...]:
    rows = conn.execute(f"SELECT platform, user_id FROM event_rsvps WHERE event_id = ? AND status IN ({_marks(TOLD)}) "
                        "ORDER BY seq", (event_id, *TOLD)).fetchall()
    return tuple(Member(r[0], r[1]) for r in rows)


def _plan(event: Event, now: datetime) -> Planned:
    return tuple(rem.plan(event.starts_at, event.reminder_offsets, now))


def _plan_reminders(conn: sqlite3.Connection, event: Event, members: list[Member] | None,
                    now: datetime) -> Planned:
    """Insert pending reminder rows for `members` (None: every going/maybe member).

    A row that already exists for the same start (sent or not) is kept, so an offset is never sent
    twice for the same start time.
    """
    planned = _plan(event, now)
    if not planned or members == []:
        return planned
    start = _unix(event.starts_at)
    for offset, due in planned:
        if members is None:
            conn.execute(
                "INSERT OR IGNORE INTO event_reminders (event_id, platform, user_id, offset_min, starts_at, due_at) "
                f"SELECT event_id, platform, user_id, ?, ?, ? FROM event_rsvps WHERE event_id = ? "
                f"AND status IN ({_marks(REMINDED)})",
                (offset, start, _unix(due), event.id, *REMINDED))
        else:
            conn.executemany(
                "INSERT OR IGNORE INTO event_reminders (event_id, platform, user_id, offset_min, starts_at, due_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(event.id, m.platform, m.id, offset, start, _unix(due)) for m in members])
    return planned


def _promote(conn: sqlite3.Connection, event: Event, now: datetime) -> tuple[Member, ...]:
    """Move waitlisted members up, in click order, into the free places; returns who moved."""
    free = free_places(event.capacity, _going(conn, event.id))
    if free == 0:
        return ()
    rows = conn.execute(
        "UPDATE event_rsvps SET status = ?, updated_at = ?, promoted = 1 WHERE event_id = ? AND (platform, user_id) IN "
        "(SELECT platform, user_id FROM event_rsvps WHERE event_id = ? AND status = ? ORDER BY seq LIMIT ?) "
        "RETURNING platform, user_id, seq",
        (GOING, _unix(now), event.id, event.id, WAITLIST, -1 if free is None else free)).fetchall()
    promoted = tuple(Member(r[0], r[1]) for r in sorted(rows, key=lambda r: r[2]))
    if promoted:
        _plan_reminders(conn, event, list(promoted), now)
    return promoted


def _rsvp_one(conn: sqlite3.Connection, click: Click) -> RsvpOutcome:
    """One click, decided on the current state; raises DomainError before writing anything."""
    member, now = click.member, click.now
    row = conn.execute(
        f"SELECT {_E_COLUMNS}, e.rsvp_seq, "
        "(SELECT count(*) FROM event_rsvps g WHERE g.event_id = e.id AND g.status = ?), "
        "r.status, r.seq FROM events e "
        "LEFT JOIN event_rsvps r ON r.event_id = e.id AND r.platform = ? AND r.user_id = ? WHERE e.id = ?",
        (GOING, member.platform, member.id, click.event_id)).fetchone()
    if row is None:
        raise DomainError("common.not_found")
    event = event_from_row(row)
    if click.community != event.community:
        raise DomainError("common.not_found")  # a button from another server
    require_rsvp_roles(click.roles, event, click.choice)  # the event's role as of this write
    seq, going, previous, my_seq = row[_N], row[_N + 1], row[_N + 2], row[_N + 3]
    decision = decide(click.choice, previous=previous, going=going, capacity=event.capacity,
                      cancelled=event.cancelled, starts_at=event.starts_at,
                      duration_min=event.duration_min, now=now)
    if decision.new_seq:
        my_seq = seq + 1
        conn.execute("UPDATE events SET rsvp_seq = ? WHERE id = ?", (my_seq, event.id))
    if decision.changed or decision.new_seq:
        conn.execute(
            "INSERT INTO event_rsvps (event_id, platform, user_id, status, seq, display_name, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, platform, user_id) DO UPDATE SET "
            "status = excluded.status, seq = excluded.seq, display_name = excluded.display_name, "
            "updated_at = excluded.updated_at",
            (event.id, member.platform, member.id, decision.status, my_seq, click.display_name, _unix(now)))
    planned: Planned = ()
    if reminded(decision.status) and not reminded(previous):
        planned = _plan_reminders(conn, event, [member], now)
    elif reminded(previous) and not reminded(decision.status):
        conn.execute("DELETE FROM event_reminders WHERE event_id = ? AND platform = ? AND user_id = ? "
                     "AND status = ?", (event.id, member.platform, member.id, rem.PENDING))
    promoted: tuple[Member, ...] = ()
    if decision.frees_place:
        promoted = _promote(conn, event, now)
        if promoted:
            planned = _plan(event, now)
    position = None
    if decision.status == WAITLIST:
        position = conn.execute(
            "SELECT count(*) FROM event_rsvps WHERE event_id = ? AND status = ? AND seq <= ?",
            (event.id, WAITLIST, my_seq)).fetchone()[0]
    return RsvpOutcome(event, previous, decision.status, position, promoted, planned)


def _rsvp_batch(conn: sqlite3.Connection, clicks: list[Click]) -> list[RsvpOutcome | BaseException]:
    """Clicks in arrival order (the click order the waitlist keeps), each in its own savepoint: a
    refused or failing click is undone alone and does not affect the others."""
    out: list[RsvpOutcome | BaseException] = []
    for click in clicks:
        conn.execute("SAVEPOINT click")
        try:
            outcome = _rsvp_one(conn, click)
        except DomainError as refused:
            undo_to(conn, "click", refused)
            out.append(refused)
        except Exception as failed:  # an unexpected error in one click: that click alone fails
            out.append(undo_to(conn, "click", failed))
        else:
            conn.execute("RELEASE click")
            out.append(outcome)
    return out


def _create(conn: sqlite3.Connection, draft: Event, now: datetime) -> int:
    cur = conn.execute(
        "INSERT INTO events (platform, guild_id, channel_id, organiser_id, title, description, location, "
        "starts_at, duration_min, timezone, capacity, reminder_offsets, status, created_at, updated_at, "
        "rsvp_role, ping_role, organiser_name, organiser_platform) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (draft.platform, draft.guild_id, draft.channel_id, draft.organiser_id, draft.title, draft.description,
         draft.location, _unix(draft.starts_at), draft.duration_min, draft.timezone, draft.capacity,
         ",".join(map(str, draft.reminder_offsets)), SCHEDULED, _unix(now), _unix(now), draft.rsvp_role,
         draft.ping_role, draft.organiser_name, draft.organiser_platform))
    return int(cur.lastrowid or 0)


def _edit(conn: sqlite3.Connection, event_id: int, plan: EditPlan, now: datetime) -> EditOutcome:
    old = _load_event(conn, event_id)
    new, changes = plan(old, _going(conn, event_id))
    conn.execute(
        "UPDATE events SET title = ?, description = ?, location = ?, starts_at = ?, duration_min = ?, "
        "capacity = ?, reminder_offsets = ?, rsvp_role = ?, version = ?, updated_at = ? WHERE id = ?",
        (new.title, new.description, new.location, _unix(new.starts_at), new.duration_min,
         new.capacity, ",".join(map(str, new.reminder_offsets)), new.rsvp_role, new.version, _unix(now),
         event_id))
    if new.starts_at != old.starts_at or new.duration_min != old.duration_min:
        # The check-in window moved: its phases start again (bot.domain.attendance).
        conn.execute("UPDATE events SET window_phase = NULL WHERE id = ?", (event_id,))
    notify = _told(conn, event_id)
    promoted = _promote(conn, new, now) if capacity_raised(old, new) else ()
    planned: Planned = ()
    if reminders_moved(old, new):
        conn.execute("DELETE FROM event_reminders WHERE event_id = ? AND status = ?", (event_id, rem.PENDING))
        planned = _plan_reminders(conn, new, None, now)
    elif promoted:
        planned = _plan(new, now)
    return EditOutcome(old, new, changes, promoted, notify, planned)


def _cancel(conn: sqlite3.Connection, event_id: int, plan: CancelPlan,
            now: datetime) -> tuple[Event, tuple[Member, ...]]:
    new = plan(_load_event(conn, event_id))
    conn.execute("UPDATE events SET status = ?, cancel_reason = ?, version = ?, updated_at = ? WHERE id = ?",
                 (CANCELLED, new.cancel_reason, new.version, _unix(now), event_id))
    conn.execute("DELETE FROM event_reminders WHERE event_id = ? AND status = ?", (event_id, rem.PENDING))
    # A series date cancelled before its announcement is due is never announced.
    conn.execute("UPDATE events SET announce_state = NULL WHERE id = ? AND announce_state = 'pending'", (event_id,))
    return new, _told(conn, event_id)


def _claim(conn: sqlite3.Connection, event_id: int, offset_min: int, now: datetime, limit: int) -> list[Claimed]:
    rows = conn.execute(
        "UPDATE event_reminders SET status = ?, done_at = ? WHERE id IN "
        "(SELECT id FROM event_reminders WHERE event_id = ? AND offset_min = ? "
        "AND status = ? AND due_at <= ? ORDER BY id LIMIT ?) RETURNING id, platform, user_id, due_at",
        (rem.CLAIMED, _unix(now), event_id, offset_min, rem.PENDING, _unix(now), limit)).fetchall()
    return sorted((Claimed(r[0], Member(r[1], r[2]), _utc(r[3])) for r in rows), key=lambda c: c.id)


def _finish(conn: sqlite3.Connection, outcomes: dict[str, list[int]], now: datetime) -> None:
    for status, ids in outcomes.items():
        for start in range(0, len(ids), 500):
            chunk = tuple(ids[start:start + 500])
            conn.execute(f"UPDATE event_reminders SET status = ?, done_at = ? WHERE id IN ({_marks(chunk)})",
                         (status, _unix(now), *chunk))


class SqliteEventsRepository:
    """Reading and writing events, RSVPs and reminder rows."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._clicks: list[tuple[Click, asyncio.Future[RsvpOutcome]]] = []
        self._flusher: asyncio.Task[None] | None = None

    # -- events -------------------------------------------------------------------------------
    async def create(self, draft: Event, now: datetime) -> Event:
        event_id = await self.db.write_sync(_create, draft, now)
        return await self.get(event_id)  # type: ignore[return-value]

    async def set_message(self, event_id: int, ref: MessageRef) -> None:
        await self.db.write_sync(lambda conn: conn.execute(
            "UPDATE events SET channel_id = ?, message_id = ? WHERE id = ?", (ref.place.id, ref.id, event_id)))

    async def delete(self, event_id: int) -> None:
        await self.db.write_sync(lambda conn: conn.execute("DELETE FROM events WHERE id = ?", (event_id,)))

    async def get(self, event_id: int) -> Event | None:
        row = await self.db.fetchone(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,))
        return None if row is None else event_from_row(row)

    async def counts(self, event_id: int) -> Counts:
        rows = await self.db.fetchall(
            "SELECT status, count(*) FROM event_rsvps WHERE event_id = ? GROUP BY status", (event_id,))
        found = {r[0]: r[1] for r in rows}
        return Counts(going=found.get(GOING, 0), maybe=found.get(MAYBE, 0),
                      declined=found.get(DECLINED, 0), waitlist=found.get(WAITLIST, 0))

    async def upcoming(self, community: Community, now: datetime, *, limit: int, offset: int = 0) -> list[Event]:
        rows = await self.db.fetchall(
            f"SELECT {_EVENT_COLUMNS} FROM events INDEXED BY events_listed WHERE platform = ? AND guild_id = ? "
            f"AND {_LISTED_NOW} "
            "ORDER BY starts_at, id LIMIT ? OFFSET ?",
            (community.platform, community.id, _unix(now) - _LONGEST, _unix(now), limit, offset))
        return [event_from_row(r) for r in rows]

    async def count_upcoming(self, community: Community, now: datetime) -> int:
        return await self.db.fetchval(
            "SELECT count(*) FROM events INDEXED BY events_listed WHERE platform = ? AND guild_id = ? "
            f"AND {_LISTED_NOW}",
            (community.platform, community.id, _unix(now) - _LONGEST, _unix(now)))

    async def going_counts(self, event_ids: list[int]) -> dict[int, int]:
        if not event_ids:
            return {}
        rows = await self.db.fetchall(
            f"SELECT event_id, count(*) FROM event_rsvps WHERE event_id IN ({_marks(tuple(event_ids))}) "
            "AND status = ? GROUP BY event_id", (*event_ids, GOING))
        return {r[0]: r[1] for r in rows}

    async def search(self, community: Community, query: str, now: datetime, *, limit: int = 25,
                     include_past: bool = False) -> list[Event]:
        rows = await self.db.fetchall(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE platform = ? AND guild_id = ? "
            "AND title LIKE ? ESCAPE '\\' AND (? OR (status = ? AND starts_at + duration_min * 60 > ?)) "
            "ORDER BY (starts_at + duration_min * 60 <= ?), status = ?, starts_at LIMIT ?",
            (community.platform, community.id, like_contains(query.strip()), int(include_past), SCHEDULED,
             _unix(now), _unix(now), CANCELLED, limit))
        return [event_from_row(r) for r in rows]

    async def find_by_title(self, community: Community, title: str) -> list[Event]:
        rows = await self.db.fetchall(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE platform = ? AND guild_id = ? "
            "AND lower(title) = lower(?) ORDER BY status = ?, starts_at DESC LIMIT 2",
            (community.platform, community.id, title.strip(), CANCELLED))
        return [event_from_row(r) for r in rows]

    # -- RSVP ---------------------------------------------------------------------------------
    async def rsvp(self, event_id: int, *, community: Community | None, member: Member, display_name: str,
                   choice: str, now: datetime, roles: Collection[int] = ()) -> RsvpOutcome:
        """Record a click; returns after COMMIT. Clicks arriving while a batch is being written are
        decided together in the next write unit, in arrival order (one hop to the writer's thread
        for a whole burst). A role-gated event's role is checked in that unit."""
        future: asyncio.Future[RsvpOutcome] = asyncio.get_running_loop().create_future()
        self._clicks.append((Click(event_id, community, member, display_name, choice, now, frozenset(roles)), future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_clicks(), name="event-rsvp-writer")
        return await future

    async def _flush_clicks(self) -> None:
        while self._clicks:
            batch, self._clicks = self._clicks[:MAX_CLICKS], self._clicks[MAX_CLICKS:]
            try:
                results = await self.db.write_sync(_rsvp_batch, [c for c, _ in batch])
            except Exception as exc:  # the whole unit was rolled back: every click in it failed
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), result in zip(batch, results):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)

    async def recently_answered(self, since: datetime, now: datetime) -> list[int]:
        # Upcoming announced events are few; each one's answers are found by the event_id index.
        rows = await self.db.fetchall(
            f"SELECT id FROM events WHERE message_id IS NOT NULL AND {_LISTED_NOW} AND EXISTS "
            "(SELECT 1 FROM event_rsvps r WHERE r.event_id = events.id AND r.updated_at >= ?) ORDER BY id",
            (_unix(now) - _LONGEST, _unix(now), _unix(since)))
        return [r[0] for r in rows]

    async def status_of(self, event_id: int, member: Member) -> str | None:
        return await self.db.fetchval(
            "SELECT status FROM event_rsvps WHERE event_id = ? AND platform = ? AND user_id = ?",
            (event_id, member.platform, member.id))

    async def attendees(self, event_id: int) -> list[Attendee]:
        rows = await self.db.fetchall(
            "SELECT platform, user_id, display_name, status, seq, updated_at FROM event_rsvps WHERE event_id = ? "
            "ORDER BY CASE status WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 ELSE 3 END, seq",
            (event_id, GOING, WAITLIST, MAYBE))
        out: list[Attendee] = []
        position = 0
        for r in rows:
            pos = None
            if r[3] == WAITLIST:
                position += 1
                pos = position
            out.append(Attendee(r[1], r[2], r[3], pos, _utc(r[5]), platform=r[0]))
        return out

    async def member_upcoming(self, member: Member, community: Community | None, now: datetime,
                              limit: int = 50) -> list[tuple[Event, str]]:
        platform, guild_id = (community.platform, community.id) if community else (None, None)
        rows = await self.db.fetchall(
            f"SELECT {_E_COLUMNS}, r.status FROM event_rsvps r JOIN events e ON e.id = r.event_id "
            f"WHERE r.platform = ? AND r.user_id = ? AND r.status IN ({_marks(TOLD)}) AND e.status = ? "
            "AND e.starts_at + e.duration_min * 60 > ? AND (? IS NULL OR (e.platform = ? AND e.guild_id = ?)) "
            "ORDER BY e.starts_at LIMIT ?",
            (member.platform, member.id, *TOLD, SCHEDULED, _unix(now), guild_id, platform, guild_id, limit))
        return [(event_from_row(r), r[_N]) for r in rows]

    # -- edit and cancel ----------------------------------------------------------------------
    async def edit(self, event_id: int, plan: EditPlan, now: datetime) -> EditOutcome:
        return await self.db.write_sync(_edit, event_id, plan, now)

    async def cancel(self, event_id: int, plan: CancelPlan, now: datetime) -> tuple[Event, tuple[Member, ...]]:
        return await self.db.write_sync(_cancel, event_id, plan, now)

    # -- reminders ----------------------------------------------------------------------------
    async def pending_groups(self) -> list[ReminderGroup]:
        rows = await self.db.fetchall(
            "SELECT event_id, offset_min, min(due_at), count(*) FROM event_reminders "
            "WHERE status = ? GROUP BY event_id, offset_min", (rem.PENDING,))
        return [ReminderGroup(r[0], r[1], _utc(r[2]), r[3]) for r in rows]

    async def claim(self, event_id: int, offset_min: int, now: datetime, limit: int = 100) -> list[Claimed]:
        return await self.db.write_sync(_claim, event_id, offset_min, now, limit)

    async def requeue_claimed(self) -> int:
        return await self.db.write_sync(lambda conn: conn.execute(
            "UPDATE event_reminders SET status = ?, done_at = NULL WHERE status = ?",
            (rem.PENDING, rem.CLAIMED)).rowcount)

    async def finish(self, outcomes: dict[str, list[int]], now: datetime) -> None:
        if any(outcomes.values()):
            await self.db.write_sync(_finish, outcomes, now)

    async def reminder_statuses(self, event_id: int) -> list[tuple[Member, int, str]]:
        rows = await self.db.fetchall(
            "SELECT platform, user_id, offset_min, status FROM event_reminders WHERE event_id = ? "
            "ORDER BY platform, user_id, offset_min", (event_id,))
        return [(Member(r[0], r[1]), r[2], r[3]) for r in rows]
