"""Issue 4: report intake with 50,000 existing cases of varied text in the database.

Measures `/report` from the interaction to its ephemeral confirmation (the fake server's latency to
the initial response, against the real `baithak run` process), interleaved with the static baseline
command in the same session, over a mix of reports: new pasted text, near-identical copies of existing
texts (they join a case), link variants of existing links (they join), and new links. Also measures
the duplicate check alone (bot.storage.sqlite.reports.find_duplicate on the same file, no Discord).
Aims: p99 under 250 ms and within 3x the baseline's p99.

The 50,000 cases are written straight into the migrated file before the bot starts (through the same
normalisation and keys the repository uses), under the guild the fake server created, so the
duplicate check runs against them exactly as in production.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import statistics
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, AsyncIterator

from bot.domain.report_categories import CATEGORIES, is_urgent
from bot.domain.report_duplicates import is_matchable, normalise_text, terms, text_hash
from bot.domain.reports import Evidence, Intake, intake_from_target
from bot.domain.urls import normalise_url, url_key
from bot.storage.sqlite.database import Database
from bot.storage.sqlite.migrations import open_migrated
from bot.storage.sqlite.reports import find_duplicate

N_CASES = 50_000
ROUNDS = 40
CONCURRENCY = 5               # reports (and baseline commands) started together per round
DUP_CHECKS = 300

EN = """vaccine vaccines polio drops infertility flood relief money stolen ngo government minister election
rigged ballot army police protest strike petrol price fuel rupees dollar inflation bank account blocked
cnic nadra sim card lottery prize winner whatsapp forward share before deleted doctors hide cure dengue
papaya leaves garlic onion corona covid virus lab china america india enemy agents blasphemy mob attack
mosque church temple minority christian hindu ahmadi shia sunni women girls school closed teachers exam
paper leaked results cancelled university fees students scholarship fake job offer visa abroad dubai
saudi qatar earthquake tomorrow warning dam burst evacuate district karachi lahore quetta peshawar
islamabad multan cricket match fixed player banned celebrity died accident hospital blood donors needed
children kidnapped gang van white missing boy girl reward video photo edited old picture viral truth""".split()
EN_FILLER = "the a of for and to in on with is are was this that they will all now from by".split()
UR = """ویکسین پولیو قطرے بانجھ پن سیلاب امداد رقم چوری حکومت وزیر انتخابات دھاندلی فوج پولیس احتجاج ہڑتال
پٹرول قیمت روپے ڈالر مہنگائی بینک اکاؤنٹ بند شناختی کارڈ نادرا سم انعام واٹس ایپ شیئر ڈاکٹر علاج
ڈینگی پپیتا پتے لہسن کورونا وائرس چین دشمن ایجنٹ توہین ہجوم حملہ مسجد اقلیت خواتین لڑکیاں اسکول بند
اساتذہ امتحان پرچہ لیک نتائج منسوخ جامعہ فیس طلبہ وظیفہ جعلی نوکری ویزا دبئی زلزلہ کل انتباہ ڈیم
خالی کراچی لاہور کوئٹہ پشاور اسلام آباد کرکٹ میچ فکس کھلاڑی پابندی اداکار انتقال حادثہ ہسپتال خون
بچے اغوا گروہ سفید وین لاپتہ انعام ویڈیو تصویر پرانی وائرل سچ""".split()
UR_FILLER = "کی کے کا میں اور سے کو پر ہے ہیں یہ وہ سب اب".split()
SITES = ["facebook.com", "www.facebook.com", "tiktok.com", "www.youtube.com", "x.com", "t.me",
         "news.example.pk", "www.urdu-news.example", "blog.example.org", "instagram.com"]


def _zipf(rng: random.Random, vocab: list[str], s: float = 1.05):
    weights = [1 / (rank + 1) ** s for rank in range(len(vocab))]
    shuffled = vocab[:]
    rng.shuffle(shuffled)
    return lambda k: rng.choices(shuffled, weights=weights, k=k)


class Corpus:
    """Varied report texts and links in English and Urdu, reproducible from a seed."""

    def __init__(self, seed: int = 4) -> None:
        self.rng = random.Random(seed)
        self.en, self.ur = _zipf(self.rng, EN), _zipf(self.rng, UR)

    def text(self) -> str:
        urdu = self.rng.random() < 0.35
        pick, filler = (self.ur, UR_FILLER) if urdu else (self.en, EN_FILLER)
        words = pick(self.rng.randint(8, 40))
        for i in range(1, len(words), 3):
            words.insert(i, self.rng.choice(filler))
        return " ".join(words) + ("۔" if urdu else ".")

    def link(self, n: int) -> str:
        site = SITES[n % len(SITES)]
        return f"https://{site}/post/{n}/{self.rng.randrange(10**6)}?id={n % 97}"


def load_cases(db_path: Path, guild_id: int, n: int = N_CASES, seed: int = 4) -> dict[str, list[str]]:
    """Write `n` cases (one report each: 40% pasted text, 30% links, 30% messages) into the migrated
    file; returns samples of open texts and links for the measured reports to duplicate."""
    corpus = Corpus(seed)
    rng = corpus.rng
    now = int(datetime.now(timezone.utc).timestamp())
    samples: dict[str, list[str]] = {"texts": [], "links": []}
    cases, intakes, fts = [], [], []
    term_docs: dict[str, int] = {}
    for i in range(1, n + 1):
        category = rng.choice(CATEGORIES)
        created = now - rng.randint(60, 60 * 86400)
        status = rng.choices(["new", "triaging", "escalated", "resolved", "dismissed"], [4, 2, 1, 2, 1])[0]
        kind = rng.choices(["text", "link", "message"], [4, 3, 3])[0]
        message_id = channel_id = link_key = hashed = norm = None
        if kind == "link":
            link = corpus.link(i)
            evidence = Evidence(source="link", content=link, link=normalise_url(link))
            link_key = url_key(link)
            if status in ("new", "triaging", "escalated") and len(samples["links"]) < 500:
                samples["links"].append(link)
        else:
            content = corpus.text()
            norm = normalise_text(content)
            hashed = text_hash(norm) if is_matchable(norm) else None
            if kind == "message":
                message_id, channel_id = 10**17 + i, 10**17
                evidence = Evidence(source="message", content=content, author_id=10**16 + i % 5000,
                                    author_name=f"user{i % 5000}", channel_id=channel_id, message_id=message_id,
                                    jump_url=f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}")
            else:
                evidence = Evidence(source="text", content=content)
            if (hashed and status in ("new", "triaging", "escalated") and created > now - 25 * 86400
                    and len(samples["texts"]) < 500):
                samples["texts"].append(content)
        # No SLA due dates: a start-up flood of overdue reminders is not what is measured here.
        cases.append((i, guild_id, i, category, int(is_urgent(category)), status, created, created, 12, None))
        intakes.append((i, i, guild_id, 10**15 + rng.randrange(20_000), created, evidence.source, category,
                        message_id, channel_id, link_key, hashed, norm if hashed else None,
                        len(norm) if hashed else 0, evidence.to_json()))
        if hashed:
            fts.append((i, norm))
            for term in terms(norm):
                term_docs[term] = term_docs.get(term, 0) + 1
    conn = sqlite3.connect(db_path, timeout=60)
    try:
        with conn:
            conn.executemany("""
                INSERT INTO report_cases (id, guild_id, number, category, urgent, status, created_at,
                    last_report_at, sla_hours, sla_due_at) VALUES (?, ?, ?, ?, ?, 'new', ?, ?, ?, ?)""",
                [(c[0], c[1], c[2], c[3], c[4], c[6], c[7], c[8], c[9]) for c in cases])
            conn.executemany("""
                INSERT INTO report_intake (id, case_id, guild_id, reporter_id, created_at, source, category,
                    message_id, channel_id, link_key, text_hash, norm_text, norm_len, evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", intakes)
            conn.executemany("INSERT INTO report_text_fts (rowid, body) VALUES (?, ?)", fts)
            conn.executemany("INSERT INTO report_terms (term, docs) VALUES (?, ?)", term_docs.items())
            # Move cases to their status along the allowed path (the audit trigger records each step).
            path = {"triaging": ["triaging"], "escalated": ["triaging", "escalated"],
                    "resolved": ["triaging", "resolved"], "dismissed": ["triaging", "dismissed"]}
            for step in range(2):
                conn.executemany(
                    "UPDATE report_cases SET status = ?, status_at = created_at + 3600, sla_due_at = NULL, "
                    "claimed_at = COALESCE(claimed_at, created_at + 3600) WHERE id = ?",
                    [(path[c[5]][step], c[0]) for c in cases if c[5] in path and len(path[c[5]]) > step])
            conn.execute("INSERT INTO report_text_fts (report_text_fts) VALUES ('optimize')")
            conn.execute("ANALYZE")
    finally:
        conn.close()
    return samples


def near_copy(rng: random.Random, text: str) -> str:
    """The same post forwarded again: case and punctuation changed, one word dropped."""
    words = text.split()
    if len(words) > 12:
        del words[rng.randrange(len(words))]
    return " ".join(words).upper() + " !!"


def report_targets(samples: dict[str, list[str]], total: int, *, rng: random.Random, corpus: "Corpus",
                   new_links_from: int) -> list[str]:
    """What reporters send, a quarter each: new texts, near copies of stored texts, variants of stored
    links, new links (numbered from `new_links_from`, past every stored one)."""
    out = []
    for i in range(total):
        kind = i % 4
        if kind == 0:
            out.append(corpus.text())
        elif kind == 1:
            out.append(near_copy(rng, rng.choice(samples["texts"])))
        elif kind == 2:
            out.append(link_variant(rng.choice(samples["links"])))
        else:
            out.append(corpus.link(new_links_from + i))
    return out


def link_variant(link: str) -> str:
    """The same link with tracking parameters, another scheme, upper-case host and a trailing slash."""
    scheme, rest = link.split("://", 1)
    host, _, path = rest.partition("/")
    path, _, query = path.partition("?")
    return f"http://{host.upper()}/{path}/?{query}&utm_source=whatsapp&fbclid=abc"


def pct(values: list[float], p: float) -> float:
    data = sorted(values)
    return data[min(len(data) - 1, max(0, round(p / 100 * (len(data) - 1))))]


async def duplicate_check_times(db_path: Path, guild_id: int, intakes: list[Intake]) -> list[float]:
    """Seconds per duplicate check on the loaded file (index lookups, FTS prefilter, rapidfuzz)."""
    db = Database(db_path)
    await db.open()
    try:
        times = []
        now = datetime.now(timezone.utc)
        for intake in intakes:
            def run(conn: sqlite3.Connection, intake: Intake) -> float:
                started = time.perf_counter()
                find_duplicate(conn, intake, now)
                return time.perf_counter() - started

            times.append(await db.write_sync(run, intake))
        return times
    finally:
        await db.close()


@contextlib.asynccontextmanager
async def reports_session(root: Path, members: int, postgres: Any = None) -> AsyncIterator[Any]:
    """Like bench.common's session, but the fake guild exists before the cases are loaded, so they
    are written under its real id (case rows keep their guild for life: a trigger refuses moving them).
    With `postgres` (a bench.pg server) the loaded file is copied into PostgreSQL and the bot runs on that."""
    from bench.common import Session
    from fakediscord import FakeDiscord
    from tests.e2e.process import BotProcess
    from tests.harness import seed_world

    folder = root / ("reports" if postgres is None else "reports-postgres")
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "baithak.sqlite3"
    db = await open_migrated(db_path)
    await db.close()
    fake = FakeDiscord()
    await fake.start()
    world = seed_world(fake)
    extra = [world.guild.add_member(f"reporter{i:04d}") for i in range(members)]
    samples = load_cases(db_path, world.guild.id)
    env = dict(BAITHAK_EXTENSIONS="bench.baseline_cog", LOG_LEVEL="WARNING")
    url = None
    if postgres is not None:
        from bench.pg import copy_to_postgres

        url = env["BAITHAK_DATABASE"] = await copy_to_postgres(postgres, db_path)
    proc = BotProcess(fake, db_path, **env)
    try:
        await proc.start(timeout=120)
        await fake.slash(world.admin, "setup", moderation=world.moderation, moderator_role=world.moderator_role)
        session = Session(fake, world, proc, db_path, extra, url)
        session.samples = samples  # type: ignore[attr-defined]
        yield session
    finally:
        await proc.stop()
        await fake.stop()


async def run(ctx: Any, postgres: Any = None, label: str = "") -> list[dict]:
    """The intake on SQLite (with the duplicate check alone timed on the file), or with `postgres`
    on a PostgreSQL copy of the same 50,000 cases (`label` names it in the table)."""
    from bench.common import fire, row

    rng = random.Random(7)
    corpus = Corpus(seed=99)
    total = ROUNDS * CONCURRENCY
    async with reports_session(ctx.root, members=total + CONCURRENCY, postgres=postgres) as s:
        samples = s.samples  # type: ignore[attr-defined]
        reporters = iter(s.members)   # one report per member: the abuse limit never interferes
        targets = report_targets(samples, total, rng=rng, corpus=corpus, new_links_from=N_CASES)
        await s.baseline(CONCURRENCY)  # warm-up
        warm = next(reporters)
        await s.fake.slash(warm, "report", target=corpus.text(), category="misinformation")
        base_lat: list[float] = []
        report_lat: list[float] = []
        failures = joined = 0
        for r in range(ROUNDS):
            base, _ = await fire([(lambda m=s.members[i]: s.fake.slash(m, "bench-static"))
                                  for i in range(CONCURRENCY)])
            base_lat += base.latencies
            batch = targets[r * CONCURRENCY:(r + 1) * CONCURRENCY]
            load, results = await fire([
                (lambda m=next(reporters), t=t: s.fake.slash(m, "report", target=t, category="misinformation"))
                for t in batch])
            report_lat += load.latencies
            failures += load.errors + load.unanswered
            failures += sum(1 for x in results if "Thank you" not in x.text)
            joined += sum(1 for x in results if "added to case" in x.text)
        checks: list[float] = []
        if postgres is None:  # the duplicate check alone is timed on the SQLite file only
            # Reports not sent before (an already-sent text would stop at its exact-match index).
            fresh = [corpus.text() if i % 3 == 0 else near_copy(rng, rng.choice(samples["texts"])) + " again"
                     if i % 3 == 1 else link_variant(rng.choice(samples["links"])) for i in range(DUP_CHECKS)]
            intakes = [intake_from_target(guild_id=s.world.guild.id, reporter_id=1, category="other",
                                          target=text, now=datetime.now(timezone.utc)) for text in fresh]
            checks = await duplicate_check_times(s.db_path, s.world.guild.id, intakes)

    ms = 1000
    name = f"report intake (50k cases){label}"
    p99, base99 = pct(report_lat, 99) * ms, pct(base_lat, 99) * ms
    rows = [
        row(name, "p50 to confirmation", statistics.median(report_lat) * ms, "ms",
            baseline=statistics.median(base_lat) * ms),
        row(name, "p99 to confirmation", p99, "ms", baseline=base99, goal="< 250 ms and < 3x baseline"),
    ]
    if checks:
        rows += [
            row(name, "duplicate check p50 (no Discord)", statistics.median(checks) * ms, "ms"),
            row(name, "duplicate check p99 (no Discord)", pct(checks, 99) * ms, "ms"),
        ]
    return rows + [
        row(name, "reports joining an existing case", float(joined), "", goal=f"~{total // 2} of {total}"),
        row(name, "errors or unconfirmed", float(failures), "", goal="0"),
    ]
