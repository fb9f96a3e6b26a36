"""Events, RSVPs and reminder rows in PostgreSQL (implements `bot.ports.events.EventsRepository`).

No single writer here: several processes click on the same events at once. Every decision that
depends on the current state (a place left? who moves up?) is taken by the domain inside one
transaction that first locks the event row (`SELECT ... FOR UPDATE`), so the units touching one
event run one after the other; the primary key (event, member) keeps one status per member. Callers
acknowledge users only after the write returns (after COMMIT).

Reminder rows are claimed with a lease: `FOR UPDATE SKIP LOCKED` picks due rows nobody else is
taking, `lease_owner`/`lease_until` mark them as this process's, and `finish` records the send and
releases them. A row whose lease expired (its process died) is due again and claimed by another
process; the app then marks it late when it is late (`bot.domain.reminders.classify`).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Collection

import asyncpg

from bot.domain import reminders as rem
from bot.domain.errors import DomainError
from bot.domain.events import (CANCELLED, MAX_DURATION, SCHEDULED, Counts, Event, capacity_raised,
                               free_places, reminders_moved, require_rsvp_roles)
from bot.domain.identity import Community, Member, MessageRef
from bot.domain.rsvp import DECLINED, GOING, MAYBE, REMINDED, TOLD, WAITLIST, decide, reminded
from bot.ports.events import (Attendee, CancelPlan, Claimed, EditOutcome, EditPlan, Planned,
                              ReminderGroup, RsvpOutcome)
from bot.storage.postgres.database import Database, like_escape
from bot.storage.postgres.leases import Lease

_COLUMNS = ("id", "guild_id", "channel_id", "message_id", "organiser_id", "title", "description", "location",
            "starts_at", "duration_min", "timezone", "capacity", "reminder_offsets", "status",
            "cancel_reason", "version", "platform", "series_id", "rsvp_role", "ping_role", "organiser_name",
            "organiser_platform")
_EVENT_COLUMNS = ", ".join(_COLUMNS)
_E_COLUMNS = ", ".join("e." + c for c in _COLUMNS)
_N = len(_COLUMNS)
# Listed: plain events, and occurrences of a series once announced (bot.domain.series).
_LISTED = "(announce_state IS NULL OR announce_state = 'posted')"
# No event lasts longer than this: a lower bound on starts_at lets the index skip finished ones.
_LONGEST = MAX_DURATION * 60
# Listed, scheduled and not yet ended ($3 = now - _LONGEST, $4 = now), written as the partial index
# `events_listed` (migration 0009) is, so the planner can prove the index applies.
_LISTED_NOW = (f"status = '{SCHEDULED}' AND {_LISTED} AND starts_at > $3 AND starts_at + duration_min * 60 > $4")
Conn = asyncpg.Connection


def _unix(moment: datetime) -> int:
    return int(moment.timestamp())


def _utc(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, tz=timezone.utc)


def _offsets(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x)


def event_from_row(row: Any) -> Event:
    return Event(
        id=row[0], guild_id=row[1], channel_id=row[2], message_id=row[3], organiser_id=row[4],
        title=row[5], description=row[6], location=row[7], starts_at=_utc(row[8]),
        duration_min=row[9], timezone=row[10], capacity=row[11], reminder_offsets=_offsets(row[12]),
        status=row[13], cancel_reason=row[14], version=row[15], platform=row[16], series_id=row[17],
        rsvp_role=row[18], ping_role=row[19], organiser_name=row[20], organiser_platform=row[21],
    )


async def _lock_event(conn: Conn, event_id: int) -> Event:
    """The event, its row locked until COMMIT: every unit deciding on it waits here for the others."""
    row = await conn.fetchrow(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = $1 FOR UPDATE", event_id)
    if row is None:
        raise DomainError("common.not_found")
    return event_from_row(row)


async def _going(conn: Conn, event_id: int) -> int:
    return await conn.fetchval("SELECT count(*) FROM event_rsvps WHERE event_id = $1 AND status = $2",
                               event_id, GOING)


async def _told(conn: Conn, event_id: int) -> tuple[Member, ...]:
    rows = await conn.fetch("SELECT platform, user_id FROM event_rsvps WHERE event_id = $1 "
                            "AND status = ANY($2::text[]) ORDER BY seq", event_id, list(TOLD))
    return tuple(Member(r[0], r[1]) for r in rows)


def _plan(event: Event, now: datetime) -> Planned:
    return tuple(rem.plan(event.starts_at, event.reminder_offsets, now))


async def _plan_reminders(conn: Conn, event: Event, members: list[Member] | None, now: datetime) -> Planned:
    """Insert pending reminder rows for `members` (None: every going/maybe member); a row that already
    exists for the same start (sent or not) is kept, so an offset is never sent twice for one start."""
    planned = _plan(event, now)
    if not planned or members == []:
        return planned
    # Every offset in one statement: a click holds the event's row lock until COMMIT, so each round
    # trip saved is one more click per second on a busy event.
    offsets, dues = [o for o, _ in planned], [_unix(d) for _, d in planned]
    if members is None:
        await conn.execute(
            "INSERT INTO event_reminders (event_id, platform, user_id, offset_min, starts_at, due_at) "
            "SELECT r.event_id, r.platform, r.user_id, p.offset_min, $1, p.due_at FROM event_rsvps r "
            "CROSS JOIN unnest($2::int[], $3::bigint[]) AS p (offset_min, due_at) "
            "WHERE r.event_id = $4 AND r.status = ANY($5::text[]) ON CONFLICT DO NOTHING",
            _unix(event.starts_at), offsets, dues, event.id, list(REMINDED))
    else:
        await conn.execute(
            "INSERT INTO event_reminders (event_id, platform, user_id, offset_min, starts_at, due_at) "
            "SELECT $1, m.platform, m.user_id, p.offset_min, $2, p.due_at "
            "FROM unnest($3::text[], $4::bigint[]) AS m (platform, user_id) "
            "CROSS JOIN unnest($5::int[], $6::bigint[]) AS p (offset_min, due_at) ON CONFLICT DO NOTHING",
            event.id, _unix(event.starts_at), [m.platform for m in members], [m.id for m in members],
            offsets, dues)
    return planned


async def _promote(conn: Conn, event: Event, now: datetime) -> tuple[Member, ...]:
    """Move waitlisted members up, in click order, into the free places; returns who moved."""
    free = free_places(event.capacity, await _going(conn, event.id))
    if free == 0:
        return ()
    rows = await conn.fetch(
        "UPDATE event_rsvps SET status = $1, updated_at = $2, promoted = TRUE WHERE event_id = $3 "
        "AND (platform, user_id) IN "
        "(SELECT platform, user_id FROM event_rsvps WHERE event_id = $3 AND status = $4 ORDER BY seq LIMIT $5) "
        "RETURNING platform, user_id, seq",
        GOING, _unix(now), event.id, WAITLIST, free)
    promoted = tuple(Member(r[0], r[1]) for r in sorted(rows, key=lambda r: r[2]))
    if promoted:
        await _plan_reminders(conn, event, list(promoted), now)
    return promoted


async def _rsvp(conn: Conn, event_id: int, community: Community | None, member: Member, display_name: str,
                choice: str, now: datetime, roles: Collection[int] = ()) -> RsvpOutcome:
    row = await conn.fetchrow(
        f"SELECT {_EVENT_COLUMNS}, rsvp_seq FROM events WHERE id = $1 FOR UPDATE", event_id)
    if row is None:
        raise DomainError("common.not_found")
    event = event_from_row(row)
    if community != event.community:
        raise DomainError("common.not_found")  # a button from another server
    require_rsvp_roles(roles, event, choice)  # the event's role as of this transaction (row locked)
    seq = row[_N]
    # Read after the lock is held (a statement of its own: in READ COMMITTED it sees every click
    # committed before the lock was granted), the member's answer and the going count in one trip.
    state = await conn.fetchrow(
        "SELECT (SELECT count(*) FROM event_rsvps WHERE event_id = $1 AND status = $2), r.status, r.seq "
        "FROM (SELECT 1) AS one LEFT JOIN event_rsvps r ON r.event_id = $1 AND r.platform = $3 AND r.user_id = $4",
        event_id, GOING, member.platform, member.id)
    going, previous, my_seq = state[0], state[1], state[2]
    decision = decide(choice, previous=previous, going=going, capacity=event.capacity,
                      cancelled=event.cancelled, starts_at=event.starts_at,
                      duration_min=event.duration_min, now=now)
    if decision.new_seq:
        my_seq = seq + 1
    if decision.changed or decision.new_seq:
        # The answer and, for a new place in the click order, the event's counter: one statement.
        await conn.execute(
            "WITH counter AS (UPDATE events SET rsvp_seq = $5 WHERE id = $1 AND $8::boolean) "
            "INSERT INTO event_rsvps (event_id, platform, user_id, status, seq, display_name, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id, platform, user_id) DO UPDATE SET "
            "status = excluded.status, seq = excluded.seq, display_name = excluded.display_name, "
            "updated_at = excluded.updated_at",
            event_id, member.platform, member.id, decision.status, my_seq, display_name, _unix(now),
            decision.new_seq)
    planned: Planned = ()
    if reminded(decision.status) and not reminded(previous):
        planned = await _plan_reminders(conn, event, [member], now)
    elif reminded(previous) and not reminded(decision.status):
        await conn.execute("DELETE FROM event_reminders WHERE event_id = $1 AND platform = $2 AND user_id = $3 "
                           "AND status = $4", event_id, member.platform, member.id, rem.PENDING)
    promoted: tuple[Member, ...] = ()
    if decision.frees_place:
        promoted = await _promote(conn, event, now)
        if promoted:
            planned = _plan(event, now)
    position = None
    if decision.status == WAITLIST:
        position = await conn.fetchval(
            "SELECT count(*) FROM event_rsvps WHERE event_id = $1 AND status = $2 AND seq <= $3",
            event_id, WAITLIST, my_seq)
    return RsvpOutcome(event, previous, decision.status, position, promoted, planned)


async def _edit(conn: Conn, event_id: int, plan: EditPlan, now: datetime) -> EditOutcome:
    old = await _lock_event(conn, event_id)
    new, changes = plan(old, await _going(conn, event_id))
    await conn.execute(
        "UPDATE events SET title = $1, description = $2, location = $3, starts_at = $4, duration_min = $5, "
        "capacity = $6, reminder_offsets = $7, rsvp_role = $8, version = $9, updated_at = $10 WHERE id = $11",
        new.title, new.description, new.location, _unix(new.starts_at), new.duration_min,
        new.capacity, ",".join(map(str, new.reminder_offsets)), new.rsvp_role, new.version, _unix(now), event_id)
    if new.starts_at != old.starts_at or new.duration_min != old.duration_min:
        # The check-in window moved: its phases start again (bot.domain.attendance).
        await conn.execute("UPDATE events SET window_phase = NULL WHERE id = $1", event_id)
    notify = await _told(conn, event_id)
    promoted = await _promote(conn, new, now) if capacity_raised(old, new) else ()
    planned: Planned = ()
    if reminders_moved(old, new):
        await conn.execute("DELETE FROM event_reminders WHERE event_id = $1 AND status = $2", event_id, rem.PENDING)
        planned = await _plan_reminders(conn, new, None, now)
    elif promoted:
        planned = _plan(new, now)
    return EditOutcome(old, new, changes, promoted, notify, planned)


async def _cancel(conn: Conn, event_id: int, plan: CancelPlan, now: datetime) -> tuple[Event, tuple[Member, ...]]:
    new = plan(await _lock_event(conn, event_id))
    await conn.execute("UPDATE events SET status = $1, cancel_reason = $2, version = $3, updated_at = $4 "
                       "WHERE id = $5", CANCELLED, new.cancel_reason, new.version, _unix(now), event_id)
    await conn.execute("DELETE FROM event_reminders WHERE event_id = $1 AND status = $2", event_id, rem.PENDING)
    # A series date cancelled before its announcement is due is never announced.
    await conn.execute("UPDATE events SET announce_state = NULL WHERE id = $1 AND announce_state = 'pending'",
                       event_id)
    return new, await _told(conn, event_id)


class PostgresEventsRepository:
    """Reading and writing events, RSVPs and reminder rows."""

    def __init__(self, db: Database, lease: Lease) -> None:
        self.db = db
        self.lease = lease

    # -- events -------------------------------------------------------------------------------
    async def create(self, draft: Event, now: datetime) -> Event:
        row = await self.db.fetchrow(
            "INSERT INTO events (platform, guild_id, channel_id, organiser_id, title, description, location, "
            "starts_at, duration_min, timezone, capacity, reminder_offsets, status, created_at, updated_at, "
            "rsvp_role, ping_role, organiser_name, organiser_platform) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17, $18) "
            f"RETURNING {_EVENT_COLUMNS}",
            draft.platform, draft.guild_id, draft.channel_id, draft.organiser_id, draft.title, draft.description,
            draft.location, _unix(draft.starts_at), draft.duration_min, draft.timezone, draft.capacity,
            ",".join(map(str, draft.reminder_offsets)), SCHEDULED, _unix(now), draft.rsvp_role, draft.ping_role,
            draft.organiser_name, draft.organiser_platform)
        return event_from_row(row)

    async def set_message(self, event_id: int, ref: MessageRef) -> None:
        await self.db.execute("UPDATE events SET channel_id = $1, message_id = $2 WHERE id = $3",
                              ref.place.id, ref.id, event_id)

    async def delete(self, event_id: int) -> None:
        await self.db.execute("DELETE FROM events WHERE id = $1", event_id)

    async def get(self, event_id: int) -> Event | None:
        row = await self.db.fetchrow(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = $1", event_id)
        return None if row is None else event_from_row(row)

    async def counts(self, event_id: int) -> Counts:
        rows = await self.db.fetch(
            "SELECT status, count(*) FROM event_rsvps WHERE event_id = $1 GROUP BY status", event_id)
        found = {r[0]: r[1] for r in rows}
        return Counts(going=found.get(GOING, 0), maybe=found.get(MAYBE, 0),
                      declined=found.get(DECLINED, 0), waitlist=found.get(WAITLIST, 0))

    async def upcoming(self, community: Community, now: datetime, *, limit: int, offset: int = 0) -> list[Event]:
        rows = await self.db.fetch(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE platform = $1 AND guild_id = $2 AND {_LISTED_NOW} "
            "ORDER BY starts_at, id LIMIT $5 OFFSET $6",
            community.platform, community.id, _unix(now) - _LONGEST, _unix(now), limit, offset)
        return [event_from_row(r) for r in rows]

    async def count_upcoming(self, community: Community, now: datetime) -> int:
        return await self.db.fetchval(
            f"SELECT count(*) FROM events WHERE platform = $1 AND guild_id = $2 AND {_LISTED_NOW}",
            community.platform, community.id, _unix(now) - _LONGEST, _unix(now))

    async def going_counts(self, event_ids: list[int]) -> dict[int, int]:
        if not event_ids:
            return {}
        rows = await self.db.fetch(
            "SELECT event_id, count(*) FROM event_rsvps WHERE event_id = ANY($1::bigint[]) AND status = $2 "
            "GROUP BY event_id", list(event_ids), GOING)
        return {r[0]: r[1] for r in rows}

    async def search(self, community: Community, query: str, now: datetime, *, limit: int = 25,
                     include_past: bool = False) -> list[Event]:
        # ILIKE folds Latin case like SQLite's LIKE; other scripts are matched as written.
        rows = await self.db.fetch(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE platform = $1 AND guild_id = $2 "
            "AND title ILIKE $3 AND ($4 OR (status = $5 AND starts_at + duration_min * 60 > $6)) "
            "ORDER BY (starts_at + duration_min * 60 <= $6), status = $7, starts_at LIMIT $8",
            community.platform, community.id, "%" + like_escape(query.strip()) + "%", include_past, SCHEDULED,
            _unix(now), CANCELLED, limit)
        return [event_from_row(r) for r in rows]

    async def find_by_title(self, community: Community, title: str) -> list[Event]:
        rows = await self.db.fetch(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE platform = $1 AND guild_id = $2 "
            "AND lower(title) = lower($3) ORDER BY status = $4, starts_at DESC LIMIT 2",
            community.platform, community.id, title.strip(), CANCELLED)
        return [event_from_row(r) for r in rows]

    # -- RSVP ---------------------------------------------------------------------------------
    async def rsvp(self, event_id: int, *, community: Community | None, member: Member, display_name: str,
                   choice: str, now: datetime, roles: Collection[int] = ()) -> RsvpOutcome:
        """Record a click in one transaction holding the event's row lock (a role-gated event's role
        checked under that lock); returns after COMMIT."""
        held = frozenset(roles)
        return await self.db.write(lambda conn: _rsvp(conn, event_id, community, member, display_name,
                                                      choice, now, held))

    async def recently_answered(self, since: datetime, now: datetime) -> list[int]:
        # Upcoming announced events are few; each one's answers are found by the event_id index.
        rows = await self.db.fetch(
            f"SELECT id FROM events WHERE message_id IS NOT NULL AND status = $1 AND {_LISTED} "
            "AND starts_at + duration_min * 60 > $2 AND EXISTS (SELECT 1 FROM event_rsvps r "
            "WHERE r.event_id = events.id AND r.updated_at >= $3) ORDER BY id",
            SCHEDULED, _unix(now), _unix(since))
        return [r[0] for r in rows]

    async def status_of(self, event_id: int, member: Member) -> str | None:
        return await self.db.fetchval(
            "SELECT status FROM event_rsvps WHERE event_id = $1 AND platform = $2 AND user_id = $3",
            event_id, member.platform, member.id)

    async def attendees(self, event_id: int) -> list[Attendee]:
        rows = await self.db.fetch(
            "SELECT platform, user_id, display_name, status, seq, updated_at FROM event_rsvps WHERE event_id = $1 "
            "ORDER BY CASE status WHEN $2 THEN 0 WHEN $3 THEN 1 WHEN $4 THEN 2 ELSE 3 END, seq",
            event_id, GOING, WAITLIST, MAYBE)
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
        rows = await self.db.fetch(
            f"SELECT {_E_COLUMNS}, r.status FROM event_rsvps r JOIN events e ON e.id = r.event_id "
            "WHERE r.platform = $1 AND r.user_id = $2 AND r.status = ANY($3::text[]) AND e.status = $4 "
            "AND e.starts_at + e.duration_min * 60 > $5 "
            "AND ($6::bigint IS NULL OR (e.platform = $7 AND e.guild_id = $6)) "
            "ORDER BY e.starts_at LIMIT $8",
            member.platform, member.id, list(TOLD), SCHEDULED, _unix(now), guild_id, platform, limit)
        return [(event_from_row(r), r[_N]) for r in rows]

    # -- edit and cancel ----------------------------------------------------------------------
    async def edit(self, event_id: int, plan: EditPlan, now: datetime) -> EditOutcome:
        return await self.db.write(lambda conn: _edit(conn, event_id, plan, now))

    async def cancel(self, event_id: int, plan: CancelPlan, now: datetime) -> tuple[Event, tuple[Member, ...]]:
        return await self.db.write(lambda conn: _cancel(conn, event_id, plan, now))

    # -- reminders ----------------------------------------------------------------------------
    async def pending_groups(self) -> list[ReminderGroup]:
        """Pending rows, and claimed rows whose lease has expired (their process died), grouped."""
        rows = await self.db.fetch(
            "SELECT event_id, offset_min, min(due_at), count(*) FROM event_reminders "
            "WHERE status = $1 OR (status = $2 AND lease_until < $3) GROUP BY event_id, offset_min",
            rem.PENDING, rem.CLAIMED, self.lease.now())
        return [ReminderGroup(r[0], r[1], _utc(r[2]), r[3]) for r in rows]

    async def claim(self, event_id: int, offset_min: int, now: datetime, limit: int = 100) -> list[Claimed]:
        """Lease up to `limit` due rows of one (event, offset), oldest first: rows nobody holds
        (pending, or claimed under an expired lease). Another process skips the rows being taken."""
        rows = await self.db.fetch(
            "UPDATE event_reminders SET status = $1, done_at = $2, lease_owner = $3, lease_until = $4 "
            "WHERE id IN (SELECT id FROM event_reminders WHERE event_id = $5 AND offset_min = $6 "
            "AND due_at <= $2 AND (status = $7 OR (status = $1 AND lease_until < $8)) "
            "ORDER BY id LIMIT $9 FOR UPDATE SKIP LOCKED) RETURNING id, platform, user_id, due_at",
            rem.CLAIMED, _unix(now), self.lease.owner, self.lease.until(), event_id, offset_min,
            rem.PENDING, self.lease.now(), limit)
        return sorted((Claimed(r[0], Member(r[1], r[2]), _utc(r[3])) for r in rows), key=lambda c: c.id)

    async def requeue_claimed(self) -> int:
        """Claims nobody will finish back to pending: this store's own (its sends were cut short)
        and any whose lease expired (their process died). Claims another live process holds are
        left alone. The rows keep their ids, hence their nonces: a resend is not a second DM."""
        result = await self.db.execute(
            "UPDATE event_reminders SET status = $1, done_at = NULL, lease_owner = NULL, lease_until = NULL "
            "WHERE status = $2 AND (lease_owner = $3 OR lease_until < $4 OR lease_until IS NULL)",
            rem.PENDING, rem.CLAIMED, self.lease.owner, self.lease.now())
        return int(result.split()[-1])

    async def finish(self, outcomes: dict[str, list[int]], now: datetime) -> None:
        """Record each claimed row's outcome and release its lease."""
        if not any(outcomes.values()):
            return

        async def run(conn: Conn) -> None:
            for status, ids in outcomes.items():
                if ids:
                    await conn.execute(
                        "UPDATE event_reminders SET status = $1, done_at = $2, lease_owner = NULL, "
                        "lease_until = NULL WHERE id = ANY($3::bigint[])", status, _unix(now), ids)

        await self.db.write(run)

    async def reminder_statuses(self, event_id: int) -> list[tuple[Member, int, str]]:
        rows = await self.db.fetch(
            "SELECT platform, user_id, offset_min, status FROM event_reminders WHERE event_id = $1 "
            "ORDER BY platform, user_id, offset_min", event_id)
        return [(Member(r[0], r[1]), r[2], r[3]) for r in rows]
