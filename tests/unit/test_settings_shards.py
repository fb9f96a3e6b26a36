"""Which Discord shards a process serves: BAITHAK_SHARDS / BAITHAK_SHARD_COUNT (or `run --shards
--shard-count`), only on PostgreSQL; BAITHAK_TELEGRAM marks the one process polling Telegram."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings

PG = "postgresql://u:p@127.0.0.1:5432/baithak"


def settings(**env: str):
    return load_settings({"DISCORD_TOKEN": "t", **env}, dotenv_path=None)


def test_shards_of_this_process_on_postgres() -> None:
    s = settings(BAITHAK_DATABASE=PG, BAITHAK_SHARDS="1, 0", BAITHAK_SHARD_COUNT="4", BAITHAK_TELEGRAM="1")
    assert (s.shards, s.shard_count, s.telegram) == ((0, 1), 4, True)
    plain = settings(BAITHAK_DATABASE=PG)
    assert (plain.shards, plain.shard_count, plain.telegram) == (None, None, False)


@pytest.mark.parametrize("env, words", [
    ({"BAITHAK_SHARDS": "0,1", "BAITHAK_SHARD_COUNT": "4"}, "needs PostgreSQL"),  # SQLite: one process
    ({"BAITHAK_DATABASE": PG, "BAITHAK_SHARDS": "0,1"}, "go together"),
    ({"BAITHAK_DATABASE": PG, "BAITHAK_SHARDS": "0,4", "BAITHAK_SHARD_COUNT": "4"}, "numbered 0 to 3"),
    ({"BAITHAK_DATABASE": PG, "BAITHAK_SHARDS": "1,1", "BAITHAK_SHARD_COUNT": "4"}, "each shard once"),
    ({"BAITHAK_DATABASE": PG, "BAITHAK_SHARDS": "a", "BAITHAK_SHARD_COUNT": "4"}, "shard numbers"),
    ({"BAITHAK_DATABASE": PG, "BAITHAK_SHARDS": "0", "BAITHAK_SHARD_COUNT": "0"}, "positive"),
    ({"BAITHAK_TELEGRAM": "maybe"}, "yes/no"),
])
def test_bad_shard_settings_are_refused_in_one_line(env: dict, words: str) -> None:
    with pytest.raises(SettingsError) as info:
        settings(**env)
    assert words in str(info.value) and "\n" not in str(info.value)
