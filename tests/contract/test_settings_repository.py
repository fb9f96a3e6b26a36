"""SettingsRepository: one row per community, platforms kept apart."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, TELEGRAM, Community


async def test_missing_community_has_no_settings(store) -> None:
    assert await store.settings.get(Community(DISCORD, 1)) is None


async def test_save_then_get_round_trips_every_field(store) -> None:
    s = GuildSettings(guild_id=42, platform=DISCORD, timezone="Asia/Karachi", language="ur",
                      announcements_channel=1, moderation_channel=2, resources_channel=3,
                      organiser_role=4, moderator_role=5, reminder_offsets=(1440, 30),
                      resource_approval=True, report_sla_hours=24, configured=True)
    await store.settings.save(s)
    got = await store.settings.get(Community(DISCORD, 42))
    assert got == s and got.configured
    await store.settings.save(replace(s, language="en", resource_approval=False))
    again = await store.settings.get(Community(DISCORD, 42))
    assert again is not None and again.language == "en" and not again.resource_approval


async def test_same_id_on_two_platforms_are_two_communities(store) -> None:
    base = GuildSettings(guild_id=7, timezone="UTC", language="en")
    await store.settings.save(replace(base, platform=DISCORD, language="ur"))
    await store.settings.save(replace(base, platform=TELEGRAM, language="en"))
    d = await store.settings.get(Community(DISCORD, 7))
    tg = await store.settings.get(Community(TELEGRAM, 7))
    assert d is not None and tg is not None
    assert (d.language, tg.language) == ("ur", "en")
    assert tg.platform == TELEGRAM


async def test_communities_lists_one_platforms_set_up_communities(store) -> None:
    base = GuildSettings(guild_id=0, timezone="UTC", language="en")
    for platform, ids in ((TELEGRAM, (-1002, -1001)), (DISCORD, (5,))):
        for community_id in ids:
            await store.settings.save(replace(base, guild_id=community_id, platform=platform))
    await store.settings.save(replace(base, guild_id=-1001, platform=TELEGRAM, language="ur"))  # saved again
    assert await store.settings.communities(TELEGRAM) == [-1002, -1001]
    assert await store.settings.communities(DISCORD) == [5]
    assert await store.settings.communities("matrix") == []
