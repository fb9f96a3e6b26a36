"""The anonymous conversation on a report case, through the real client and the fake Discord: two
reporters asked by the moderators, answering by DM and with **Reply** in `/my reports`, a thread
under the card in order, internal notes, late replies after closing, closed DMs, and DMs that belong
to no case. Reporters' identities are checked against every message a moderator can see."""

from __future__ import annotations

from bot.domain.identity import DISCORD, Community, Member
from bot.i18n import t
from tests.harness import cards, until

import pytest
from tests.conftest import DATABASES

# Run on both drivers: the same behaviour on SQLite and PostgreSQL (issue 12).
pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)

async def entries(h):
    """R-0001's conversation as stored (through the repository: the same on every driver)."""
    store = h.bot.app.store
    case = await store.reports.get_by_number(Community(DISCORD, h.world.guild.id), 1)
    return await store.report_conversation.entries(case.id) if case else []


QUESTION = "Where did you first see this post, and was it shared in a WhatsApp group?"


def threads(h):
    from fakediscord.models import PUBLIC_THREAD

    return [c for c in h.fake.channels.values() if c.type == PUBLIC_THREAD]


def thread_texts(h) -> list[str]:
    found = threads(h)
    assert len(found) == 1, found
    return [m.text for m in h.fake.channel_messages(found[0])]


def seen_by_moderators(h) -> list[str]:
    """Every message the bot sent that a moderator can see: the moderation channel, the case's
    thread, and whatever it answered the moderator privately."""
    w = h.world
    texts = [m.text for m in h.fake.channel_messages(w.moderation)]
    for thread in threads(h):
        texts += [m.text for m in h.fake.channel_messages(thread)]
    texts += [m.text for m in h.fake.ephemeral_messages(w.moderator)]
    return texts


def assert_anonymous(h, *reporters) -> None:
    """No reporter's name or id in anything a moderator sees, nor in any request the bot made except
    its DMs to that reporter (and the reporter's own DM channel being opened)."""
    import json

    texts = seen_by_moderators(h)
    assert texts
    for member in reporters:
        for text in texts:
            assert member.name not in text and str(member.id) not in text, (member.name, text)
    own = {str(h.fake.dm_channel(m).id): m for m in reporters}
    by_id = {str(i): rec for i, rec in h.fake.interactions.items()}
    by_token = dict(h.fake._interactions_by_token)
    checked = 0
    for request in h.fake.requests:
        if request.json is None or request.path == "/users/@me/channels":
            continue
        body = json.dumps(request.json, ensure_ascii=False)
        parts = request.path.strip("/").split("/")
        rec = (by_id.get(parts[1]) if parts[0] == "interactions" else
               by_token.get(parts[2]) if parts[0] == "webhooks" and len(parts) > 2 else None)
        for member in reporters:
            if f"/channels/{h.fake.dm_channel(member).id}/" in request.path:
                continue  # the bot writing to this reporter
            if rec is not None and rec.user.id == member.id:
                continue  # the bot answering this reporter's own click or form
            assert member.name not in body and str(member.id) not in body, (request.method, request.path, body)
        checked += 1
    assert checked and own


async def reported(h, *reporters):
    w = h.world
    post = h.fake.post_message(w.bob, w.general, "Send 5000 rupees to 0300-1234567 to claim your flood relief card")
    for i, member in enumerate(reporters):
        r = await h.fake.context_menu(member, "Report message", post)
        done = await h.fake.submit_modal(member, r, {"category": ["scam_impersonation"],
                                                     "details": f"details from reporter {i + 1}"})
        assert "R-0001" in done.text, done.text
    await until(lambda: len(cards(h, "R-0001")) == 1)
    return cards(h, "R-0001")[0]


async def ask(h, card, text=QUESTION):
    w = h.world
    form = await h.fake.click(w.moderator, card, "Ask reporters")
    assert form.error is None and form.modal is not None, form.text
    done = await h.fake.submit_modal(w.moderator, form, {"value": text})
    assert done.error is None and done.ephemeral
    await done.wait_done()
    return done


async def dm_the_bot(h, member, text):
    before = len(h.fake.dms(member))
    h.fake.post_message(member, h.fake.dm_channel(member), text)
    await until(lambda: len([m for m in h.fake.dms(member) if m.author.id == h.fake.bot_user.id])
                > len([m for m in h.fake.dms(member)[:before] if m.author.id == h.fake.bot_user.id]))
    return [m for m in h.fake.dms(member) if m.author.id == h.fake.bot_user.id][-1]


async def test_two_reporters_talk_with_the_moderators_without_names(world) -> None:
    h, w = world, world.world
    card = await reported(h, w.alice, w.urdu)
    done = await ask(h, card)
    assert "went to 2 of 2 reporters" in done.text

    # Each reporter gets the question by DM, signed by the moderators of the community, never by name.
    for member in (w.alice, w.urdu):
        dm = next(m for m in h.fake.dms(member) if QUESTION in m.text)
        assert "The moderators of Test" in dm.text and "R-0001" in dm.text
        assert w.moderator.name not in dm.text and str(w.moderator.id) not in dm.text

    # Alice answers by DM; the bot confirms; moderators see "Reporter 1".
    ack = await dm_the_bot(h, w.alice, "In the Karachi traders group, yesterday at 9 pm")
    assert "added to case **R-0001**" in ack.text
    # زینب answers with Reply in /my reports; she is "Reporter 2".
    mine = await h.fake.slash(w.urdu, "my reports")
    assert mine.ephemeral and "R-0001" in mine.text and "the moderators asked you something" in mine.text
    form = await h.fake.click(w.urdu, mine, "Reply on R-0001")
    assert form.modal is not None
    sent = await h.fake.submit_modal(w.urdu, form, {"value": "I got it from my cousin, forwarded many times"})
    await sent.wait_done()
    assert "added to case **R-0001**" in sent.text

    await until(lambda: threads(h) and len(thread_texts(h)) == 3)
    texts = thread_texts(h)
    assert QUESTION in texts[0] and "Moderators" in texts[0]
    assert texts[1].startswith("**Reporter 1**") and "Karachi traders group" in texts[1]
    assert texts[2].startswith("**Reporter 2**") and "from my cousin" in texts[2]
    # The thread hangs under the case card.
    assert threads(h)[0].id == card.id and threads(h)[0].parent_id == w.moderation.id

    # Alice answers again: still Reporter 1 (stable per case).
    await dm_the_bot(h, w.alice, "R-0001 also on Facebook")
    await until(lambda: len(thread_texts(h)) == 4)
    assert thread_texts(h)[3].startswith("**Reporter 1**") and "also on Facebook" in thread_texts(h)[3]

    # Each reporter sees only their own conversation: nothing of the other reporter, ever.
    alice_dms = " ".join(m.text for m in h.fake.dms(w.alice))
    urdu_dms = " ".join(m.text for m in h.fake.dms(w.urdu))
    assert "from my cousin" not in alice_dms and w.urdu.name not in alice_dms and str(w.urdu.id) not in alice_dms
    assert "Karachi traders" not in urdu_dms and w.alice.name not in urdu_dms and str(w.alice.id) not in urdu_dms

    # /reports show lists the conversation as Reporter N.
    shown = await h.fake.slash(w.moderator, "reports show", case="R-0001")
    await shown.wait_followups(1)
    history = shown.followups[0].text
    assert "Reporter 1: In the Karachi traders group" in history and "Reporter 2: I got it from my cousin" in history
    assert_anonymous(h, w.alice, w.urdu)


async def test_internal_notes_stay_with_moderators(world) -> None:
    h, w = world, world.world
    card = await reported(h, w.alice)
    form = await h.fake.click(w.moderator, card, "Internal note")
    done = await h.fake.submit_modal(w.moderator, form, {"value": "Same number as the scam in R-0003 last month"})
    await done.wait_done()
    assert "Note kept on **R-0001**" in done.text
    await until(lambda: threads(h) and len(thread_texts(h)) == 1)
    assert "Internal note" in thread_texts(h)[0] and "Same number as the scam" in thread_texts(h)[0]
    assert not any("Same number" in m.text for m in h.fake.dms(w.alice))
    rows = await entries(h)
    assert [(e.kind, e.author_id) for e in rows] == [("note", w.moderator.id)]  # audited: who and when
    assert_anonymous(h, w.alice)


async def test_late_reply_after_close_is_kept_and_acknowledged(world) -> None:
    h, w = world, world.world
    card = await reported(h, w.alice)
    await ask(h, card)
    r = await h.fake.click(w.moderator, card, "Claim")
    r = await h.fake.click(w.moderator, cards(h, "R-0001")[0], "Dismiss")
    await h.fake.submit_modal(w.moderator, r, {"value": "not a scam after all"})
    await until(lambda: any("closed" in m.text.lower() or "dismiss" in m.text.lower() for m in h.fake.dms(w.alice)))
    ack = await dm_the_bot(h, w.alice, "Sorry for the delay: it was a real scam, my uncle lost money")
    assert "already closed" in ack.text and "kept" in ack.text
    await until(lambda: threads(h) and any("late reply" in x for x in thread_texts(h)))
    assert any("my uncle lost money" in x and "Reporter 1" in x for x in thread_texts(h))
    rows = await entries(h)
    assert [(e.kind, e.late) for e in rows if e.kind == "answer"] == [("answer", True)]
    assert_anonymous(h, w.alice)


async def test_a_reporter_with_closed_dms_can_still_reply_from_my_reports(world) -> None:
    h, w = world, world.world
    card = await reported(h, w.alice, w.closed)
    done = await ask(h, card)
    text = done.text
    assert "went to 1 of 2 reporters" in text and "1 reporter does not accept DMs" in text
    mine = await h.fake.slash(w.closed, "my reports")
    form = await h.fake.click(w.closed, mine, "Reply on R-0001")
    sent = await h.fake.submit_modal(w.closed, form, {"value": "I saw it in two groups"})
    await sent.wait_done()
    await until(lambda: threads(h) and any("I saw it in two groups" in x for x in thread_texts(h)))
    assert any(x.startswith("**Reporter 2**") for x in thread_texts(h))
    assert_anonymous(h, w.alice, w.closed)


async def test_dms_that_belong_to_no_case_get_help(world) -> None:
    h, w = world, world.world
    answer = await dm_the_bot(h, w.bob, "hello bot?")
    assert answer.text == t("en", "conv.dm.help")
    assert await h.bot.app.store.report_conversation.cases_of(Member(DISCORD, w.bob.id)) == []
    assert await entries(h) == []  # nothing was filed, nothing kept


async def test_my_reports_lists_only_the_members_own_reports(world) -> None:
    h, w = world, world.world
    await reported(h, w.alice)
    await h.fake.slash(w.urdu, "report", target="https://example.org/fake-flood-relief", category="scam_impersonation")
    mine = await h.fake.slash(w.alice, "my reports")
    assert "R-0001" in mine.text and "R-0002" not in mine.text and "New" in mine.text
    assert [c["label"] for row in mine.components for c in row["components"]] == ["Reply on R-0001"]
    empty = await h.fake.slash(w.bob, "my reports")
    assert empty.text.strip() == "You have not reported anything here."


async def test_snippets_saved_listed_used_and_removed(world) -> None:
    h, w = world, world.world
    r = await h.fake.slash(w.moderator, "reports snippet add", name="Need Link",
                           text="Could you send us the link to the original post?")
    assert r.ephemeral and "Snippet **need-link** saved" in r.text
    again = await h.fake.slash(w.moderator, "reports snippet add", name="need-link", text="other")
    assert "already a snippet called **need-link**" in again.text
    bad = await h.fake.slash(w.moderator, "reports snippet add", name="no!", text="x")
    assert "one word of letters, digits or dashes" in bad.text
    await h.fake.slash(w.moderator, "reports snippet add", name="thanks", text="Thank you, we have acted on it.")
    refused = await h.fake.slash(w.alice, "reports snippet add", name="mine", text="x")
    assert "moderator" in refused.text.lower() and "Snippet" not in refused.text
    listed = await h.fake.slash(w.moderator, "reports snippet list")
    assert "**need-link**: Could you send us" in listed.text and "**thanks**" in listed.text

    # Ask reporters with a snippet and nothing typed: the snippet is the question.
    card = await reported(h, w.alice)
    form = await h.fake.click(w.moderator, card, "Ask reporters")
    assert "Snippet (optional)" in form.modal.labels
    done = await h.fake.submit_modal(w.moderator, form, {"snippet": ["need-link"], "value": ""})
    await done.wait_done()
    assert "went to 1 of 1 reporter" in done.text
    assert any("Could you send us the link to the original post?" in m.text for m in h.fake.dms(w.alice))

    # Dismiss with a snippet and a typed addition: both, in that order, are the reason.
    await h.fake.click(w.moderator, cards(h, "R-0001")[0], "Claim")
    form = await h.fake.click(w.moderator, cards(h, "R-0001")[0], "Dismiss")
    done = await h.fake.submit_modal(w.moderator, form, {"snippet": ["thanks"], "value": "Duplicate of a fixed post."})
    await done.wait_done()
    case = await h.bot.app.store.reports.get(1)
    assert case.status == "dismissed"
    assert case.dismiss_reason == "Thank you, we have acted on it.\n\nDuplicate of a fixed post."

    removed = await h.fake.slash(w.moderator, "reports snippet remove", name="need-link")
    assert "Snippet **need-link** removed" in removed.text
    gone = await h.fake.slash(w.moderator, "reports snippet remove", name="need-link")
    assert "no snippet called **need-link**" in gone.text
    listed = await h.fake.slash(w.moderator, "reports snippet list")
    assert "need-link" not in listed.text and "thanks" in listed.text
    assert_anonymous(h, w.alice)
