"""PostgreSQL's near-identical report prefilter (migration 0008): the rarest terms of a text in its
community ask the GIN index on the texts' words, as SQLite's FTS5 prefilter does; the term counts
stay equal to the texts; and migration 0008 refolds texts stored before the one Urdu normaliser and
builds the counts from them, so old rows keep matching new reports."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import asyncpg

from bot.domain.identity import DISCORD, Community
from bot.domain.report_duplicates import normalise_text, terms, text_hash
from bot.domain.reports import intake_from_target
from bot.storage.postgres.migrations import MIGRATIONS_DIR, migrate_url
from bot.storage.postgres.store import PostgresStore

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
VOCAB = ("vaccine polio drops flood relief money stolen government minister election army police "
         "petrol price rupees bank account blocked lottery prize whatsapp forward share doctors cure").split()


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(rng.randint(12, 20)))


async def _report(store, reporter: int, text: str, *, guild: int = 10, minutes: int = 0):
    at = NOW + timedelta(minutes=minutes)
    intake = intake_from_target(guild_id=guild, reporter_id=reporter, category="misinformation", target=text,
                                now=at)
    return await store.reports.submit(intake, now=at, sla_hours=12)


async def test_near_copy_found_among_many_texts_of_the_same_words(pg_url: str) -> None:
    """300 open cases written in one small vocabulary (every trigram and most words common): a
    forward of one with a word dropped and its case changed joins that case, not another, and a
    new text of the same words opens its own."""
    rng = random.Random(3)
    store = await PostgresStore.open(pg_url)
    try:
        texts = [_text(rng) + f" case {n} of the list" for n in range(300)]
        cases = [await _report(store, 1000 + n, text, minutes=n % 50) for n, text in enumerate(texts)]
        assert len({c.case_id for c in cases}) == 300
        target = texts[123].split()
        del target[4]
        joined = await _report(store, 5000, " ".join(target).upper() + " !!", minutes=60)
        assert joined.joined and joined.case_id == cases[123].case_id
        fresh = await _report(store, 5001, _text(rng) + " a new one entirely", minutes=61)
        assert not fresh.joined
        # Another community with the same text has its own cases and its own counts.
        elsewhere = await _report(store, 5002, texts[123], guild=11, minutes=62)
        assert not elsewhere.joined

        expected: Counter[tuple[int, str]] = Counter()
        rows = await store.db.fetch("SELECT guild_id, norm_text FROM report_intake WHERE norm_text IS NOT NULL")
        for r in rows:
            for term in terms(r["norm_text"]):
                expected[(r["guild_id"], term)] += 1
        counted = {(r[0], r[1]): r[2] for r in await store.db.fetch("SELECT guild_id, term, docs FROM report_terms")}
        assert counted == dict(expected)
        async with store.db.pool.acquire() as conn:  # the index is usable (300 rows alone would be scanned)
            await conn.execute("SET enable_seqscan = off")
            plan = "\n".join(r[0] for r in await conn.fetch(
                "EXPLAIN SELECT id FROM report_intake WHERE string_to_array(norm_text, ' ') @> ARRAY['polio', 'case']"
                " AND norm_text IS NOT NULL"))
            await conn.execute("RESET enable_seqscan")
        assert "report_intake_terms" in plan
    finally:
        await store.close()


async def test_0008_refolds_old_texts_and_counts_their_terms(pg_empty_url: str, tmp_path: Path) -> None:
    before = tmp_path / "before"
    before.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if int(path.name[:4]) < 8:
            shutil.copy(path, before / path.name)
    await migrate_url(pg_empty_url, before)
    # Folded the old way: do-chashmi, Arabic yeh and Urdu digits kept (in the index: teh marbuta).
    old_norm = "یہ خبر جھوٹی ہے اسے مت پھیلائیں ۲۰۲۴ کا ويڈيو"
    conn = await asyncpg.connect(pg_empty_url)
    try:
        await conn.execute(
            "INSERT INTO report_cases (id, guild_id, number, category, urgent, status, created_at, last_report_at, "
            "sla_hours) VALUES (1, 10, 1, 'misinformation', FALSE, 'new', $1, $1, 12)", int(NOW.timestamp()))
        await conn.execute(
            "INSERT INTO report_intake (case_id, guild_id, reporter_id, created_at, source, category, text_hash, "
            "norm_text, norm_len, evidence) VALUES (1, 10, 11, $1, 'text', 'misinformation', 'x', $2, $3, '{}')",
            int(NOW.timestamp()), old_norm, len(old_norm))
        await conn.execute(
            "INSERT INTO resources (platform, guild_id, url, url_key, title, author_id, status, created_at, "
            "search_title) VALUES ('discord', 10, 'https://a.org', 'a.org', 'زکوۃ ۲۰۲۴', 5, 'published', 0, "
            "'زکوۃ ۲۰۲۴')")
    finally:
        await conn.close()
    applied = await migrate_url(pg_empty_url)
    assert [m.version for m in applied][0] == 8  # and whatever later migrations follow it

    store = await PostgresStore.open(pg_empty_url)
    try:
        new_text = "یہ خبر جهوٹی ہے، اسے مت پهیلائیں: 2024 کا ویڈیو"  # Arabic heh, Western digits
        new_norm = normalise_text(new_text)
        row = await store.db.fetchrow("SELECT norm_text, norm_len, text_hash FROM report_intake WHERE id = 1")
        assert (row["norm_text"], row["norm_len"], row["text_hash"]) == (new_norm, len(new_norm), text_hash(new_norm))
        counted = {r[0]: r[1] for r in await store.db.fetch("SELECT term, docs FROM report_terms WHERE guild_id = 10")}
        assert counted == {term: 1 for term in terms(new_norm)}
        joined = await _report(store, 12, new_text, minutes=5)
        assert joined.joined and joined.case_id == 1
        from bot.domain.resource_search import parse_query
        hits = await store.resources.search(Community(DISCORD, 10), parse_query("زکوة 2024"))
        assert [h.resource.title for h in hits] == ["زکوۃ ۲۰۲۴"]
        # Evidence stays unchangeable after the migration put its guard back.
        try:
            await store.db.execute("UPDATE report_intake SET details = 'x' WHERE id = 1")
        except asyncpg.PostgresError as exc:
            assert "never changed" in str(exc)
        else:
            raise AssertionError("report_intake accepted an UPDATE")
    finally:
        await store.close()


async def test_simultaneous_near_identical_reports_through_two_processes_join_one_case(pg_url: str) -> None:
    """Forwards of two rumours, each copy with another word left out (no two alike, so none is an
    exact match), reported at once through two processes: each rumour is one case. The lookup runs
    before the community's lock; what was reported while it ran is looked at again under the lock."""
    import asyncio

    from bot.storage.postgres.leases import Lease

    a = await PostgresStore.open(pg_url, lease=Lease("process-a", 60))
    b = await PostgresStore.open(pg_url, lease=Lease("process-b", 60))
    rumours = [
        "the government will stop all flood relief payments from monday so withdraw your money from the "
        "bank today and tell every family in the district before the offices close",
        "doctors say papaya leaves cure dengue in one night share this with everyone in your family and "
        "all the groups before the hospitals delete it from their websites forever",
    ]
    reports = []
    for r, text in enumerate(rumours):
        words = text.split()
        for n in range(20):
            copy = words[:n + 2] + words[n + 3:]   # leave out the (n + 3)th word
            reports.append((a if n % 2 else b, 100 * (r + 1) + n, " ".join(copy)))
    try:
        results = await asyncio.gather(*(
            s.reports.submit(intake_from_target(guild_id=10, reporter_id=rid, category="misinformation",
                                                target=text, now=NOW), now=NOW, sla_hours=12)
            for s, rid, text in reports))
        by_rumour = [{x.case_id for x in results[:20]}, {x.case_id for x in results[20:]}]
        assert [len(c) for c in by_rumour] == [1, 1] and by_rumour[0] != by_rumour[1]
        assert sum(x.joined for x in results) == 38
        assert sorted({x.number for x in results}) == [1, 2]
    finally:
        await a.close()
        await b.close()
