"""Fact-checks on PostgreSQL: publishing (with the keys of every report of the case copied into
factcheck_claims), corrections, withdrawals, search, matching a new report, the matches marked on
cases, and the DMs and partner posts claimed before they are sent (migration 0004).

Publishing, correcting and withdrawing take a transaction-level advisory lock on the community, so
F-numbers are handed out one at a time across processes and a case gets one fact-check (the unique
constraints are the last line of defence); a correction or withdrawal locks the fact-check's row and
re-reads its status. DMs and partner posts are claimed by inserting their primary key (`ON CONFLICT
DO NOTHING`): whichever process inserts it sends, nobody else ever does.

Matching never scans fact-checks in Python: message, link and identical text are index lookups on
factcheck_claims; near-identical text is a pg_trgm similarity query (`norm_text % $1`, best first)
over a length window, and only those few candidates reach the domain's rapidfuzz decision. Search
is the generated tsvector over the claim and the summary, looked up with `baithak_tsquery` per term.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

import asyncpg

from bot.domain.errors import DomainError
from bot.domain.factchecks import PUBLISHED, WITHDRAWN, ClaimKeys, Correction, Draft, FactCheck
from bot.domain.identity import Community, Member, MessageRef, Place
from bot.domain.report_duplicates import MAX_CANDIDATES, Candidate, best_match, length_window
from bot.domain.reports import Case
from bot.domain.resource_search import SearchQuery, search_text
from bot.storage.postgres.database import Database

Conn = asyncpg.Connection


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _dt(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, timezone.utc)


def _scope(communities: Sequence[Community]) -> tuple[list[str], list[int]]:
    """The communities as two parallel arrays, for `(f.platform, f.guild_id) IN (SELECT * FROM
    unnest($a::text[], $b::bigint[]))`."""
    return [c.platform for c in communities], [c.id for c in communities]


_IN_SCOPE = "(f.platform, f.guild_id) IN (SELECT * FROM unnest(${a}::text[], ${b}::bigint[]))"


def _in_scope(a: int, b: int) -> str:
    return _IN_SCOPE.format(a=a, b=b)


def _row(row: Any, corrections: Iterable[Correction] = ()) -> FactCheck:
    return FactCheck(
        id=row["id"], community=Community(row["platform"], row["guild_id"]), number=row["number"],
        case_id=row["case_id"], verdict=row["verdict"], claim=row["claim"], summary=row["summary"],
        sources=tuple(s for s in row["sources"].split("\n") if s), language=row["language"],
        status=row["status"], published_by=row["published_by"],
        published_at=_dt(row["published_at"]),  # type: ignore[arg-type]
        withdrawn_at=_dt(row["withdrawn_at"]), withdraw_reason=row["withdraw_reason"],
        post_channel_id=row["post_channel_id"], post_message_id=row["post_message_id"],
        corrections=tuple(corrections))


async def _lock(conn: Conn, platform: str, guild_id: int) -> None:
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended('baithak:factchecks:' || $1 || ':' || $2, 0))",
        platform, str(guild_id))


async def _publish(conn: Conn, case: Case, draft: Draft, claim: str, language: str, actor_id: int,
                   at: int) -> int:
    await _lock(conn, case.platform, case.guild_id)
    if await conn.fetchval("SELECT 1 FROM factchecks WHERE case_id = $1", case.id) is not None:
        raise DomainError("factcheck.already_published", ref=case.ref)
    try:
        fc_id = await conn.fetchval("""
            INSERT INTO factchecks (platform, guild_id, number, case_id, verdict, claim, summary, sources,
                language, status, published_by, published_at, search_claim, search_summary)
            SELECT $1, $2, COALESCE(max(number), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
            FROM factchecks WHERE platform = $1 AND guild_id = $2
            RETURNING id""",
            case.platform, case.guild_id, case.id, draft.verdict, claim, draft.summary, "\n".join(draft.sources),
            language, PUBLISHED, actor_id, at, search_text(claim), search_text(draft.summary))
    except asyncpg.UniqueViolationError as exc:
        if exc.constraint_name == "factchecks_case":
            raise DomainError("factcheck.already_published", ref=case.ref) from None
        raise
    rows = await conn.fetch("""
        SELECT DISTINCT CASE WHEN i.message_id IS NULL THEN NULL
                  ELSE c.platform || ':' || COALESCE(i.channel_id, 0)::text || ':' || i.message_id::text END
                  AS message_key,
               i.link_key, i.text_hash, i.norm_text
        FROM report_intake i JOIN report_cases c ON c.id = i.case_id WHERE i.case_id = $1""", case.id)
    claims = []
    for message_key, link_key, text_hash, norm_text in rows:
        if message_key is None and link_key is None and text_hash is None:
            continue
        claims.append((fc_id, message_key, link_key, text_hash, norm_text if text_hash else None,
                       len(norm_text or "") if text_hash else 0))
    if claims:
        await conn.executemany("""
            INSERT INTO factcheck_claims (factcheck_id, message_key, link_key, text_hash, norm_text, norm_len)
            VALUES ($1, $2, $3, $4, $5, $6)""", claims)
    return int(fc_id)


async def _locked_published(conn: Conn, fc: FactCheck) -> None:
    await _lock(conn, fc.community.platform, fc.community.id)
    status = await conn.fetchval("SELECT status FROM factchecks WHERE id = $1 FOR UPDATE", fc.id)
    if status != PUBLISHED:
        raise DomainError("factcheck.withdrawn_already", ref=fc.ref)


async def _correct(conn: Conn, fc: FactCheck, note: str, verdict: str, actor_id: int, at: int) -> int:
    await _locked_published(conn, fc)
    await conn.execute("UPDATE factchecks SET verdict = $1 WHERE id = $2", verdict, fc.id)
    old = await conn.fetchval("SELECT new_verdict FROM factcheck_corrections WHERE factcheck_id = $1 "
                              "ORDER BY id DESC LIMIT 1", fc.id)
    created = await conn.fetchval("""
        INSERT INTO factcheck_corrections (factcheck_id, note, old_verdict, new_verdict, by_id, at)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""",
        fc.id, note, old if old is not None else fc.verdict, verdict, actor_id, at)
    return int(created)


async def _withdraw(conn: Conn, fc: FactCheck, reason: str, actor_id: int, at: int) -> None:
    await _locked_published(conn, fc)
    await conn.execute("""
        UPDATE factchecks SET status = $1, withdrawn_by = $2, withdrawn_at = $3, withdraw_reason = $4
        WHERE id = $5""", WITHDRAWN, actor_id, at, reason, fc.id)


async def _similar(conn: Conn, normalised: str, platforms: list[str], ids: list[int]) -> list[Candidate]:
    """Claims of published fact-checks in scope whose text is trigram-similar to `normalised` (the
    GIN index answers `%`), best first, inside the length window the domain's cutoff allows."""
    low, high = length_window(normalised)
    rows = await conn.fetch(f"""
        SELECT x.factcheck_id, x.norm_text FROM factcheck_claims x
        JOIN factchecks f ON f.id = x.factcheck_id
        WHERE x.norm_text % $1 AND x.norm_len BETWEEN $2 AND $3 AND f.status = $4 AND {_in_scope(5, 6)}
        ORDER BY similarity(x.norm_text, $1) DESC, f.published_at DESC, x.id DESC LIMIT $7""",
        normalised, low, high, PUBLISHED, platforms, ids, MAX_CANDIDATES)
    return [Candidate(r[0], r[1]) for r in rows]


async def _match(conn: Conn, keys: ClaimKeys, communities: Sequence[Community]) -> int | None:
    platforms, ids = _scope(communities)
    for column, value in (("message_key", keys.message_key), ("link_key", keys.link_key),
                          ("text_hash", keys.text_hash)):
        if value is None:
            continue
        found = await conn.fetchval(f"""
            SELECT f.id FROM factcheck_claims x JOIN factchecks f ON f.id = x.factcheck_id
            WHERE x.{column} = $1 AND f.status = $2 AND {_in_scope(3, 4)}
            ORDER BY f.published_at DESC, f.id DESC LIMIT 1""", value, PUBLISHED, platforms, ids)
        if found is not None:
            return int(found)
    if keys.text_hash is None or not keys.normalised:
        return None
    return best_match(keys.normalised, await _similar(conn, keys.normalised, platforms, ids))


class PostgresFactchecksRepository:
    """Implements `bot.ports.factchecks.FactchecksRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- writing ----------------------------------------------------------------------------------
    async def publish(self, case: Case, draft: Draft, *, claim: str, language: str, actor_id: int,
                      now: datetime) -> FactCheck:
        at = _ts(now)
        fc_id = await self.db.write(lambda conn: _publish(conn, case, draft, claim, language, actor_id, at))
        fc = await self.get(fc_id)
        assert fc is not None
        return fc

    async def correct(self, fc: FactCheck, *, note: str, verdict: str, actor_id: int, now: datetime) -> int:
        at = _ts(now)
        return await self.db.write(lambda conn: _correct(conn, fc, note, verdict, actor_id, at))

    async def withdraw(self, fc: FactCheck, *, reason: str, actor_id: int, now: datetime) -> None:
        at = _ts(now)
        await self.db.write(lambda conn: _withdraw(conn, fc, reason, actor_id, at))

    async def set_post(self, fc_id: int, ref: MessageRef) -> None:
        await self.db.execute("UPDATE factchecks SET post_channel_id = $1, post_message_id = $2 WHERE id = $3",
                              ref.place.id, ref.id, fc_id)

    # -- reading ----------------------------------------------------------------------------------
    async def _corrections(self, fc_id: int) -> list[Correction]:
        rows = await self.db.fetch(
            "SELECT * FROM factcheck_corrections WHERE factcheck_id = $1 ORDER BY id", fc_id)
        return [Correction(r["id"], r["note"], r["old_verdict"], r["new_verdict"], r["by_id"],
                           _dt(r["at"])) for r in rows]  # type: ignore[arg-type]

    async def get(self, fc_id: int) -> FactCheck | None:
        row = await self.db.fetchrow("SELECT * FROM factchecks WHERE id = $1", fc_id)
        return None if row is None else _row(row, await self._corrections(fc_id))

    async def get_by_number(self, community: Community, number: int) -> FactCheck | None:
        fc_id = await self.db.fetchval(
            "SELECT id FROM factchecks WHERE platform = $1 AND guild_id = $2 AND number = $3",
            community.platform, community.id, number)
        return None if fc_id is None else await self.get(fc_id)

    async def by_case(self, case_id: int) -> FactCheck | None:
        fc_id = await self.db.fetchval("SELECT id FROM factchecks WHERE case_id = $1", case_id)
        return None if fc_id is None else await self.get(fc_id)

    async def listing(self, communities: Sequence[Community], *, verdict: str | None = None,
                      limit: int = 10) -> list[FactCheck]:
        """Published fact-checks of `communities`, newest first."""
        platforms, ids = _scope(communities)
        rows = await self.db.fetch(
            f"""SELECT f.* FROM factchecks f WHERE f.status = $1 AND {_in_scope(2, 3)}
                AND ($4::text IS NULL OR f.verdict = $4)
                ORDER BY f.published_at DESC, f.id DESC LIMIT $5""",
            PUBLISHED, platforms, ids, verdict, limit)
        return [_row(r) for r in rows]

    async def search(self, communities: Sequence[Community], query: SearchQuery, *,
                     limit: int = 10) -> list[FactCheck]:
        """Published fact-checks of `communities` whose claim or summary hold every term (or, when
        none holds them all, any), best first."""
        if not communities or not query.terms:
            return []
        platforms, ids = _scope(communities)
        terms = list(query.terms)
        k = len(terms)
        for joiner in (" && ", " || "):
            tsquery = joiner.join(f"baithak_tsquery(${n})" for n in range(1, k + 1))
            rows = await self.db.fetch(
                f"""SELECT f.*, ts_rank(f.search, q.q) AS rank
                    FROM (SELECT ({tsquery}) AS q) q, factchecks f
                    WHERE f.search @@ q.q AND f.status = ${k + 1} AND {_in_scope(k + 2, k + 3)}
                    ORDER BY rank DESC, f.id DESC LIMIT ${k + 4}""",
                *terms, PUBLISHED, platforms, ids, limit)
            if rows or k == 1:
                return [_row(r) for r in rows]
        return []

    async def since(self, community: Community, start: datetime, end: datetime) -> list[FactCheck]:
        """Fact-checks the community published in [start, end) and has not withdrawn."""
        rows = await self.db.fetch(
            """SELECT * FROM factchecks WHERE platform = $1 AND guild_id = $2 AND status = $3
               AND published_at >= $4 AND published_at < $5 ORDER BY published_at, id""",
            community.platform, community.id, PUBLISHED, _ts(start), _ts(end))
        return [_row(r) for r in rows]

    # -- matching reports -------------------------------------------------------------------------
    async def match(self, keys: ClaimKeys, communities: Sequence[Community]) -> FactCheck | None:
        """The published fact-check of `communities` a report with `keys` matches, or None."""
        if not communities:
            return None
        async with self.db.pool.acquire() as conn:
            fc_id = await _match(conn, keys, list(communities))
        return None if fc_id is None else await self.get(fc_id)

    async def mark_match(self, case_id: int, fc_id: int, now: datetime) -> bool:
        """Mark a case as answered at intake by a fact-check; False when it was marked already."""
        at = _ts(now)

        async def run(conn: Conn) -> bool:
            return bool(await conn.fetchval(
                "INSERT INTO factcheck_matches (case_id, factcheck_id, matched_at) VALUES ($1, $2, $3) "
                "ON CONFLICT (case_id) DO NOTHING RETURNING TRUE", case_id, fc_id, at))

        return await self.db.write(run)

    async def match_of(self, case_id: int) -> int | None:
        """The fact-check marked on a case, if any."""
        return await self.db.fetchval("SELECT factcheck_id FROM factcheck_matches WHERE case_id = $1", case_id)

    async def mark_answered(self, case_id: int, actor_id: int, now: datetime) -> None:
        await self.db.execute("UPDATE factcheck_matches SET answered_by = $1, answered_at = $2 "
                              "WHERE case_id = $3 AND answered_at IS NULL", actor_id, _ts(now), case_id)

    async def answered_count(self, community: Community, since: datetime) -> int:
        """Cases of the community closed as answered by a fact-check since `since`."""
        return int(await self.db.fetchval(
            """SELECT count(*) FROM factcheck_matches m JOIN report_cases c ON c.id = m.case_id
               WHERE c.platform = $1 AND c.guild_id = $2 AND m.answered_at >= $3""",
            community.platform, community.id, _ts(since)) or 0)

    # -- who is told ------------------------------------------------------------------------------
    _REPORTS_OF = """SELECT case_id FROM factchecks WHERE id = $1
                     UNION SELECT case_id FROM factcheck_matches WHERE factcheck_id = $1"""

    async def reporters(self, fc_id: int) -> list[Member]:
        """Every reporter of the fact-check's case and of the cases it answered, once each, in the
        order they first reported."""
        rows = await self.db.fetch(
            f"""SELECT reporter_platform, reporter_id FROM report_intake
                WHERE case_id IN ({self._REPORTS_OF})
                GROUP BY reporter_platform, reporter_id ORDER BY min(id)""", fc_id)
        return [Member(r[0], r[1]) for r in rows]

    async def reporter_communities(self, fc_id: int) -> dict[Member, Community]:
        """The community each reporter of `reporters(fc_id)` reported in (their latest report)."""
        rows = await self.db.fetch(
            f"""SELECT i.reporter_platform, i.reporter_id, c.platform, c.guild_id FROM report_intake i
                JOIN report_cases c ON c.id = i.case_id
                WHERE i.case_id IN ({self._REPORTS_OF})
                ORDER BY i.id""", fc_id)
        return {Member(r[0], r[1]): Community(r[2], r[3]) for r in rows}

    async def claim_notices(self, fc_id: int, revision: str, members: Sequence[Member],
                            now: datetime) -> list[Member]:
        """Claim the DMs of `revision` before sending: each member is returned once, ever (by one
        process)."""
        if not members:
            return []
        at = _ts(now)

        async def run(conn: Conn) -> list[Member]:
            rows = await conn.fetch(
                """INSERT INTO factcheck_notices (factcheck_id, revision, platform, member_id, sent_at)
                   SELECT $1, $2, m.platform, m.id, $3
                   FROM unnest($4::text[], $5::bigint[]) WITH ORDINALITY AS m (platform, id, n)
                   ORDER BY m.n
                   ON CONFLICT DO NOTHING RETURNING platform, member_id""",
                fc_id, revision, at, [m.platform for m in members], [m.id for m in members])
            claimed = {(r[0], r[1]) for r in rows}
            out, seen = [], set()
            for m in members:          # the caller's order, each member once
                key = (m.platform, m.id)
                if key in claimed and key not in seen:
                    seen.add(key)
                    out.append(m)
            return out

        return await self.db.write(run)

    async def mark_notices(self, fc_id: int, revision: str, delivered: dict[Member, bool]) -> None:
        if not delivered:
            return

        async def run(conn: Conn) -> None:
            await conn.executemany("""UPDATE factcheck_notices SET delivered = $1 WHERE factcheck_id = $2
                AND revision = $3 AND platform = $4 AND member_id = $5""",
                [(bool(ok), fc_id, revision, m.platform, m.id) for m, ok in delivered.items()])

        await self.db.write(run)

    async def claim_share(self, fc_id: int, community: Community, now: datetime) -> bool:
        """Claim the post of a fact-check in a partner community; False when it was posted already."""
        at = _ts(now)

        async def run(conn: Conn) -> bool:
            return bool(await conn.fetchval(
                """INSERT INTO factcheck_shares (factcheck_id, platform, guild_id, posted_at)
                   VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING TRUE""",
                fc_id, community.platform, community.id, at))

        return await self.db.write(run)

    async def set_share_post(self, fc_id: int, community: Community, ref: MessageRef) -> None:
        await self.db.execute("""UPDATE factcheck_shares SET channel_id = $1, message_id = $2
            WHERE factcheck_id = $3 AND platform = $4 AND guild_id = $5""",
            ref.place.id, ref.id, fc_id, community.platform, community.id)

    async def share_posts(self, fc_id: int) -> list[tuple[Community, MessageRef]]:
        """Where partners got the fact-check posted: (partner, post)."""
        rows = await self.db.fetch("""SELECT platform, guild_id, channel_id, message_id FROM factcheck_shares
            WHERE factcheck_id = $1 AND message_id IS NOT NULL ORDER BY posted_at, platform, guild_id""", fc_id)
        return [(Community(r[0], r[1]), MessageRef(Place(r[0], r[2]), r[3])) for r in rows]
