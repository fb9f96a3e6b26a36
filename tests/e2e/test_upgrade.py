"""A database written by release 0.1 upgrades in place with nothing lost.

`tests/data/release-0.1.sqlite3` was made by release 0.1's own repositories (its contents are listed in
`tests/data/release-0.1.md`). The test copies it, runs `baithak migrate` on the copy, and compares
every table before and after: the same rows with the same values in every column the release had
(times compared as instants, so a later migration may store them as unix seconds), the notable values
one by one, every community and member now on the `discord` platform, `baithak check` clean, and the
full-text indexes still answering.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.storage.sqlite.migrations import discover
from tests.e2e.process import REPO

RELEASE = REPO / "tests" / "data" / "release-0.1.sqlite3"
A, B = 900000000000000001, 900000000000000002


def member(suffix: int) -> int:
    """A member id of the release file: `9000000000000010NN`."""
    return 900000000000001000 + suffix


# Every column holding a community's or a member's platform, and what it sits beside.
PLATFORM_COLUMNS = {
    "guild_settings": "platform",
    "events": "platform",
    "resources": "platform",
    "report_cases": "platform",
    "report_intake": "reporter_platform",
    "event_rsvps": "platform",
    "event_reminders": "platform",
    "resource_votes": "platform",
    "report_notices": "platform",
}


def _baithak(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BAITHAK_"))}
    env.update(BAITHAK_DATABASE=str(db), DISCORD_TOKEN="upgrade-test-token", PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def _tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables, without FTS shadow tables (their layout is FTS5's business)."""
    virtual = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND sql LIKE 'CREATE VIRTUAL TABLE%'")]
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return [n for n in names if not any(n.startswith(v + "_") for v in virtual)]


def _instant(value: Any) -> Any:
    """An ISO-8601 text time as unix seconds; anything else as it is."""
    if isinstance(value, str):
        try:
            return int(datetime.fromisoformat(value).timestamp())
        except ValueError:
            return value
    return value


def _snapshot(conn: sqlite3.Connection) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every table's columns and rows (times as instants), rows sorted so storage order does not matter."""
    out: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    for table in _tables(conn):
        if table == "schema_migrations":
            continue
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        if table.endswith("_fts"):
            cols.insert(0, "rowid")  # the row it indexes (a contentless index reads its columns as NULL)
        out[table] = (cols, _rows(conn, table, cols))
    return out


def _rows(conn: sqlite3.Connection, table: str, cols: list[str]) -> list[tuple[Any, ...]]:
    rows = conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
    timed = [c.endswith("_at") for c in cols]
    normal = [tuple(_instant(v) if t else v for v, t in zip(row, timed)) for row in rows]
    return sorted(normal, key=repr)


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The release file copied, read, migrated with `baithak migrate`, and read again."""
    assert RELEASE.is_file(), f"missing {RELEASE}"
    db = tmp_path_factory.mktemp("upgrade") / "baithak.sqlite3"
    shutil.copyfile(RELEASE, db)
    conn = sqlite3.connect(db)
    try:
        before = _snapshot(conn)
        ledger_before = conn.execute("SELECT version, name, checksum, applied_at FROM schema_migrations "
                                     "ORDER BY version").fetchall()
    finally:
        conn.close()
    migrated = _baithak("migrate", db=db)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    return {"db": db, "before": before, "ledger_before": ledger_before, "migrate": migrated}


@pytest.fixture
def conn(upgraded: dict[str, Any]):
    connection = sqlite3.connect(f"file:{upgraded['db']}?mode=ro", uri=True)
    yield connection
    connection.close()


def test_the_release_file_is_release_0_1(upgraded: dict[str, Any]) -> None:
    assert [row[0] for row in upgraded["ledger_before"]] == [1, 2, 3, 4]
    assert "0005_identities.sql" in upgraded["migrate"].stdout


def test_the_migration_ledger_keeps_the_release_rows_and_adds_the_new_ones(
        upgraded: dict[str, Any], conn: sqlite3.Connection) -> None:
    ledger = conn.execute("SELECT version, name, checksum, applied_at FROM schema_migrations "
                          "ORDER BY version").fetchall()
    assert ledger[:4] == upgraded["ledger_before"]
    # every migration in the repository, in order (numbers are reserved per feature: gaps are allowed)
    assert [row[0] for row in ledger] == [m.version for m in discover()] and len(ledger) >= 5


def test_every_table_keeps_every_row_and_every_value(upgraded: dict[str, Any],
                                                     conn: sqlite3.Connection) -> None:
    before = upgraded["before"]
    after_tables = set(_tables(conn))
    for table, (cols, rows) in before.items():
        assert table in after_tables, f"table {table} vanished"
        after = _rows(conn, table, cols)
        assert len(after) == len(rows), f"{table}: {len(rows)} rows before, {len(after)} after"
        assert after == rows, f"{table}: values changed"


def test_row_counts_are_the_documented_ones(conn: sqlite3.Connection) -> None:
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
        "guild_settings", "events", "event_rsvps", "event_reminders", "resources", "resource_tags",
        "resource_votes", "resources_fts", "report_cases", "report_intake", "report_escalations",
        "report_audit", "report_notices", "report_text_fts", "report_terms")}
    assert counts == {
        "guild_settings": 2, "events": 3, "event_rsvps": 13, "event_reminders": 12, "resources": 4,
        "resource_tags": 8, "resource_votes": 4, "resources_fts": 1, "report_cases": 4,
        "report_intake": 8, "report_escalations": 1, "report_audit": 11, "report_notices": 5,
        "report_text_fts": 4, "report_terms": 28,
    }


def test_every_community_and_member_is_now_on_discord(conn: sqlite3.Connection) -> None:
    for table, column in PLATFORM_COLUMNS.items():
        values = [r[0] for r in conn.execute(f"SELECT {column} FROM {table}")]
        assert values and set(values) == {"discord"}, f"{table}.{column}: {set(values)}"
    # The escalation's platform is where the case went (Facebook), not an identity: untouched.
    assert conn.execute("SELECT platform, external_ref FROM report_escalations").fetchall() == [
        ("facebook", "FB-2026-118734")]


def test_settings_survive(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT guild_id, language, timezone, announcements_channel, moderator_role, reminder_offsets,"
        " resource_approval, report_sla_hours FROM guild_settings ORDER BY guild_id").fetchall()
    assert rows == [
        (A, "ur", "Asia/Karachi", 900000000000000101, 900000000000000202, "1440,60", 1, 12),
        (B, "en", "Europe/London", 900000000000000111, 900000000000000212, "1440", 0, 24),
    ]


def test_events_rsvps_in_click_order_and_reminders_survive(conn: sqlite3.Connection) -> None:
    events = conn.execute("SELECT id, guild_id, title, location, status, cancel_reason, capacity, starts_at "
                          "FROM events ORDER BY id").fetchall()
    assert events == [
        (1, A, "Fact-check clinic", "Alhamra Arts Council, Lahore", "scheduled", "", 2, 1800104400),
        (2, A, "حقائق کی جانچ: واٹس ایپ افواہیں", "لاہور پریس کلب", "scheduled", "", None, 1800702000),
        (3, B, "Media literacy meetup", "Manchester Central Library", "cancelled", "Venue unavailable", 20,
         1799519400),
    ]
    rsvps = conn.execute("SELECT event_id, user_id, status, seq, display_name FROM event_rsvps "
                         "ORDER BY event_id, seq").fetchall()
    assert rsvps == [
        (1, member(11), "going", 1, "Ayesha"),
        (1, member(13), "going", 3, "Sana"),
        (1, member(14), "waitlist", 4, "Hamza"),
        (1, member(15), "maybe", 5, "Zainab"),
        (1, member(16), "declined", 6, "Usman"),
        (1, member(17), "waitlist", 7, "Fatima"),
        (1, member(12), "declined", 8, "Bilal"),
        (2, member(11), "going", 1, "Ayesha"),
        (2, member(18), "going", 2, "عائشہ"),
        (2, member(19), "maybe", 3, "علی"),
        (2, member(20), "declined", 4, "Maryam"),
        (3, member(21), "going", 1, "Oliver"),
        (3, member(22), "maybe", 2, "Priya"),
    ]
    # The waitlist is served in click order: Hamza before Fatima.
    waitlist = [r[0] for r in conn.execute(
        "SELECT user_id FROM event_rsvps WHERE event_id = 1 AND status = 'waitlist' ORDER BY seq")]
    assert waitlist == [member(14), member(17)]
    reminders = conn.execute("SELECT id, event_id, user_id, offset_min, due_at, status FROM event_reminders "
                             "ORDER BY id").fetchall()
    assert [r[0] for r in reminders] == [1, 2, *range(5, 15)]
    assert {r[5] for r in reminders} == {"pending"}
    assert reminders[0] == (1, 1, member(11), 1440, 1800018000, "pending")
    groups = conn.execute("SELECT event_id, offset_min, count(*) FROM event_reminders WHERE status = 'pending' "
                          "GROUP BY event_id, offset_min ORDER BY event_id, offset_min DESC").fetchall()
    assert groups == [(1, 1440, 3), (1, 60, 3), (2, 1440, 3), (2, 60, 3)]


def test_resources_upvotes_statuses_and_votes_survive(conn: sqlite3.Connection) -> None:
    resources = conn.execute("SELECT id, guild_id, title, status, upvotes, url_key, tags FROM resources "
                             "ORDER BY id").fetchall()
    assert resources == [
        (1, A, "جعلی خبروں کی پہچان: عملی رہنما", "published", 3, "www.example.pk/urdu/fake-news-guide",
         "urdu,fact-check,misinformation"),
        (2, A, "Verifying viral images: a practical guide", "pending", 0,
         "verify.example.org/guides/viral-images", "images,verification"),
        (3, A, "Miracle cure for dengue", "rejected", 0, "miracle-cures.example.com/dengue", "health"),
        (4, B, "2024 election results spreadsheet", "removed", 1,
         "data.example.co.uk/elections/2024-results.csv", "elections,data"),
    ]
    votes = conn.execute("SELECT resource_id, user_id FROM resource_votes ORDER BY resource_id, user_id").fetchall()
    assert votes == [(1, member(12)), (1, member(13)), (1, member(14)), (4, member(22))]
    assert conn.execute("SELECT decision_reason FROM resources WHERE id = 3").fetchone() == (
        "Health misinformation: no sources",)


def test_report_cases_audit_and_notices_survive(conn: sqlite3.Connection) -> None:
    cases = conn.execute("SELECT id, guild_id, number, category, urgent, status, report_count, reporter_count,"
                         " sla_due_at FROM report_cases ORDER BY id").fetchall()
    assert cases == [
        (1, A, 1, "violent_extremism", 1, "new", 1, 1, 1795950000),
        (2, A, 2, "hate_speech", 0, "resolved", 3, 3, None),
        (3, A, 3, "misinformation", 0, "escalated", 2, 2, None),
        (4, B, 1, "scam_impersonation", 0, "dismissed", 2, 2, None),
    ]
    audit = conn.execute("SELECT id, case_id, actor_id, action, from_status, to_status, reason "
                         "FROM report_audit ORDER BY id").fetchall()
    m2, m3, m4 = member(2), member(3), member(4)
    assert audit == [
        (1, 1, None, "open", None, "new", None),
        (2, 2, None, "open", None, "new", None),
        (3, 2, m2, "status", "new", "triaging", None),
        (4, 2, m2, "status", "triaging", "resolved", "actioned: Message deleted and the member warned"),
        (5, 2, m3, "reveal", "resolved", "resolved", None),
        (6, 3, None, "open", None, "new", None),
        (7, 3, m2, "status", "new", "triaging", None),
        (8, 3, m2, "status", "triaging", "escalated", "facebook: FB-2026-118734"),
        (9, 4, None, "open", None, "new", None),
        (10, 4, m4, "status", "new", "triaging", None),
        (11, 4, m4, "status", "triaging", "dismissed", "Official brand giveaway, verified with the company"),
    ]
    notices = conn.execute("SELECT case_id, reporter_id, sent_at, delivered FROM report_notices "
                           "ORDER BY case_id, reporter_id").fetchall()
    assert notices == [
        (2, member(12), 1795953660, 1), (2, member(13), 1795953660, 1), (2, member(14), 1795953660, 0),
        (4, member(21), None, None), (4, member(22), None, None),
    ]
    evidence = conn.execute("SELECT json_extract(evidence, '$.content'), json_extract(evidence, '$.author_name')"
                            " FROM report_intake WHERE id = 2").fetchone()
    assert evidence == ("People from that community should be thrown out of the city.", "troll_account")


def test_full_text_search_still_finds_the_published_resources(conn: sqlite3.Connection) -> None:
    def search(query: str) -> list[int]:
        return [r[0] for r in conn.execute(
            "SELECT rowid FROM resources_fts WHERE resources_fts MATCH ? ORDER BY rank", (query,))]

    assert search("fake") == [1]                       # English description, porter stemming
    assert search("جعلی") == [1]                       # Urdu title
    assert search('tags:"fact-check"') == [1]
    assert search(f"scope:g{A} AND guide") == [1]
    assert search(f"scope:g{B}") == []                # the removed resource is not searchable
    assert search("viral") == []                      # nor the pending one
    # The near-identical-text index of reports still answers too.
    assert [r[0] for r in conn.execute(
        "SELECT rowid FROM report_text_fts WHERE report_text_fts MATCH 'city' ORDER BY rowid")] == [2, 3]


def test_check_passes_and_migrate_again_changes_nothing(upgraded: dict[str, Any]) -> None:
    checked = _baithak("check", db=upgraded["db"])
    assert checked.returncode == 0 and "problem" not in checked.stdout, checked.stdout + checked.stderr
    again = _baithak("migrate", db=upgraded["db"])
    assert again.returncode == 0 and "up to date" in again.stdout, again.stdout + again.stderr
