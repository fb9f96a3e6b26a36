"""What each command and button does, between Discord and the domain: the cog modules stay thin."""

from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import discord

from bot.domain.calendar import calendar_ics, event_ics, ics_filename
from bot.domain.errors import DomainError
from bot.domain.event_attendees import AttendeeRow, attendees_csv
from bot.domain.events import Counts, Event, plan_cancel, plan_edit, plan_event, require_manager
from bot.domain.roles import require_guild
from bot.domain.rsvp import WAITLIST
from bot.domain.when import parse_when
from bot.i18n import t
from bot.i18n.format import CONTENT, EMBED_DESCRIPTION, EMBED_TITLE, cut, ts
from bot.storage.sqlite.events import EventsRepo, RsvpOutcome
from cogs._common import actor_of, context, reply, send_embed
from cogs.events.embeds import (COLOUR, announcement_embed, announcement_view, attendees_embed,
                                change_lines, event_line)
from cogs.events.notify import Delivery, dm_many
from bot.app.refresh import Refresher
from cogs.events.reminders import ReminderService

if TYPE_CHECKING:
    from bot.client import BaithakBot

log = logging.getLogger(__name__)
# A click is answered after its write commits; if the writer is that busy, the click is deferred
# first so Discord's 3-second window is never missed.
ANSWER_WITHIN = 1.5
PAGE_SIZE = 5


class EventsService:
    def __init__(self, bot: "BaithakBot") -> None:
        self.bot = bot
        self.repo = EventsRepo(bot.db)
        self.refresher = Refresher(self._render_announcement)
        self.reminders = ReminderService(bot, self.repo)
        self._background: set[asyncio.Task[Any]] = set()

    def _spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def idle(self) -> None:
        """Wait for announcement edits, DMs and reminders in flight (tests and shutdown)."""
        while self._background or self.refresher.pending:
            await asyncio.gather(*list(self._background), return_exceptions=True)
            await self.refresher.flush()
        await self.reminders.idle()

    # -- looking events up --------------------------------------------------------------------
    async def resolve(self, guild_id: int, value: str) -> Event:
        """The event an `event` option names: an id from autocomplete, or an exact title."""
        text = (value or "").strip()
        event = await self.repo.get(int(text)) if text.isdigit() and len(text) < 19 else None
        if event is None:
            matches = await self.repo.find_by_title(guild_id, text)
            event = matches[0] if matches else None
        if event is None or event.guild_id != guild_id:
            raise DomainError("event.unknown", value=cut(text, 100))
        return event

    async def autocomplete(self, interaction: discord.Interaction, current: str, *,
                           include_past: bool) -> list[discord.app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        events = await self.repo.search(interaction.guild_id, current, self.bot.clock.now(),
                                        include_past=include_past)
        lang = (await self.bot.settings_for(interaction.guild_id)).language
        choices = []
        for event in events:
            label = f"{event.title} · {event.starts_at.astimezone(_zone(event)).strftime('%Y-%m-%d %H:%M')}"
            if event.cancelled:
                label = t(lang, "embed.cancelled_title", title=label)
            choices.append(discord.app_commands.Choice(name=cut(label, 100), value=str(event.id)))
        return choices

    # -- announcement -------------------------------------------------------------------------
    async def _render_announcement(self, event_id: int) -> None:
        event = await self.repo.get(event_id)
        if event is None or event.message_id is None:
            return
        counts = await self.repo.counts(event_id)
        lang = (await self.bot.settings_for(event.guild_id)).language
        message = self.bot.get_partial_messageable(event.channel_id).get_partial_message(event.message_id)
        try:
            await message.edit(embed=announcement_embed(event, counts, lang), view=announcement_view(event, lang))
        except discord.NotFound:
            log.warning("announcement of event %s (message %s) is gone", event_id, event.message_id)

    # -- /event create ------------------------------------------------------------------------
    async def create(self, interaction: discord.Interaction, **options: Any) -> None:
        ctx = await context(interaction)
        channel = options.pop("channel", None)
        now = self.bot.clock.now()
        await interaction.response.defer(ephemeral=True, thinking=True)
        draft = plan_event(ctx.actor, ctx.settings, now=now, channel_id=channel.id if channel else None, **options)
        event = await self.repo.create(draft, now)
        try:
            message = await self.bot.get_partial_messageable(event.channel_id).send(
                embed=announcement_embed(event, _no_counts(), ctx.lang), view=announcement_view(event, ctx.lang))
        except discord.HTTPException:
            log.warning("could not announce event %s in channel %s", event.id, event.channel_id, exc_info=True)
            await self.repo.delete(event.id)
            raise DomainError("event.post_failed", channel=event.channel_id) from None
        await self.repo.set_message(event.id, event.channel_id, message.id)
        event = replace(event, message_id=message.id)
        local = event.starts_at.astimezone(_zone(event)).strftime("%Y-%m-%d %H:%M") + f" ({event.timezone})"
        await reply(interaction, ctx.t("event.created", title=cut(event.title, 200), url=event.jump_url(),
                                       start=ts(event.starts_at, "F"), relative=ts(event.starts_at, "R"),
                                       local=local))

    # -- RSVP ---------------------------------------------------------------------------------
    async def rsvp(self, interaction: discord.Interaction, event_id: int, choice: str) -> None:
        if interaction.guild_id is None:
            raise DomainError("common.guild_only")
        # Counted from when Discord created the interaction, not from when this handler started:
        # under a burst the click may have waited in our queue already.
        age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
        if age >= ANSWER_WITHIN:
            await interaction.response.defer(ephemeral=True, thinking=True)
        actor = actor_of(interaction)
        write = asyncio.ensure_future(self.repo.rsvp(
            event_id, guild_id=interaction.guild_id, user_id=actor.user_id,
            display_name=actor.display_name, choice=choice, now=self.bot.clock.now()))
        settings = await self.bot.settings_for(interaction.guild_id)
        if not interaction.response.is_done():
            age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
            done, _ = await asyncio.wait({write}, timeout=max(ANSWER_WITHIN - age, 0.0))
            if not done:
                await interaction.response.defer(ephemeral=True, thinking=True)
        lang = settings.language
        outcome: RsvpOutcome = await write
        event = outcome.event
        title = cut(event.title, 200)
        if outcome.status == WAITLIST:
            text = t(lang, "rsvp.waitlist", title=title, position=outcome.position)
        else:
            text = t(lang, f"rsvp.{outcome.status}", title=title)
        try:
            await reply(interaction, text)
        finally:
            # The click is durable whatever happens to the answer: the rest still follows.
            if outcome.previous != outcome.status or outcome.promoted:
                self.refresher.request(event_id)
            self.reminders.ensure(event_id, outcome.planned)
            if outcome.promoted:
                self._spawn(self._tell_promoted(event, outcome.promoted, lang))

    async def _tell_promoted(self, event: Event, user_ids: tuple[int, ...], lang: str) -> Delivery:
        text = cut(t(lang, "rsvp.promoted_dm", title=event.title, start=ts(event.starts_at, "F"),
                     url=event.jump_url() or ""), CONTENT)
        delivery = await dm_many(self.bot, user_ids, lambda uid: text)
        if delivery.closed:
            log.info("event %s: %d promoted member(s) have closed DMs", event.id, len(delivery.closed))
        return delivery

    async def send_event_ics(self, interaction: discord.Interaction, event_id: int) -> None:
        ctx = await context(interaction)
        event = await self.repo.get(event_id)
        if event is None:
            raise DomainError("common.not_found")
        require_guild(ctx.actor, event.guild_id)
        data = event_ics(event, self.bot.clock.now())
        await send_embed(interaction, content=ctx.t("ics.ready", title=cut(event.title, 200)),
                         file=discord.File(io.BytesIO(data), filename=ics_filename(event)))

    # -- /event edit and cancel ---------------------------------------------------------------
    async def edit(self, interaction: discord.Interaction, event_ref: str, **options: Any) -> None:
        ctx = await context(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        event = await self.resolve(ctx.actor.guild_id or 0, event_ref)
        require_manager(ctx.actor, ctx.settings, event)
        now = self.bot.clock.now()
        when = options.pop("when", None)
        if when is not None:
            # Read before the write unit (dateparser is slow), in the zone the event was announced in,
            # even if the guild's zone changed since; the zone of an event never changes.
            options["starts_at"] = parse_when(when, event.timezone, now).start
        outcome = await self.repo.edit(
            event.id, lambda ev, going: plan_edit(ctx.actor, ctx.settings, ev, now=now, going=going, **options), now)
        new = replace(outcome.new, message_id=outcome.old.message_id)
        if outcome.new.starts_at != outcome.old.starts_at or outcome.new.reminder_offsets != outcome.old.reminder_offsets:
            self.reminders.replan(event.id, outcome.old.reminder_offsets, outcome.planned)
        else:
            self.reminders.ensure(event.id, outcome.planned)
        self.refresher.request(event.id)
        changes_dm = change_lines(outcome.changes, ctx.lang)
        dm_text = cut(ctx.t("event.dm_edited", title=new.title, changes=changes_dm, url=new.jump_url() or ""), CONTENT)
        delivery = await dm_many(self.bot, outcome.notify, lambda uid: dm_text)
        if outcome.promoted:
            self._spawn(self._tell_promoted(new, outcome.promoted, ctx.lang))
        text = ctx.t("event.edited", title=cut(new.title, 200), changes=changes_dm, notified=len(delivery.reached))
        if delivery.closed:
            text += "\n" + ctx.t("event.unreachable", count=len(delivery.closed))
        await reply(interaction, text)

    async def cancel(self, interaction: discord.Interaction, event_ref: str, reason: str | None) -> None:
        ctx = await context(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        event = await self.resolve(ctx.actor.guild_id or 0, event_ref)
        require_manager(ctx.actor, ctx.settings, event)
        now = self.bot.clock.now()
        cancelled, notify = await self.repo.cancel(
            event.id, lambda ev: plan_cancel(ctx.actor, ctx.settings, ev, reason=reason, now=now), now)
        self.reminders.drop(event.id, cancelled.reminder_offsets)
        self.refresher.request(event.id)
        why = ctx.t("event.reason", reason=cancelled.cancel_reason) if cancelled.cancel_reason else ""
        dm_text = cut(ctx.t("event.dm_cancelled", title=cancelled.title, start=ts(cancelled.starts_at, "F"),
                            reason=why), CONTENT)
        delivery = await dm_many(self.bot, notify, lambda uid: dm_text)
        text = ctx.t("event.cancel_done", title=cut(cancelled.title, 200), notified=len(delivery.reached))
        if delivery.closed:
            text += "\n" + ctx.t("event.unreachable", count=len(delivery.closed))
        await reply(interaction, text)

    # -- /event list, info, attendees ---------------------------------------------------------
    async def show_list(self, interaction: discord.Interaction, page: int, *, edit: bool = False) -> None:
        ctx = await context(interaction)
        guild_id = ctx.actor.guild_id or 0
        now = self.bot.clock.now()
        total = await self.repo.count_upcoming(guild_id, now)
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        events = await self.repo.upcoming(guild_id, now, limit=PAGE_SIZE, offset=page * PAGE_SIZE)
        embed = discord.Embed(title=ctx.t("list.title"), colour=COLOUR)
        if not events:
            embed.description = ctx.t("list.empty")
        else:
            lines = []
            for event in events:
                counts = await self.repo.counts(event.id)
                lines.append(event_line(event, counts.going, ctx.lang))
            embed.description = cut("\n\n".join(lines), EMBED_DESCRIPTION)
            embed.set_footer(text=ctx.t("common.page", page=page + 1, pages=pages))
        from cogs.events.views import ListPageButton

        view = discord.ui.View(timeout=None)
        view.add_item(ListPageButton.make(page - 1 if page > 0 else 0, "p", ctx.lang, disabled=page == 0))
        view.add_item(ListPageButton.make(page + 1, "n", ctx.lang, disabled=page >= pages - 1))
        if edit:
            await interaction.response.edit_message(embed=embed, view=view)
        else:
            await send_embed(interaction, embed=embed, view=view)

    async def info(self, interaction: discord.Interaction, event_ref: str) -> None:
        ctx = await context(interaction)
        event = await self.resolve(ctx.actor.guild_id or 0, event_ref)
        counts = await self.repo.counts(event.id)
        embed = announcement_embed(event, counts, ctx.lang)
        embed.url = event.jump_url()
        mine = await self.repo.status_of(event.id, ctx.actor.user_id)
        content = ctx.t("my.events.line", title=cut(event.title, 200), start=ts(event.starts_at, "F"),
                        relative=ts(event.starts_at, "R"), status=ctx.t(f"status.{mine}")) if mine else None
        await send_embed(interaction, content=content, embed=embed)

    async def attendees(self, interaction: discord.Interaction, event_ref: str) -> None:
        ctx = await context(interaction)
        event = await self.resolve(ctx.actor.guild_id or 0, event_ref)
        require_manager(ctx.actor, ctx.settings, event)
        people = await self.repo.attendees(event.id)
        header = [ctx.t(k) for k in ("csv.status", "csv.position", "csv.user_id", "csv.name", "csv.answered")]
        data = attendees_csv(header, (AttendeeRow(ctx.t(f"status.{p.status}"), p.position, p.user_id,
                                                  p.display_name, p.updated_at) for p in people))
        await send_embed(interaction, embed=attendees_embed(event, people, ctx.lang),
                         file=discord.File(io.BytesIO(data), filename=f"event-{event.id}-attendees.csv"))

    # -- /my ----------------------------------------------------------------------------------
    async def my_events(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction, guild_only=False)
        mine = await self.repo.member_upcoming(ctx.actor.user_id, interaction.guild_id, self.bot.clock.now())
        if not mine:
            await reply(interaction, ctx.t("my.events.empty"))
            return
        lines = []
        for event, status in mine:
            line = ctx.t("my.events.line", title=cut(event.title, 100), start=ts(event.starts_at, "F"),
                         relative=ts(event.starts_at, "R"), status=ctx.t(f"status.{status}"))
            url = event.jump_url()
            lines.append(f"{line} · [{ctx.t('list.link')}]({url})" if url else line)
        embed = discord.Embed(title=cut(ctx.t("my.events.title"), EMBED_TITLE), colour=COLOUR,
                              description=cut("\n\n".join(lines), EMBED_DESCRIPTION))
        await send_embed(interaction, embed=embed)

    async def my_calendar(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction, guild_only=False)
        mine = await self.repo.member_upcoming(ctx.actor.user_id, interaction.guild_id, self.bot.clock.now())
        if not mine:
            await reply(interaction, ctx.t("my.events.empty"))
            return
        data = calendar_ics([e for e, _ in mine], self.bot.clock.now(), name=ctx.t("my.events.title"),
                            zone=ctx.settings.timezone)
        await send_embed(interaction, content=ctx.t("my.calendar.ready", count=len(mine)),
                         file=discord.File(io.BytesIO(data), filename="my-events.ics"))


def _zone(event: Event) -> ZoneInfo:
    return ZoneInfo(event.timezone)


def _no_counts() -> Counts:
    return Counts()
