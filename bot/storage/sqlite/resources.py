"""The resource library's rows: resources, their tags and votes, and the full-text index.

The index holds published resources only. A row enters it in the same transaction that publishes
the resource (here); the triggers in migrations/0003_resources.sql take it out whenever the
resource stops being published, so search can never find a pending, rejected or removed one.
The FTS5 query syntax is built here and nowhere else: user words only ever reach it as quoted strings.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Any, Iterable

from bot.domain.errors import DomainError
from bot.domain.identity import DISCORD, Community, Member, MessageRef
from bot.domain.resource_search import MARK_END, MARK_START, Alternative, SearchQuery, search_text
from bot.domain.resources import (IN_LIBRARY, PENDING, PUBLISHED, REJECTED, REMOVED, NewResource, Resource,
                                  SearchHit, already_decided, check_duplicate)
from bot.storage.sqlite.database import Database, like_contains, like_escape, like_prefix

SNIPPET_TOKENS = 16
# See SqliteResourceRepository.search: how many of the newest matches a very common query ranks.
RANK_CANDIDATES = 2000
_LIVE = "(" + ", ".join("?" * len(IN_LIBRARY)) + ")"
_SCOPE_PREFIX = {DISCORD: "g", "telegram": "t"}


# -- FTS5 query building ------------------------------------------------------------------------
def _quote(term: str) -> str:
    # An FTS5 string: double quotes inside are doubled. Within a string, *, AND, NEAR( and
    # parentheses are plain text for the tokenizer, not syntax.
    return '"' + term.replace('"', '""') + '"'


def scope_token(community: Community) -> str:
    """The token in the index's `scope` column that marks a resource as the community's (one word for
    the tokenizer: Telegram's negative group ids get an `n` instead of the minus sign)."""
    sign = "n" if community.id < 0 else ""
    return f"{_SCOPE_PREFIX[community.platform]}{sign}{abs(community.id)}"


def _phrase(alternative: Alternative) -> str:
    # A quoted string of several words is an FTS5 phrase (adjacent words); `*` after it makes its
    # last word a prefix. The words are letters and digits only (parse_query split them so).
    return _quote(" ".join(alternative.words)) + ("*" if alternative.prefix else "")


def match_terms(query: SearchQuery, *, any_term: bool = False) -> str:
    """Every term must occur in title, description or tags (FTS5's implicit AND), or with `any_term`
    at least one (used when no resource has them all); a term occurs when any of its spellings does
    (`SearchQuery.groups`: prefixes, joined or spaced compounds, Roman Urdu spellings). Terms never
    reach the `scope` column, so nobody can search for a community's marker."""
    joiner = " OR " if any_term else " AND "
    groups = ["(" + " OR ".join(_phrase(a) for a in group) + ")" for group in query.alternatives()]
    return "{title description tags} : (" + joiner.join(groups) + ")"


def match(query: SearchQuery, community: Community, *, any_term: bool = False) -> str:
    """`match_terms` restricted to the community's resources by its scope token."""
    return f"scope : {_quote(scope_token(community))} AND {match_terms(query, any_term=any_term)}"


# -- rows -----------------------------------------------------------------------------------------
def _unix(moment: datetime) -> int:
    return int(moment.timestamp())


def _moment(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def _row_to_resource(row: sqlite3.Row) -> Resource:
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


def _fetch(conn: sqlite3.Connection, resource_id: int) -> Resource | None:
    row = conn.execute("SELECT * FROM resources WHERE id = ?", (resource_id,)).fetchone()
    return None if row is None else _row_to_resource(row)


def _index_row(r: Resource | NewResource, resource_id: int) -> tuple[Any, ...]:
    return (resource_id, search_text(r.title), search_text(r.description), search_text(" ".join(r.tags)),
            scope_token(r.community))


_INDEX = "INSERT INTO resources_fts (rowid, title, description, tags, scope) VALUES (?, ?, ?, ?, ?)"
_INSERT = """INSERT INTO resources (id, platform, guild_id, url, url_key, title, description, tags, author_id,
                                    status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def _resource_row(resource_id: int | None, new: NewResource) -> tuple[Any, ...]:
    return (resource_id, new.platform, new.guild_id, new.url, new.url_key, new.title, new.description,
            ",".join(new.tags), new.author_id, new.status, _unix(new.created_at))


# -- write units (each runs whole in the writer's transaction) --------------------------------------
def _add(conn: sqlite3.Connection, new: NewResource) -> Resource:
    # The duplicate check runs inside the write transaction, so two people sharing the same link at
    # once cannot both get in (the partial unique index is the last line of defence).
    row = conn.execute(
        f"SELECT * FROM resources WHERE platform = ? AND guild_id = ? AND url_key = ? AND status IN {_LIVE}",
        (new.platform, new.guild_id, new.url_key, *IN_LIBRARY)).fetchone()
    check_duplicate(None if row is None else _row_to_resource(row))
    resource_id = conn.execute(_INSERT, _resource_row(None, new)).lastrowid
    assert resource_id is not None
    conn.executemany("INSERT INTO resource_tags (resource_id, tag) VALUES (?, ?)",
                     [(resource_id, tag) for tag in new.tags])
    if new.status == PUBLISHED:
        conn.execute(_INDEX, _index_row(new, resource_id))
    stored = _fetch(conn, resource_id)
    assert stored is not None
    return stored


def _add_many(conn: sqlite3.Connection, batch: list[NewResource]) -> int:
    # One statement per table instead of a round trip per row.
    seen: set[tuple[str, int, str]] = {
        (r[0], r[1], r[2]) for r in conn.execute(
            f"SELECT platform, guild_id, url_key FROM resources WHERE status IN {_LIVE}", IN_LIBRARY)}
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM resources").fetchone()[0] + 1
    resources, tags, index = [], [], []
    for new in batch:
        identity = (new.platform, new.guild_id, new.url_key)
        if new.status in IN_LIBRARY:
            if identity in seen:
                continue
            seen.add(identity)
        rid = next_id
        next_id += 1
        resources.append(_resource_row(rid, new))
        tags.extend((rid, tag) for tag in new.tags)
        if new.status == PUBLISHED:
            index.append(_index_row(new, rid))
    conn.executemany(_INSERT, resources)
    conn.executemany("INSERT INTO resource_tags (resource_id, tag) VALUES (?, ?)", tags)
    conn.executemany(_INDEX, index)
    return len(resources)


def _decide(conn: sqlite3.Connection, resource_id: int, status: str, by: int, reason: str | None,
            now: int) -> Resource:
    # Claims the row with `WHERE status = pending`: of two moderators clicking at once, the second
    # finds nothing to update and is told what the first decided.
    cur = conn.execute(
        """UPDATE resources SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ?
           WHERE id = ? AND status = ?""",
        (status, now, by, reason, resource_id, PENDING))
    current = _fetch(conn, resource_id)
    if current is None:
        raise DomainError("resource.not_found")
    if cur.rowcount == 0:
        raise already_decided(resource_id, current.status)
    if status == PUBLISHED:
        conn.execute(_INDEX, _index_row(current, resource_id))
    return current


def _remove(conn: sqlite3.Connection, resource_id: int, by: int, now: int) -> Resource:
    # The trigger of 0003 takes it out of the index.
    cur = conn.execute(
        f"""UPDATE resources SET status = ?, removed_at = ?, removed_by = ?
            WHERE id = ? AND status IN {_LIVE}""",
        (REMOVED, now, by, resource_id, *IN_LIBRARY))
    if cur.rowcount == 0:
        raise DomainError("resource.not_found")
    current = _fetch(conn, resource_id)
    assert current is not None
    return current


def _toggle_vote(conn: sqlite3.Connection, resource_id: int, member: Member, now: int) -> tuple[bool, int]:
    row = conn.execute("SELECT status FROM resources WHERE id = ?", (resource_id,)).fetchone()
    if row is None:
        raise DomainError("resource.not_found")
    if row["status"] != PUBLISHED:
        raise DomainError("resource.not_votable", id=resource_id)
    cur = conn.execute(
        "INSERT OR IGNORE INTO resource_votes (resource_id, platform, user_id, voted_at) VALUES (?, ?, ?, ?)",
        (resource_id, member.platform, member.id, now))
    voted = cur.rowcount == 1
    if not voted:
        conn.execute("DELETE FROM resource_votes WHERE resource_id = ? AND platform = ? AND user_id = ?",
                     (resource_id, member.platform, member.id))
    # The count is recomputed from the rows in the same unit, so it always equals them.
    conn.execute(
        "UPDATE resources SET upvotes = (SELECT COUNT(*) FROM resource_votes WHERE resource_id = ?)"
        " WHERE id = ?", (resource_id, resource_id))
    count = conn.execute("SELECT upvotes FROM resources WHERE id = ?", (resource_id,)).fetchone()[0]
    return voted, count


def _set_message(conn: sqlite3.Connection, columns: str, resource_id: int, ref: MessageRef) -> None:
    channel, message = columns.split()
    conn.execute(f"UPDATE resources SET {channel} = ?, {message} = ? WHERE id = ?",
                 (ref.place.id, ref.id, resource_id))


class SqliteResourceRepository:
    """Implements `bot.ports.resources.ResourceRepository`; every write is one unit in the single writer."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reads ----------------------------------------------------------------------------------
    async def get(self, resource_id: int) -> Resource | None:
        row = await self.db.fetchone("SELECT * FROM resources WHERE id = ?", (resource_id,))
        return None if row is None else _row_to_resource(row)

    async def find_in_library(self, community: Community, url_key: str) -> Resource | None:
        row = await self.db.fetchone(
            f"""SELECT * FROM resources WHERE platform = ? AND guild_id = ? AND url_key = ?
                AND status IN {_LIVE}""",
            (community.platform, community.id, url_key, *IN_LIBRARY))
        return None if row is None else _row_to_resource(row)

    async def search(self, community: Community, query: SearchQuery, *, tag: str | None = None,
                     limit: int = 10) -> list[SearchHit]:
        """Published resources of the community matching every term (or, when none match them all,
        any term), best bm25 first, each with a snippet of its description.

        A query whose words are so common that more than `RANK_CANDIDATES` resources match ranks the
        most recent `RANK_CANDIDATES` of them: bm25 costs a few microseconds per matching row, and
        ranking a whole large library for a word like "guide" would blow the latency goal while
        adding nothing a member could tell apart.
        """
        # Every query of a search (all terms, then any term; ranking, then rows and snippets) and the
        # rows' conversion run in one hop to one reader's thread: nothing of it on the event loop.
        async with self.db.reader() as reader:
            return await reader.run(self._search_sync, query, community, tag, limit)

    @classmethod
    def _search_sync(cls, conn: Any, query: SearchQuery, community: Community, tag: str | None,
                     limit: int) -> list[SearchHit]:
        hits = cls._search(conn, query, False, community, tag, limit)
        if not hits and len(query.terms) > 1:
            hits = cls._search(conn, query, True, community, tag, limit)
        return hits

    @staticmethod
    def _search(conn: Any, query: SearchQuery, any_term: bool, community: Community, tag: str | None,
                limit: int) -> list[SearchHit]:
        tag_clause = "" if tag is None else "AND rowid IN (SELECT resource_id FROM resource_tags WHERE tag = ?5)"
        expression = match_terms(query, any_term=any_term)
        # The bound: the oldest rowid among the community's newest RANK_CANDIDATES matches, found
        # with the scope token and without ranking (a cheap walk of the doclists). The ranking itself
        # leaves the scope token out: bm25 computes every phrase's frequency over the whole index,
        # and walking a phrase present in every row of the community would cost more than the
        # ranking; the join keeps other communities' rows out instead.
        # One pass: the rows, their rank and the snippets of the few results together. (Fetching
        # the snippets in a second query ran the MATCH over every term's doclists a second time,
        # about as costly as the ranking itself; here snippet() is computed for the rows returned.)
        rows = conn.execute(
            f"""SELECT r.*, resources_fts.rank AS fts_rank, snippet(resources_fts, 1, ?9, ?10, '…', ?11) AS snip
                FROM resources_fts JOIN resources r ON r.id = resources_fts.rowid
                WHERE resources_fts MATCH ?1 AND r.guild_id = ?2 AND r.platform = ?7 AND r.status = ?8
                  {tag_clause.replace("rowid", "resources_fts.rowid", 1)}
                  AND resources_fts.rowid >= COALESCE(
                    (SELECT rowid FROM resources_fts WHERE resources_fts MATCH ?3 {tag_clause}
                     ORDER BY rowid DESC LIMIT 1 OFFSET ?4), 0)
                ORDER BY resources_fts.rank LIMIT ?6""",
            [expression, community.id, match(query, community, any_term=any_term), RANK_CANDIDATES - 1, tag,
             limit, community.platform, PUBLISHED, MARK_START, MARK_END, SNIPPET_TOKENS]).fetchall()
        return [SearchHit(_row_to_resource(r), r["snip"] or "", r["fts_rank"]) for r in rows]

    async def top(self, community: Community, *, tag: str | None = None, limit: int = 10) -> list[Resource]:
        if tag is None:
            rows = await self.db.fetchall(
                """SELECT * FROM resources WHERE platform = ? AND guild_id = ? AND status = ?
                   ORDER BY upvotes DESC, id LIMIT ?""", (community.platform, community.id, PUBLISHED, limit))
        else:
            rows = await self.db.fetchall(
                """SELECT r.* FROM resource_tags t JOIN resources r ON r.id = t.resource_id
                   WHERE t.tag = ? AND r.platform = ? AND r.guild_id = ? AND r.status = ?
                   ORDER BY r.upvotes DESC, r.id LIMIT ?""",
                (tag, community.platform, community.id, PUBLISHED, limit))
        return [_row_to_resource(r) for r in rows]

    async def tags(self, community: Community, prefix: str = "", *, limit: int = 25) -> list[str]:
        rows = await self.db.fetchall(
            """SELECT t.tag FROM resource_tags t JOIN resources r ON r.id = t.resource_id
               WHERE r.platform = ? AND r.guild_id = ? AND r.status = ? AND t.tag LIKE ? ESCAPE '\\'
               GROUP BY t.tag ORDER BY COUNT(*) DESC, t.tag LIMIT ?""",
            (community.platform, community.id, PUBLISHED, like_prefix(prefix), limit))
        return [r["tag"] for r in rows]

    async def in_library(self, community: Community, *, author: Member | None, text: str = "",
                         limit: int = 25) -> list[Resource]:
        params: list[Any] = [community.platform, community.id, *IN_LIBRARY, like_contains(text),
                             like_escape(text.lstrip("#")) + "%"]
        by_author = ""
        if author is not None:
            by_author = "AND author_id = ?"
            params.append(author.id)
        params.append(limit)
        rows = await self.db.fetchall(
            f"""SELECT * FROM resources WHERE platform = ? AND guild_id = ? AND status IN {_LIVE}
                AND (title LIKE ? ESCAPE '\\' OR CAST(id AS TEXT) LIKE ? ESCAPE '\\') {by_author}
                ORDER BY id DESC LIMIT ?""", params)
        return [_row_to_resource(r) for r in rows]

    async def has_voted(self, resource_id: int, member: Member) -> bool:
        return await self.db.fetchval(
            "SELECT 1 FROM resource_votes WHERE resource_id = ? AND platform = ? AND user_id = ?",
            (resource_id, member.platform, member.id)) is not None

    # -- writes ---------------------------------------------------------------------------------
    async def add(self, new: NewResource) -> Resource:
        return await self.db.write_sync(_add, new)

    async def add_many(self, items: Iterable[NewResource]) -> int:
        return await self.db.write_sync(_add_many, list(items))

    async def set_post(self, resource_id: int, post: MessageRef) -> None:
        await self.db.write_sync(_set_message, "post_channel_id post_message_id", resource_id, post)

    async def set_review(self, resource_id: int, card: MessageRef) -> None:
        await self.db.write_sync(_set_message, "review_channel_id review_message_id", resource_id, card)

    async def decide(self, resource_id: int, *, approve: bool, by: Member, reason: str | None,
                     now: datetime) -> Resource:
        status = PUBLISHED if approve else REJECTED
        return await self.db.write_sync(_decide, resource_id, status, by.id, reason, _unix(now))

    async def remove(self, resource_id: int, *, by: Member, now: datetime) -> Resource:
        return await self.db.write_sync(_remove, resource_id, by.id, _unix(now))

    async def toggle_vote(self, resource_id: int, member: Member, *, now: datetime) -> tuple[bool, int]:
        return await self.db.write_sync(_toggle_vote, resource_id, member, _unix(now))
