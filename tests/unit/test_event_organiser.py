"""The organiser kept with a new event (name and platform, as the actor was) and the announcement's
organiser field: a reference to the organiser on their own platform with the name beside it, or,
for an event created before names were kept, the mention it always was."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from bot.app.events import announcement_card
from bot.domain.events import Counts, plan_event
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, TELEGRAM, Community, Member
from bot.domain.roles import Actor
from bot.i18n import t
from bot.ports.messaging import member_ref

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=timezone.utc)
HOME = Community(DISCORD, 100)
SETTINGS = GuildSettings(guild_id=100, timezone="Europe/London", language="en", announcements_channel=500)
# A Telegram member acting in a group linked to the Discord community: the event is the community's.
TG_ORGANISER = Actor(user_id=42, guild_id=-1001, manage_guild=True, display_name="Ayesha  Khan", platform=TELEGRAM,
                     home=HOME)


def _plan(actor: Actor):  # type: ignore[no-untyped-def]
    return plan_event(actor, SETTINGS, title="Clinic", when="2026-03-24 18:00", now=NOW, channel_id=None)


def _organiser(event) -> str:  # type: ignore[no-untyped-def]
    card = announcement_card(replace(event, id=7), Counts(), "en")
    return next(f.value for f in card.fields if f.name == t("en", "embed.organiser"))


def test_a_new_event_keeps_the_organisers_own_platform_and_name() -> None:
    planned = _plan(TG_ORGANISER)
    assert planned.community == HOME  # the community's platform, the organiser's own beside it
    assert (planned.organiser_name, planned.organiser_platform) == ("Ayesha Khan", TELEGRAM)
    assert planned.organiser == Member(TELEGRAM, 42)
    discord = _plan(Actor(user_id=7, guild_id=100, manage_guild=True, display_name="Omar\n"))
    assert (discord.organiser_name, discord.organiser_platform, discord.organiser) == ("Omar", DISCORD,
                                                                                       Member(DISCORD, 7))


def test_the_announcement_names_the_organiser_by_platform_and_old_events_keep_the_mention() -> None:
    planned = _plan(TG_ORGANISER)
    assert _organiser(planned) == member_ref(Member(TELEGRAM, 42), "Ayesha Khan")
    long = replace(planned, organiser_name="A" * 90)
    assert _organiser(long) == member_ref(Member(TELEGRAM, 42), "A" * 39 + "…")  # as going names are cut
    old = replace(planned, organiser_name="", organiser_platform="")
    assert _organiser(old) == "<@42>" and old.organiser == Member(DISCORD, 42)
