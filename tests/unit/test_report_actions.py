"""Actions from the card through `bot.app` alone, with a recording ModerationTools: who may act, the
bot's permission checked first (refused naming it, nothing done), durations, and the audit entry."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.app import App
from bot.domain.clock import FixedClock
from bot.domain.errors import DomainError
from bot.domain.guild_settings import SettingsChange
from bot.domain.identity import DISCORD
from bot.domain.report_actions import DELETE, TIMEOUT, WARN, check_duration, offers
from bot.domain.reports import intake_from_message, intake_from_target
from bot.domain.roles import Actor
from bot.ports.reports import ActionForbidden
from bot.settings import Settings
from bot.storage.sqlite.store import SqliteStore
from tests.manual_scheduler import ManualScheduler
from tests.memory_messenger import MemoryMessenger

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
GUILD, MOD_ROLE, AUTHOR = 100, 8, 77
ADMIN = Actor(user_id=1, guild_id=GUILD, manage_guild=True)
MOD = Actor(user_id=2, guild_id=GUILD, role_ids=frozenset({MOD_ROLE}))
ALICE = Actor(user_id=11, guild_id=GUILD)


class Tools:
    def __init__(self) -> None:
        self.missing: dict[str, str] = {}
        self.done: list[tuple] = []
        self.forbid = False

    async def missing_permission(self, community, action, place, author):
        return self.missing.get(action)

    async def delete_message(self, community, ref):
        self.done.append(("delete", ref.place.id, ref.id))
        return True

    async def timeout(self, community, member, until, reason):
        if self.forbid:
            raise ActionForbidden("Moderate Members")
        self.done.append(("timeout", member.id, until))
        return True


@pytest.fixture
async def flow(tmp_path: Path):
    settings = Settings(token=None, database=tmp_path / "a.sqlite3", dev_guild=None, timezone="Asia/Karachi",
                        language="en", log_level="INFO", api_base=None, gateway_url=None)
    store = await SqliteStore.open(settings.database)
    app = App(settings, store, clock=FixedClock(NOW), scheduler=ManualScheduler())
    messenger = MemoryMessenger()
    app.messenger.register(DISCORD, messenger)
    tools = Tools()
    app.report_actions.use_tools(DISCORD, tools)
    await app.start()
    await app.setup.change(ADMIN, SettingsChange(moderator_role=MOD_ROLE))
    intake = intake_from_message(guild_id=GUILD, reporter_id=ALICE.user_id, category="other", now=NOW,
                                 content="pay me", author_id=AUTHOR, author_name="Scammer", channel_id=500,
                                 message_id=900, jump_url="https://discord.com/channels/100/500/900",
                                 posted_at=NOW, edited_at=None, attachments=[])
    case_id = (await app.reports.submit(ALICE, intake)).result.case_id
    yield app, messenger, tools, case_id
    await app.idle()
    await app.close()
    await store.close()


def test_durations_and_offers() -> None:
    assert check_duration(600) == 600 and check_duration(7 * 86400) == 7 * 86400
    for bad in (None, 599, 7 * 86400 + 1):
        with pytest.raises(DomainError) as err:
            check_duration(bad)
        assert err.value.key == "actions.bad_duration"
    text = intake_from_target(guild_id=1, reporter_id=2, category="other", target="a pasted rumour", now=NOW)
    from bot.domain.reports import Case
    case = Case(id=1, guild_id=1, number=1, category="other", urgent=False, status="new", created_at=NOW,
                evidence=text.evidence)
    assert offers(case) == ()


async def test_only_moderators_act(flow) -> None:
    app, messenger, tools, case_id = flow
    for action in (DELETE, TIMEOUT, WARN):
        with pytest.raises(DomainError) as err:
            await app.report_actions.act(ALICE, case_id, action, "because", seconds=600)
        assert err.value.key == "perm.need_moderator"
    assert tools.done == [] and messenger.dms == []


async def test_missing_permission_refused_by_name_and_nothing_done(flow) -> None:
    app, _, tools, case_id = flow
    tools.missing = {DELETE: "Manage Messages", TIMEOUT: "Moderate Members"}
    for action, name in ((DELETE, "Manage Messages"), (TIMEOUT, "Moderate Members")):
        with pytest.raises(DomainError) as err:
            await app.report_actions.check(MOD, case_id, action)
        assert err.value.key == "actions.missing_permission" and err.value.params["permission"] == name
        with pytest.raises(DomainError):
            await app.report_actions.act(MOD, case_id, action, "reason", seconds=600)
    assert tools.done == [] and await app.store.report_conversation.entries(case_id) == []


async def test_actions_done_and_audited(flow) -> None:
    app, messenger, tools, case_id = flow
    with pytest.raises(DomainError) as err:
        await app.report_actions.act(MOD, case_id, DELETE, "  ")
    assert err.value.key == "actions.reason_required"
    with pytest.raises(DomainError) as err:
        await app.report_actions.act(MOD, case_id, TIMEOUT, "spam", seconds=8 * 86400)
    assert err.value.key == "actions.bad_duration"
    assert "deleted" in await app.report_actions.act(MOD, case_id, DELETE, "scam")
    assert "1 hour" in await app.report_actions.act(MOD, case_id, TIMEOUT, "scam", seconds=3600)
    assert "warned" in await app.report_actions.act(MOD, case_id, WARN, "Do not post this")
    assert tools.done == [("delete", 500, 900), ("timeout", AUTHOR, NOW + timedelta(hours=1))]
    assert messenger.dms_to(AUTHOR) and "Do not post this" in messenger.dms_to(AUTHOR)[0]
    tools.forbid = True
    with pytest.raises(DomainError) as err:
        await app.report_actions.act(MOD, case_id, TIMEOUT, "again", seconds=600)
    assert err.value.params["permission"] == "Moderate Members"
    entries = await app.store.report_conversation.entries(case_id)
    assert [(e.kind, e.action, e.author_id) for e in entries] == [
        ("action", "delete", MOD.user_id), ("action", "timeout", MOD.user_id), ("action", "warn", MOD.user_id)]
