"""Contract of `bot.ports.telegram.TelegramRepository`: reachability, organisers, forms, link codes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.domain.identity import DISCORD, TELEGRAM, Community
from bot.ports.telegram import Form

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


async def test_reachability_is_unknown_until_recorded(store) -> None:
    repo = store.telegram
    assert await repo.reachable(1) is None
    await repo.set_reachable(1, False, NOW)
    assert await repo.reachable(1) is False
    await repo.set_reachable(1, True, NOW)
    await repo.set_reachable(2, False, NOW)
    assert await repo.reachable(1) is True
    assert await repo.unreachable_among([1, 2, 3, 1]) == [2, 3]
    assert await repo.unreachable_among([]) == []


async def test_last_group_does_not_touch_reachability(store) -> None:
    repo = store.telegram
    assert await repo.last_group(5) is None
    await repo.set_last_group(5, -100, NOW)
    assert await repo.last_group(5) == -100 and await repo.reachable(5) is None
    await repo.set_reachable(5, True, NOW)
    await repo.set_last_group(5, -200, NOW)
    assert await repo.last_group(5) == -200 and await repo.reachable(5) is True


async def test_organisers_per_group(store) -> None:
    repo = store.telegram
    assert await repo.add_organiser(-1, 7, 1, NOW) is True
    assert await repo.add_organiser(-1, 7, 1, NOW) is False
    assert await repo.is_organiser(-1, 7) and not await repo.is_organiser(-2, 7)
    assert await repo.remove_organiser(-1, 7) is True
    assert await repo.remove_organiser(-1, 7) is False
    assert not await repo.is_organiser(-1, 7)


async def test_forms_are_replaced_and_expire(store) -> None:
    repo = store.telegram
    form = Form(TELEGRAM, -1, 7, "event", "title", NOW + timedelta(minutes=15), {"title": "چائے", "n": 3})
    await repo.save_form(form)
    assert await repo.get_form(TELEGRAM, -1, 7, NOW) == form
    assert await repo.get_form(TELEGRAM, -1, 8, NOW) is None
    await repo.save_form(Form(TELEGRAM, -1, 7, "event", "when", NOW + timedelta(minutes=15), {"title": "x"}))
    assert (await repo.get_form(TELEGRAM, -1, 7, NOW)).step == "when"
    assert await repo.get_form(TELEGRAM, -1, 7, NOW + timedelta(minutes=16)) is None
    assert await repo.get_form(TELEGRAM, -1, 7, NOW) is None  # removed once seen expired
    await repo.save_form(form)
    assert await repo.drop_form(TELEGRAM, -1, 7) is True
    assert await repo.drop_form(TELEGRAM, -1, 7) is False


async def test_codes_are_used_once_within_their_time_and_purpose(store) -> None:
    repo = store.telegram
    community = Community(DISCORD, 42)
    await repo.create_code("ABC", "moderators", community, 1, NOW + timedelta(minutes=10))
    assert await repo.use_code("ABC", "other", NOW) is None
    assert await repo.use_code("ABC", "moderators", NOW + timedelta(minutes=11)) is None
    assert await repo.use_code("ABC", "moderators", NOW) == community
    assert await repo.use_code("ABC", "moderators", NOW) is None
    assert await repo.use_code("NOPE", "moderators", NOW) is None


async def test_moderators_group_maps_back_to_its_community(store) -> None:
    repo = store.telegram
    assert await repo.community_of_moderators(-5) is None
    await repo.link_moderators(-1, -5, NOW)
    assert await repo.community_of_moderators(-5) == -1
    await repo.link_moderators(-1, -6, NOW)  # a new moderators' group replaces the old one
    assert await repo.community_of_moderators(-5) is None and await repo.community_of_moderators(-6) == -1
