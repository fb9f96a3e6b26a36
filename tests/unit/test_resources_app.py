"""The library's use cases through `bot.app` alone: a real store, an in-memory Messenger that records
what would be sent, no Discord. Share with approval, approve (post + card closed + DM), vote, remove."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.app.resources import APPROVE, REJECT, UPVOTE, ResourcesService
from bot.app.setup import SetupService
from bot.domain.clock import FixedClock
from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Member, MessageRef, Place
from bot.domain.roles import Actor
from bot.ports.messaging import Delivery, Message
from bot.storage.sqlite.store import SqliteStore

G, MOD_ROLE, RESOURCES, MODERATION = 10, 77, 501, 502
ALICE = Actor(user_id=1, guild_id=G)
BOB = Actor(user_id=2, guild_id=G)
MOD = Actor(user_id=3, guild_id=G, role_ids=frozenset({MOD_ROLE}))


class Recorder:
    """A Messenger that keeps what it was asked to send."""

    def __init__(self) -> None:
        self.posts: dict[MessageRef, Message] = {}
        self.dms: list[tuple[Member, Message]] = []
        self.deleted: list[MessageRef] = []
        self._next = 1000

    async def post(self, place: Place, message: Message, *, nonce: str | None = None) -> MessageRef:
        self._next += 1
        ref = MessageRef(place, self._next)
        self.posts[ref] = message
        return ref

    async def edit(self, ref: MessageRef, message: Message) -> bool:
        if ref not in self.posts:
            return False
        self.posts[ref] = message
        return True

    async def delete(self, ref: MessageRef) -> bool:
        self.deleted.append(ref)
        return self.posts.pop(ref, None) is not None

    async def dm(self, member: Member, message: Message, *, nonce: str | None = None) -> Delivery:
        self.dms.append((member, message))
        return Delivery.DELIVERED

    def in_place(self, channel: int) -> list[Message]:
        return [m for ref, m in self.posts.items() if ref.place == Place(DISCORD, channel)]


@pytest.fixture
async def app(tmp_path: Path):
    store = await SqliteStore.open(tmp_path / "app.sqlite3")
    setup = SetupService(store.settings, default_timezone="Asia/Karachi", default_language="en")
    await store.settings.save(GuildSettings(guild_id=G, timezone="Asia/Karachi", language="en",
                                            resources_channel=RESOURCES, moderation_channel=MODERATION,
                                            moderator_role=MOD_ROLE, resource_approval=True))
    messenger = Recorder()
    service = ResourcesService(store.resources, setup, messenger,
                               FixedClock(datetime(2026, 11, 23, 12, tzinfo=timezone.utc)), edit_interval=0)
    yield service, messenger
    await store.close()


async def test_share_review_vote_remove(app) -> None:
    service, sent = app
    answer = await service.share(ALICE, url="https://Example.org/guide?utm_source=x", title="A *guide*",
                                 tags="Fact-Check")
    assert "#1" in answer.text and "A \\*guide\\*" in answer.text  # user markup is escaped
    [card] = sent.in_place(MODERATION)
    assert [b.action for b in card.buttons[0]] == [APPROVE, REJECT] and card.buttons[0][0].target == (1,)
    with pytest.raises(DomainError) as info:
        await service.approve(BOB, 1)
    assert info.value.key == "perm.need_moderator"

    done = await service.approve(MOD, 1)
    assert "Approved #1" in done.text
    assert sent.in_place(MODERATION)[0].buttons == ()  # the card is closed
    [post] = sent.in_place(RESOURCES)
    assert post.cards[0].url == "https://example.org/guide" and post.buttons[0][0].action == UPVOTE
    [(member, dm)] = sent.dms
    assert member == Member(DISCORD, ALICE.user_id) and "approved" in dm.text

    assert "You upvoted #1" in (await service.upvote(BOB, 1)).text
    await service.idle()
    assert sent.in_place(RESOURCES)[0].buttons[0][0].label == "Upvote · 1"

    found = await service.search(BOB, "guide")
    assert "A \\*guide\\*" in found.cards[0].body
    assert "Top resources" == (await service.top(BOB)).cards[0].title

    with pytest.raises(DomainError) as info:
        await service.remove(BOB, 1)
    assert info.value.key == "resource.remove_forbidden"
    assert "Removed #1" in (await service.remove(ALICE, 1)).text
    assert sent.in_place(RESOURCES) == []
    assert "No published resource" in (await service.search(BOB, "guide")).text


async def test_other_community_sees_nothing(app) -> None:
    service, _sent = app
    await service.share(ALICE, url="https://a.org", title="Guide")
    stranger = Actor(user_id=1, guild_id=G + 1, manage_guild=True)
    with pytest.raises(DomainError) as info:
        await service.check_review(stranger, 1)
    assert info.value.key == "common.not_found"
    telegram = Actor(user_id=1, guild_id=G, platform="telegram")
    with pytest.raises(DomainError):
        await service.check_remove(telegram, 1)
