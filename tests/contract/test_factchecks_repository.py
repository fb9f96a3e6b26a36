"""Contract: fact-checks (publishing from a misinformation case, corrections and withdrawals, listing,
search and the digest's week, matching later reports by message, link, identical and near-identical
text, the matches marked on cases, the reporters told, and DMs and partner posts claimed once)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.factchecks import PUBLISHED, WITHDRAWN, Draft, keys_of
from bot.domain.identity import DISCORD, TELEGRAM, Community, Member, MessageRef, Place
from bot.domain.reports import intake_from_message, intake_from_target
from bot.domain.resource_search import parse_query

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
A, B, T = Community(DISCORD, 1), Community(DISCORD, 2), Community(TELEGRAM, 1)
FLOOD = "Forwarded many times: the government will stop all flood relief payments from Monday"
URDU = "حکومت پیر سے سیلاب متاثرین کی تمام امدادی رقوم بند کر دے گی، یہ پیغام آگے بھیجیں"
MISINFO = "misinformation"


def target(reporter: int, text: str, where: Community = A, at: datetime = NOW):
    return intake_from_target(guild_id=where.id, reporter_id=reporter, category=MISINFO, target=text, now=at,
                              platform=where.platform)


def message(reporter: int, message_id: int, channel_id: int = 10,
            content: str = "Drinking hot water cures the flu"):
    return intake_from_message(guild_id=A.id, reporter_id=reporter, category=MISINFO, now=NOW,
                               content=content, author_id=3, author_name="Poster",
                               channel_id=channel_id, message_id=message_id,
                               jump_url=f"https://discord.com/channels/1/{channel_id}/{message_id}",
                               posted_at=NOW, edited_at=None, attachments=[])


async def case_of(store, intake, at: datetime = NOW):
    result = await store.reports.submit(intake, now=at, sla_hours=12)
    return await store.reports.get(result.case_id)


def draft(verdict: str = "false", summary: str = "No such decision was announced; payments continue.",
          sources: tuple[str, ...] = ("https://gov.example/notice",)) -> Draft:
    return Draft(verdict, summary, sources)


async def publish(store, case, *, claim: str = "", verdict: str = "false", summary: str | None = None,
                  at: datetime = NOW, actor: int = 500):
    d = draft(verdict) if summary is None else draft(verdict, summary)
    return await store.factchecks.publish(case, d, claim=claim or case.evidence.content or "", language="en",
                                          actor_id=actor, now=at)


async def test_publish_numbers_per_community_once_per_case_and_reads_back(store) -> None:
    repo = store.factchecks
    first_case = await case_of(store, target(11, FLOOD))
    fc = await repo.publish(first_case, draft(), claim=FLOOD, language="ur", actor_id=500, now=NOW)
    assert (fc.number, fc.ref, fc.community, fc.case_id) == (1, "F-1", A, first_case.id)
    assert (fc.verdict, fc.claim, fc.language, fc.status, fc.published_by) == ("false", FLOOD, "ur", PUBLISHED, 500)
    assert fc.sources == ("https://gov.example/notice",) and fc.published_at == NOW
    assert fc.corrections == () and fc.withdrawn_at is None and fc.post_message_id is None

    with pytest.raises(DomainError) as refused:
        await repo.publish(first_case, draft("true"), claim=FLOOD, language="en", actor_id=501, now=NOW)
    assert refused.value.key == "factcheck.already_published"
    assert (await repo.by_case(first_case.id)).verdict == "false"      # nothing stored

    second = await publish(store, await case_of(store, target(12, "https://rumours.example/cure")),
                           at=NOW + timedelta(minutes=1))
    other = await publish(store, await case_of(store, target(13, FLOOD, where=T)))
    assert (second.number, other.number, other.community) == (2, 1, T)   # numbered per community
    no_sources = await repo.publish(await case_of(store, target(14, "https://a.example/x", where=B)),
                                    draft(sources=()), claim="x", language="en", actor_id=1, now=NOW)
    assert no_sources.sources == ()

    assert await repo.get(fc.id) == fc
    assert await repo.get_by_number(A, 2) == await repo.get(second.id)
    assert await repo.get_by_number(Community(TELEGRAM, 1), 1) == await repo.get(other.id)
    assert await repo.get_by_number(A, 3) is None and await repo.get(10**9) is None
    assert await repo.by_case(first_case.id) == fc
    assert await repo.by_case(10**9) is None

    await repo.set_post(fc.id, MessageRef(Place(DISCORD, 77), 8888))
    posted = await repo.get(fc.id)
    assert (posted.post_channel_id, posted.post_message_id) == (77, 8888)


async def test_corrections_are_appended_and_a_withdrawal_is_final(store) -> None:
    repo = store.factchecks
    fc = await publish(store, await case_of(store, target(11, FLOOD)), verdict="unverified")
    first = await repo.correct(fc, note="The ministry confirmed it.", verdict="false", actor_id=501,
                               now=NOW + timedelta(hours=1))
    second = await repo.correct(await repo.get(fc.id), note="A partial pause only.", verdict="misleading",
                                actor_id=502, now=NOW + timedelta(hours=2))
    assert second > first
    fresh = await repo.get(fc.id)
    assert fresh.verdict == "misleading" and fresh.summary == fc.summary and fresh.claim == fc.claim
    assert [(c.id, c.note, c.old_verdict, c.new_verdict, c.by_id, c.at) for c in fresh.corrections] == [
        (first, "The ministry confirmed it.", "unverified", "false", 501, NOW + timedelta(hours=1)),
        (second, "A partial pause only.", "false", "misleading", 502, NOW + timedelta(hours=2))]

    await repo.withdraw(fresh, reason="Published on the wrong case", actor_id=503, now=NOW + timedelta(hours=3))
    gone = await repo.get(fc.id)
    assert (gone.status, gone.withdraw_reason, gone.withdrawn_at) == (
        WITHDRAWN, "Published on the wrong case", NOW + timedelta(hours=3))
    assert gone.verdict == "misleading" and len(gone.corrections) == 2
    for attempt in (repo.withdraw(gone, reason="again", actor_id=503, now=NOW + timedelta(hours=4)),
                    repo.correct(gone, note="late", verdict="true", actor_id=501, now=NOW + timedelta(hours=4))):
        with pytest.raises(DomainError) as refused:
            await attempt
        assert refused.value.key == "factcheck.withdrawn_already"
    after = await repo.get(fc.id)
    assert after == gone                                            # nothing changed


async def test_listing_search_and_since_show_published_ones_of_the_scope(store) -> None:
    repo = store.factchecks
    flood = await publish(store, await case_of(store, target(11, FLOOD)), claim=FLOOD, verdict="false",
                          summary="Relief payments continue; the notice is fabricated.")
    cure = await publish(store, await case_of(store, target(12, "https://rumours.example/cure")),
                         claim="Hot water cures influenza", verdict="misleading",
                         summary="Warm drinks soothe but cure nothing.", at=NOW + timedelta(hours=1))
    urdu = await publish(store, await case_of(store, target(13, URDU)), claim=URDU, verdict="false",
                         summary="امدادی رقوم جاری ہیں، یہ خبر جھوٹی ہے۔", at=NOW + timedelta(hours=2))
    partner = await publish(store, await case_of(store, target(14, FLOOD, where=B)), claim=FLOOD,
                            summary="Partner: relief payments continue.", at=NOW + timedelta(hours=3))
    withdrawn = await publish(store, await case_of(store, target(15, "https://old.example/relief")),
                              claim="Relief payments doubled", summary="Relief payments doubled: false.",
                              at=NOW + timedelta(hours=4))
    await repo.withdraw(withdrawn, reason="duplicate", actor_id=500, now=NOW + timedelta(hours=5))

    ids = lambda found: [f.id for f in found]  # noqa: E731
    assert ids(await repo.listing([A])) == [urdu.id, cure.id, flood.id]           # newest first
    assert ids(await repo.listing([A, B])) == [partner.id, urdu.id, cure.id, flood.id]
    assert ids(await repo.listing([A, B], verdict="false")) == [partner.id, urdu.id, flood.id]
    assert ids(await repo.listing([A], verdict="true")) == []
    assert ids(await repo.listing([A, B], limit=2)) == [partner.id, urdu.id]
    assert ids(await repo.listing([T])) == [] and ids(await repo.listing([])) == []

    assert ids(await repo.search([A], parse_query("relief payments"))) == [flood.id]
    assert set(ids(await repo.search([A, B], parse_query("relief payments")))) == {flood.id, partner.id}
    assert ids(await repo.search([A], parse_query("influenza"))) == [cure.id]     # the claim
    assert ids(await repo.search([A], parse_query("soothe"))) == [cure.id]        # the summary
    assert ids(await repo.search([A], parse_query("سیلاب"))) == [urdu.id]         # Urdu
    assert ids(await repo.search([A], parse_query("جھوٹی"))) == [urdu.id]
    # No fact-check holds every word: any of them will do.
    assert set(ids(await repo.search([A], parse_query("influenza fabricated")))) == {cure.id, flood.id}
    assert ids(await repo.search([A], parse_query("doubled"))) == []               # withdrawn
    assert ids(await repo.search([T], parse_query("relief"))) == []
    assert ids(await repo.search([A], parse_query("unicorns"))) == []
    assert len(await repo.search([A, B], parse_query("relief"), limit=1)) == 1

    assert ids(await repo.since(A, NOW, NOW + timedelta(hours=2))) == [flood.id, cure.id]
    assert ids(await repo.since(A, NOW + timedelta(hours=1), NOW + timedelta(days=1))) == [cure.id, urdu.id]
    assert ids(await repo.since(B, NOW - timedelta(days=1), NOW)) == []


async def test_later_reports_are_matched_by_message_link_and_text(store) -> None:
    repo = store.factchecks
    # A case reported as a message, then by a link to it, then by its pasted text.
    by_message = await case_of(store, message(11, 99))
    await store.reports.submit(target(12, "https://discord.com/channels/1/10/99"), now=NOW, sla_hours=12)
    hot = await publish(store, by_message, claim="Drinking hot water cures the flu")
    link_case = await case_of(store, target(13, "https://rumours.example/flood?utm_source=x"))
    linked = await publish(store, link_case)
    text_case = await case_of(store, target(14, FLOOD))
    await store.reports.submit(target(15, URDU), now=NOW, sla_hours=12)      # another case, Urdu text
    flood = await publish(store, text_case, claim=FLOOD)
    urdu = await publish(store, await case_of(store, target(16, URDU + " ", at=NOW + timedelta(days=40))))

    later = NOW + timedelta(days=90)                      # no time limit
    assert (await repo.match(keys_of(message(21, 99)), [A])).id == hot.id
    edited = message(21, 99, content="Edited since: nothing to see here, move along please")
    assert (await repo.match(keys_of(edited), [A])).id == hot.id                  # the same message
    assert await repo.match(keys_of(message(21, 98, content="Lovely weather in Lahore today")), [A]) is None
    assert (await repo.match(keys_of(message(21, 98)), [A])).id == hot.id         # the same text elsewhere
    assert (await repo.match(keys_of(target(22, "https://rumours.example/flood")), [A])).id == linked.id
    assert (await repo.match(keys_of(target(23, FLOOD, at=later)), [A])).id == flood.id
    near = FLOOD.replace("Monday", "monday!!").replace("Forwarded many times: ", "Forwarded: ")
    assert (await repo.match(keys_of(target(24, near, at=later)), [A])).id == flood.id
    urdu_near = URDU.replace("، یہ پیغام آگے بھیجیں", " - آگے بھیجیں")
    assert (await repo.match(keys_of(target(25, urdu_near, at=later)), [A])).id == urdu.id
    unrelated = "Free laptops for every student who shares this message with ten friends today"
    assert await repo.match(keys_of(target(26, unrelated)), [A]) is None

    # Only the communities asked about; a partner's fact-check answers when it is in the scope.
    assert await repo.match(keys_of(target(27, FLOOD, where=B)), [B]) is None
    assert (await repo.match(keys_of(target(27, FLOOD, where=B)), [B, A])).id == flood.id
    assert await repo.match(keys_of(target(27, FLOOD)), []) is None
    # A withdrawn fact-check answers nothing.
    await repo.withdraw(flood, reason="wrong", actor_id=500, now=NOW)
    assert await repo.match(keys_of(target(28, FLOOD)), [A]) is None
    assert await repo.match(keys_of(target(28, near)), [A]) is None


async def test_matches_answers_and_who_is_told(store) -> None:
    repo = store.factchecks
    original = await case_of(store, target(11, FLOOD))
    await store.reports.submit(target(12, FLOOD.replace("Monday", "monday!")), now=NOW, sla_hours=12)
    fc = await publish(store, original, claim=FLOOD)
    later = await case_of(store, target(13, FLOOD + " Share now!", at=NOW + timedelta(days=40)),
                          at=NOW + timedelta(days=40))
    partner = await case_of(store, target(14, FLOOD, where=T))
    again = await case_of(store, target(11, "https://again.example/flood"))       # reporter 11 again

    assert await repo.match_of(later.id) is None
    assert await repo.mark_match(later.id, fc.id, NOW + timedelta(days=40))
    assert not await repo.mark_match(later.id, fc.id, NOW + timedelta(days=41))   # marked once
    assert await repo.mark_match(partner.id, fc.id, NOW + timedelta(days=40))
    assert await repo.mark_match(again.id, fc.id, NOW + timedelta(days=40))
    assert await repo.match_of(later.id) == fc.id and await repo.match_of(original.id) is None

    assert await repo.answered_count(A, NOW) == 0
    await repo.mark_answered(later.id, 500, NOW + timedelta(days=41))
    await repo.mark_answered(later.id, 501, NOW + timedelta(days=42))             # the first one stays
    await repo.mark_answered(partner.id, 600, NOW + timedelta(days=41))
    await repo.mark_answered(original.id, 500, NOW + timedelta(days=41))          # never matched: nothing
    assert await repo.answered_count(A, NOW) == 1
    assert await repo.answered_count(A, NOW + timedelta(days=41, seconds=1)) == 0
    assert await repo.answered_count(T, NOW) == 1 and await repo.answered_count(B, NOW) == 0

    reporters = await repo.reporters(fc.id)
    assert reporters == [Member(DISCORD, 11), Member(DISCORD, 12), Member(DISCORD, 13), Member(TELEGRAM, 14)]
    assert await repo.reporter_communities(fc.id) == {
        Member(DISCORD, 11): A, Member(DISCORD, 12): A, Member(DISCORD, 13): A, Member(TELEGRAM, 14): T}
    assert await repo.reporters(10**9) == [] and await repo.reporter_communities(10**9) == {}


async def test_notices_and_partner_posts_are_claimed_once(store) -> None:
    repo = store.factchecks
    fc = await publish(store, await case_of(store, target(11, FLOOD)))
    other = await publish(store, await case_of(store, target(12, "https://b.example/x")))
    m1, m2, m3 = Member(DISCORD, 11), Member(DISCORD, 12), Member(TELEGRAM, 11)

    assert await repo.claim_notices(fc.id, "publish", [m1, m2], NOW) == [m1, m2]
    assert await repo.claim_notices(fc.id, "publish", [m2, m3, m1], NOW) == [m3]   # each member once, ever
    assert await repo.claim_notices(fc.id, "publish", [m1, m2, m3], NOW) == []
    assert await repo.claim_notices(fc.id, "correction:1", [m1], NOW) == [m1]      # a new revision
    assert await repo.claim_notices(other.id, "publish", [m1], NOW) == [m1]        # another fact-check
    assert await repo.claim_notices(fc.id, "withdraw", [], NOW) == []
    await repo.mark_notices(fc.id, "publish", {m1: True, m2: False, m3: True})
    await repo.mark_notices(fc.id, "withdraw", {})
    assert await repo.claim_notices(fc.id, "publish", [m1, m2, m3], NOW) == []     # marking frees nothing

    assert await repo.share_posts(fc.id) == []
    assert await repo.claim_share(fc.id, B, NOW)
    assert not await repo.claim_share(fc.id, B, NOW + timedelta(minutes=1))
    assert await repo.claim_share(fc.id, T, NOW) and await repo.claim_share(other.id, B, NOW)
    assert await repo.share_posts(fc.id) == []                  # claimed, not posted yet
    await repo.set_share_post(fc.id, B, MessageRef(Place(DISCORD, 70), 7000))
    await repo.set_share_post(fc.id, T, MessageRef(Place(TELEGRAM, -100), 5))
    assert set(await repo.share_posts(fc.id)) == {(B, MessageRef(Place(DISCORD, 70), 7000)),
                                                  (T, MessageRef(Place(TELEGRAM, -100), 5))}
    assert await repo.share_posts(other.id) == []
