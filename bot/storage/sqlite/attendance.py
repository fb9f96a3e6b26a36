"""Check-ins, check-in codes, window phases and attendance figures in SQLite (implements
`bot.ports.attendance.AttendanceRepository`)."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import datetime
from typing import Any, Callable

from bot.domain import reminders as rem
from bot.domain.attendance import (OPENS_BEFORE, SETTLED, EventFigures, EventLine, MemberFigures, merge_members,
                                   next_phase, split_window)
from bot.domain.errors import DomainError
from bot.domain.events import SCHEDULED
from bot.domain.identity import Community, Member
from bot.domain.rsvp import DECLINED, GOING, MAYBE, WAITLIST
from bot.ports.attendance import CheckinDecision, CheckinOutcome, PastAnswer, PhaseMove
from bot.storage.sqlite.database import Database
from bot.storage.sqlite.events import _COLUMNS, _E_COLUMNS, _LONGEST, _N, _load_event, _unix, _utc, event_from_row

_OPENS = int(OPENS_BEFORE.total_seconds())
_ENDS = "e.starts_at + e.duration_min * 60"
# When an announcement's phase is next due to move (bot.domain.attendance.boundary), in SQL.
_BOUNDARY = (f"CASE WHEN e.window_phase IS NULL THEN e.starts_at - {_OPENS} "
             f"WHEN e.window_phase = 'open' THEN e.starts_at ELSE {_ENDS} END")
_WINDOWED = "e.status = 'scheduled' AND e.message_id IS NOT NULL AND e.window_phase IS NOT 'closed'"
_GENERATE_TRIES = 50


def _check_in(conn: sqlite3.Connection, event_id: int, community: Community, member: Member, method: str,
              now: datetime, decide: CheckinDecision) -> CheckinOutcome:
    event = _load_event(conn, event_id)
    if event.community != community:
        raise DomainError("common.not_found")
    status = conn.execute("SELECT status FROM event_rsvps WHERE event_id = ? AND platform = ? AND user_id = ?",
                          (event_id, member.platform, member.id)).fetchone()
    earlier = conn.execute("SELECT checked_at FROM event_checkins WHERE event_id = ? AND platform = ? "
                           "AND user_id = ?", (event_id, member.platform, member.id)).fetchone()
    late = decide(event, status[0] if status else None, _utc(earlier[0]) if earlier else None, now)
    conn.execute("INSERT INTO event_checkins (event_id, platform, user_id, checked_at, late, method) "
                 "VALUES (?, ?, ?, ?, ?, ?)", (event_id, member.platform, member.id, _unix(now), int(late), method))
    return CheckinOutcome(event, now, late)


def _issue_code(conn: sqlite3.Connection, event_id: int, community: Community, issued_by: Member, now: datetime,
                expires_at: datetime, generate: Callable[[], str]) -> str:
    valid = {r[0] for r in conn.execute(
        "SELECT code FROM event_checkin_codes WHERE platform = ? AND guild_id = ? AND expires_at > ?",
        (community.platform, community.id, _unix(now)))}
    for _ in range(_GENERATE_TRIES):
        code = generate()
        if code not in valid:
            break
    else:  # a million codes and this many collisions: practically impossible
        raise DomainError("checkin.code_busy")
    conn.execute("INSERT INTO event_checkin_codes (platform, guild_id, code, event_id, issued_by, issued_at, "
                 "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (community.platform, community.id, code, event_id, issued_by.id, _unix(now), _unix(expires_at)))
    return code


def _advance(conn: sqlite3.Connection, now: datetime) -> list[PhaseMove]:
    rows = conn.execute(f"SELECT {_E_COLUMNS}, e.window_phase FROM events e WHERE {_WINDOWED} "
                        f"AND {_BOUNDARY} <= ?", (_unix(now),)).fetchall()
    moves: list[PhaseMove] = []
    for row in rows:
        event, old = event_from_row(row), row[_N]
        new = next_phase(event, now)
        if new == old:
            continue
        conn.execute("UPDATE events SET window_phase = ? WHERE id = ?", (new, event.id))
        moves.append(PhaseMove(event, old, new))
    return moves


# Per event (rows of events e LEFT JOIN event_rsvps r LEFT JOIN event_checkins c, grouped by event):
# answers, check-ins, no-shows-to-be, promotions, members with closed DMs.
_AGGREGATES = (
    f"count(CASE WHEN r.status = '{GOING}' THEN 1 END), count(CASE WHEN r.status = '{MAYBE}' THEN 1 END), "
    f"count(CASE WHEN r.status = '{WAITLIST}' THEN 1 END), count(CASE WHEN r.status = '{DECLINED}' THEN 1 END), "
    "count(c.user_id), count(CASE WHEN c.late = 1 THEN 1 END), "
    f"count(CASE WHEN r.status = '{GOING}' AND c.user_id IS NULL THEN 1 END), "
    "count(CASE WHEN r.promoted = 1 THEN 1 END), "
    "(SELECT count(DISTINCT m.platform || ':' || m.user_id) FROM event_reminders m "
    f" WHERE m.event_id = e.id AND m.status = '{rem.DM_CLOSED}')")
_ANSWERS = ("FROM events e LEFT JOIN event_rsvps r ON r.event_id = e.id LEFT JOIN event_checkins c "
            "ON c.event_id = r.event_id AND c.platform = r.platform AND c.user_id = r.user_id")


def _figures_sql(where: str, columns: str = _E_COLUMNS) -> str:
    """One event's figures, counted from its answers (see `_AGGREGATES`), after its `columns`."""
    return f"SELECT {columns}, {_AGGREGATES} {_ANSWERS} WHERE {where} GROUP BY e.id"


# Per member over rows of event_rsvps r JOIN events e LEFT JOIN event_checkins c.
_JOINS = ("FROM event_rsvps r JOIN events e ON e.id = r.event_id LEFT JOIN event_checkins c "
          "ON c.event_id = r.event_id AND c.platform = r.platform AND c.user_id = r.user_id")
_MEMBER_COUNTS = (f"count(CASE WHEN r.status = '{GOING}' THEN 1 END), count(c.user_id), "
                  "count(CASE WHEN c.late = 1 THEN 1 END), "
                  f"count(CASE WHEN r.status = '{GOING}' AND c.user_id IS NULL THEN 1 END)")
_ANSWERED = f"(r.status IN ('{GOING}', '{MAYBE}') OR c.user_id IS NOT NULL)"
_START, _DURATION = _COLUMNS.index("starts_at"), _COLUMNS.index("duration_min")  # in _E_COLUMNS rows
# What a report reads of each event: every column (an Event), or only what its lines show (EventLine);
# with where the figures start and where the start and length are.
_WHOLE = (_E_COLUMNS, _N, _START, _DURATION)
_LINE = ("e.id, e.starts_at, e.duration_min, e.title", 4, 1, 2)
_FREEZE_BATCH = 500  # events kept per write unit
# Ended events the report has not stored figures for yet (see `_freeze`).
_UNFROZEN = "NOT EXISTS (SELECT 1 FROM event_figures f WHERE f.event_id = e.id)"
_FIGURES = ("f.going, f.maybe, f.waitlist, f.declined, f.checked_in, f.late, f.going_not_in, f.promoted, "
            "f.dm_closed")


def _freeze(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> bool:
    """Store the figures of the ended events matching `where` that have none yet, per event and per
    member (migration 0017): final, since nothing about an event changes once it has ended (the
    caller leaves out events ended less than SETTLED ago: a click made just before the end may
    still be on its way). True if any were stored."""
    conn.execute(
        "INSERT OR IGNORE INTO event_attendance (event_id, platform, user_id, event_platform, guild_id, starts_at, "
        "ends_at, series_id, display_name, going, attended, late) "
        f"SELECT e.id, r.platform, r.user_id, e.platform, e.guild_id, e.starts_at, {_ENDS}, e.series_id, "
        f"r.display_name, r.status = '{GOING}', c.user_id IS NOT NULL, coalesce(c.late, 0) "
        "FROM events e JOIN event_rsvps r ON r.event_id = e.id LEFT JOIN event_checkins c "
        "ON c.event_id = r.event_id AND c.platform = r.platform AND c.user_id = r.user_id "
        f"WHERE {where} AND {_UNFROZEN} AND (r.status IN ('{GOING}', '{MAYBE}') OR c.user_id IS NOT NULL)", params)
    conn.execute(
        f"INSERT OR IGNORE INTO event_figures (event_id, {_FIGURES.replace('f.', '')}) "
        f"SELECT e.id, {_AGGREGATES} {_ANSWERS} WHERE {where} AND {_UNFROZEN} GROUP BY e.id", params)
    return bool(conn.execute("SELECT changes()").fetchone()[0])


def _line(r: Any) -> EventLine:
    return EventLine(r[1], r[3], *r[4:13])


def _figures_row(r: Any) -> EventFigures:
    return EventFigures(event_from_row(r), *r[_N:_N + 9])


class SqliteAttendanceRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def check_in(self, event_id: int, *, community: Community, member: Member, method: str, now: datetime,
                       decide: CheckinDecision) -> CheckinOutcome:
        return await self.db.write_sync(_check_in, event_id, community, member, method, now, decide)

    async def issue_code(self, event_id: int, *, community: Community, issued_by: Member, now: datetime,
                         expires_at: datetime, generate: Callable[[], str]) -> str:
        return await self.db.write_sync(_issue_code, event_id, community, issued_by, now, expires_at, generate)

    async def find_code(self, community: Community, code: str) -> tuple[int, datetime] | None:
        row = await self.db.fetchone(
            "SELECT event_id, expires_at FROM event_checkin_codes WHERE platform = ? AND guild_id = ? AND code = ? "
            "ORDER BY issued_at DESC, id DESC LIMIT 1", (community.platform, community.id, code))
        return None if row is None else (row[0], _utc(row[1]))

    async def checked_in(self, event_id: int, member: Member) -> tuple[datetime, bool] | None:
        row = await self.db.fetchone("SELECT checked_at, late FROM event_checkins WHERE event_id = ? "
                                     "AND platform = ? AND user_id = ?", (event_id, member.platform, member.id))
        return None if row is None else (_utc(row[0]), bool(row[1]))

    async def figures(self, event_id: int) -> EventFigures | None:
        row = await self.db.fetchone(_figures_sql("e.id = ?"), (event_id,))
        return None if row is None else _figures_row(row)

    async def member_history(self, member: Member, community: Community | None, now: datetime,
                             limit: int = 20) -> tuple[list[PastAnswer], MemberFigures]:
        platform, guild_id = (community.platform, community.id) if community else (None, None)
        where = (f"r.platform = ? AND r.user_id = ? AND e.status = '{SCHEDULED}' AND {_ENDS} <= ? "
                 f"AND (r.status IN ('{GOING}', '{MAYBE}') OR c.user_id IS NOT NULL) "
                 "AND (? IS NULL OR (e.platform = ? AND e.guild_id = ?))")
        params = (member.platform, member.id, _unix(now), guild_id, platform, guild_id)
        joins = ("FROM event_rsvps r JOIN events e ON e.id = r.event_id LEFT JOIN event_checkins c "
                 "ON c.event_id = r.event_id AND c.platform = r.platform AND c.user_id = r.user_id")
        rows = await self.db.fetchall(
            f"SELECT {_E_COLUMNS}, r.status, c.checked_at, c.late {joins} WHERE {where} "
            "ORDER BY e.starts_at DESC LIMIT ?", (*params, limit))
        answers = [PastAnswer(event_from_row(r), r[_N], None if r[_N + 1] is None else _utc(r[_N + 1]),
                              bool(r[_N + 2])) for r in rows]
        t = await self.db.fetchone(
            f"SELECT count(CASE WHEN r.status = '{GOING}' THEN 1 END), count(c.user_id), "
            "count(CASE WHEN c.late = 1 THEN 1 END), "
            f"count(CASE WHEN r.status = '{GOING}' AND c.user_id IS NULL THEN 1 END) {joins} WHERE {where}", params)
        return answers, MemberFigures(member.platform, member.id, "", t[0], t[1], t[2], t[3])

    async def report(self, community: Community, since: datetime, until: datetime,
                     series_id: int | None = None) -> tuple[list[EventFigures], list[MemberFigures]]:
        by_event, members = await self._report(community, since, until, series_id, _WHOLE)
        return [_figures_row(r) for r in by_event], members

    async def report_lines(self, community: Community, since: datetime, until: datetime,
                           series_id: int | None = None) -> tuple[list[EventLine], list[MemberFigures]]:
        by_event, members = await self._report(community, since, until, series_id, _LINE)
        return [_line(r) for r in by_event], members

    async def _report(self, community: Community, since: datetime, until: datetime, series_id: int | None,
                      read: tuple[str, int, int, int]) -> tuple[list[Any], list[MemberFigures]]:
        """The report's rows: `read`'s columns, then the figures (see `_WHOLE`, `_LINE`)."""
        columns, n, start_at, duration_at = read
        where = (f"e.platform = ? AND e.guild_id = ? AND e.status = '{SCHEDULED}' AND e.starts_at >= ? "
                 f"AND e.starts_at < ? AND {_ENDS} <= ? AND (? IS NULL OR e.series_id = ?)")
        params = (community.platform, community.id, _unix(since), _unix(until), _unix(until), series_id, series_id)
        by_event, kept = await self._read_report(where, params, columns)
        # Ended events not counted yet: count and keep them, a batch per write unit (other writes
        # wait for the unit in progress only).
        settled = _unix(until - SETTLED)
        due = [r[0] for r in by_event if r[n] is None and r[start_at] + r[duration_at] * 60 <= settled]
        for start in range(0, len(due), _FREEZE_BATCH):
            batch = due[start:start + _FREEZE_BATCH]
            await self.db.write_sync(_freeze, f"{where} AND e.id IN ({','.join('?' * len(batch))})",
                                     (*params, *batch))
        if due:
            by_event, kept = await self._read_report(where, params, columns)
        missing = [r for r in by_event if r[n] is None]  # ended too recently to keep: counted now
        if not missing:
            return by_event, [MemberFigures(*r) for r in kept]
        live = {r[0]: r for r in await self.db.fetchall(_figures_sql(f"{where} AND {_UNFROZEN}", columns), params)}
        events = [live[r[0]] if r[n] is None else r for r in by_event]
        members = await self.db.fetchall(
            f"SELECT r.platform, r.user_id, max(r.display_name), {_MEMBER_COUNTS} {_JOINS} "
            f"WHERE {where} AND {_UNFROZEN} AND {_ANSWERED} GROUP BY r.platform, r.user_id", params)
        return events, merge_members(kept, members)

    async def report_marker(self, community: Community, since: datetime, until: datetime,
                            series_id: int | None = None) -> tuple[Any, ...]:
        """What `report` with the same arguments would answer, in brief (see the port): a few index
        seeks and the events of the last MAX_DURATION, never the whole period."""
        scope = (f"e.platform = ? AND e.guild_id = ? AND e.status = '{SCHEDULED}' "
                 "AND (? IS NULL OR e.series_id = ?)")
        who = (community.platform, community.id, series_id, series_id)
        bounds = await self.db.fetchone(
            "SELECT (SELECT counter FROM event_changes WHERE platform = ? AND guild_id = ?), "
            f"(SELECT min(e.starts_at) FROM events e WHERE {scope} AND e.starts_at >= ?), "
            f"(SELECT max(e.starts_at) FROM events e WHERE {scope} AND e.starts_at < ?)",
            (community.platform, community.id, *who, _unix(since), *who, _unix(until)))
        # the events of the last MAX_DURATION before `until` (none started earlier is still running)
        window = await self.db.fetchall(
            f"SELECT e.id, e.starts_at, {_ENDS} FROM events e WHERE {scope} AND e.starts_at >= ? AND e.starts_at < ?",
            (*who, _unix(until) - _LONGEST, _unix(until)))
        running, live_ids = split_window(window, _unix(since), _unix(until))
        live: list[Any] = []
        members: list[Any] = []
        if live_ids:  # ended less than SETTLED ago: counted afresh by the report
            where = f"e.id IN ({','.join('?' * len(live_ids))})"
            live = await self.db.fetchall(_figures_sql(where) + " ORDER BY e.id", live_ids)
            members = await self.db.fetchall(
                f"SELECT r.platform, r.user_id, max(r.display_name), {_MEMBER_COUNTS} {_JOINS} WHERE {where} "
                f"AND {_ANSWERED} GROUP BY r.platform, r.user_id ORDER BY r.platform, r.user_id", live_ids)
        return (*bounds, running, tuple(map(tuple, live)), tuple(map(tuple, members)))

    async def _read_report(self, where: str, params: tuple[Any, ...],
                           columns: str) -> tuple[list[Any], list[Any]]:
        """Kept figures: per event (NULL where none is kept yet), per member. Two independent reads,
        on two reader connections at once."""
        return await asyncio.gather(
            self.db.fetchall(f"SELECT {columns}, {_FIGURES} FROM events e LEFT JOIN event_figures f "
                             f"ON f.event_id = e.id WHERE {where} ORDER BY e.starts_at, e.id", params),
            self.db.fetchall(
                "SELECT a.platform, a.user_id, max(a.display_name), sum(a.going), sum(a.attended), sum(a.late), "
                "sum(a.going AND NOT a.attended) FROM event_attendance a INDEXED BY event_attendance_by_member "
                "WHERE a.event_platform = ? AND a.guild_id = ? AND a.starts_at >= ? AND a.starts_at < ? "
                "AND a.ends_at <= ? AND (? IS NULL OR a.series_id = ?) "
                "GROUP BY a.platform, a.user_id ORDER BY sum(a.attended) DESC, a.user_id", params))

    async def advance_windows(self, now: datetime) -> list[PhaseMove]:
        return await self.db.write_sync(_advance, now)

    async def next_window(self) -> datetime | None:
        value = await self.db.fetchval(f"SELECT min({_BOUNDARY}) FROM events e WHERE {_WINDOWED}")
        return None if value is None else _utc(value)

    async def claim_dm_note(self, event_id: int, offset_min: int, starts_at: datetime, closed: int,
                            now: datetime) -> bool:
        def unit(conn: sqlite3.Connection) -> bool:
            cur = conn.execute("INSERT OR IGNORE INTO event_dm_notes (event_id, offset_min, starts_at, closed, "
                               "posted_at) VALUES (?, ?, ?, ?, ?)",
                               (event_id, offset_min, _unix(starts_at), closed, _unix(now)))
            return cur.rowcount == 1
        return await self.db.write_sync(unit)
