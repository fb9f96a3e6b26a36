"""Contract of the report conversation repository: append-only entries in order, reporters in the
order of their first report, the cases a member reported (with when moderators last asked), and the
thread under a case card."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.domain.identity import DISCORD, Community, Member
from bot.domain.report_conversation import ANSWER, NOTE, QUESTION
from bot.domain.reports import intake_from_target

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
GUILD = 900


async def _report(store, reporter: int, target: str, when: datetime, guild: int = GUILD):
    intake = intake_from_target(guild_id=guild, reporter_id=reporter, category="scam_impersonation",
                                target=target, now=when)
    result = await store.reports.submit(intake, now=when, sla_hours=12)
    return await store.reports.get(result.case_id)


async def test_entries_and_reporters_in_order(store) -> None:
    case = await _report(store, 21, "https://example.org/scam", NOW)
    await _report(store, 22, "https://example.org/scam", NOW + timedelta(minutes=1))
    await _report(store, 23, "https://example.org/scam", NOW + timedelta(minutes=2))
    repo = store.report_conversation
    assert await repo.reporters(case.id) == [Member(DISCORD, 21), Member(DISCORD, 22), Member(DISCORD, 23)]
    await repo.add(case, QUESTION, author=Member(DISCORD, 5), body="Where?", now=NOW + timedelta(hours=1))
    await repo.add(case, ANSWER, author=Member(DISCORD, 22), body="Group A", now=NOW + timedelta(hours=2),
                   reporter_no=2)
    await repo.add(case, NOTE, author=Member(DISCORD, 5), body="checked", now=NOW + timedelta(hours=3))
    await repo.add(case, ANSWER, author=Member(DISCORD, 21), body="late", now=NOW + timedelta(days=3),
                   reporter_no=1, late=True)
    entries = await repo.entries(case.id)
    assert [(e.kind, e.body, e.reporter_no, e.late) for e in entries] == [
        (QUESTION, "Where?", None, False), (ANSWER, "Group A", 2, False), (NOTE, "checked", None, False),
        (ANSWER, "late", 1, True)]
    assert entries[1].author_id == 22 and entries[1].at == NOW + timedelta(hours=2)


async def test_cases_of_a_member_with_when_they_were_asked(store) -> None:
    first = await _report(store, 31, "https://example.org/one", NOW)
    second = await _report(store, 31, "https://example.org/two", NOW + timedelta(minutes=1))
    other_guild = await _report(store, 31, "https://example.org/three", NOW + timedelta(minutes=2), guild=901)
    await _report(store, 32, "https://example.org/four", NOW + timedelta(minutes=3))
    repo = store.report_conversation
    asked = NOW + timedelta(hours=1)
    await repo.add(first, QUESTION, author=Member(DISCORD, 5), body="?", now=asked)
    mine = await repo.cases_of(Member(DISCORD, 31), Community(DISCORD, GUILD))
    assert [(c.case_id, c.asked_at) for c in mine] == [(second.id, None), (first.id, asked)]
    everywhere = await repo.cases_of(Member(DISCORD, 31))
    assert [c.case_id for c in everywhere] == [other_guild.id, second.id, first.id]
    assert await repo.cases_of(Member(DISCORD, 99)) == []


async def test_thread_of_a_case(store) -> None:
    case = await _report(store, 41, "https://example.org/x", NOW)
    repo = store.report_conversation
    assert await repo.thread(case.id) is None
    await repo.set_thread(case.id, 123456789012345678)
    assert await repo.thread(case.id) == 123456789012345678


async def test_snippets_per_community(store) -> None:
    import pytest

    from bot.domain.errors import DomainError
    from bot.domain.report_conversation import MAX_SNIPPETS

    repo = store.report_conversation
    here, there = Community(DISCORD, GUILD), Community(DISCORD, GUILD + 1)
    mod = Member(DISCORD, 5)
    assert await repo.add_snippet(here, "need-link", "Send the link?", author=mod, now=NOW)
    assert not await repo.add_snippet(here, "need-link", "other text", author=mod, now=NOW)  # name taken
    assert await repo.add_snippet(there, "need-link", "elsewhere", author=mod, now=NOW)
    assert await repo.add_snippet(here, "ack", "Thanks", author=mod, now=NOW)
    found = await repo.snippets(here)
    assert [(s.name, s.body, s.created_by, s.created_at) for s in found] == [
        ("ack", "Thanks", 5, NOW), ("need-link", "Send the link?", 5, NOW)]
    assert await repo.remove_snippet(here, "ack") and not await repo.remove_snippet(here, "ack")
    assert [s.name for s in await repo.snippets(here)] == ["need-link"]
    for n in range(MAX_SNIPPETS - 1):
        assert await repo.add_snippet(here, f"s{n}", "x", author=mod, now=NOW)
    with pytest.raises(DomainError) as err:
        await repo.add_snippet(here, "one-more", "x", author=mod, now=NOW)
    assert err.value.key == "conv.snippet.full"
    assert len(await repo.snippets(here)) == MAX_SNIPPETS
