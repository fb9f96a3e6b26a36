"""The conversation rules (`bot.domain.report_conversation`) and the service through `bot.app` alone:
who may ask and reply, which case a DM belongs to, Reporter N, and what each side is sent."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.app import App
from bot.domain.clock import FixedClock
from bot.domain.errors import DomainError
from bot.domain.guild_settings import SettingsChange
from bot.domain.identity import DISCORD, Member
from bot.domain.report_conversation import AskedCase, clean_text, reporter_number, route_dm
from bot.domain.reports import intake_from_target
from bot.domain.roles import Actor
from bot.settings import Settings
from bot.storage.sqlite.store import SqliteStore
from tests.manual_scheduler import ManualScheduler
from tests.memory_messenger import MemoryMessenger

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
GUILD = 100
MOD_CHANNEL = 600
MOD_ROLE = 8
ADMIN = Actor(user_id=1, guild_id=GUILD, manage_guild=True, display_name="Admin")
MOD = Actor(user_id=2, guild_id=GUILD, role_ids=frozenset({MOD_ROLE}), display_name="Mod")
ALICE = Actor(user_id=11, guild_id=GUILD, display_name="Alice")
BOB = Actor(user_id=12, guild_id=GUILD, display_name="Bob")
CAROL = Actor(user_id=13, guild_id=GUILD, display_name="Carol")


def test_route_dm_picks_the_case() -> None:
    one = AskedCase(1, GUILD, 7, NOW)
    two = AskedCase(2, GUILD, 9, NOW + timedelta(hours=1))
    never = AskedCase(3, GUILD, 12, None)
    assert route_dm("hello", []).case is None
    assert route_dm("hello", [never]).case is None          # nobody asked: not an answer
    assert route_dm("in a group", [one, never]).case == one  # the only case asked about
    routed = route_dm("in a group", [one, two])
    assert routed.case is None and routed.ambiguous == (two, one)
    picked = route_dm("R-0007: in a group", [one, two])
    assert picked.case == one and picked.text == "in a group"
    assert route_dm("about r9, yes", [one, two]).case == two
    assert route_dm("R-0012 more", [one, never]).case == never  # naming a case answers it
    assert route_dm("5 people shared it", [one, two]).case is None  # a bare number is not a reference


def test_reporter_numbers_and_text_rules() -> None:
    a, b = Member(DISCORD, 5), Member(DISCORD, 6)
    assert reporter_number([a, b], b) == 2
    with pytest.raises(DomainError) as err:
        reporter_number([a], b)
    assert err.value.key == "conv.not_your_case"
    assert clean_text("  hi ") == "hi"
    for bad, key in (("   ", "conv.empty"), ("x" * 1501, "conv.too_long")):
        with pytest.raises(DomainError) as err:
            clean_text(bad)
        assert err.value.key == key


@pytest.fixture
async def flow(tmp_path: Path):
    settings = Settings(token=None, database=tmp_path / "c.sqlite3", dev_guild=None, timezone="Asia/Karachi",
                        language="en", log_level="INFO", api_base=None, gateway_url=None)
    store = await SqliteStore.open(settings.database)
    app = App(settings, store, clock=FixedClock(NOW), scheduler=ManualScheduler())
    messenger = MemoryMessenger(closed={CAROL.user_id})
    app.messenger.register(DISCORD, messenger)
    await app.start()
    await app.setup.change(ADMIN, SettingsChange(moderation_channel=MOD_CHANNEL, moderator_role=MOD_ROLE))
    yield app, messenger
    await app.idle()
    await app.close()
    await store.close()


async def _case(app, *reporters: Actor) -> int:
    case_id = 0
    for actor in reporters:
        intake = intake_from_target(guild_id=GUILD, reporter_id=actor.user_id, category="other",
                                    target="https://example.org/hoax", now=NOW)
        case_id = (await app.reports.submit(actor, intake)).result.case_id
    return case_id


async def test_only_moderators_ask_or_note(flow) -> None:
    app, messenger = flow
    case_id = await _case(app, ALICE)
    for call in (app.report_conversation.ask, app.report_conversation.note):
        with pytest.raises(DomainError) as err:
            await call(BOB, case_id, "who are you?")
        assert err.value.key == "perm.need_moderator"
    other = Actor(user_id=2, guild_id=GUILD + 1, manage_guild=True)
    with pytest.raises(DomainError):
        await app.report_conversation.ask(other, case_id, "from another server")
    assert messenger.dms == [] and await app.store.report_conversation.entries(case_id) == []


async def test_only_reporters_reply(flow) -> None:
    app, _ = flow
    case_id = await _case(app, ALICE)
    with pytest.raises(DomainError) as err:
        await app.report_conversation.reply(BOB, case_id, "I did not report this")
    assert err.value.key == "conv.not_your_case"
    with pytest.raises(DomainError) as err:
        await app.report_conversation.reply(ALICE, case_id, "   ")
    assert err.value.key == "conv.empty"
    assert await app.store.report_conversation.entries(case_id) == []


async def test_ask_reaches_every_reporter_but_closed_dms_and_never_names(flow) -> None:
    app, messenger = flow
    case_id = await _case(app, ALICE, BOB, CAROL)
    ack = await app.report_conversation.ask(MOD, case_id, "Which group?")
    assert "went to 2 of 3 reporters" in ack and "1 reporter does not accept DMs" in ack
    await app.idle()
    assert {d.member.id for d in messenger.dms} == {ALICE.user_id, BOB.user_id}
    for dm in messenger.dms:
        assert "Which group?" in dm.message.text and "R-0001" in dm.message.text
        assert "Mod" not in dm.message.text.replace("moderators", "").replace("Moderators", "")
        assert str(MOD.user_id) not in dm.message.text
    answer = await app.report_conversation.answer_dm(Member(DISCORD, BOB.user_id), "Group B")
    assert "R-0001" in answer.text
    await app.idle()
    # No card (no front end posted one here): the entries go to the moderation channel, as Reporter N.
    shown = [p.message.text for p in messenger.posts if p.place.id == MOD_CHANNEL and "Reporter" in p.message.text]
    assert shown == ["**R-0001** · **Reporter 2**:\nGroup B"]
    for post in messenger.posts:
        for actor in (ALICE, BOB, CAROL):
            assert actor.display_name not in post.message.text and str(actor.user_id) not in post.message.text


async def test_a_reporters_answer_is_shown_as_typed_never_formatted(flow) -> None:
    """A reporter's words reach moderators as text: no bold, no hidden link, no `<@id>` shown as a name."""
    app, messenger = flow
    case_id = await _case(app, ALICE, BOB)
    await app.report_conversation.ask(MOD, case_id, "Which **group**?")  # moderators may format
    await app.idle()
    hostile = "**urgent** [click](https://evil.example) <@1> _x_ https://ok.example/a_b"
    await app.report_conversation.answer_dm(Member(DISCORD, BOB.user_id), hostile)
    await app.idle()
    shown = [p.message.text for p in messenger.posts if p.place.id == MOD_CHANNEL and "Reporter 2" in p.message.text]
    assert shown == ["**R-0001** · **Reporter 2**:\n"
                     "\\*\\*urgent\\*\\* \\[click\\](https://evil.example) \\<@1\\> \\_x\\_ https://ok.example/a_b"]
    history = app.report_conversation.history_line((await app.store.report_conversation.entries(case_id))[-1], "en")
    assert "\\*\\*urgent\\*\\*" in history and "\\[click\\]" in history and "\\<@1\\>" in history
