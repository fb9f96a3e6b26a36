"""Several processes share one bot token's global limit: each paces its sends at its shards' share."""

from __future__ import annotations

from cogs._common.messenger import GLOBAL_PER_SECOND, DiscordMessenger, share_of_limit


def test_one_process_serving_everything_uses_the_whole_budget() -> None:
    assert share_of_limit(None, None) == GLOBAL_PER_SECOND
    assert share_of_limit((0, 1, 2, 3), 4) == GLOBAL_PER_SECOND


def test_processes_splitting_the_shards_stay_under_the_limit_together() -> None:
    split = [(0, 1), (2,), (3,)]
    rates = [share_of_limit(s, 4) for s in split]
    assert rates == [GLOBAL_PER_SECOND / 2, GLOBAL_PER_SECOND / 4, GLOBAL_PER_SECOND / 4]
    assert sum(rates) <= GLOBAL_PER_SECOND < 50  # Discord's 50 requests a second per token
    assert share_of_limit((1, 1), 4) == GLOBAL_PER_SECOND / 4  # a shard named twice counts once


def test_the_messenger_spaces_its_sends_by_that_share() -> None:
    messenger = DiscordMessenger(client=None, per_second=share_of_limit((2,), 4))  # type: ignore[arg-type]
    assert abs(messenger.pacer.gap - 4 / GLOBAL_PER_SECOND) < 1e-9
