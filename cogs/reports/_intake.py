"""Intake: the **Report message** context menu and `/report`.

The context menu captures the evidence from the interaction's resolved message at once, then asks for
the category; the snapshot waits in the (in-memory) picker, so nothing the author edits afterwards can
change it. Only attachment metadata is kept: files are never downloaded or re-posted.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import discord

from bot.domain.report_categories import CATEGORIES, check_category
from bot.domain.reports import (
    Attachment,
    Intake,
    IntakeResult,
    check_rate_limit,
    intake_from_message,
    intake_from_target,
    sla_hours_for,
)
from bot.i18n import t
from bot.i18n.format import CONTENT, SELECT_DESCRIPTION, SELECT_LABEL, cut
from cogs._common import Ctx, context, guarded, reply
from cogs._common.forms import remember
from cogs.reports._triage import Triage, triage_of

PICKER_TIMEOUT = 600.0


def confirmation(result: IntakeResult, lang: str) -> str:
    text = t(lang, "reports.confirm.joined" if result.joined else "reports.confirm.new", ref=result.ref)
    if result.urgent:
        text += "\n" + t(lang, "reports.confirm.urgent")
    return cut(text, CONTENT)


async def submit(ctx: Ctx, triage: Triage, intake: Intake) -> IntakeResult:
    """Store the report (after COMMIT), then schedule what follows it without delaying the answer."""
    result = await triage.repo.submit(intake, now=ctx.bot.clock.now(),
                                      sla_hours=sla_hours_for(intake.category, ctx.settings.report_sla_hours))
    if result.sla_due_at is not None:
        triage.sla.schedule(result.case_id, result.sla_due_at)
    return result


def follow_up(triage: Triage, result: IntakeResult) -> None:
    """After the reporter was answered: post or update the card, and ping if the case became urgent."""
    if result.became_urgent:
        triage.spawn(triage.ping_now_urgent(result.case_id), "urgent ping")
    else:
        triage.spawn(triage.publish(result.case_id), "publish card")


def attachments_of(message: discord.Message) -> list[Attachment]:
    return [Attachment(name=a.filename, content_type=a.content_type, size=a.size, url=a.url)
            for a in message.attachments]


async def report_message(interaction: discord.Interaction, message: discord.Message) -> None:
    """Context menu **Report message**: snapshot now, ask for the category."""
    ctx = await context(interaction)
    triage = triage_of(interaction)
    now = ctx.bot.clock.now()
    # Refuse at once rather than after the member picked a category; submit checks again.
    check_rate_limit(await triage.repo.recent_report_times(ctx.actor.guild_id or 0, ctx.actor.user_id, now), now)
    author = message.author
    intake = intake_from_message(
        guild_id=interaction.guild_id or 0, reporter_id=ctx.actor.user_id, category=CATEGORIES[-1], now=now,
        content=message.content, author_id=author.id,
        author_name=getattr(author, "global_name", None) or author.name,
        channel_id=message.channel.id, message_id=message.id,
        jump_url=f"https://discord.com/channels/{interaction.guild_id}/{message.channel.id}/{message.id}",
        posted_at=message.created_at, edited_at=message.edited_at, attachments=attachments_of(message))
    view = CategoryPicker(intake, ctx.lang)
    remember(interaction.client, view, view.select.custom_id)
    await interaction.response.send_message(ctx.t("reports.pick_category"), view=view, ephemeral=True)
    view.origin = interaction


class CategoryPicker(discord.ui.View):
    """The category select shown after the context menu; holds the snapshot until a choice."""

    def __init__(self, intake: Intake, lang: str) -> None:
        super().__init__(timeout=PICKER_TIMEOUT)
        self.intake = intake
        self.lang = lang
        self.done = False
        self.origin: discord.Interaction | None = None
        select: discord.ui.Select[Any] = discord.ui.Select(
            placeholder=t(lang, "reports.pick_category_placeholder"), min_values=1, max_values=1,
            custom_id=f"rep:pick:{intake.reporter_id}:{intake.message_id}",
            options=[discord.SelectOption(label=cut(t(lang, f"reports.category.{c}"), SELECT_LABEL),
                                          description=cut(t(lang, f"reports.category_hint.{c}"), SELECT_DESCRIPTION),
                                          value=c) for c in CATEGORIES])
        select.callback = self.chosen  # type: ignore[method-assign]
        self.select = select
        self.add_item(select)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self.intake.reporter_id

    async def on_timeout(self) -> None:
        # Say so on the form rather than leave a select that no longer answers.
        if self.done or self.origin is None:
            return
        try:
            await self.origin.edit_original_response(content=t(self.lang, "reports.form_expired"), view=None)
        except discord.HTTPException:
            pass

    @guarded
    async def chosen(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        triage = triage_of(interaction)
        if self.done:  # a second pick on the same form (double click): the report is already in
            await reply(interaction, ctx.t("reports.form_expired"))
            return
        category = check_category(self.select.values[0] if self.select.values else "")
        intake = dataclasses.replace(self.intake, category=category)
        result = await submit(ctx, triage, intake)
        self.done = True
        self.stop()
        await interaction.response.edit_message(content=confirmation(result, ctx.lang), view=None)
        follow_up(triage, result)


async def report_command(interaction: discord.Interaction, target: str, category: str,
                         details: str | None) -> None:
    """`/report target category [details]`."""
    ctx = await context(interaction)
    triage = triage_of(interaction)
    intake = intake_from_target(guild_id=interaction.guild_id or 0, reporter_id=ctx.actor.user_id,
                                category=category, target=target, now=ctx.bot.clock.now(), details=details)
    result = await submit(ctx, triage, intake)
    await reply(interaction, confirmation(result, ctx.lang))
    follow_up(triage, result)
