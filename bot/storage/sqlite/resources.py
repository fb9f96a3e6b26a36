"""The resource library's rows: resources, their tags and votes, and the full-text index.

The index holds published resources only. A row enters it in the same transaction that publishes
the resource (here); the triggers in migrations/0003_resources.sql take it out whenever the
resource stops being published, so search can never find a pending, rejected or removed one.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any, Iterable

import aiosqlite

from bot.domain.errors import DomainError
from bot.domain.resource_search import MARK_END, MARK_START, SearchQuery, scope_token, search_text
from bot.domain.resources import (IN_LIBRARY, PENDING, PUBLISHED, REJECTED, REMOVED, NewResource, Resource,
                                  SearchHit, already_decided, check_duplicate)
from bot.storage.sqlite.database import Database

SNIPPET_TOKENS = 16
# See ResourceRepo.search: how many of the newest matches a very common query ranks.
RANK_CANDIDATES = 2000
_LIVE = "('" + "', '".join(IN_LIBRARY) + "')"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _row_to_resource(row: sqlite3.Row) -> Resource:
    return Resource(
        id=row["id"], guild_id=row["guild_id"], url=row["url"], url_key=row["url_key"],
        title=row["title"], description=row["description"],
        tags=tuple(t for t in row["tags"].split(",") if t), author_id=row["author_id"],
        status=row["status"], upvotes=row["upvotes"],
        created_at=datetime.fromisoformat(row["created_at"]),
        decided_by=row["decided_by"], decision_reason=row["decision_reason"],
        post_channel_id=row["post_channel_id"], post_message_id=row["post_message_id"],
        review_channel_id=row["review_channel_id"], review_message_id=row["review_message_id"],
    )


async def _fetch(conn: aiosqlite.Connection, resource_id: int) -> Resource | None:
    async with conn.execute("SELECT * FROM resources WHERE id = ?", (resource_id,)) as cur:
        row = await cur.fetchone()
    return None if row is None else _row_to_resource(row)


async def _index(conn: aiosqlite.Connection, r: Resource | NewResource, resource_id: int) -> None:
    await conn.execute(
        "INSERT INTO resources_fts (rowid, title, description, tags, scope) VALUES (?, ?, ?, ?, ?)",
        (resource_id, search_text(r.title), search_text(r.description), search_text(" ".join(r.tags)),
         scope_token(r.guild_id)),
    )


async def _insert(conn: aiosqlite.Connection, new: NewResource) -> int:
    cur = await conn.execute(
        """INSERT INTO resources (guild_id, url, url_key, title, description, tags, author_id, status,
                                  created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (new.guild_id, new.url, new.url_key, new.title, new.description, ",".join(new.tags),
         new.author_id, new.status, _iso(new.created_at)),
    )
    resource_id = cur.lastrowid
    assert resource_id is not None
    await conn.executemany("INSERT INTO resource_tags (resource_id, tag) VALUES (?, ?)",
                           [(resource_id, tag) for tag in new.tags])
    if new.status == PUBLISHED:
        await _index(conn, new, resource_id)
    return resource_id


class ResourceRepo:
    """Reads and writes of the resource library; every write is one unit in the single writer."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reads ----------------------------------------------------------------------------------
    async def get(self, resource_id: int) -> Resource | None:
        row = await self.db.fetchone("SELECT * FROM resources WHERE id = ?", (resource_id,))
        return None if row is None else _row_to_resource(row)

    async def find_in_library(self, guild_id: int, key: str) -> Resource | None:
        """The pending or published resource of this guild with this link identity, if any."""
        row = await self.db.fetchone(
            f"SELECT * FROM resources WHERE guild_id = ? AND url_key = ? AND status IN {_LIVE}",
            (guild_id, key))
        return None if row is None else _row_to_resource(row)

    async def search(self, guild_id: int, query: SearchQuery, *, tag: str | None = None,
                     limit: int = 10) -> list[SearchHit]:
        """Published resources of the guild matching every term (or, when none match them all, any
        term), best bm25 first, each with a snippet of its description.

        A query whose words are so common that more than `RANK_CANDIDATES` resources match ranks the
        most recent `RANK_CANDIDATES` of them: bm25 costs a few microseconds per matching row, and
        ranking a whole large library for a word like "guide" would blow the latency goal while
        adding nothing a member could tell apart.
        """
        hits = await self._search(query, False, guild_id, tag, limit)
        if not hits and len(query.terms) > 1:
            hits = await self._search(query, True, guild_id, tag, limit)
        return hits

    async def _search(self, query: SearchQuery, any_term: bool, guild_id: int, tag: str | None,
                      limit: int) -> list[SearchHit]:
        tag_clause = "" if tag is None else "AND rowid IN (SELECT resource_id FROM resource_tags WHERE tag = ?5)"
        expression = query.match_terms(any_term=any_term)
        # The bound: the oldest rowid among the guild's newest RANK_CANDIDATES matches, found with
        # the scope token and without ranking (a cheap walk of the doclists). The ranking itself
        # leaves the scope token out: bm25 computes every phrase's frequency over the whole index,
        # and walking a phrase present in every row of the guild would cost more than the ranking;
        # the join keeps other guilds' rows out instead.
        ranked = await self.db.fetchall(
            f"""SELECT resources_fts.rowid, resources_fts.rank
                FROM resources_fts JOIN resources r ON r.id = resources_fts.rowid
                WHERE resources_fts MATCH ?1 AND r.guild_id = ?2 AND r.status = 'published'
                  {tag_clause.replace("rowid", "resources_fts.rowid", 1)}
                  AND resources_fts.rowid >= COALESCE(
                    (SELECT rowid FROM resources_fts WHERE resources_fts MATCH ?3 {tag_clause}
                     ORDER BY rowid DESC LIMIT 1 OFFSET ?4), 0)
                ORDER BY resources_fts.rank LIMIT ?6""",
            [expression, guild_id, query.match(guild_id, any_term=any_term), RANK_CANDIDATES - 1, tag, limit])
        if not ranked:
            return []
        order = {row[0]: (i, row[1]) for i, row in enumerate(ranked)}
        # 3. Rows and snippets for the few results (snippets are the costly part per row).
        marks = ", ".join("?" * len(order))
        rows = await self.db.fetchall(
            f"""SELECT r.*, snippet(resources_fts, 1, ?, ?, '…', ?) AS snip
                FROM resources_fts JOIN resources r ON r.id = resources_fts.rowid
                WHERE resources_fts MATCH ? AND resources_fts.rowid IN ({marks})
                  AND r.guild_id = ? AND r.status = 'published'""",
            [MARK_START, MARK_END, SNIPPET_TOKENS, expression, *order, guild_id])
        hits = [SearchHit(_row_to_resource(r), r["snip"] or "", order[r["id"]][1]) for r in rows]
        hits.sort(key=lambda h: order[h.resource.id][0])
        return hits

    async def top(self, guild_id: int, *, tag: str | None = None, limit: int = 10) -> list[Resource]:
        """Published resources of the guild by upvotes (older first on a tie)."""
        if tag is None:
            rows = await self.db.fetchall(
                """SELECT * FROM resources WHERE guild_id = ? AND status = 'published'
                   ORDER BY upvotes DESC, id LIMIT ?""", (guild_id, limit))
        else:
            rows = await self.db.fetchall(
                """SELECT r.* FROM resource_tags t JOIN resources r ON r.id = t.resource_id
                   WHERE t.tag = ? AND r.guild_id = ? AND r.status = 'published'
                   ORDER BY r.upvotes DESC, r.id LIMIT ?""", (tag, guild_id, limit))
        return [_row_to_resource(r) for r in rows]

    async def tags(self, guild_id: int, prefix: str = "", *, limit: int = 25) -> list[str]:
        """Tags used by the guild's published resources, most used first (for autocomplete)."""
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = await self.db.fetchall(
            """SELECT t.tag FROM resource_tags t JOIN resources r ON r.id = t.resource_id
               WHERE r.guild_id = ? AND r.status = 'published' AND t.tag LIKE ? ESCAPE '\\'
               GROUP BY t.tag ORDER BY COUNT(*) DESC, t.tag LIMIT ?""", (guild_id, pattern, limit))
        return [r["tag"] for r in rows]

    async def in_library(self, guild_id: int, *, author_id: int | None, text: str = "",
                         limit: int = 25) -> list[Resource]:
        """Pending and published resources of the guild (only `author_id`'s when given) whose title
        contains `text` or whose number starts with it, newest first (for autocomplete)."""
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params: list[Any] = [guild_id, pattern, text.lstrip("#") + "%"]
        author = ""
        if author_id is not None:
            author = "AND author_id = ?"
            params.append(author_id)
        params.append(limit)
        rows = await self.db.fetchall(
            f"""SELECT * FROM resources WHERE guild_id = ? AND status IN {_LIVE}
                AND (title LIKE ? ESCAPE '\\' OR CAST(id AS TEXT) LIKE ?) {author}
                ORDER BY id DESC LIMIT ?""", params)
        return [_row_to_resource(r) for r in rows]

    async def has_voted(self, resource_id: int, user_id: int) -> bool:
        return await self.db.fetchval(
            "SELECT 1 FROM resource_votes WHERE resource_id = ? AND user_id = ?",
            (resource_id, user_id)) is not None

    # -- writes ---------------------------------------------------------------------------------
    async def add(self, new: NewResource) -> Resource:
        """Store a share; DomainError('resource.duplicate*') if its link is already in the library.

        The duplicate check runs inside the write transaction, so two people sharing the same link at
        once cannot both get in (the partial unique index is the last line of defence).
        """

        async def run(conn: aiosqlite.Connection) -> Resource:
            async with conn.execute(
                f"SELECT * FROM resources WHERE guild_id = ? AND url_key = ? AND status IN {_LIVE}",
                (new.guild_id, new.url_key),
            ) as cur:
                row = await cur.fetchone()
            check_duplicate(None if row is None else _row_to_resource(row))
            resource_id = await _insert(conn, new)
            stored = await _fetch(conn, resource_id)
            assert stored is not None
            return stored

        return await self.db.write(run)

    async def add_many(self, items: Iterable[NewResource]) -> int:
        """Bulk-load resources in one transaction (benchmarks, imports): one statement per table
        instead of a round trip per row. Links already in the library, or repeated within `items`,
        are skipped. Returns how many were stored."""
        batch = list(items)

        async def run(conn: aiosqlite.Connection) -> int:
            seen: set[tuple[int, str]] = set()
            async with conn.execute(f"SELECT guild_id, url_key FROM resources WHERE status IN {_LIVE}") as cur:
                seen.update((r[0], r[1]) for r in await cur.fetchall())
            async with conn.execute("SELECT COALESCE(MAX(id), 0) FROM resources") as cur:
                next_id = (await cur.fetchone())[0] + 1
            resources, tags, index = [], [], []
            for new in batch:
                identity = (new.guild_id, new.url_key)
                if new.status in IN_LIBRARY:
                    if identity in seen:
                        continue
                    seen.add(identity)
                rid = next_id
                next_id += 1
                resources.append((rid, new.guild_id, new.url, new.url_key, new.title, new.description,
                                  ",".join(new.tags), new.author_id, new.status, _iso(new.created_at)))
                tags.extend((rid, tag) for tag in new.tags)
                if new.status == PUBLISHED:
                    index.append((rid, search_text(new.title), search_text(new.description),
                                  search_text(" ".join(new.tags)), scope_token(new.guild_id)))
            await conn.executemany(
                """INSERT INTO resources (id, guild_id, url, url_key, title, description, tags, author_id,
                                          status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                resources)
            await conn.executemany("INSERT INTO resource_tags (resource_id, tag) VALUES (?, ?)", tags)
            await conn.executemany(
                "INSERT INTO resources_fts (rowid, title, description, tags, scope) VALUES (?, ?, ?, ?, ?)", index)
            return len(resources)

        return await self.db.write(run)

    async def set_post(self, resource_id: int, channel_id: int, message_id: int) -> None:
        """Remember the resources-channel post, so votes can update it and removal take it down."""
        await self.db.execute("UPDATE resources SET post_channel_id = ?, post_message_id = ? WHERE id = ?",
                              (channel_id, message_id, resource_id))

    async def set_review(self, resource_id: int, channel_id: int, message_id: int) -> None:
        """Remember the moderation-channel card of a pending resource."""
        await self.db.execute(
            "UPDATE resources SET review_channel_id = ?, review_message_id = ? WHERE id = ?",
            (channel_id, message_id, resource_id))

    async def decide(self, resource_id: int, *, approve: bool, by: int, reason: str | None,
                     now: datetime) -> Resource:
        """Approve (publish and index) or reject a pending resource.

        Claims the row with `WHERE status = 'pending'`: of two moderators clicking at once, the second
        gets DomainError('resource.already_decided.<status>') and nothing changes.
        """
        status = PUBLISHED if approve else REJECTED

        async def run(conn: aiosqlite.Connection) -> Resource:
            cur = await conn.execute(
                """UPDATE resources SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ?
                   WHERE id = ? AND status = ?""",
                (status, _iso(now), by, reason, resource_id, PENDING))
            current = await _fetch(conn, resource_id)
            if current is None:
                raise DomainError("resource.not_found")
            if cur.rowcount == 0:
                raise already_decided(resource_id, current.status)
            if approve:
                await _index(conn, current, resource_id)
            return current

        return await self.db.write(run)

    async def remove(self, resource_id: int, *, by: int, now: datetime) -> Resource:
        """Take a pending or published resource out of the library (the trigger unindexes it)."""

        async def run(conn: aiosqlite.Connection) -> Resource:
            cur = await conn.execute(
                f"""UPDATE resources SET status = ?, removed_at = ?, removed_by = ?
                    WHERE id = ? AND status IN {_LIVE}""",
                (REMOVED, _iso(now), by, resource_id))
            if cur.rowcount == 0:
                raise DomainError("resource.not_found")
            current = await _fetch(conn, resource_id)
            assert current is not None
            return current

        return await self.db.write(run)

    async def toggle_vote(self, resource_id: int, user_id: int, *, now: datetime) -> tuple[bool, int]:
        """Add the member's vote, or take it back if they had one: (voted now?, new count).

        One transaction per click, so concurrent clicks serialise in the writer and the stored count
        always equals the number of vote rows.
        """

        async def run(conn: aiosqlite.Connection) -> tuple[bool, int]:
            async with conn.execute("SELECT status FROM resources WHERE id = ?", (resource_id,)) as cur:
                row = await cur.fetchone()
            if row is None:
                raise DomainError("resource.not_found")
            if row["status"] != PUBLISHED:
                raise DomainError("resource.not_votable", id=resource_id)
            cur = await conn.execute(
                "INSERT OR IGNORE INTO resource_votes (resource_id, user_id, voted_at) VALUES (?, ?, ?)",
                (resource_id, user_id, _iso(now)))
            voted = cur.rowcount == 1
            if not voted:
                await conn.execute("DELETE FROM resource_votes WHERE resource_id = ? AND user_id = ?",
                                   (resource_id, user_id))
            await conn.execute(
                "UPDATE resources SET upvotes = (SELECT COUNT(*) FROM resource_votes WHERE resource_id = ?)"
                " WHERE id = ?", (resource_id, resource_id))
            async with conn.execute("SELECT upvotes FROM resources WHERE id = ?", (resource_id,)) as cur:
                count = (await cur.fetchone())[0]
            return voted, count

        return await self.db.write(run)
