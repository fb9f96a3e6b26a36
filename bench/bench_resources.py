"""Issue 5: /resource search over 100,000 resources of mixed English and Urdu text.

Reports p50/p95 of `/resource search` to its initial response through the fake server (the real
`baithak run` process), beside the static baseline command measured the same way in the same
session, and the FTS query time alone (the repository's search on the same file, no Discord).
Aims: p95 end to end under 100 ms, the FTS query under 20 ms.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bot.domain.identity import DISCORD, Community
from bot.domain.resource_search import parse_query
from bot.domain.resources import PUBLISHED, NewResource
from bot.storage.sqlite.database import Database
from bot.storage.sqlite.resources import SqliteResourceRepository, scope_token

N_RESOURCES = 100_000
BATCH = 10_000
ROUNDS = 30          # rounds of CONCURRENCY interactions each, baseline and search interleaved
CONCURRENCY = 5
FTS_REPEATS = 5
# The guild id is only known once the fake server has made the guild; the library is loaded under
# this one beforehand and moved to the real guild before anything is measured.
PLACEHOLDER_GUILD = 1

EN = """fact check checking guide toolkit journalist journalists verification verify misinformation
disinformation election elections media literacy reverse image search video videos deepfake source
sources privacy safety online harassment report reporting platform policy community standards training
workshop creator creators youtube tiktok facebook instagram whatsapp telegram audience growth storytelling
editing camera microphone lighting podcast interview data visualisation spreadsheet research archive
wayback open investigation maps satellite climate health vaccine rumour rumours hoax scam phishing
password passwords encryption account security women girls rights law court freedom expression
censorship digital wellbeing burnout mental translation pakistan karachi lahore islamabad peshawar quetta
budget grant grants funding fellowship newsroom editor editors headline headlines caption captions
metadata geolocation chronolocation archive archives screenshot screenshots witness witnesses eyewitness
flood floods earthquake heatwave monsoon cricket economy inflation students teachers school university
library libraries dataset datasets tutorial course lesson lessons handbook manual checklist template
templates worksheet curriculum session sessions webinar recording transcript subtitles accessibility
sign language disability inclusion gender minority minorities refugee refugees migration labour farmers
water electricity internet shutdown shutdowns vpn bandwidth mobile phone phones smartphone android iphone
browser extension plugin newsletter blog website domain hosting backup cloud storage drive folder file
files spreadsheet excel sheets forms survey surveys poll polls statistics chart charts graph graphs""".split()
EN_FILLER = "the a of for and to in on with how what why from your our about using step by".split()
UR = """پاکستان حقائق جانچ طریقہ صحافی صحافیوں رہنمائی میڈیا سوشل جھوٹی خبریں خبر پہچان تصویر تصاویر
ویڈیو انتخابات تربیت ورکشاپ تخلیق کار سامعین کہانی ترمیم کیمرہ روشنی پوڈکاسٹ انٹرویو تحقیق نقشہ
موسم صحت ویکسین افواہ افواہیں دھوکہ پاس ورڈ حفاظت خواتین حقوق قانون عدالت آزادی اظہار ذہنی ترجمہ
اردو کراچی لاہور اسلام آباد پشاور کوئٹہ بجٹ فنڈنگ وظیفہ رپورٹ پلیٹ فارم پالیسی آن لائن ہراسانی سیلاب
زلزلہ گرمی مون سون کرکٹ معیشت مہنگائی طلبہ اساتذہ اسکول جامعہ کتب خانہ سبق اسباق نصاب اجلاس ریکارڈنگ
معذوری شمولیت اقلیت پناہ گزین کسان پانی بجلی انٹرنیٹ بندش موبائل فون ویب سائٹ بلاگ سروے شماریات
تصدیق ذرائع ماخذ گواہ سکرین شاٹ عنوان سرخی ادارتی مدیر نیوز روم ڈیٹا چارٹ گراف""".split()
UR_FILLER = "کی کے کا میں اور سے کو پر کیسے کیا لیے".split()
TAGS = ["fact-check", "urdu", "video", "safety", "training", "election", "health", "privacy", "tools",
        "research", "صحافت", "تربیت", "حفاظت", "grants", "podcast", "data", "climate", "women", "youtube",
        "guide"]


def _zipf_picker(rng: random.Random, vocab: list[str], s: float = 1.05):
    weights = [1 / (rank + 1) ** s for rank in range(len(vocab))]
    shuffled = vocab[:]
    rng.shuffle(shuffled)
    return lambda k: rng.choices(shuffled, weights=weights, k=k)


def make_library(n: int, guild_id: int, seed: int = 5) -> list[NewResource]:
    """`n` published resources, a third in Urdu, with Zipf-distributed topical words and fillers."""
    rng = random.Random(seed)
    en, ur = _zipf_picker(rng, EN), _zipf_picker(rng, UR)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)

    def text(pick, filler, count: int) -> str:
        words = pick(count)
        for i in range(1, len(words), 3):  # a filler word every few words, as in real sentences
            words.insert(i, rng.choice(filler))
        return " ".join(words)

    out = []
    for i in range(n):
        urdu = i % 3 == 0
        pick, filler = (ur, UR_FILLER) if urdu else (en, EN_FILLER)
        title = text(pick, filler, rng.randint(3, 7))
        description = text(pick, filler, rng.randint(10, 28)) + ("۔" if urdu else ".")
        tags = tuple(rng.sample(TAGS, rng.randint(0, 3)))
        out.append(NewResource(guild_id=guild_id, url=f"https://library.example.org/r/{i}",
                               url_key=f"library.example.org/r/{i}", title=title[:1].upper() + title[1:],
                               description=description, tags=tags, author_id=10_000 + i % 700,
                               status=PUBLISHED, created_at=start + timedelta(minutes=i)))
    return out


async def load_library(db_path: Path, n: int = N_RESOURCES, guild_id: int = PLACEHOLDER_GUILD) -> None:
    """Write `n` resources into the (migrated) database file through the repository."""
    db = Database(db_path)
    await db.open()
    try:
        repo = SqliteResourceRepository(db)
        items = make_library(n, guild_id)
        for i in range(0, len(items), BATCH):
            await repo.add_many(items[i:i + BATCH])
    finally:
        await db.close()


def move_library(db_path: Path, old_guild: int, new_guild: int) -> None:
    """Hand the loaded library to the guild the fake server created (rows and index scope)."""
    conn = sqlite3.connect(db_path, timeout=30)
    try:
        with conn:
            conn.execute("UPDATE resources SET guild_id = ? WHERE guild_id = ?", (new_guild, old_guild))
            conn.execute("UPDATE resources_fts SET scope = ? WHERE resources_fts MATCH ?",
                         (scope_token(Community(DISCORD, new_guild)),
                          f'scope : "{scope_token(Community(DISCORD, old_guild))}"'))
            conn.execute("INSERT INTO resources_fts (resources_fts) VALUES ('optimize')")
    finally:
        conn.close()


def queries(seed: int = 11) -> list[str]:
    """What members type: one to three topical words, English and Urdu, sometimes common ones."""
    rng = random.Random(seed)
    out = []
    for i in range(60):
        vocab = UR if i % 3 == 0 else EN
        out.append(" ".join(rng.sample(vocab[:120], rng.choice((1, 1, 2, 2, 3)))))
    return out


def pct(values: list[float], p: float) -> float:
    data = sorted(values)
    return data[min(len(data) - 1, max(0, round(p / 100 * (len(data) - 1))))]


async def fts_times(db_path: Path, guild_id: int, texts: list[str], repeats: int = FTS_REPEATS) -> list[float]:
    """Seconds per repository search (FTS5 query, ranking, snippets), each query `repeats` times."""
    db = Database(db_path)
    await db.open()
    try:
        repo = SqliteResourceRepository(db)
        times = []
        for _ in range(repeats):
            for text in texts:
                query = parse_query(text)
                started = time.perf_counter()
                await repo.search(Community(DISCORD, guild_id), query)
                times.append(time.perf_counter() - started)
        return times
    finally:
        await db.close()


async def run(ctx: Any) -> list[dict]:
    from bench.common import fire, row

    async def prepare(db_path: Path) -> None:
        await load_library(db_path)

    async with ctx.session(name="resources", members=CONCURRENCY * 4, prepare=prepare) as s:
        guild_id = s.world.guild.id
        move_library(s.db_path, PLACEHOLDER_GUILD, guild_id)
        texts = queries()
        people = s.members or [s.world.alice]
        base_lat: list[float] = []
        search_lat: list[float] = []
        failures = 0
        await s.baseline(CONCURRENCY)  # warm-up
        await fire([lambda: s.fake.slash(people[0], "resource search", query=texts[0])])
        for r in range(ROUNDS):
            base, _ = await fire([(lambda m=people[i % len(people)]: s.fake.slash(m, "bench-static"))
                                  for i in range(CONCURRENCY)])
            base_lat += base.latencies
            load, results = await fire([
                (lambda m=people[i % len(people)], q=texts[(r * CONCURRENCY + i) % len(texts)]:
                 s.fake.slash(m, "resource search", query=q)) for i in range(CONCURRENCY)])
            search_lat += load.latencies
            failures += load.errors + load.unanswered
            failures += sum(1 for x in results if "Resources matching" not in x.text
                            and "No published resource" not in x.text)
        fts = await fts_times(s.db_path, guild_id, texts)
        common = await fts_times(s.db_path, guild_id, ["the guide", "کی", "video"], repeats=3)

    ms = 1000
    return [
        row("resource search (100k)", "p50 to initial response", statistics.median(search_lat) * ms, "ms",
            baseline=statistics.median(base_lat) * ms),
        row("resource search (100k)", "p95 to initial response", pct(search_lat, 95) * ms, "ms",
            baseline=pct(base_lat, 95) * ms, goal="< 100 ms, <= 2x baseline"),
        row("resource search (100k)", "FTS query p50", statistics.median(fts) * ms, "ms"),
        row("resource search (100k)", "FTS query p95", pct(fts, 95) * ms, "ms", goal="< 20 ms"),
        row("resource search (100k)", "FTS very common words, max", max(common) * ms, "ms"),
        row("resource search (100k)", "errors or wrong answers", float(failures), "", goal="0"),
    ]
