"""`baithak copy-db` with event roles, templates and members' own zones: an event gated on a role
that pings another, two templates and a member's zone, copied from SQLite into PostgreSQL and back,
read through the repositories: the same on every copy, and the template limit still counts them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.domain.errors import DomainError
from bot.domain.event_templates import EventTemplate
from bot.domain.events import Event
from bot.domain.identity import DISCORD, Community, Member
from bot.storage.postgres.store import PostgresStore
from bot.storage.sqlite.store import SqliteStore
from tests.postgres.test_copy_db import copy_db

NOW = datetime.now(timezone.utc).replace(microsecond=0)
HERE = Community(DISCORD, 100)


def template(name: str) -> EventTemplate:
    return EventTemplate(platform=DISCORD, guild_id=100, name=name, title=f"{name} night", description="چائے",
                         location="Studio", duration_min=90, capacity=12, reminder_offsets=(1440, 60),
                         rsvp_role=7 if name == "mushaira" else None, created_by=1)


async def fill(store) -> int:
    event = await store.events.create(
        Event(id=0, guild_id=100, channel_id=5, message_id=None, organiser_id=1, title="مشاعرہ",
              description="", location="", starts_at=NOW + timedelta(days=1), duration_min=60,
              timezone="Asia/Karachi", capacity=None, reminder_offsets=(60,), rsvp_role=7, ping_role=8), NOW)
    await store.event_extras.save_template(template("mushaira"), NOW, limit=2)
    await store.event_extras.save_template(template("clinic"), NOW, limit=2)
    await store.event_extras.set_timezone(Member(DISCORD, 11), "Asia/Karachi", NOW)
    return event.id


async def snapshot(store, event_id: int) -> dict:
    return {"event": await store.events.get(event_id),
            "templates": await store.event_extras.templates(HERE),
            "zone": await store.event_extras.timezone_of(Member(DISCORD, 11))}


async def test_copy_keeps_event_roles_templates_and_zones(tmp_path: Path, pg_server) -> None:
    path = tmp_path / "source.sqlite3"
    store = await SqliteStore.open(path)
    event_id = await fill(store)
    before = await snapshot(store, event_id)
    await store.close()
    assert (before["event"].rsvp_role, before["event"].ping_role) == (7, 8)
    assert [t.name for t in before["templates"]] == ["clinic", "mushaira"] and before["zone"] == "Asia/Karachi"
    url = await pg_server.create_database(migrated=False)
    done = copy_db(str(path), url)
    assert done.returncode == 0, done.stderr
    pg = await PostgresStore.open(url)
    try:
        assert await snapshot(pg, event_id) == before
        with pytest.raises(DomainError):  # the copied templates count against the limit
            await pg.event_extras.save_template(template("third"), NOW, limit=2)
        after_pg = await snapshot(pg, event_id)
    finally:
        await pg.close()
    back = tmp_path / "back.sqlite3"
    done = copy_db(url, str(back))
    assert done.returncode == 0, done.stderr
    sqlite = await SqliteStore.open(back)
    try:
        assert await snapshot(sqlite, event_id) == after_pg
    finally:
        await sqlite.close()
    await pg_server.drop_database(url)
