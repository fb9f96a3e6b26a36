"""The resource library on PostgreSQL: resources, their tags and votes, and full-text search.

Search runs over the `search` tsvector the schema generates (migrations 0001/0002) from the
`search_*` columns written here with the same folding as the SQLite side
(`bot.domain.resource_search.search_text`): English stemmed and as written, Urdu as written, Latin
accents folded. The vector is NULL unless the resource is published, so search can never find a
pending, rejected or removed one. A query asks for each term's spellings as the SQLite driver does
(`bot.storage.postgres.search`: prefixes, compounds, ھ/ہ, Roman Urdu), user words only ever reaching
it as quoted lexemes in bound parameters.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable

import asyncpg

from bot.domain.errors import DomainError
from bot.domain.identity import Community, Member, MessageRef
from bot.domain.resource_search import MARK_END, MARK_START, SearchQuery, search_text
from bot.domain.resources import (IN_LIBRARY, PENDING, PUBLISHED, REJECTED, REMOVED, NewResource, Resource,
                                  SearchHit, already_decided, check_duplicate)
from bot.storage.postgres.search import tsquery_sql
from bot.storage.postgres.database import Database, like_escape

SNIPPET_WORDS = 16
_HEADLINE = (f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords={SNIPPET_WORDS}, MinWords=6, '
             'ShortWord=0, MaxFragments=1, FragmentDelimiter="…"')
Conn = asyncpg.Connection


def _unix(moment: datetime) -> int:
    return int(moment.timestamp())


def _moment(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def _row_to_resource(row: Any) -> Resource:
    return Resource(
        id=row["id"], guild_id=row["guild_id"], url=row["url"], url_key=row["url_key"],
        title=row["title"], description=row["description"],
        tags=tuple(t for t in row["tags"].split(",") if t), author_id=row["author_id"],
        status=row["status"], upvotes=row["upvotes"], created_at=_moment(row["created_at"]),
        decided_by=row["decided_by"], decision_reason=row["decision_reason"],
        post_channel_id=row["post_channel_id"], post_message_id=row["post_message_id"],
        review_channel_id=row["review_channel_id"], review_message_id=row["review_message_id"],
        platform=row["platform"],
    )


_INSERT = """INSERT INTO resources (platform, guild_id, url, url_key, title, description, tags, author_id,
                 status, created_at, search_title, search_tags, search_description)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"""


def _values(new: NewResource) -> tuple[Any, ...]:
    return (new.platform, new.guild_id, new.url, new.url_key, new.title, new.description, ",".join(new.tags),
            new.author_id, new.status, _unix(new.created_at), search_text(new.title),
            search_text(" ".join(new.tags)), search_text(new.description))


async def _add(conn: Conn, new: NewResource) -> Resource:
    # The partial unique index (one live copy of a link per community) decides between concurrent
    # shares: the second insert waits for the first to commit, then conflicts and inserts nothing.
    while True:
        row = await conn.fetchrow(_INSERT + " ON CONFLICT (platform, guild_id, url_key) "
                                  "WHERE status IN ('pending', 'published') DO NOTHING RETURNING *", *_values(new))
        if row is not None:
            break
        existing = await conn.fetchrow(
            "SELECT * FROM resources WHERE platform = $1 AND guild_id = $2 AND url_key = $3 "
            "AND status = ANY($4::text[])", new.platform, new.guild_id, new.url_key, list(IN_LIBRARY))
        # None: the copy that conflicted left the library meanwhile (removed, rejected): try again.
        check_duplicate(None if existing is None else _row_to_resource(existing))
    await conn.executemany("INSERT INTO resource_tags (resource_id, tag) VALUES ($1, $2)",
                           [(row["id"], tag) for tag in new.tags])
    return _row_to_resource(row)


async def _add_many(conn: Conn, batch: list[NewResource]) -> int:
    rows = await conn.fetch("SELECT platform, guild_id, url_key FROM resources WHERE status = ANY($1::text[])",
                            list(IN_LIBRARY))
    seen = {(r[0], r[1], r[2]) for r in rows}
    keep: list[NewResource] = []
    for new in batch:
        identity = (new.platform, new.guild_id, new.url_key)
        if new.status in IN_LIBRARY:
            if identity in seen:
                continue
            seen.add(identity)
        keep.append(new)
    if not keep:
        return 0
    columns = list(zip(*(_values(n) for n in keep)))
    ids = await conn.fetch(
        "INSERT INTO resources (platform, guild_id, url, url_key, title, description, tags, author_id, status, "
        "created_at, search_title, search_tags, search_description) SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13 FROM unnest($1::text[], "
        "$2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[], "
        "$10::bigint[], $11::text[], $12::text[], $13::text[]) WITH ORDINALITY AS v (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, n) ORDER BY n "
        "RETURNING id", *[list(c) for c in columns])
    # INSERT ... SELECT ORDER BY hands out identities in that order.
    resource_ids = sorted(r[0] for r in ids)
    tags = [(rid, tag) for rid, new in zip(resource_ids, keep) for tag in new.tags]
    if tags:
        await conn.execute("INSERT INTO resource_tags (resource_id, tag) SELECT * FROM unnest($1::bigint[], "
                           "$2::text[])", [t[0] for t in tags], [t[1] for t in tags])
    return len(keep)


async def _decide(conn: Conn, resource_id: int, status: str, by: int, reason: str | None, now: int) -> Resource:
    # `WHERE status = pending` after the row lock: of two moderators at once, the second waits, then
    # finds nothing to update and is told what the first decided.
    row = await conn.fetchrow(
        "UPDATE resources SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4 "
        "WHERE id = $5 AND status = $6 RETURNING *", status, now, by, reason, resource_id, PENDING)
    if row is not None:
        return _row_to_resource(row)
    current = await conn.fetchrow("SELECT * FROM resources WHERE id = $1", resource_id)
    if current is None:
        raise DomainError("resource.not_found")
    raise already_decided(resource_id, current["status"])


async def _toggle_vote(conn: Conn, resource_id: int, member: Member, now: int) -> tuple[bool, int]:
    status = await conn.fetchval("SELECT status FROM resources WHERE id = $1 FOR UPDATE", resource_id)
    if status is None:
        raise DomainError("resource.not_found")
    if status != PUBLISHED:
        raise DomainError("resource.not_votable", id=resource_id)
    inserted = await conn.fetchval(
        "INSERT INTO resource_votes (resource_id, platform, user_id, voted_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT DO NOTHING RETURNING 1", resource_id, member.platform, member.id, now)
    voted = inserted is not None
    if not voted:
        await conn.execute("DELETE FROM resource_votes WHERE resource_id = $1 AND platform = $2 AND user_id = $3",
                           resource_id, member.platform, member.id)
    # Recomputed from the rows under the resource's row lock, so it always equals them.
    count = await conn.fetchval(
        "UPDATE resources SET upvotes = (SELECT count(*) FROM resource_votes WHERE resource_id = $1) "
        "WHERE id = $1 RETURNING upvotes", resource_id)
    return voted, count


class PostgresResourceRepository:
    """Implements `bot.ports.resources.ResourceRepository`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reads ----------------------------------------------------------------------------------
    async def get(self, resource_id: int) -> Resource | None:
        row = await self.db.fetchrow("SELECT * FROM resources WHERE id = $1", resource_id)
        return None if row is None else _row_to_resource(row)

    async def find_in_library(self, community: Community, url_key: str) -> Resource | None:
        row = await self.db.fetchrow(
            "SELECT * FROM resources WHERE platform = $1 AND guild_id = $2 AND url_key = $3 "
            "AND status = ANY($4::text[])", community.platform, community.id, url_key, list(IN_LIBRARY))
        return None if row is None else _row_to_resource(row)

    async def search(self, community: Community, query: SearchQuery, *, tag: str | None = None,
                     limit: int = 10) -> list[SearchHit]:
        """Published resources matching every term (or, when none has them all, any term), best
        ts_rank first (title weighs most), each with a snippet of its description."""
        hits = await self._search(query, False, community, tag, limit)
        if not hits and len(query.terms) > 1:
            hits = await self._search(query, True, community, tag, limit)
        return hits

    async def _search(self, query: SearchQuery, any_term: bool, community: Community, tag: str | None,
                      limit: int) -> list[SearchHit]:
        tsquery, params = tsquery_sql(query, any_term=any_term, first=1)
        k = len(params)
        tag_clause = "" if tag is None else \
            f"AND r.id IN (SELECT resource_id FROM resource_tags WHERE tag = ${k + 6})"
        params += [community.platform, community.id, PUBLISHED, limit, _HEADLINE]
        if tag is not None:
            params.append(tag)
        rows = await self.db.fetch(
            f"""SELECT r.*, ts_headline('english', r.search_description, q.q, ${k + 5}) AS snip,
                       ts_rank(r.search, q.q) AS rank
                FROM (SELECT ({tsquery}) AS q) q, resources r
                WHERE r.search @@ q.q AND r.platform = ${k + 1} AND r.guild_id = ${k + 2}
                  AND r.status = ${k + 3} {tag_clause}
                ORDER BY rank DESC, r.id DESC LIMIT ${k + 4}""", *params)
        # Scores as SQLite's bm25 gives them: lower is better.
        return [SearchHit(_row_to_resource(r), r["snip"] if r["search_description"] else "", -float(r["rank"]))
                for r in rows]

    async def top(self, community: Community, *, tag: str | None = None, limit: int = 10) -> list[Resource]:
        if tag is None:
            rows = await self.db.fetch(
                "SELECT * FROM resources WHERE platform = $1 AND guild_id = $2 AND status = $3 "
                "ORDER BY upvotes DESC, id LIMIT $4", community.platform, community.id, PUBLISHED, limit)
        else:
            rows = await self.db.fetch(
                "SELECT r.* FROM resource_tags t JOIN resources r ON r.id = t.resource_id "
                "WHERE t.tag = $1 AND r.platform = $2 AND r.guild_id = $3 AND r.status = $4 "
                "ORDER BY r.upvotes DESC, r.id LIMIT $5", tag, community.platform, community.id, PUBLISHED, limit)
        return [_row_to_resource(r) for r in rows]

    async def tags(self, community: Community, prefix: str = "", *, limit: int = 25) -> list[str]:
        rows = await self.db.fetch(
            "SELECT t.tag FROM resource_tags t JOIN resources r ON r.id = t.resource_id "
            "WHERE r.platform = $1 AND r.guild_id = $2 AND r.status = $3 AND t.tag LIKE $4 "
            "GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT $5",
            community.platform, community.id, PUBLISHED, like_escape(prefix) + "%", limit)
        return [r["tag"] for r in rows]

    async def in_library(self, community: Community, *, author: Member | None, text: str = "",
                         limit: int = 25) -> list[Resource]:
        rows = await self.db.fetch(
            "SELECT * FROM resources WHERE platform = $1 AND guild_id = $2 AND status = ANY($3::text[]) "
            "AND (title ILIKE $4 OR id::text LIKE $5) AND ($6::bigint IS NULL OR author_id = $6) "
            "ORDER BY id DESC LIMIT $7",
            community.platform, community.id, list(IN_LIBRARY), "%" + like_escape(text) + "%",
            like_escape(text.lstrip("#")) + "%", None if author is None else author.id, limit)
        return [_row_to_resource(r) for r in rows]

    async def has_voted(self, resource_id: int, member: Member) -> bool:
        return await self.db.fetchval(
            "SELECT 1 FROM resource_votes WHERE resource_id = $1 AND platform = $2 AND user_id = $3",
            resource_id, member.platform, member.id) is not None

    # -- writes ---------------------------------------------------------------------------------
    async def add(self, new: NewResource) -> Resource:
        return await self.db.write(lambda conn: _add(conn, new))

    async def add_many(self, items: Iterable[NewResource]) -> int:
        batch = list(items)
        return await self.db.write(lambda conn: _add_many(conn, batch))

    async def set_post(self, resource_id: int, post: MessageRef) -> None:
        await self.db.execute("UPDATE resources SET post_channel_id = $1, post_message_id = $2 WHERE id = $3",
                              post.place.id, post.id, resource_id)

    async def set_review(self, resource_id: int, card: MessageRef) -> None:
        await self.db.execute("UPDATE resources SET review_channel_id = $1, review_message_id = $2 WHERE id = $3",
                              card.place.id, card.id, resource_id)

    async def decide(self, resource_id: int, *, approve: bool, by: Member, reason: str | None,
                     now: datetime) -> Resource:
        status = PUBLISHED if approve else REJECTED
        return await self.db.write(lambda conn: _decide(conn, resource_id, status, by.id, reason, _unix(now)))

    async def remove(self, resource_id: int, *, by: Member, now: datetime) -> Resource:
        row = await self.db.fetchrow(
            "UPDATE resources SET status = $1, removed_at = $2, removed_by = $3 "
            "WHERE id = $4 AND status = ANY($5::text[]) RETURNING *",
            REMOVED, _unix(now), by.id, resource_id, list(IN_LIBRARY))
        if row is None:
            raise DomainError("resource.not_found")
        return _row_to_resource(row)

    async def toggle_vote(self, resource_id: int, member: Member, *, now: datetime) -> tuple[bool, int]:
        return await self.db.write(lambda conn: _toggle_vote(conn, resource_id, member, _unix(now)))
