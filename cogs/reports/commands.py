"""`/report`, the **Report message** context menu, and the moderators' `/reports` group: queue, show
(with an admin-only, audited reveal), stats, export and the platform outcome. Each reads the options,
calls the reports service and renders what it returns."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.report_categories import CATEGORIES, PLATFORM_OUTCOMES, STATUSES
from bot.domain.reports import Attachment, intake_from_message, intake_from_target
from bot.i18n.format import CHOICE_NAME, cut
from cogs._common import answer, context, reply
from cogs._common.choices import choices
from cogs._common.forms import open_modal
from cogs._common.render import send_kwargs
from cogs.reports.views import ReportForm


def _choices(kind: str, values: tuple[str, ...]) -> list[app_commands.Choice[str]]:
    """A vocabulary as choices named in English and Urdu (`Misinformation · غلط معلومات`)."""
    return choices([(f"reports.{kind}.{v}", v) for v in values])


def attachments_of(message: discord.Message) -> list[Attachment]:
    """What is known of a message's files (never downloaded)."""
    return [Attachment(name=a.filename, content_type=a.content_type, size=a.size, url=a.url)
            for a in message.attachments]


async def report_message(interaction: discord.Interaction, message: discord.Message) -> None:
    """Context menu **Report message**: snapshot the message now, then ask for the category and
    optional details in one form."""
    ctx = await context(interaction)
    # Refuse at once rather than after the member picked a category; submit checks again.
    await ctx.app.reports.check_can_report(ctx.actor)
    author = message.author
    intake = intake_from_message(
        guild_id=interaction.guild_id or 0, reporter_id=ctx.actor.user_id, category=CATEGORIES[-1],
        now=ctx.app.clock.now(), content=message.content, author_id=author.id,
        author_name=getattr(author, "global_name", None) or author.name,
        channel_id=message.channel.id, message_id=message.id,
        jump_url=f"https://discord.com/channels/{interaction.guild_id}/{message.channel.id}/{message.id}",
        posted_at=message.created_at, edited_at=message.edited_at, attachments=attachments_of(message),
        platform=ctx.actor.platform)
    await open_modal(interaction, ReportForm(intake, ctx.lang))


class Reports(commands.Cog):
    """Report intake and moderator triage."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name="Report message", callback=report_message)
        self.menu.guild_only = True

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    # -- intake ---------------------------------------------------------------------------------------
    @app_commands.command(name="report", description="Report harmful content or misinformation to the moderators")
    @app_commands.guild_only()
    @app_commands.describe(target="A link to the content, or its text pasted (e.g. a forwarded post)",
                           category="What is wrong with it",
                           details="Anything the moderators should know (optional)")
    @app_commands.choices(category=_choices("category", CATEGORIES))
    async def report(self, interaction: discord.Interaction,
                     target: app_commands.Range[str, 1, 4000], category: str,
                     details: app_commands.Range[str, 1, 1000] | None = None) -> None:
        ctx = await context(interaction)
        intake = intake_from_target(guild_id=interaction.guild_id or 0, reporter_id=ctx.actor.user_id,
                                    category=category, target=target, now=ctx.app.clock.now(), details=details,
                                    platform=ctx.actor.platform)
        submitted = await ctx.app.reports.submit(ctx.actor, intake)
        await reply(interaction, submitted.text)
        ctx.app.reports.announce(submitted.result)

    # -- moderators -------------------------------------------------------------------------------------
    group = app_commands.Group(name="reports", description="Triage reported content (moderators)",
                               guild_only=True)

    @group.command(name="queue", description="Cases waiting for moderators, urgent first")
    @app_commands.describe(status="Which cases (default: all open ones)", category="Only this category")
    @app_commands.choices(status=choices([("reports.status.open_choice", "open")]) + _choices("status", STATUSES),
                          category=_choices("category", CATEGORIES))
    async def queue(self, interaction: discord.Interaction, status: str | None = None,
                    category: str | None = None) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.reports.queue(ctx.actor, status, category))

    @group.command(name="show", description="A case's card, evidence and audit log")
    @app_commands.describe(case="Case reference, e.g. R-0042",
                           reveal="Admins only: also show who reported it (written to the audit log)")
    async def show(self, interaction: discord.Interaction, case: str, reveal: bool = False) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.reports.show(ctx.actor, case, reveal=reveal))
        history = await ctx.app.report_conversation.history(ctx.actor, case)
        if history is not None:  # the conversation and notes, reporters as "Reporter N"
            await interaction.followup.send(ephemeral=True, **send_kwargs(history))

    @group.command(name="outcome", description="Record what a platform did with an escalated case")
    @app_commands.describe(case="Case reference, e.g. R-0042", result="The platform's decision")
    @app_commands.choices(result=_choices("platform_outcome", PLATFORM_OUTCOMES))
    async def outcome(self, interaction: discord.Interaction, case: str, result: str) -> None:
        ctx = await context(interaction)
        done = await ctx.app.reports.record_platform_outcome(ctx.actor, result, ref=case)
        await reply(interaction, done.ack or "")

    @group.command(name="stats", description="Counts, median times and platform compliance")
    @app_commands.describe(days="How many days back (default 30)")
    async def stats(self, interaction: discord.Interaction,
                    days: app_commands.Range[int, 1, 3650] = 30) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.reports.stats(ctx.actor, days))

    @group.command(name="export", description="Cases as a CSV or JSON file (no reporter identities)")
    @app_commands.describe(format="File format (default csv)",
                           since="From a date (2026-01-31) or a span back (7d, 12h); default: everything")
    async def export(self, interaction: discord.Interaction, format: Literal["csv", "json"] = "csv",
                     since: str | None = None) -> None:
        ctx = await context(interaction)
        start = await ctx.app.reports.export_start(ctx.actor, since)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer(interaction, await ctx.app.reports.export(ctx.actor, format, start))

    @show.autocomplete("case")
    @outcome.autocomplete("case")
    async def case_autocomplete(self, interaction: discord.Interaction,
                                current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        ctx = await context(interaction)
        return [app_commands.Choice(name=cut(name, CHOICE_NAME), value=ref)
                for name, ref in await ctx.app.reports.suggest(ctx.actor, current)]

    snippet = app_commands.Group(name="snippet", description="Saved replies for common answers (moderators)",
                                 parent=group)

    @snippet.command(name="add", description="Save a reply to reuse when asking, resolving or dismissing")
    @app_commands.describe(name="A short name, e.g. need-link", text="The reply")
    async def snippet_add(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 32],
                          text: app_commands.Range[str, 1, 1500]) -> None:
        ctx = await context(interaction)
        await reply(interaction, await ctx.app.report_conversation.snippet_add(ctx.actor, name, text))

    @snippet.command(name="list", description="The saved replies of this server")
    async def snippet_list(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        await answer(interaction, await ctx.app.report_conversation.snippet_list(ctx.actor))

    @snippet.command(name="remove", description="Remove a saved reply")
    @app_commands.describe(name="The snippet's name")
    async def snippet_remove(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 32]) -> None:
        ctx = await context(interaction)
        await reply(interaction, await ctx.app.report_conversation.snippet_remove(ctx.actor, name))

    @snippet_remove.autocomplete("name")
    async def snippet_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        ctx = await context(interaction)
        names = [s.name for s in await ctx.app.report_conversation.snippets(ctx.actor)]
        return [app_commands.Choice(name=n, value=n) for n in names if current.casefold() in n][:25]
