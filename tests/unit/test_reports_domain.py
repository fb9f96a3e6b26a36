"""Report rules without Discord or a database: intake, duplicates keys, status machine, SLA, stats,
export."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.report_categories import parse_reference, reference
from bot.domain.report_duplicates import (
    Candidate,
    best_match,
    fts_query,
    is_matchable,
    length_window,
    normalise_text,
    rarest_terms,
)
from bot.domain.report_export import COLUMNS, parse_since, to_csv, to_json
from bot.domain.report_sla import MAX_SLA_WINDOWS, RAISE, REMINDER, sla_step
from bot.domain.report_stats import StatRow, compute_stats, format_span
from bot.domain.report_status import (
    plan_claim,
    plan_dismiss,
    plan_escalate,
    plan_platform_outcome,
    plan_resolve,
    check_reveal,
)
from bot.domain.reports import (
    Attachment,
    Case,
    Escalation,
    Evidence,
    check_rate_limit,
    intake_from_message,
    intake_from_target,
    sla_hours_for,
)
from bot.domain.roles import Actor
from bot.domain.urls import url_key

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
SETTINGS = GuildSettings(guild_id=1, timezone="Asia/Karachi", language="en", moderator_role=77)
MOD = Actor(user_id=5, guild_id=1, role_ids=frozenset({77}))
MEMBER = Actor(user_id=6, guild_id=1)
ADMIN = Actor(user_id=7, guild_id=1, manage_guild=True)
OTHER_GUILD_MOD = Actor(user_id=5, guild_id=2, role_ids=frozenset({77}))


def case(status: str = "new", **kw) -> Case:
    values = dict(id=1, guild_id=1, number=42, category="misinformation", urgent=False, status=status,
                  created_at=NOW, evidence=Evidence(source="text", content="x"))
    values.update(kw)
    return Case(**values)


def test_reference_round_trip() -> None:
    assert reference(42) == "R-0042"
    assert reference(12345) == "R-12345"
    for text in ("R-0042", "r42", "#42", "42", " R-42 "):
        assert parse_reference(text) == 42
    assert parse_reference("hello") is None
    assert parse_reference("R-0") is None


def test_normalise_text_ignores_case_marks_punctuation_and_link_variants() -> None:
    a = normalise_text("BREAKING: Vaccine causes X!!! see https://News.example.com/story/?utm_source=wa")
    b = normalise_text("breaking vaccine causes x see http://news.example.com/story")
    assert a == b
    # Urdu with and without optional diacritics (zer, zabar) and a zero-width non-joiner.
    assert normalise_text("پاکستانِ میں\u200c خبر") == normalise_text("پاکستان میں خبر")
    assert normalise_text("  Hello,   World ") == "hello world"


def test_matchable_needs_enough_text() -> None:
    assert not is_matchable(normalise_text("this is fake"))
    assert is_matchable(normalise_text("this video about the flood relief is fake and old"))


def test_rarest_terms_and_query() -> None:
    counts = {"the": 900, "flood": 12, "relief": 40, "zzz": 0, "karachi": 12}
    assert rarest_terms(counts, limit=3) == ["karachi", "flood", "relief"]
    assert fts_query([]) is None
    assert fts_query(['a"b']) == '("a""b")'
    assert fts_query(["a", "b"]) == '("a" AND "b")'
    assert fts_query(["a", "b", "c"]) == '("a" AND "b") OR ("a" AND "c") OR ("b" AND "c")'


def test_best_match_uses_cutoff_and_length_window() -> None:
    text = normalise_text("The dam in Tarbela has burst, evacuate the whole district now")
    near = normalise_text("The dam in Tarbela has bursts, evacuate the whole district now!")
    far = normalise_text("The dam in Mangla is fine, nobody needs to evacuate anything today")
    assert best_match(text, [Candidate(1, far), Candidate(2, near)]) == 2
    assert best_match(text, [Candidate(1, far)]) is None
    low, high = length_window(text)
    assert low <= len(near) <= high
    assert low < len(text) < high


def test_intake_from_target_link_text_and_message_link() -> None:
    link = intake_from_target(guild_id=1, reporter_id=2, category="misinformation",
                              target="https://WWW.Example.com/post/?utm_medium=x", now=NOW)
    assert link.evidence.source == "link"
    assert link.link_key == url_key("http://www.example.com/post")
    assert link.text_hash is None
    bare = intake_from_target(guild_id=1, reporter_id=2, category="other", target="example.com/a", now=NOW)
    assert bare.link_key == url_key("https://example.com/a")
    text = intake_from_target(guild_id=1, reporter_id=2, category="hate_speech",
                              target="Forwarded: they say the flood relief money was stolen by the NGO",
                              now=NOW, details="seen in a WhatsApp group")
    assert text.evidence.source == "text" and text.text_hash and text.details == "seen in a WhatsApp group"
    assert text.evidence.captured_at == "2026-03-01T12:00:00+00:00"
    msg = intake_from_target(guild_id=1, reporter_id=2, category="other",
                             target="https://discord.com/channels/1/10/99", now=NOW)
    assert (msg.message_id, msg.channel_id) == (99, 10)
    with pytest.raises(DomainError) as info:
        intake_from_target(guild_id=1, reporter_id=2, category="other",
                           target="https://discord.com/channels/3/10/99", now=NOW)
    assert info.value.key == "reports.other_server_link"
    for bad, key in (("", "reports.empty_target"), ("x" * 4001, "common.too_long")):
        with pytest.raises(DomainError) as info:
            intake_from_target(guild_id=1, reporter_id=2, category="other", target=bad, now=NOW)
        assert info.value.key == key
    with pytest.raises(DomainError) as info:
        intake_from_target(guild_id=1, reporter_id=2, category="gossip", target="x", now=NOW)
    assert info.value.key == "reports.bad_category"


def test_intake_from_message_snapshot() -> None:
    att = Attachment(name="a.png", content_type="image/png", size=1234, url="https://cdn.example/a.png")
    intake = intake_from_message(guild_id=1, reporter_id=2, category="child_safety", now=NOW,
                                 content="look", author_id=3, author_name="Someone", channel_id=10,
                                 message_id=99, jump_url="https://discord.com/channels/1/10/99",
                                 posted_at=NOW - timedelta(hours=1), edited_at=None, attachments=[att])
    assert intake.urgent
    assert intake.evidence.attachments == (att,)
    assert intake.evidence.posted_at == "2026-03-01T11:00:00+00:00"
    assert Evidence.from_json(intake.evidence.to_json()) == intake.evidence
    with pytest.raises(DomainError) as info:
        intake_from_message(guild_id=1, reporter_id=3, category="other", now=NOW, content="mine",
                            author_id=3, author_name="Me", channel_id=10, message_id=1, jump_url="j",
                            posted_at=None, edited_at=None, attachments=[])
    assert info.value.key == "reports.own_message"


def test_rate_limit_counts_the_last_ten_minutes() -> None:
    times = [NOW - timedelta(minutes=m) for m in (9, 7, 5, 3, 1)]
    with pytest.raises(DomainError) as info:
        check_rate_limit(times, NOW)
    assert info.value.key == "reports.rate_limited"
    assert info.value.params["minutes"] == 1  # the 9-minute-old report leaves the window in 1 minute
    check_rate_limit(times[1:], NOW)
    check_rate_limit([NOW - timedelta(minutes=11)] + times[1:], NOW)


def test_sla_hours() -> None:
    assert sla_hours_for("child_safety", 12) == 1
    assert sla_hours_for("violent_extremism", 12) == 1
    assert sla_hours_for("misinformation", 12) == 12


def test_status_machine() -> None:
    assert [(c.from_status, c.to_status) for c in plan_claim(case(), MOD, SETTINGS)] == [("new", "triaging")]
    for actor, key in ((MEMBER, "perm.need_moderator"), (OTHER_GUILD_MOD, "common.not_found")):
        with pytest.raises(DomainError) as info:
            plan_claim(case(), actor, SETTINGS)
        assert info.value.key == key
    with pytest.raises(DomainError) as info:
        plan_claim(case("triaging"), MOD, SETTINGS)
    assert info.value.key == "reports.already_claimed"
    changes, platform, ref = plan_escalate(case(), MOD, SETTINGS, "tiktok", "  T-123 ")
    assert [(c.from_status, c.to_status) for c in changes] == [("new", "triaging"), ("triaging", "escalated")]
    assert (platform, ref, changes[-1].reason) == ("tiktok", "T-123", "tiktok: T-123")
    with pytest.raises(DomainError):
        plan_escalate(case("triaging"), MOD, SETTINGS, "myspace", None)
    changes, outcome, note = plan_resolve(case("escalated"), MOD, SETTINGS, "actioned", "")
    assert [(c.from_status, c.to_status) for c in changes] == [("escalated", "resolved")]
    assert note is None
    with pytest.raises(DomainError) as info:
        plan_dismiss(case("triaging"), MOD, SETTINGS, "   ")
    assert info.value.key == "reports.reason_required"
    changes, reason = plan_dismiss(case(), MOD, SETTINGS, "not our server's business")
    assert [c.to_status for c in changes] == ["triaging", "dismissed"]
    for status in ("resolved", "dismissed"):
        with pytest.raises(DomainError) as info:
            plan_resolve(case(status), MOD, SETTINGS, "actioned", None)
        assert info.value.key == "reports.already_closed"
    with pytest.raises(DomainError) as info:
        plan_platform_outcome(case("triaging"), MOD, SETTINGS, "removed")
    assert info.value.key == "reports.not_escalated"
    escalated = case("resolved", escalation=Escalation("x", None, NOW, 5, "pending"))
    assert plan_platform_outcome(escalated, MOD, SETTINGS, "removed") == "removed"
    check_reveal(case(), ADMIN)
    with pytest.raises(DomainError):
        check_reveal(case(), MOD)


def test_sla_steps() -> None:
    created = NOW
    assert sla_step(created, 12, 0, False, created + timedelta(hours=11)) is None
    step = sla_step(created, 12, 0, False, created + timedelta(hours=12))
    assert (step.window, step.kind, step.next_due) == (1, REMINDER, created + timedelta(hours=24))
    assert sla_step(created, 12, 1, False, created + timedelta(hours=13)) is None
    step = sla_step(created, 12, 1, False, created + timedelta(hours=24))
    assert (step.window, step.kind) == (2, RAISE)
    step = sla_step(created, 12, 2, True, created + timedelta(hours=36))
    assert (step.window, step.kind) == (3, REMINDER)
    # Down for five windows: one notice for the window we wake up in, and it is the raise.
    step = sla_step(created, 1, 0, False, created + timedelta(hours=5, minutes=5))
    assert (step.window, step.kind, step.next_due) == (5, RAISE, created + timedelta(hours=6))
    last = sla_step(created, 1, 0, True, created + timedelta(hours=100))
    assert last.window == MAX_SLA_WINDOWS and last.next_due is None


def test_stats_on_a_fixture() -> None:
    h = timedelta(hours=1)
    rows = [
        StatRow("misinformation", "resolved", NOW, NOW + 1 * h, NOW + 5 * h, "facebook", "removed"),
        StatRow("misinformation", "resolved", NOW, NOW + 3 * h, NOW + 7 * h, "facebook", "no_action"),
        StatRow("hate_speech", "dismissed", NOW, NOW + 2 * h, NOW + 2 * h),
        StatRow("child_safety", "escalated", NOW, NOW + 4 * h, None, "tiktok", "pending"),
        StatRow("other", "new", NOW),
    ]
    stats = compute_stats(rows)
    assert stats.total == 5
    assert stats.by_category["misinformation"] == 2 and stats.by_category["scam_impersonation"] == 0
    assert stats.by_status == {"new": 1, "triaging": 0, "escalated": 1, "resolved": 2, "dismissed": 1}
    assert stats.median_to_claim == timedelta(hours=2.5)
    assert stats.median_to_resolution == timedelta(hours=5)
    fb, tt = stats.platforms
    assert (fb.platform, fb.escalations, fb.decided, fb.complied, fb.rate) == ("facebook", 2, 2, 1, 0.5)
    assert (tt.platform, tt.decided, tt.rate) == ("tiktok", 0, None)
    assert compute_stats([]).median_to_claim is None
    assert format_span(timedelta(hours=2.5)) == "2h 30m"
    assert format_span(timedelta(days=1, hours=3)) == "1d 3h"
    assert format_span(timedelta(seconds=42)) == "42s"


def test_export_round_trip_without_reporters() -> None:
    ev = Evidence(source="message", content="=HYPERLINK(\"http://evil\")", author_id=3, author_name="Poster",
                  channel_id=10, message_id=99, jump_url="https://discord.com/channels/1/10/99",
                  attachments=(Attachment("a.png", "image/png", 10, "https://cdn/a.png"),))
    cases = [case("resolved", evidence=ev, outcome="actioned", closed_at=NOW,
                  escalation=Escalation("x", "X-1", NOW, 5, "removed", NOW))]
    data = json.loads(to_json(cases))
    assert data[0]["reference"] == "R-0042" and data[0]["platform_outcome"] == "removed"
    assert data[0]["attachments"][0]["name"] == "a.png"
    assert set(data[0]) == set(COLUMNS)
    assert not any("reporter_id" in k for k in data[0])
    rows = list(csv.DictReader(io.StringIO(to_csv(cases))))
    assert rows[0]["reference"] == "R-0042"
    assert rows[0]["content"] == "'=HYPERLINK(\"http://evil\")"  # not run as a formula
    assert json.loads(rows[0]["attachments"])[0]["size"] == 10


def test_parse_since() -> None:
    assert parse_since(None, NOW, "Asia/Karachi") is None
    assert parse_since("7d", NOW, "Asia/Karachi") == NOW - timedelta(days=7)
    assert parse_since("2026-02-01", NOW, "Asia/Karachi") == datetime(2026, 1, 31, 19, 0, tzinfo=timezone.utc)
    for bad in ("yesterday", "2026-02-30"):
        with pytest.raises(DomainError) as info:
            parse_since(bad, NOW, "Asia/Karachi")
        assert info.value.key == "reports.bad_since"


def test_every_report_message_key_exists() -> None:
    """Each DomainError key the report code raises, and each vocabulary label, is in the catalogue."""
    import re as _re
    from pathlib import Path

    from bot.domain import report_categories as rc
    from bot.i18n import has

    root = Path(__file__).resolve().parents[2]
    # Every layer's report modules (domain, app, ports, storage), wherever they sit under bot/.
    sources = [*root.glob("bot/**/report*.py"), *root.glob("bot/app/reports/*.py"),
               *root.glob("cogs/reports/*.py")]
    keys = set()
    for path in sources:
        keys |= set(_re.findall(r"""(?:DomainError|t)\(\s*(?:[\w.]+,\s*)?["']((?:reports|common|perm|url)\.[\w.]+)["']""",
                                path.read_text(encoding="utf-8")))
    assert keys, "no keys found"
    missing = sorted(k for k in keys if not has(k))
    assert not missing, missing
    for prefix, values in (("category", rc.CATEGORIES), ("category_hint", rc.CATEGORIES),
                           ("status", rc.STATUSES), ("outcome", rc.OUTCOMES), ("platform", rc.PLATFORMS),
                           ("platform_outcome", rc.PLATFORM_OUTCOMES), ("source", rc.SOURCES),
                           ("dm.outcome", rc.OUTCOMES)):
        for value in values:
            assert has(f"reports.{prefix}.{value}"), (prefix, value)
