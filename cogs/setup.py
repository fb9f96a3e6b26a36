"""/setup: show or change the guild's settings (admins only)."""

from __future__ import annotations

from zoneinfo import available_timezones

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.digest import slot_label
from bot.domain.guild_settings import GuildSettings, SettingsChange, offsets_text
from bot.i18n import t
from bot.i18n.format import CHOICE_NAME, cut
from cogs._common import context, send_embed
from cogs._common.choices import choices

_ZONES = sorted(available_timezones())
# Zones people in these networks pick most, shown first when nothing is typed yet.
_POPULAR = ["Asia/Karachi", "Asia/Dubai", "Europe/London", "Asia/Riyadh", "America/New_York",
            "Europe/Berlin", "Asia/Kolkata", "Asia/Dhaka", "America/Toronto", "Australia/Sydney"]


def zone_choices(current: str, limit: int = 25) -> list[app_commands.Choice[str]]:
    needle = current.strip().lower().replace(" ", "_")
    if not needle:
        names = [z for z in _POPULAR if z in _ZONES]
    else:
        starts = [z for z in _ZONES if z.lower().startswith(needle)]
        parts = [z for z in _ZONES if needle in z.lower() and z not in starts]
        names = starts + parts
    return [app_commands.Choice(name=cut(z, CHOICE_NAME), value=z) for z in names[:limit]]


def silent_role(guild: discord.Guild | None, role_id: int | None) -> bool:
    """True when pinging `role_id` would notify nobody: Discord delivers a bot's role mention only
    if the role is mentionable or the bot has Mention Everyone."""
    if guild is None or role_id is None:
        return False
    role = guild.get_role(role_id)
    if role is None or role.mentionable:
        return False
    return not guild.me.guild_permissions.mention_everyone


def settings_embed(s: GuildSettings, lang: str, headline: str) -> discord.Embed:
    none = t(lang, "common.none")

    def channel(cid: int | None) -> str:
        return f"<#{cid}>" if cid else none

    def role(rid: int | None) -> str:
        return f"<@&{rid}>" if rid else none

    embed = discord.Embed(title=t(lang, "setup.title"), description=headline, colour=0x2B7A78)
    rows = [
        ("setup.field.announcements", channel(s.announcements_channel)),
        ("setup.field.moderation", channel(s.moderation_channel)),
        ("setup.field.resources", channel(s.resources_channel)),
        ("setup.field.organiser_role", role(s.organiser_role)),
        ("setup.field.moderator_role", role(s.moderator_role)),
        ("setup.field.timezone", s.timezone),
        ("setup.field.language", f"{t(lang, 'language.' + s.language)} (`{s.language}`)"),
        ("setup.field.reminders", f"`{offsets_text(s)}`"),
        ("setup.field.resource_approval", t(lang, "common.on" if s.resource_approval else "common.off")),
        ("setup.field.report_sla_hours", str(s.report_sla_hours)),
        ("setup.field.network_verdicts", t(lang, "common.on" if s.network_verdicts else "common.off")),
        ("setup.field.digest", slot_label(s, lang)),
    ]
    for key, value in rows:
        embed.add_field(name=t(lang, key), value=value, inline=True)
    return embed


class Setup(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(name="setup", description="Show or change Baithak's settings for this server (admins)")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(
        announcements="Channel for event announcements",
        moderation="Private channel where report cases are triaged",
        resources="Channel where shared resources are posted",
        organiser_role="Role that may create and manage events",
        moderator_role="Role that triages reports and reviews resources",
        timezone="IANA time zone, e.g. Asia/Karachi",
        language="Language of the bot's messages",
        reminders="Default reminder times before events, e.g. 24h,1h",
        resource_approval="Hold shared resources for moderator approval",
        report_sla_hours="Hours before an unclaimed report raises a reminder",
        link="Get a one-time code to join a Telegram group to this community (valid 10 minutes)",
        network_verdicts="Let the network's shared fact-checks answer reports here",
        digest="Weekly digest: a day and a time, e.g. friday 18:00, or off",
    )
    @app_commands.choices(language=choices([("language.en", "en"), ("language.ur", "ur")]),
                          resource_approval=choices([("common.on", "on"), ("common.off", "off")]),
                          network_verdicts=choices([("common.on", "on"), ("common.off", "off")]))
    async def setup_command(
        self,
        interaction: discord.Interaction,
        announcements: discord.TextChannel | None = None,
        moderation: discord.TextChannel | None = None,
        resources: discord.TextChannel | None = None,
        organiser_role: discord.Role | None = None,
        moderator_role: discord.Role | None = None,
        timezone: str | None = None,
        language: str | None = None,
        reminders: str | None = None,
        resource_approval: str | None = None,
        report_sla_hours: app_commands.Range[int, 1, 720] | None = None,
        link: bool | None = None,
        network_verdicts: str | None = None,
        digest: str | None = None,
    ) -> None:
        ctx = await context(interaction)
        if link:
            from cogs._common import answer

            await answer(interaction, await ctx.app.communities.code(ctx.actor))
            return
        service = ctx.bot.app.setup
        change = SettingsChange(
            announcements_channel=announcements.id if announcements else None,
            moderation_channel=moderation.id if moderation else None,
            resources_channel=resources.id if resources else None,
            organiser_role=organiser_role.id if organiser_role else None,
            moderator_role=moderator_role.id if moderator_role else None,
            timezone=timezone,
            language=language,
            reminders=reminders,
            resource_approval=None if resource_approval is None else resource_approval == "on",
            report_sla_hours=report_sla_hours,
            network_verdicts=None if network_verdicts is None else network_verdicts == "on",
            digest=digest,
        )
        if change.is_empty():
            current = await service.show(ctx.actor)
            await send_embed(interaction, embed=settings_embed(current, ctx.lang, ctx.t("setup.current")))
            return
        updated = await service.change(ctx.actor, change)
        lang = updated.language  # answer in the language just chosen
        headline = t(lang, "setup.saved")
        if silent_role(interaction.guild, updated.moderator_role):
            headline += "\n\n" + t(lang, "setup.warn_role_silent", role=f"<@&{updated.moderator_role}>")
        await send_embed(interaction, embed=settings_embed(updated, lang, headline))

    @setup_command.autocomplete("timezone")
    async def timezone_autocomplete(self, interaction: discord.Interaction,
                                    current: str) -> list[app_commands.Choice[str]]:
        return zone_choices(current)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Setup(bot))
