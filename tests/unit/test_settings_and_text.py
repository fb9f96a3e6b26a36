"""Settings validation, durations, i18n catalogue and safe cutting."""

from __future__ import annotations

import re

import pytest

from bot.domain.durations import format_offsets, parse_duration, parse_offsets
from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings, SettingsChange, apply_change
from bot.i18n import LANGUAGES, catalogue, placeholders, t
from bot.i18n.format import cut
from bot.settings import SettingsError, load_settings, valid_timezone


def env(**kw: str) -> dict[str, str]:
    base = {"DISCORD_TOKEN": "abc.def"}
    base.update(kw)
    return base


def test_defaults() -> None:
    s = load_settings(env())
    assert (s.timezone, s.language, str(s.database), s.dev_guild) == (
        "Asia/Karachi", "en", "data/baithak.sqlite3", None)


@pytest.mark.parametrize("variables, named", [
    ({"DISCORD_TOKEN": ""}, "DISCORD_TOKEN"),
    ({"BAITHAK_TIMEZONE": "Mars/Olympus"}, "BAITHAK_TIMEZONE"),
    ({"BAITHAK_TIMEZONE": "../../etc/passwd"}, "BAITHAK_TIMEZONE"),
    ({"BAITHAK_LANGUAGE": "fr"}, "BAITHAK_LANGUAGE"),
    ({"BAITHAK_DEV_GUILD": "my-server"}, "BAITHAK_DEV_GUILD"),
    ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
    ({"DISCORD_API_BASE": "discord.local"}, "DISCORD_API_BASE"),
    ({"DISCORD_GATEWAY_URL": "http://x"}, "DISCORD_GATEWAY_URL"),
])
def test_bad_setting_names_variable(variables: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(env(**variables))
    message = str(info.value)
    assert named in message and "\n" not in message


def test_timezones() -> None:
    assert valid_timezone("Europe/London") and valid_timezone("Asia/Karachi")
    assert not valid_timezone("Asia/Lahore") and not valid_timezone("")


def test_durations_and_offsets() -> None:
    assert parse_duration("90m") == 90 and parse_duration("2h") == 120 and parse_duration("1h30m") == 90
    assert parse_offsets("24h,1h") == (1440, 60)
    assert parse_offsets("30m") == (30,)
    assert parse_offsets("1h, 24h, 1h") == (1440, 60)
    assert format_offsets((1440, 60)) == "1d,1h"
    for bad in ("", "soon", "1x", "-1h", "0m"):
        with pytest.raises(DomainError):
            parse_offsets(bad)
    with pytest.raises(DomainError) as info:
        parse_offsets("1m,2m,3m,4m,5m,6m")
    assert info.value.key == "offsets.too_many"


def test_apply_change_is_all_or_nothing() -> None:
    current = GuildSettings.defaults(1, timezone="Asia/Karachi", language="en")
    with pytest.raises(DomainError):
        apply_change(current, SettingsChange(language="ur", timezone="Nowhere/City"), zone_is_valid=valid_timezone)
    updated = apply_change(current, SettingsChange(language="ur", reminders="2h"), zone_is_valid=valid_timezone)
    assert (updated.language, updated.reminder_offsets, updated.timezone) == ("ur", (120,), "Asia/Karachi")


def test_catalogue_complete_in_both_languages() -> None:
    for key, texts in catalogue().items():
        assert set(LANGUAGES) <= set(texts), key
        assert placeholders(texts["en"]) == placeholders(texts["ur"]), key
    urdu = t("ur", "perm.need_admin")
    assert re.search("[\u0600-\u06FF]", urdu)


def test_cut_never_splits_a_character_from_its_marks() -> None:
    text = "پاکستانِ" * 10  # ends each word with a combining kasra
    for limit in range(1, 40):
        out = cut(text, limit)
        assert len(out) <= limit
        body = out.rstrip("…")
        assert body == text[: len(body)]
        assert len(body) == len(text) or not (text[len(body)] == "\u0650")
    assert cut("short", 10) == "short"


def test_counted_nouns_agree_with_their_number() -> None:
    assert t("en", "reports.card.count", reports=1, reporters=1) == "1 report from 1 member"
    assert t("en", "reports.card.count", reports=3, reporters=2) == "3 reports from 2 members"
    assert t("en", "reports.stats.total", total=0) == "0 cases opened."
    assert "(s)" not in "".join(texts["en"] for texts in catalogue().values())
