"""/event and /my: read the options, call `app.events`, answer with what it returns."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.identity import DISCORD, Place
from bot.i18n.format import CHOICE_NAME, cut
from cogs._common import actor_of, answer, context
from cogs.setup import zone_choices

REPEATS = [app_commands.Choice(name="weekly", value="weekly"),
           app_commands.Choice(name="every 2 weeks", value="fortnightly"),
           app_commands.Choice(name="monthly (same weekday, e.g. 2nd Tuesday)", value="monthly_weekday"),
           app_commands.Choice(name="monthly (same date, e.g. the 15th)", value="monthly_date")]
SCOPES = [app_commands.Choice(name="this date", value="this"),
          app_commands.Choice(name="this and following dates", value="following"),
          app_commands.Choice(name="all dates still to come", value="all")]


async def _choices(interaction: discord.Interaction, current: str, *,
                   include_past: bool) -> list[app_commands.Choice[str]]:
    found = await interaction.client.app.events.choices(  # type: ignore[attr-defined]
        actor_of(interaction), current, include_past=include_past)
    return [app_commands.Choice(name=cut(c.label, CHOICE_NAME), value=c.value) for c in found]


class Events(commands.Cog):
    """Organisers announce events; members answer, get reminded and export calendars."""

    event = app_commands.Group(name="event", description="Events: announce, answer, list", guild_only=True)

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    template = app_commands.Group(name="template", description="Saved event templates (organisers)",
                                  parent=event)

    @event.command(name="create", description="Announce an event (organisers)")
    @app_commands.describe(
        title="What is it called? (default with a template: the template's title)",
        when="e.g. 2026-12-05 18:00, tomorrow 6pm, next friday 17:30, کل شام 6 بجے",
        duration="How long: 90m, 2h, 1h30m (default 1h)",
        location="Where: an address or a link",
        description="What to expect, what to bring",
        capacity="Places (leave out for no limit)",
        channel="Where to announce it (default: the announcements channel)",
        reminders="Reminder times before the start, e.g. 24h,1h (default: the server's)",
        repeat="Repeat the event: each date gets its own announcement, answers and reminders",
        until="Last day of the series, e.g. 2026-12-31 (default: a year)",
        count="Number of dates, 2 to 60 (instead of until)",
        announce_ahead="Announce each date this many days before it (default 7)",
        role="Only members with this role may answer Going or Maybe",
        ping="A role the announcement mentions (pinged once, when it is posted)",
        template="A saved template: fills every option you leave out",
    )
    @app_commands.choices(repeat=REPEATS)
    async def create(self, interaction: discord.Interaction, when: str, title: str | None = None,
                     duration: str | None = None, location: str | None = None,
                     description: str | None = None, capacity: int | None = None,
                     channel: discord.TextChannel | None = None, reminders: str | None = None,
                     repeat: str | None = None, until: str | None = None, count: int | None = None,
                     announce_ahead: int | None = None, role: discord.Role | None = None,
                     ping: discord.Role | None = None, template: str | None = None) -> None:
        ctx = await context(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        place = Place(DISCORD, channel.id) if channel else None
        common = dict(title=title, when=when, duration=duration, location=location, description=description,
                      capacity=capacity, place=place, reminders=reminders, role=role.id if role else None,
                      ping=ping.id if ping else None, template=template)
        if repeat is None and until is None and count is None and announce_ahead is None:
            reply = await ctx.app.events.create(ctx.actor, **common)
        else:
            reply = await ctx.app.series.create(ctx.actor, repeat=repeat or "", until=until, count=count,
                                                announce_ahead=announce_ahead, **common)
        await answer(interaction, reply)

    @event.command(name="edit", description="Change an event; members who answered are told (organisers)")
    @app_commands.describe(
        event="The event (type to search by title)", title="New title", when="New start time",
        duration="New duration: 90m, 2h, 1h30m", location="New location", description="New description",
        capacity="New number of places (0 removes the limit)",
        scope="For a repeating event: this date (default), this and following dates, or all",
        role="Only members with this role may answer Going or Maybe (@everyone: anyone may)",
        repeat="A repeating event: repeat differently from then on (with scope following or all)",
        until="A repeating event: its new last day, e.g. 2026-12-31 (with scope following or all)",
        count="A repeating event: how many dates from then on, 2 to 60 (with scope following or all)",
    )
    @app_commands.choices(scope=SCOPES, repeat=REPEATS)
    async def edit(self, interaction: discord.Interaction, event: str, title: str | None = None,
                   when: str | None = None, duration: str | None = None, location: str | None = None,
                   description: str | None = None, capacity: int | None = None, scope: str | None = None,
                   role: discord.Role | None = None, repeat: str | None = None, until: str | None = None,
                   count: int | None = None) -> None:
        ctx = await context(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await ctx.app.series.edit(
            ctx.actor, event, scope=scope, title=title, when=when, duration=duration, location=location,
            description=description, capacity=capacity, role=role.id if role else None, repeat=repeat,
            until=until, count=count))

    @event.command(name="cancel", description="Cancel an event; members who answered are told (organisers)")
    @app_commands.describe(event="The event (type to search by title)", reason="Why, for the members",
                           scope="For a repeating event: this date (default), this and following dates, or all")
    @app_commands.choices(scope=SCOPES)
    async def cancel(self, interaction: discord.Interaction, event: str, reason: str | None = None,
                     scope: str | None = None) -> None:
        ctx = await context(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await ctx.app.series.cancel(ctx.actor, event, scope=scope, reason=reason))

    @event.command(name="list", description="Upcoming events in this server")
    async def list_(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.events.list_page(ctx.actor, 0))

    @event.command(name="info", description="Details of one event")
    @app_commands.describe(event="The event (type to search by title)")
    async def info(self, interaction: discord.Interaction, event: str) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.events.info(ctx.actor, event))

    @event.command(name="attendees", description="Who answered, with a CSV file (organisers)")
    @app_commands.describe(event="The event (type to search by title)")
    async def attendees(self, interaction: discord.Interaction, event: str) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.events.attendees(ctx.actor, event))

    @event.command(name="checkin-code", description="A short code members enter with /checkin (organisers)")
    @app_commands.describe(event="The event (check-in is open from 30 minutes before the start to the end)")
    async def checkin_code(self, interaction: discord.Interaction, event: str) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.attendance.issue_code(ctx.actor, event))

    @event.command(name="stats", description="Answers, check-ins, no-shows of one event (organisers)")
    @app_commands.describe(event="The event (type to search by title)")
    async def stats(self, interaction: discord.Interaction, event: str) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.attendance.stats(ctx.actor, event))

    @event.command(name="report", description="Attendance over a period, with CSV files (organisers)")
    @app_commands.describe(days="How many days back (default 30, at most 366)",
                           series="Only this repeating event (pick any of its dates)")
    async def report(self, interaction: discord.Interaction, days: int | None = None,
                     series: str | None = None) -> None:
        ctx = await context(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await ctx.app.attendance.report(ctx.actor, days, series))

    @template.command(name="save", description="Save an event's details as a template (organisers)")
    @app_commands.describe(name="A short name: letters, digits, - or _ (same name: replaced)",
                           event="The event to copy (type to search by title)")
    async def template_save(self, interaction: discord.Interaction, name: str, event: str) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.templates.save(ctx.actor, name, event))

    @template.command(name="list", description="This server's event templates")
    async def template_list(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.templates.list(ctx.actor))

    @template.command(name="delete", description="Delete an event template (organisers)")
    @app_commands.describe(name="The template")
    async def template_delete(self, interaction: discord.Interaction, name: str) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.templates.delete(ctx.actor, name))

    @create.autocomplete("template")
    @template_delete.autocomplete("name")
    async def template_autocomplete(self, interaction: discord.Interaction,
                                    current: str) -> list[app_commands.Choice[str]]:
        found = await interaction.client.app.templates.choices(  # type: ignore[attr-defined]
            actor_of(interaction), current)
        return [app_commands.Choice(name=cut(c.label, CHOICE_NAME), value=c.value) for c in found]

    @edit.autocomplete("event")
    @cancel.autocomplete("event")
    @checkin_code.autocomplete("event")
    async def upcoming_autocomplete(self, interaction: discord.Interaction,
                                    current: str) -> list[app_commands.Choice[str]]:
        return await _choices(interaction, current, include_past=False)

    @info.autocomplete("event")
    @attendees.autocomplete("event")
    @template_save.autocomplete("event")
    @stats.autocomplete("event")
    @report.autocomplete("series")
    async def any_autocomplete(self, interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        return await _choices(interaction, current, include_past=True)


class My(commands.Cog):
    """The member's own view: /my events and /my calendar."""

    my = app_commands.Group(name="my", description="Your own events and calendar")

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @my.command(name="events", description="Events you answered Going, Maybe or are waitlisted for")
    async def events(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction, guild_only=False)
        await answer(interaction, await ctx.app.events.my_events(ctx.actor))

    @my.command(name="attendance", description="Events you went to, were late for or missed")
    async def attendance(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction, guild_only=False)
        await answer(interaction, await ctx.app.attendance.my_attendance(ctx.actor))

    @my.command(name="timezone", description="Your own time zone for times written out to you")
    @app_commands.describe(zone="IANA time zone, e.g. Asia/Karachi (leave out to see yours)",
                           reset="Go back to the server's time zone")
    async def timezone(self, interaction: discord.Interaction, zone: str | None = None,
                       reset: bool | None = None) -> None:
        ctx = await context(interaction, guild_only=False)
        await answer(interaction, await ctx.app.my_zone.timezone(ctx.actor, zone, clear=bool(reset)))

    @timezone.autocomplete("zone")
    async def zone_autocomplete(self, interaction: discord.Interaction,
                                current: str) -> list[app_commands.Choice[str]]:
        return zone_choices(current)

    @my.command(name="calendar", description="Your upcoming events as a calendar file (.ics)")
    async def calendar(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction, guild_only=False)
        await answer(interaction, await ctx.app.events.my_calendar(ctx.actor))


class Checkin(commands.Cog):
    """/checkin code: members check in at the door with the organiser's code."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(name="checkin", description="Check in to an event with the organiser's code")
    @app_commands.describe(code="The 6-digit code the organiser shows")
    @app_commands.guild_only()
    async def checkin(self, interaction: discord.Interaction, code: str) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.attendance.check_in_code(ctx.actor, code))
