"""`baithak copy-db`: a SQLite database with events, RSVPs, reminders, resources, votes, reports and
their audit rows, the Telegram front end's rows (reachability, organisers, a form, link codes) and a
linked group with its extra posts copied into an empty PostgreSQL database and back, read through the repositories
the bot uses: the same data on every copy, search and the duplicate rule still working, new rows
numbered after the copied ones, and a target that is not empty refused."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from dataclasses import replace

from bot.domain.events import Event
from bot.domain.factchecks import Draft, keys_of
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, TELEGRAM, Community, Member, MessageRef, Place
from bot.domain.report_status import plan_claim
from bot.domain.reports import intake_from_target
from bot.domain.resource_search import parse_query
from bot.domain.resources import PUBLISHED, NewResource
from bot.domain.roles import Actor
from bot.domain.urls import normalise_url, url_key
from bot.ports.telegram import Form
from bot.storage.postgres.store import PostgresStore
from bot.storage.sqlite.store import SqliteStore

REPO = Path(__file__).resolve().parents[2]
NOW = datetime.now(timezone.utc).replace(microsecond=0)
HERE = Community(DISCORD, 100)
GROUP = Community(TELEGRAM, -900)  # a Telegram group linked to HERE
SETTINGS = GuildSettings(guild_id=100, timezone="Asia/Karachi", language="ur", moderator_role=77,
                         announcements_channel=5)
MOD = Actor(user_id=500, guild_id=100, role_ids=frozenset({77}))


async def fill(store) -> dict:
    await store.settings.save(SETTINGS)
    event = await store.events.create(Event(
        id=0, guild_id=100, channel_id=5, message_id=None, organiser_id=1, title="مشاعرہ", description="شام",
        location="Lahore", starts_at=NOW + timedelta(days=1), duration_min=90, timezone="Asia/Karachi",
        capacity=2, reminder_offsets=(60,), platform=DISCORD), NOW)
    for uid in (11, 12, 13):
        await store.events.rsvp(event.id, community=HERE, member=Member(DISCORD, uid), display_name=f"m{uid}",
                                choice="going", now=NOW)
    res = await store.resources.add(NewResource(
        guild_id=100, url=normalise_url("https://example.org/guide"), url_key=url_key("https://example.org/guide"),
        title="Fact checking guide", description="Verify viral images", tags=("fact-check",), author_id=11,
        status=PUBLISHED, created_at=NOW, platform=DISCORD))
    await store.resources.toggle_vote(res.id, Member(DISCORD, 12), now=NOW)
    text = "Forwarded many times: the government will stop all flood relief payments from Monday"
    first = await store.reports.submit(intake_from_target(guild_id=100, reporter_id=21, category="other",
                                                          target=text, now=NOW), now=NOW, sla_hours=12)
    case = await store.reports.get(first.case_id)
    await store.reports.apply(case, plan_claim(case, MOD, SETTINGS), actor_id=500, now=NOW)
    # The Telegram front end's rows and a group linked to this server.
    tg = store.telegram
    await tg.set_reachable(31, True, NOW)
    await tg.set_reachable(32, False, NOW)
    await tg.set_last_group(31, -900, NOW)
    await tg.link_moderators(-900, -901, NOW)
    await tg.add_organiser(-900, 31, 1, NOW)
    await tg.save_form(Form(TELEGRAM, -900, 31, "event", "when", NOW + timedelta(days=1), {"title": "مشاعرہ"}))
    await tg.create_code("FRESH", "link", HERE, 1, NOW + timedelta(days=1))
    await tg.create_code("SPENT", "link", HERE, 1, NOW + timedelta(days=1))
    assert await tg.use_code("SPENT", "link", NOW) == HERE
    await store.links.link(GROUP, HERE, NOW)
    await store.links.add_post("event", event.id, MessageRef(Place(TELEGRAM, -900), 77))
    return {"event": event.id, "resource": res.id, "case": first.case_id, "text": text,
            **await fill_factchecks(store)}


FC_TEXT = "Viral claim: drinking boiled neem water cures dengue within two days, doctors say"
PARTNER = Community(DISCORD, 200)


async def fill_factchecks(store) -> dict:
    """A fact-check (corrected, with its DM claimed and a partner post), a network of two, a digest run."""
    await store.settings.save(replace(SETTINGS, digest_day=4, digest_minute=1080, network_verdicts=True))
    found = await store.reports.submit(intake_from_target(guild_id=100, reporter_id=31, category="misinformation",
                                                          target=FC_TEXT, now=NOW), now=NOW, sla_hours=12)
    case = await store.reports.get(found.case_id)
    fc = await store.factchecks.publish(case, Draft("false", "No study shows that; see a doctor.",
                                                    ("https://who.example/dengue",)),
                                        claim=FC_TEXT, language="ur", actor_id=500, now=NOW)
    await store.factchecks.correct(fc, note="Source added", verdict="misleading", actor_id=500, now=NOW)
    await store.factchecks.claim_notices(fc.id, "publish", [Member(DISCORD, 31)], NOW)
    await store.factchecks.claim_share(fc.id, PARTNER, NOW)
    await store.factchecks.set_share_post(fc.id, PARTNER, MessageRef(Place(DISCORD, 9), 99))
    network = await store.network.create_invite(HERE, code_hash="h", actor_id=500, now=NOW,
                                                expires_at=NOW + timedelta(days=1))
    await store.network.join(PARTNER, code_hash="h", actor_id=600, now=NOW)
    await store.digest.claim(HERE, "2026-W11", due_at=NOW, status="sent", now=NOW)
    return {"factcheck": fc.id, "network": network}


async def snapshot_factchecks(store, ids: dict) -> dict:
    fc = await store.factchecks.get(ids["factcheck"])
    near = intake_from_target(guild_id=100, reporter_id=32, category="misinformation",
                              target=FC_TEXT.replace("doctors say", "doctors said!"), now=NOW)
    return {
        "factcheck": fc,
        "fc_search": [f.id for f in await store.factchecks.search([HERE], parse_query("neem dengue"))],
        "fc_match": (await store.factchecks.match(keys_of(near), [HERE])).id,
        "fc_shares": await store.factchecks.share_posts(fc.id),
        "fc_notices": await store.factchecks.claim_notices(fc.id, "publish", [Member(DISCORD, 31)], NOW),
        "members": await store.network.members(ids["network"]),
        "network_audit": await store.network.audit(ids["network"]),
        "digest": (await store.digest.scheduled(), await store.digest.run_of(HERE, "2026-W11")),
    }


async def snapshot(store, ids: dict) -> dict:
    case = await store.reports.get(ids["case"])
    return {
        "settings": await store.settings.get(HERE),
        "event": await store.events.get(ids["event"]),
        "attendees": await store.events.attendees(ids["event"]),
        "reminders": await store.events.reminder_statuses(ids["event"]),
        "groups": await store.events.pending_groups(),
        "resource": await store.resources.get(ids["resource"]),
        "search": [h.resource.id for h in await store.resources.search(HERE, parse_query("images"))],
        "case": (case.number, case.status, case.claimed_by, case.evidence, case.report_count),
        "audit": await store.reports.audit(ids["case"]),
        "queue": [c.id for c in (await store.reports.queue(HERE, statuses=["triaging"]))[0]],
        **await snapshot_factchecks(store, ids),
        "telegram": (await store.telegram.reachable(31), await store.telegram.unreachable_among([31, 32]),
                     await store.telegram.last_group(31), await store.telegram.community_of_moderators(-901),
                     await store.telegram.is_organiser(-900, 31),
                     await store.telegram.get_form(TELEGRAM, -900, 31, NOW)),
        "links": (await store.links.home_of(GROUP), await store.links.linked_to(HERE),
                  await store.links.posts("event", ids["event"])),
    }


def copy_db(source: str, target: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "copy-db", source, target], cwd=REPO,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)})


async def test_copy_sqlite_to_postgres_and_back_keeps_everything(tmp_path: Path, pg_server) -> None:
    path = tmp_path / "source.sqlite3"
    store = await SqliteStore.open(path)
    ids = await fill(store)
    before = await snapshot(store, ids)
    await store.close()
    url = await pg_server.create_database(migrated=False)
    done = copy_db(str(path), url)
    assert done.returncode == 0, done.stderr
    assert "verified" in done.stdout and "baithak-test" not in done.stdout  # the password is not shown
    pg = await PostgresStore.open(url)
    try:
        assert await snapshot(pg, ids) == before
        # New rows continue after the copied ones; the copied report text still catches its duplicate.
        joined = await pg.reports.submit(intake_from_target(guild_id=100, reporter_id=22, category="other",
                                                            target=ids["text"], now=NOW), now=NOW, sla_hours=12)
        assert joined.joined and joined.case_id == ids["case"]
        # A forward with other words is found through the term counts copy-db derived from the texts.
        near = ids["text"].replace("many ", "").upper() + " !!"
        found = await pg.reports.submit(intake_from_target(guild_id=100, reporter_id=25, category="other",
                                                           target=near, now=NOW), now=NOW, sla_hours=12)
        assert found.joined and found.case_id == ids["case"]
        other = await pg.reports.submit(intake_from_target(guild_id=100, reporter_id=23, category="other",
                                                           target="https://other.example/x", now=NOW),
                                        now=NOW, sla_hours=12)
        assert other.case_id > ids["case"] and other.number == 3    # after R-2, the fact-checked case
        # A code used before the copy stays used; one that was not can still be used, once.
        assert await pg.telegram.use_code("SPENT", "link", NOW) is None
        assert await pg.telegram.use_code("FRESH", "link", NOW) == HERE
        after_pg = await snapshot(pg, ids)
    finally:
        await pg.close()
    # Into a PostgreSQL database that already holds rows: refused, nothing changed.
    again = copy_db(str(path), url)
    assert again.returncode == 1 and "not empty" in again.stderr and len(again.stderr.splitlines()) == 1
    # And back into a new SQLite file: search (FTS rebuilt) and the duplicate rule work there too.
    back = tmp_path / "back.sqlite3"
    done = copy_db(url, str(back))
    assert done.returncode == 0, done.stderr
    sqlite = await SqliteStore.open(back)
    try:
        assert await snapshot(sqlite, ids) == after_pg
        third = await sqlite.reports.submit(intake_from_target(guild_id=100, reporter_id=24, category="other",
                                                               target=ids["text"], now=NOW), now=NOW, sla_hours=12)
        assert third.joined and third.case_id == ids["case"]
        assert await sqlite.telegram.use_code("FRESH", "link", NOW) is None  # used on PostgreSQL
    finally:
        await sqlite.close()
    await pg_server.drop_database(url)


def test_copy_db_refuses_two_of_a_kind(tmp_path: Path) -> None:
    done = copy_db(str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3"))
    assert done.returncode == 1 and "baithak backup" in done.stderr
    done = copy_db(str(tmp_path / "a.sqlite3"), "mysql://x@y/z")
    assert done.returncode == 2 and "not supported" in done.stderr
