"""Fact-checks and the network through `bot.app` alone: a real store (SQLite and PostgreSQL), a clock the test moves,
and a Messenger that records what would be sent.

A moderator publishes a fact-check from a misinformation case; its reporters are DMed; later reports
of the same link (another variant) and of the same forwarded text typed differently are answered at
once, marked, and closed with one action that `/reports stats` counts; a correction and a withdrawal
reach the reporters too. Then three communities in a network: one shares, one does not, one leaves;
a partner never sees a reporter, a case or evidence."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.app import App
from bot.domain.clock import FixedClock
from bot.domain.errors import DomainError
from bot.domain.guild_settings import SettingsChange
from bot.domain.identity import DISCORD, Community
from bot.settings import Settings
from bot.storage.sqlite.store import SqliteStore
from tests.app_world import Names, admin, member, report
from tests.manual_scheduler import ManualScheduler
from tests.memory_messenger import MemoryMessenger

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
A, B, C = 100, 200, 300          # three communities
MOD_CH = {A: 501, B: 502, C: 503}
RES_CH = {A: 601, B: 602, C: 603}
LINK = "https://example.com/viral-post?id=7&utm_source=wa"
LINK_VARIANT = "HTTP://Example.com:80/viral-post/?fbclid=abc&id=7#top"
TEXT = ("Breaking: drinking hot water with lemon every hour cures dengue in two days, "
        "doctors confirm, share with everyone")
TEXT_TYPED = ("breaking -- Drinking HOT water with lemon every hour cures dengue in 2 days!! "
              "doctors confirm, share with everyone")


@pytest.fixture(params=["sqlite", "postgres"])
async def world(tmp_path: Path, request: pytest.FixtureRequest):
    """The app on each storage driver: the same behaviour on SQLite and PostgreSQL (issue 12)."""
    settings = Settings(token=None, database=tmp_path / "fc.sqlite3", dev_guild=None, timezone="Asia/Karachi",
                        language="en", log_level="INFO", api_base=None, gateway_url=None)
    server, url = None, None
    if request.param == "postgres":
        from bot.storage.postgres.store import PostgresStore

        server = request.getfixturevalue("pg_server")
        url = await server.create_database()
        store = await PostgresStore.open(url, max_size=4)
    else:
        store = await SqliteStore.open(settings.database)
    clock = FixedClock(NOW)
    app = App(settings, store, clock=clock, scheduler=ManualScheduler())
    messenger = MemoryMessenger()
    app.messenger.register(DISCORD, messenger)
    app.directories.use(DISCORD, Names({A: "Lahore Creators", B: "Karachi Checkers", C: "Quetta Voices"}))
    await app.start()
    for guild in (A, B, C):
        await app.setup.change(admin(guild), SettingsChange(moderation_channel=MOD_CH[guild],
                                                            resources_channel=RES_CH[guild]))
    yield app, messenger, clock
    await app.idle()
    await app.close()
    await store.close()
    if server is not None:
        await server.release(url)


async def test_publish_match_correct_withdraw(world) -> None:
    app, messenger, clock = world
    r1, r2, r3 = member(A, 1), member(A, 2), member(A, 3)
    first = await report(app, r1, LINK)
    await report(app, r2, LINK)                  # joins R-1
    text_case = await report(app, r3, TEXT)
    assert "already been checked" not in first.text

    # Only moderators; only misinformation; bad input changes nothing.
    with pytest.raises(DomainError) as refused:
        await app.factchecks.publish(r1, "R-1", verdict="false", summary="x", sources=None)
    assert refused.value.key == "perm.need_moderator"
    with pytest.raises(DomainError) as refused:
        await app.factchecks.publish(admin(A), "R-1", verdict="wrong", summary="x", sources=None)
    assert refused.value.key == "factcheck.bad_verdict"
    with pytest.raises(DomainError):
        await app.factchecks.publish(admin(A), "R-1", verdict="false", summary="x", sources="ftp://nope")
    assert await app.store.factchecks.by_case(first.result.case_id) is None

    answer = await app.factchecks.publish(
        admin(A), "R-1", verdict="false", summary="The clinic never said this; the post is a fake.",
        sources="https://factcheck.example.org/dengue?utm_campaign=x, https://who.int/dengue")
    assert "F-1" in answer.text and "2 of 2" in answer.text
    fc = await app.store.factchecks.get_by_number(Community(DISCORD, A), 1)
    assert fc.sources == ("https://factcheck.example.org/dengue", "https://who.int/dengue")
    # Posted in the resources channel, DMed to both reporters (once each), not to the text reporter.
    posts = [p for p in messenger.posts if p.place.id == RES_CH[A]]
    assert len(posts) == 1 and posts[0].message.cards[0].title == "F-1 · False"
    assert len(messenger.dms_to(r1.user_id)) == 1 and "F-1" in messenger.dms_to(r1.user_id)[0]
    assert len(messenger.dms_to(r2.user_id)) == 1
    assert messenger.dms_to(r3.user_id) == []
    with pytest.raises(DomainError) as refused:
        await app.factchecks.publish(admin(A), "R-1", verdict="true", summary="again", sources=None)
    assert refused.value.key == "factcheck.already_published"

    # Resolve R-1; a month later someone reports the same link in another form: answered at once.
    from bot.app.reports import RESOLVE, Step
    await app.reports.triage(admin(A), first.result.case_id, Step(RESOLVE, "actioned", None))
    clock.advance(days=45)
    later = await report(app, member(A, 4), LINK_VARIANT)
    assert not later.result.joined
    assert "already been checked" in later.text and "F-1" in later.text and "False" in later.text
    notices = [p for p in messenger.posts if p.place.id == MOD_CH[A] and p.message.buttons]
    assert any("F-1" in p.message.text and later.result.ref in p.message.text for p in notices)

    # The forwarded text, once fact-checked, answers the same text typed differently.
    await app.factchecks.publish(admin(A), text_case.result.ref, verdict="misleading",
                                 summary="Lemon water does not cure dengue.", sources=None)
    typed = await report(app, member(A, 5), TEXT_TYPED)
    assert "F-2" in typed.text and "Misleading" in typed.text

    # One action closes the matched case; its reporter is told; /reports stats counts it.
    done = await app.factchecks.answer_case(admin(A), later.result.case_id)
    assert "answered by fact-check F-1" in done
    case = await app.store.reports.get(later.result.case_id)
    assert case.status == "resolved"
    assert any("F-1" in text for text in messenger.dms_to(member(A, 4).user_id))
    stats = await app.reports.stats(admin(A), 30)
    field = next(f for f in stats.cards[0].fields if f.name == "Answered by fact-check")
    assert field.value == "1 case"
    with pytest.raises(DomainError):
        await app.factchecks.answer_case(admin(A), later.result.case_id)

    # A correction: visible on the card with the old verdict, history kept, reporters told once.
    before = len(messenger.dms_to(r1.user_id))
    await app.factchecks.correct(admin(A), "F-1", note="The clinic's statement was partly real.",
                                 verdict="misleading")
    fc = await app.store.factchecks.get_by_number(Community(DISCORD, A), 1)
    assert fc.verdict == "misleading" and len(fc.corrections) == 1
    assert fc.corrections[0].old_verdict == "false"
    assert len(messenger.dms_to(r1.user_id)) == before + 1
    assert "Misleading" in messenger.dms_to(r1.user_id)[-1]
    # The matched case's reporter is told about corrections too.
    assert any("corrected" in text for text in messenger.dms_to(member(A, 4).user_id))
    shown = await app.factchecks.show(member(A, 9), "F-1")
    assert any("partly real" in f.value and "False" in f.value for f in shown.cards[0].fields)
    assert messenger.current(posts[0].ref).cards[0].title == "F-1 · Misleading"

    # Withdrawn: reporters told, the post shows it, it no longer answers reports or shows in lists.
    await app.factchecks.withdraw(admin(A), "F-1", reason="The source was retracted.")
    assert "withdrew" in messenger.dms_to(r1.user_id)[-1]
    assert "Withdrawn" in messenger.current(posts[0].ref).cards[0].body
    with pytest.raises(DomainError) as refused:
        await app.factchecks.correct(admin(A), "F-1", note="more", verdict=None)
    assert refused.value.key == "factcheck.withdrawn_already"
    again = await report(app, member(A, 6), LINK)
    assert "already been checked" not in again.text
    listed = await app.factchecks.listing(member(A, 9))
    assert "F-1" not in str(listed) and "F-2" in str(listed)
    found = await app.factchecks.search(member(A, 9), "lemon dengue")
    assert "F-2" in str(found)


async def test_network_of_three(world) -> None:
    app, messenger, clock = world
    # B invites A and C. A shares fact-checks; C shares nothing.
    with pytest.raises(DomainError) as refused:
        await app.network.invite(member(B, 1))
    assert refused.value.key == "perm.need_admin"
    code1 = (await app.network.invite(admin(B))).text.split("`")[1]
    code2 = (await app.network.invite(admin(B))).text.split("`")[1]
    await app.network.join(admin(A), code1)
    with pytest.raises(DomainError) as refused:
        await app.network.join(admin(C), code1)      # one-time
    assert refused.value.key == "network.bad_code"
    await app.network.join(admin(C), code2)
    await app.network.share(admin(C), factchecks="off", resources="off")
    await app.setup.change(admin(B), SettingsChange(network_verdicts=True))
    await app.setup.change(admin(A), SettingsChange(network_verdicts=True))

    reporter = member(A, 1)
    case = await report(app, reporter, LINK, )
    await report(app, member(A, 2), "https://rumour.example/post secret details: the reporter's note")
    published = await app.factchecks.publish(admin(A), case.result.ref, verdict="false",
                                             summary="Fabricated quote.", sources="https://who.int/x")
    assert "Shared with 2 partner communities" in published.text   # B and C receive what A shares

    # C published too, but shares nothing: A and B never see it.
    c_case = await report(app, member(C, 1), TEXT)
    await app.factchecks.publish(admin(C), c_case.result.ref, verdict="false", summary="C's own check",
                                 sources=None)

    # B's reporter sending the same link gets A's verdict with attribution; B's search finds it
    # under "from the network"; C's verdict answers nobody outside C.
    b_report = await report(app, member(B, 1), LINK_VARIANT)
    assert "in the network" in b_report.text and "Lahore Creators" in b_report.text
    b_search = await app.factchecks.search(member(B, 2), "fabricated")
    assert b_search.cards[0].fields[0].name == "From the network"
    b_text = await report(app, member(B, 2), TEXT)
    assert "already been checked" not in b_text.text
    a_text = await report(app, member(A, 3), TEXT)
    assert "already been checked" not in a_text.text
    status = await app.network.status(admin(B))
    log = status.cards[0].fields[1].value
    assert "joined" in log and "invited" in log and "changed sharing" in log

    # Privacy: nothing any partner got names a reporter, a case, or the reported evidence.
    a_reporter_ids = {str(member(A, n).user_id) for n in (1, 2, 3)}
    shared_copies = 0
    for posted in messenger.posts:
        if posted.place.id in (MOD_CH[B], RES_CH[B], MOD_CH[C], RES_CH[C]):
            blob = repr(posted.message)
            assert not any(rid in blob for rid in a_reporter_ids)
            # A's evidence (its reported link and text, a reporter's note) never appears there.
            assert "rumour.example" not in blob and "secret details" not in blob
            if "From the network" in blob:   # the shared copies: attributed, no case, no claim
                shared_copies += 1
                assert not re.search(r"R-\d", blob) and "example.com" not in blob
                assert "Lahore Creators" in blob and "What was checked" not in blob
    assert shared_copies == 2
    for dm in messenger.dms:
        if dm.member.id // 1000 in (B, C):
            assert not any(rid in repr(dm.message) for rid in a_reporter_ids)
    export = await app.reports.export(admin(B), "json", None)
    blob = export.files[0].data.decode()
    assert not any(rid in blob for rid in a_reporter_ids) and "Fabricated" not in blob

    # A leaves: its new fact-checks reach nobody, and its old ones stop answering B's reports.
    await app.network.leave(admin(A))
    shared_before = len([p for p in messenger.posts if p.place.id == RES_CH[B]])
    new_case = await report(app, member(A, 4), "https://other.example/claim")
    after = await app.factchecks.publish(admin(A), new_case.result.ref, verdict="true", summary="Real.",
                                         sources=None)
    assert "Shared" not in after.text
    assert len([p for p in messenger.posts if p.place.id == RES_CH[B]]) == shared_before
    b_again = await report(app, member(B, 3), LINK)
    assert "already been checked" not in b_again.text
    assert "F-" not in str(await app.factchecks.listing(member(B, 2)))
    with pytest.raises(DomainError) as refused:
        await app.network.leave(admin(A))
    assert refused.value.key == "network.not_member"
    log = (await app.network.status(admin(B))).cards[0].fields[1].value
    assert "left" in log


async def test_partner_reporters_are_told_in_their_community_language(world) -> None:
    app, messenger, clock = world
    code = (await app.network.invite(admin(A))).text.split("`")[1]
    await app.network.join(admin(B), code)
    await app.setup.change(admin(B), SettingsChange(network_verdicts=True, language="ur"))
    case = await report(app, member(A, 1), LINK)
    await app.factchecks.publish(admin(A), case.result.ref, verdict="false", summary="Fabricated quote.",
                                 sources=None)
    answered = await report(app, member(B, 1), LINK_VARIANT)       # answered by A's F-1 in B
    assert "F-1" in answered.text
    await app.factchecks.correct(admin(A), "F-1", note="The date was wrong.", verdict="misleading")
    english = messenger.dms_to(member(A, 1).user_id)[-1]
    urdu = messenger.dms_to(member(B, 1).user_id)[-1]
    assert "corrected" in english
    assert "گمراہ کن" in urdu and "corrected" not in urdu
    # The card in the partner's DM is the partner's copy, in Urdu: attributed, no case, no claim.
    dm = [d for d in messenger.dms if d.member.id == member(B, 1).user_id][-1]
    assert "Lahore Creators" in dm.message.cards[0].author and not re.search(r"R-\d", repr(dm.message))


async def test_shared_resources_searchable_from_the_network(world) -> None:
    app, messenger, clock = world
    code_a = (await app.network.invite(admin(B))).text.split("`")[1]
    code_c = (await app.network.invite(admin(B))).text.split("`")[1]
    await app.network.join(admin(A), code_a)
    await app.network.join(admin(C), code_c)
    await app.network.share(admin(C), factchecks=None, resources="off")
    sharer = member(A, 7)
    await app.resources.share(sharer, url="https://guides.example.org/verify-video", title="Verify a video",
                              description="Step-by-step dengue rumour checks")
    await app.resources.share(member(C, 7), url="https://c.example.org/dengue", title="C's dengue notes")
    await app.resources.share(member(B, 7), url="https://b.example.org/dengue", title="B's own dengue page")

    found = await app.resources.search(member(B, 1), "dengue")
    titles = [c.title for c in found.cards]
    assert titles[1] == "From the network"
    own, network = found.cards[0].body, found.cards[1].body
    assert "B's own dengue page" in own and "Verify a video" not in own
    assert "Verify a video" in network and "from Lahore Creators" in network
    assert "C's dengue notes" not in repr(found)                  # C does not share its resources
    assert str(sharer.user_id) not in repr(found) and "#" not in network.split("from Lahore")[1]
    # Only in the network: found there alone. A receives what B shares (by default), never C's.
    alone = await app.resources.search(member(B, 1), "video")
    assert [c.title for c in alone.cards] == ["From the network"]
    from_a = repr(await app.resources.search(member(A, 1), "dengue"))
    assert "from Karachi Checkers" in from_a and "C's dengue notes" not in from_a

    # A stops sharing resources: gone from B's search; shares again, then leaves: gone again.
    await app.network.share(admin(A), factchecks=None, resources="off")
    assert "Verify a video" not in repr(await app.resources.search(member(B, 1), "dengue"))
    await app.network.share(admin(A), factchecks=None, resources="on")
    assert "Verify a video" in repr(await app.resources.search(member(B, 1), "dengue"))
    await app.network.leave(admin(A))
    gone = await app.resources.search(member(B, 1), "video")
    assert not gone.cards and "video" in gone.text


async def test_the_claim_on_a_fact_check_is_shown_as_reported_never_formatted(world) -> None:
    app, messenger, _ = world
    hostile = "**Breaking** [free visas](https://evil.example) <@1> pay _now_ to 0300-1234567"
    await report(app, member(A, 1), hostile)
    await app.factchecks.publish(admin(A), "R-1", verdict="false", summary="No such scheme exists.", sources=None)
    fc = await app.store.factchecks.get_by_number(Community(DISCORD, A), 1)
    claim = [f.value for f in app.factchecks.card(fc, "en").fields if f.name == "What was checked"]
    assert len(claim) == 1
    assert "**Breaking**" not in claim[0] and "\\*\\*Breaking\\*\\*" in claim[0]
    assert "\\[free visas\\]" in claim[0] and "\\<@1\\>" in claim[0]
