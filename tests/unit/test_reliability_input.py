"""Bad zones and the admin's rights (issue: the failures found by a hostile test run, items 5, 11)."""

from __future__ import annotations

import pytest

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings, SettingsChange, apply_change
from bot.domain.roles import Actor, is_moderator, is_organiser, require_organiser
from bot.settings import SettingsError, load_settings, valid_timezone


@pytest.mark.parametrize("zone", ["Asia", "America", "a" * 300, "Asia/Karachi/", " UTC", "../etc/passwd",
                                  "/etc/localtime", "Asia/Nowhere", ""])
def test_folders_long_and_unknown_zones_are_refused(zone: str) -> None:
    assert not valid_timezone(zone)


@pytest.mark.parametrize("zone", ["Asia/Karachi", "UTC", "Europe/London", "America/Argentina/Buenos_Aires"])
def test_real_zones_are_accepted(zone: str) -> None:
    assert valid_timezone(zone)


@pytest.mark.parametrize("zone", ["Asia", "x" * 300])
def test_setup_refuses_a_bad_zone_with_a_message_and_changes_nothing(zone: str) -> None:
    current = GuildSettings(guild_id=1, timezone="Asia/Karachi", language="en")
    with pytest.raises(DomainError) as caught:
        apply_change(current, SettingsChange(timezone=zone, language="ur"), zone_is_valid=valid_timezone)
    assert caught.value.key == "setup.bad_timezone"
    assert len(caught.value.params["value"]) <= 64


def test_a_bad_zone_at_start_up_is_one_clear_settings_error() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"DISCORD_TOKEN": "x", "BAITHAK_TIMEZONE": "Asia"})
    assert "BAITHAK_TIMEZONE" in str(caught.value) and "\n" not in str(caught.value)


def test_an_admin_is_an_organiser_and_a_moderator() -> None:
    settings = GuildSettings(guild_id=1, timezone="UTC", language="en", organiser_role=10, moderator_role=11)
    admin = Actor(user_id=5, guild_id=1, manage_guild=True)
    require_organiser(admin, settings)
    assert is_organiser(admin, settings) and is_moderator(admin, settings)
    member = Actor(user_id=6, guild_id=1)
    assert not is_organiser(member, settings)
    with pytest.raises(DomainError):
        require_organiser(member, settings)


@pytest.mark.parametrize("text", ["0001-01-01 00:00", "0001-01-01", "9999-12-31 23:59"])
def test_dates_at_the_ends_of_the_calendar_are_refused_not_a_crash(text: str) -> None:
    from datetime import datetime, timezone

    from bot.domain.when import parse_when

    with pytest.raises(DomainError):
        parse_when(text, "Asia/Karachi", datetime(2026, 12, 2, 5, tzinfo=timezone.utc))
