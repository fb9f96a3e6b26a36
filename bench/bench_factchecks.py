"""Issue 14: report intake with 100,000 published fact-checks in the network.

Two communities' bots run side by side in the same run (each the real `baithak run` process against
its own fake server), both in a network with four partner communities that share their fact-checks,
both with `network_verdicts` on. In one database the partners have published 100,000 fact-checks
(half pasted texts, half links, in English and Urdu, with every key the matcher uses: claims, the
claim index, term counts); in the other they have published none. The same mix of reports goes to
both, round by round in turn: new texts, near-identical copies of fact-checked texts, variants of
fact-checked links, new links. Measured: p50/p99 from `/report` to the reporter's confirmation (with
the verdict where one matches), with fact-checks beside without. Aim: p99 within 2x.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import sqlite3
import statistics
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.bench_reports import Corpus, pct, report_targets
from bench.common import BenchContext, fire, row
from bot.domain.report_duplicates import is_matchable, normalise_text, terms, text_hash
from bot.domain.resource_search import search_text
from bot.domain.urls import normalise_url, url_key

N_FACTCHECKS = 100_000
PARTNERS = 4
PARTNER_BASE = 900_000_000_000_000_001  # partner guild ids (communities of the same deployment)
ROUNDS = 40
CONCURRENCY = 5
VERDICTS = ("false", "misleading", "missing_context", "true", "unverified")
CHECKED = "already been checked"          # in the English confirmation when a verdict is given


def load_factchecks(db_path: Path, guild_id: int, n: int, seed: int = 14) -> dict[str, list[str]]:
    """A network (the community and PARTNERS partners sharing fact-checks) and `n` published
    fact-checks spread over the partners, written as publishing writes them. Returns samples of
    the fact-checked texts and links for the measured reports to repeat."""
    corpus = Corpus(seed)
    rng = corpus.rng
    now = int(datetime.now(timezone.utc).timestamp())
    samples: dict[str, list[str]] = {"texts": [], "links": []}
    cases, factchecks, claims, fts = [], [], [], []
    term_docs: dict[str, int] = {}
    seen_hashes: set[str] = set()
    for i in range(1, n + 1):
        partner = PARTNER_BASE + i % PARTNERS
        number = i // PARTNERS + 1
        published = now - rng.randint(3600, 400 * 86400)
        cases.append((i, partner, number, published, published))
        if i % 2:
            link = corpus.link(10_000_000 + i)
            claim, key, hashed, norm = link, url_key(link), None, None
            sources = normalise_url(link)
            if len(samples["links"]) < 1000:
                samples["links"].append(link)
        else:
            claim = corpus.text()
            norm = normalise_text(claim)
            hashed = text_hash(norm) if is_matchable(norm) else None
            key, sources = None, ""
            if hashed and len(samples["texts"]) < 1000:
                samples["texts"].append(claim)
        factchecks.append((i, partner, number, i, VERDICTS[i % len(VERDICTS)], claim[:500],
                           "Checked against the original sources.", sources, "ur" if i % 3 == 0 else "en",
                           published))
        claims.append((i, i, key, hashed, norm if hashed else None, len(norm) if hashed else 0))
        if hashed and hashed not in seen_hashes:
            seen_hashes.add(hashed)
            fts.append((i, norm))
            for term in terms(norm):
                term_docs[term] = term_docs.get(term, 0) + 1
    conn = sqlite3.connect(db_path, timeout=60)
    try:
        with conn:
            conn.executemany("""
                INSERT INTO report_cases (id, guild_id, number, category, urgent, status, created_at,
                    last_report_at, sla_hours, sla_due_at) VALUES (?, ?, ?, 'misinformation', 0, 'new', ?, ?, 12, NULL)""",
                cases)
            conn.executemany("""
                INSERT INTO factchecks (id, platform, guild_id, number, case_id, verdict, claim, summary, sources,
                    language, status, published_by, published_at)
                VALUES (?, 'discord', ?, ?, ?, ?, ?, ?, ?, ?, 'published', 1, ?)""", factchecks)
            conn.executemany("INSERT INTO factcheck_fts (rowid, claim, summary) VALUES (?, ?, ?)",
                             [(f[0], search_text(f[6]), search_text(f[7])) for f in factchecks])
            conn.executemany("""
                INSERT INTO factcheck_claims (id, factcheck_id, link_key, text_hash, norm_text, norm_len)
                VALUES (?, ?, ?, ?, ?, ?)""", claims)
            conn.executemany("INSERT INTO factcheck_claim_fts (rowid, body) VALUES (?, ?)", fts)
            conn.executemany("INSERT INTO factcheck_terms (term, docs) VALUES (?, ?)", term_docs.items())
            conn.execute("INSERT INTO factcheck_claim_fts (factcheck_claim_fts) VALUES ('optimize')")
            conn.execute("ANALYZE")
    finally:
        conn.close()
    return samples


def join_network(db_path: Path, guild_id: int) -> None:
    """The community and its partners in one network, every partner sharing its fact-checks."""
    now = int(datetime.now(timezone.utc).timestamp())
    conn = sqlite3.connect(db_path, timeout=60)
    try:
        with conn:
            conn.execute("INSERT INTO networks (id, created_at) VALUES (1, ?)", (now,))
            conn.executemany("INSERT INTO network_members (network_id, platform, guild_id, joined_at) "
                             "VALUES (1, 'discord', ?, ?)",
                             [(g, now) for g in [guild_id, *(PARTNER_BASE + p for p in range(PARTNERS))]])
    finally:
        conn.close()


def reports(samples: dict[str, list[str]], total: int, seed: int = 7) -> list[str]:
    """What reporters send: new texts, near copies of fact-checked texts, variants of fact-checked
    links, new links (a quarter each)."""
    return report_targets(samples, total, rng=random.Random(seed), corpus=Corpus(seed=99),
                          new_links_from=50_000_000)


async def run(ctx: BenchContext) -> list[dict]:
    total = ROUNDS * CONCURRENCY
    samples: dict[str, list[str]] = {}

    async def with_factchecks(world: Any, members: list[Any], db_path: Path) -> None:
        samples.update(await asyncio.to_thread(load_factchecks, db_path, world.guild.id, N_FACTCHECKS))
        join_network(db_path, world.guild.id)

    async def without(world: Any, members: list[Any], db_path: Path) -> None:
        join_network(db_path, world.guild.id)

    setup = dict(network_verdicts="on")
    latencies: dict[str, list[float]] = {"with": [], "without": []}
    failures = answered = 0
    async with contextlib.AsyncExitStack() as stack:
        sessions = {
            "with": await stack.enter_async_context(ctx.session(
                name="factchecks", members=total + CONCURRENCY, before_start=with_factchecks, setup=setup)),
            "without": await stack.enter_async_context(ctx.session(
                name="factchecks-none", members=total + CONCURRENCY, before_start=without, setup=setup)),
        }
        targets = reports(samples, total)
        reporters = {k: iter(s.members) for k, s in sessions.items()}  # one report each: no abuse limit
        for key, s in sessions.items():  # warm-up
            await s.fake.slash(next(reporters[key]), "report", target="warm up " * 5, category="misinformation")
        for r in range(ROUNDS):
            batch = targets[r * CONCURRENCY:(r + 1) * CONCURRENCY]
            for key in (("with", "without") if r % 2 else ("without", "with")):
                s = sessions[key]
                load, results = await fire([
                    (lambda m=next(reporters[key]), t=t, s=s: s.fake.slash(m, "report", target=t,
                                                                        category="misinformation"))
                    for t in batch])
                latencies[key] += load.latencies
                failures += load.errors + load.unanswered
                failures += sum(1 for x in results if "Thank you" not in x.text)
                if key == "with":
                    answered += sum(1 for x in results if CHECKED in x.text)
                elif any(CHECKED in x.text for x in results):
                    failures += 1  # no fact-check exists there: a verdict would be wrong

    ms = 1000
    name = f"report intake, {N_FACTCHECKS:,} fact-checks in the network"
    with_, without_ = latencies["with"], latencies["without"]
    return [
        row(name, "p50 to confirmation (with the verdict)", statistics.median(with_) * ms, "ms",
            baseline=statistics.median(without_) * ms),
        row(name, "p99 to confirmation (with the verdict)", pct(with_, 99) * ms, "ms",
            baseline=pct(without_, 99) * ms, goal="<= 2x without fact-checks"),
        row(name, "reports answered with a verdict", float(answered), "", goal=f"~{total // 2} of {total}"),
        row(name, "errors, unconfirmed or wrong verdicts", float(failures), "", goal="0"),
    ]
