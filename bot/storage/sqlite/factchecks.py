"""Fact-checks in SQLite: publishing (with the keys of every report of the case copied into
factcheck_claims), corrections, withdrawals, search, matching a new report, the matches marked on
cases, and the DMs and partner posts claimed before they are sent.

Matching never scans fact-checks in Python: message, link and identical text are index lookups on
factcheck_claims; near-identical text narrows factcheck_claim_fts with the text's rarest terms
(factcheck_terms) and a length window, and only those few candidates reach rapidfuzz.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Iterable, Sequence

from bot.domain.errors import DomainError
from bot.domain.factchecks import (
    PUBLISHED,
    WITHDRAWN,
    ClaimKeys,
    Correction,
    Draft,
    FactCheck,
)
from bot.domain.identity import Community, Member, MessageRef, Place
from bot.domain.report_duplicates import (
    MAX_CANDIDATES,
    Candidate,
    best_match,
    fts_query,
    length_window,
    rarest_terms,
    terms,
)
from bot.domain.resource_search import SearchQuery, search_text
from bot.domain.reports import Case
from bot.storage.sqlite.database import Database

_MAX_LOOKUP_TERMS = 64


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _dt(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, timezone.utc)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _scope(communities: Sequence[Community]) -> tuple[str, list[object]]:
    """`(f.platform, f.guild_id) IN (VALUES ...)` for the communities (never empty)."""
    marks = ", ".join("(?, ?)" for _ in communities) or "(NULL, NULL)"
    params: list[object] = []
    for c in communities:
        params += [c.platform, c.id]
    return f"(f.platform, f.guild_id) IN (VALUES {marks})", params


def _row(row: sqlite3.Row, corrections: Iterable[Correction] = ()) -> FactCheck:
    return FactCheck(
        id=row["id"], community=Community(row["platform"], row["guild_id"]), number=row["number"],
        case_id=row["case_id"], verdict=row["verdict"], claim=row["claim"], summary=row["summary"],
        sources=tuple(s for s in row["sources"].split("\n") if s), language=row["language"],
        status=row["status"], published_by=row["published_by"],
        published_at=_dt(row["published_at"]),  # type: ignore[arg-type]
        withdrawn_at=_dt(row["withdrawn_at"]), withdraw_reason=row["withdraw_reason"],
        post_channel_id=row["post_channel_id"], post_message_id=row["post_message_id"],
        corrections=tuple(corrections))


def _publish(conn: sqlite3.Connection, case: Case, draft: Draft, claim: str, language: str,
             actor_id: int, at: int) -> int:
    try:
        created = conn.execute("""
            INSERT INTO factchecks (platform, guild_id, number, case_id, verdict, claim, summary, sources,
                language, status, published_by, published_at)
            SELECT ?, ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?
            FROM factchecks WHERE platform = ? AND guild_id = ?
            RETURNING id""",
            (case.platform, case.guild_id, case.id, draft.verdict, claim, draft.summary,
             "\n".join(draft.sources), language, PUBLISHED, actor_id, at, case.platform,
             case.guild_id)).fetchone()
    except sqlite3.IntegrityError:
        raise DomainError("factcheck.already_published", ref=case.ref) from None
    fc_id = int(created[0])
    conn.execute("INSERT INTO factcheck_fts (rowid, claim, summary) VALUES (?, ?, ?)",
                 (fc_id, search_text(claim), search_text(draft.summary)))
    rows = conn.execute("""
        SELECT DISTINCT CASE WHEN i.message_id IS NULL THEN NULL
                  ELSE c.platform || ':' || COALESCE(i.channel_id, 0) || ':' || i.message_id END,
               i.link_key, i.text_hash, i.norm_text
        FROM report_intake i JOIN report_cases c ON c.id = i.case_id WHERE i.case_id = ?""",
        (case.id,)).fetchall()
    seen_text: set[str] = set()
    for message_key, link_key, text_hash, norm_text in rows:
        if message_key is None and link_key is None and text_hash is None:
            continue
        cur = conn.execute("""
            INSERT INTO factcheck_claims (factcheck_id, message_key, link_key, text_hash, norm_text, norm_len)
            VALUES (?, ?, ?, ?, ?, ?)""",
            (fc_id, message_key, link_key, text_hash, norm_text if text_hash else None,
             len(norm_text or "") if text_hash else 0))
        if text_hash and norm_text and text_hash not in seen_text:
            seen_text.add(text_hash)
            conn.execute("INSERT INTO factcheck_claim_fts (rowid, body) VALUES (?, ?)", (cur.lastrowid, norm_text))
            conn.executemany(
                "INSERT INTO factcheck_terms (term, docs) VALUES (?, 1) "
                "ON CONFLICT (term) DO UPDATE SET docs = docs + 1",
                [(term,) for term in terms(norm_text)])
    return fc_id


def _correct(conn: sqlite3.Connection, fc: FactCheck, note: str, verdict: str, actor_id: int, at: int) -> int:
    cur = conn.execute("UPDATE factchecks SET verdict = ? WHERE id = ? AND status = ?",
                       (verdict, fc.id, PUBLISHED))
    if cur.rowcount != 1:
        raise DomainError("factcheck.withdrawn_already", ref=fc.ref)
    old = conn.execute("SELECT new_verdict FROM factcheck_corrections WHERE factcheck_id = ? ORDER BY id DESC",
                       (fc.id,)).fetchone()
    created = conn.execute("""
        INSERT INTO factcheck_corrections (factcheck_id, note, old_verdict, new_verdict, by_id, at)
        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""",
        (fc.id, note, old[0] if old else fc.verdict, verdict, actor_id, at)).fetchone()
    return int(created[0])


def _withdraw(conn: sqlite3.Connection, fc: FactCheck, reason: str, actor_id: int, at: int) -> None:
    cur = conn.execute("""
        UPDATE factchecks SET status = ?, withdrawn_by = ?, withdrawn_at = ?, withdraw_reason = ?
        WHERE id = ? AND status = ?""", (WITHDRAWN, actor_id, at, reason, fc.id, PUBLISHED))
    if cur.rowcount != 1:
        raise DomainError("factcheck.withdrawn_already", ref=fc.ref)


def _similar(conn: sqlite3.Connection, normalised: str, scope: str, params: list[object]) -> list[Candidate]:
    words = terms(normalised)[:_MAX_LOOKUP_TERMS]
    if not words:
        return []
    marks = ",".join("?" * len(words))
    counts = {r[0]: r[1] for r in conn.execute(
        f"SELECT term, docs FROM factcheck_terms WHERE term IN ({marks})", words)}
    query = fts_query(rarest_terms(counts))
    if query is None:
        return []
    low, high = length_window(normalised)
    rows = conn.execute(f"""
        SELECT x.factcheck_id, x.norm_text FROM factcheck_claim_fts t
        JOIN factcheck_claims x ON x.id = t.rowid
        JOIN factchecks f ON f.id = x.factcheck_id
        WHERE factcheck_claim_fts MATCH ? AND x.norm_len BETWEEN ? AND ? AND f.status = ? AND {scope}
        ORDER BY t.rank LIMIT ?""",
        (query, low, high, PUBLISHED, *params, MAX_CANDIDATES)).fetchall()
    return [Candidate(r[0], r[1]) for r in rows]


def _match(conn: sqlite3.Connection, keys: ClaimKeys, communities: Sequence[Community]) -> int | None:
    scope, params = _scope(communities)
    for column, value in (("message_key", keys.message_key), ("link_key", keys.link_key),
                          ("text_hash", keys.text_hash)):
        if value is None:
            continue
        row = conn.execute(f"""
            SELECT f.id FROM factcheck_claims x JOIN factchecks f ON f.id = x.factcheck_id
            WHERE x.{column} = ? AND f.status = ? AND {scope}
            ORDER BY f.published_at DESC LIMIT 1""", (value, PUBLISHED, *params)).fetchone()
        if row is not None:
            return int(row[0])
    if keys.text_hash is None or not keys.normalised:
        return None
    return best_match(keys.normalised, _similar(conn, keys.normalised, scope, params))


class SqliteFactchecksRepository:
    """Implements `bot.ports.factchecks.FactchecksRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- writing ----------------------------------------------------------------------------------
    async def publish(self, case: Case, draft: Draft, *, claim: str, language: str, actor_id: int,
                      now: datetime) -> FactCheck:
        fc_id = await self.db.write_sync(_publish, case, draft, claim, language, actor_id, _ts(now))
        fc = await self.get(fc_id)
        assert fc is not None
        return fc

    async def correct(self, fc: FactCheck, *, note: str, verdict: str, actor_id: int, now: datetime) -> int:
        return await self.db.write_sync(_correct, fc, note, verdict, actor_id, _ts(now))

    async def withdraw(self, fc: FactCheck, *, reason: str, actor_id: int, now: datetime) -> None:
        await self.db.write_sync(_withdraw, fc, reason, actor_id, _ts(now))

    async def set_post(self, fc_id: int, ref: MessageRef) -> None:
        await self.db.execute("UPDATE factchecks SET post_channel_id = ?, post_message_id = ? WHERE id = ?",
                              (ref.place.id, ref.id, fc_id))

    # -- reading ----------------------------------------------------------------------------------
    async def _corrections(self, fc_id: int) -> list[Correction]:
        rows = await self.db.fetchall(
            "SELECT * FROM factcheck_corrections WHERE factcheck_id = ? ORDER BY id", (fc_id,))
        return [Correction(r["id"], r["note"], r["old_verdict"], r["new_verdict"], r["by_id"],
                           _dt(r["at"])) for r in rows]  # type: ignore[arg-type]

    async def get(self, fc_id: int) -> FactCheck | None:
        row = await self.db.fetchone("SELECT * FROM factchecks WHERE id = ?", (fc_id,))
        return None if row is None else _row(row, await self._corrections(fc_id))

    async def get_by_number(self, community: Community, number: int) -> FactCheck | None:
        row = await self.db.fetchone("SELECT id FROM factchecks WHERE platform = ? AND guild_id = ? AND number = ?",
                                     (community.platform, community.id, number))
        return None if row is None else await self.get(row[0])

    async def by_case(self, case_id: int) -> FactCheck | None:
        row = await self.db.fetchone("SELECT id FROM factchecks WHERE case_id = ?", (case_id,))
        return None if row is None else await self.get(row[0])

    async def listing(self, communities: Sequence[Community], *, verdict: str | None = None,
                      limit: int = 10) -> list[FactCheck]:
        """Published fact-checks of `communities`, newest first."""
        scope, params = _scope(communities)
        extra = "" if verdict is None else "AND f.verdict = ?"
        rows = await self.db.fetchall(
            f"""SELECT f.* FROM factchecks f WHERE f.status = ? AND {scope} {extra}
                ORDER BY f.published_at DESC, f.id DESC LIMIT ?""",
            (PUBLISHED, *params, *([verdict] if verdict else []), limit))
        return [_row(r) for r in rows]

    async def search(self, communities: Sequence[Community], query: SearchQuery, *,
                     limit: int = 10) -> list[FactCheck]:
        """Published fact-checks of `communities` whose claim or summary hold every term (or, when
        none holds them all, any), best first."""
        scope, params = _scope(communities)
        for joiner in (" ", " OR "):
            expression = joiner.join(_quote(t) for t in query.terms)
            rows = await self.db.fetchall(
                f"""SELECT f.* FROM factcheck_fts JOIN factchecks f ON f.id = factcheck_fts.rowid
                    WHERE factcheck_fts MATCH ? AND f.status = ? AND {scope}
                    ORDER BY factcheck_fts.rank LIMIT ?""", (expression, PUBLISHED, *params, limit))
            if rows or len(query.terms) == 1:
                return [_row(r) for r in rows]
        return []

    async def since(self, community: Community, start: datetime, end: datetime) -> list[FactCheck]:
        """Fact-checks the community published in [start, end) and has not withdrawn."""
        rows = await self.db.fetchall(
            """SELECT * FROM factchecks WHERE platform = ? AND guild_id = ? AND status = ?
               AND published_at >= ? AND published_at < ? ORDER BY published_at""",
            (community.platform, community.id, PUBLISHED, _ts(start), _ts(end)))
        return [_row(r) for r in rows]

    # -- matching reports -------------------------------------------------------------------------
    async def match(self, keys: ClaimKeys, communities: Sequence[Community]) -> FactCheck | None:
        """The published fact-check of `communities` a report with `keys` matches, or None."""
        if not communities:
            return None
        async with self.db.reader() as reader:
            fc_id = await reader.run(_match, keys, list(communities))
        return None if fc_id is None else await self.get(fc_id)

    async def mark_match(self, case_id: int, fc_id: int, now: datetime) -> bool:
        """Mark a case as answered at intake by a fact-check; False when it was marked already."""
        def run(conn: sqlite3.Connection) -> bool:
            cur = conn.execute("INSERT OR IGNORE INTO factcheck_matches (case_id, factcheck_id, matched_at) "
                               "VALUES (?, ?, ?)", (case_id, fc_id, _ts(now)))
            return cur.rowcount == 1
        return await self.db.write_sync(run)

    async def match_of(self, case_id: int) -> int | None:
        """The fact-check marked on a case, if any."""
        return await self.db.fetchval("SELECT factcheck_id FROM factcheck_matches WHERE case_id = ?", (case_id,))

    async def mark_answered(self, case_id: int, actor_id: int, now: datetime) -> None:
        await self.db.execute("UPDATE factcheck_matches SET answered_by = ?, answered_at = ? "
                              "WHERE case_id = ? AND answered_at IS NULL", (actor_id, _ts(now), case_id))

    async def answered_count(self, community: Community, since: datetime) -> int:
        """Cases of the community closed as answered by a fact-check since `since`."""
        return int(await self.db.fetchval(
            """SELECT COUNT(*) FROM factcheck_matches m JOIN report_cases c ON c.id = m.case_id
               WHERE c.platform = ? AND c.guild_id = ? AND m.answered_at >= ?""",
            (community.platform, community.id, _ts(since))) or 0)

    # -- who is told ------------------------------------------------------------------------------
    async def reporters(self, fc_id: int) -> list[Member]:
        """Every reporter of the fact-check's case and of the cases it answered, once each."""
        rows = await self.db.fetchall(
            """SELECT DISTINCT i.reporter_platform, i.reporter_id FROM report_intake i
               WHERE i.case_id IN (SELECT case_id FROM factchecks WHERE id = ?1
                                   UNION SELECT case_id FROM factcheck_matches WHERE factcheck_id = ?1)
               ORDER BY i.id""", (fc_id,))
        return [Member(r[0], r[1]) for r in rows]

    async def reporter_communities(self, fc_id: int) -> dict[Member, Community]:
        """The community each reporter of `reporters(fc_id)` reported in (their latest report)."""
        rows = await self.db.fetchall(
            """SELECT i.reporter_platform, i.reporter_id, c.platform, c.guild_id FROM report_intake i
               JOIN report_cases c ON c.id = i.case_id
               WHERE i.case_id IN (SELECT case_id FROM factchecks WHERE id = ?1
                                   UNION SELECT case_id FROM factcheck_matches WHERE factcheck_id = ?1)
               ORDER BY i.id""", (fc_id,))
        return {Member(r[0], r[1]): Community(r[2], r[3]) for r in rows}

    async def claim_notices(self, fc_id: int, revision: str, members: Sequence[Member],
                            now: datetime) -> list[Member]:
        """Claim the DMs of `revision` before sending: each member is returned once, ever."""
        def run(conn: sqlite3.Connection) -> list[Member]:
            claimed = []
            for m in members:
                cur = conn.execute("""INSERT OR IGNORE INTO factcheck_notices
                    (factcheck_id, revision, platform, member_id, sent_at) VALUES (?, ?, ?, ?, ?)""",
                    (fc_id, revision, m.platform, m.id, _ts(now)))
                if cur.rowcount == 1:
                    claimed.append(m)
            return claimed
        return await self.db.write_sync(run)

    async def mark_notices(self, fc_id: int, revision: str, delivered: dict[Member, bool]) -> None:
        def run(conn: sqlite3.Connection) -> None:
            conn.executemany("""UPDATE factcheck_notices SET delivered = ? WHERE factcheck_id = ?
                AND revision = ? AND platform = ? AND member_id = ?""",
                [(int(ok), fc_id, revision, m.platform, m.id) for m, ok in delivered.items()])
        await self.db.write_sync(run)

    async def claim_share(self, fc_id: int, community: Community, now: datetime) -> bool:
        """Claim the post of a fact-check in a partner community; False when it was posted already."""
        def run(conn: sqlite3.Connection) -> bool:
            return conn.execute("""INSERT OR IGNORE INTO factcheck_shares (factcheck_id, platform, guild_id,
                posted_at) VALUES (?, ?, ?, ?)""", (fc_id, community.platform, community.id, _ts(now))).rowcount == 1
        return await self.db.write_sync(run)

    async def set_share_post(self, fc_id: int, community: Community, ref: MessageRef) -> None:
        await self.db.execute("""UPDATE factcheck_shares SET channel_id = ?, message_id = ?
            WHERE factcheck_id = ? AND platform = ? AND guild_id = ?""",
            (ref.place.id, ref.id, fc_id, community.platform, community.id))

    async def share_posts(self, fc_id: int) -> list[tuple[Community, MessageRef]]:
        """Where partners got the fact-check posted: (partner, post)."""
        rows = await self.db.fetchall("""SELECT platform, guild_id, channel_id, message_id FROM factcheck_shares
            WHERE factcheck_id = ? AND message_id IS NOT NULL""", (fc_id,))
        return [(Community(r[0], r[1]), MessageRef(Place(r[0], r[2]), r[3])) for r in rows]
