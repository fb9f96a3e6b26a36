"""`baithak copy-db` with the later features' rows: a weekly series (one date announced, the others
waiting), a member moved up from the waitlist who checked in late, a check-in code, a closed-DMs line,
and a report case's conversation, thread and snippet; copied from SQLite into PostgreSQL and back,
read through the repositories: the same on every copy, and the announcement queue still hands each
date out once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.domain import attendance as att
from bot.domain.events import Event
from bot.domain.identity import DISCORD, Community, Member, MessageRef, Place
from bot.domain.report_conversation import ANSWER, QUESTION
from bot.domain.reports import intake_from_target
from bot.domain.series import plan_series
from bot.storage.postgres.store import PostgresStore
from bot.storage.sqlite.store import SqliteStore
from tests.postgres.test_copy_db import copy_db

NOW = datetime.now(timezone.utc).replace(microsecond=0)
START = NOW + timedelta(days=1)
HERE = Community(DISCORD, 100)


def event(title: str, starts_at: datetime, capacity: int | None = None) -> Event:
    return Event(id=0, guild_id=100, channel_id=5, message_id=None, organiser_id=1, title=title, description="",
                 location="", starts_at=starts_at, duration_min=60, timezone="Asia/Karachi", capacity=capacity,
                 reminder_offsets=(60,))


async def fill(store) -> dict:
    meetup = await store.events.create(event("مشاعرہ", START, capacity=1), NOW)
    await store.events.set_message(meetup.id, MessageRef(Place(DISCORD, 5), 4242))
    for uid, choice in ((11, "going"), (12, "going"), (11, "declined")):  # 12 moves up
        await store.events.rsvp(meetup.id, community=HERE, member=Member(DISCORD, uid), display_name=f"m{uid}",
                                choice=choice, now=NOW)
    await store.attendance.check_in(meetup.id, community=HERE, member=Member(DISCORD, 12), method=att.CODE,
                                    now=START + timedelta(minutes=3), decide=att.decide_checkin)
    await store.attendance.issue_code(meetup.id, community=HERE, issued_by=Member(DISCORD, 1), now=START,
                                      expires_at=START + att.CODE_TTL, generate=lambda: "123456")
    await store.attendance.claim_dm_note(meetup.id, 60, START, 2, NOW)
    await store.attendance.advance_windows(START - timedelta(minutes=10))  # Check in shown
    plan, drafts = plan_series(event("Clinic", NOW + timedelta(days=2)), repeat="weekly", until=None, count=3,
                               announce_ahead=7, now=NOW)
    series, _ = await store.series.create(plan, drafts, NOW)
    for due in await store.series.claim_due(NOW):
        await store.series.announced(due.id, MessageRef(Place(DISCORD, 5), 5000 + due.id))
    found = await store.reports.submit(intake_from_target(guild_id=100, reporter_id=21, category="other",
                                                          target="https://scam.example/win", now=NOW),
                                       now=NOW, sla_hours=12)
    case = await store.reports.get(found.case_id)
    conv = store.report_conversation
    await conv.add(case, QUESTION, author=Member(DISCORD, 500), body="کہاں دیکھا؟", now=NOW)
    await conv.add(case, ANSWER, author=Member(DISCORD, 21), body="In a group", now=NOW, reporter_no=1, late=True)
    await conv.set_thread(case.id, 777)
    await conv.add_snippet(HERE, "need-link", "Send the link?", author=Member(DISCORD, 500), now=NOW)
    return {"event": meetup.id, "series": series.id, "case": case.id}


async def snapshot(store, ids: dict) -> dict:
    return {
        "figures": await store.attendance.figures(ids["event"]),
        "checked_in": await store.attendance.checked_in(ids["event"], Member(DISCORD, 12)),
        "code": await store.attendance.find_code(HERE, "123456"),
        "next_window": await store.attendance.next_window(),
        "series": await store.series.get(ids["series"]),
        "occurrences": await store.series.occurrences(ids["series"]),
        "original_starts": await store.series.original_starts(ids["series"]),
        "next_due": await store.series.next_due(),
        "upcoming": [e.id for e in await store.events.upcoming(HERE, NOW, limit=10)],
        "conversation": await store.report_conversation.entries(ids["case"]),
        "cases_of": await store.report_conversation.cases_of(Member(DISCORD, 21), HERE),
        "thread": await store.report_conversation.thread(ids["case"]),
        "snippets": await store.report_conversation.snippets(HERE),
    }


async def test_copy_keeps_series_check_ins_and_conversations(tmp_path: Path, pg_server) -> None:
    path = tmp_path / "source.sqlite3"
    store = await SqliteStore.open(path)
    ids = await fill(store)
    before = await snapshot(store, ids)
    await store.close()
    assert before["figures"].promoted == 1 and before["figures"].late == 1
    assert before["upcoming"] == [ids["event"], before["occurrences"][0].id]
    url = await pg_server.create_database(migrated=False)
    done = copy_db(str(path), url)
    assert done.returncode == 0, done.stderr
    pg = await PostgresStore.open(url)
    try:
        assert await snapshot(pg, ids) == before
        # The dates still waiting are handed out once, after the copy as before it.
        later = await pg.series.claim_due(NOW + timedelta(days=30))
        assert [e.id for e in later] == [e.id for e in before["occurrences"][1:]]
        assert await pg.series.claim_due(NOW + timedelta(days=30)) == []
        after_pg = await snapshot(pg, ids)
    finally:
        await pg.close()
    back = tmp_path / "back.sqlite3"
    done = copy_db(url, str(back))
    assert done.returncode == 0, done.stderr
    sqlite = await SqliteStore.open(back)
    try:
        copied = await snapshot(sqlite, ids)
        # The dates PostgreSQL's process claimed and never recorded as posted (it stopped, then the
        # data moved) are due again here, to be taken over once and posted with their nonces.
        assert copied.pop("next_due") == later[0].starts_at - timedelta(days=7)
        assert copied == {k: v for k, v in after_pg.items() if k != "next_due"}
        taken = await sqlite.series.claim_due(NOW + timedelta(days=60))
        assert [e.id for e in taken] == [e.id for e in later]
        assert await sqlite.series.claim_due(NOW + timedelta(days=60)) == []
    finally:
        await sqlite.close()
    await pg_server.drop_database(url)
