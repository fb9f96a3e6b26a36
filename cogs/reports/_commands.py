"""`/report`, the **Report message** context menu, and the moderators' `/reports` group:
queue, show (with an admin-only, audited reveal), stats, export and the platform outcome."""

from __future__ import annotations

import gzip
import io
from datetime import timedelta
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.report_categories import (
    CATEGORIES,
    OPEN_STATUSES,
    OUTCOMES,
    PLATFORM_OUTCOMES,
    PLATFORMS,
    STATUS_ESCALATED,
    STATUS_RESOLVED,
    STATUSES,
    check_category,
    check_status,
)
from bot.domain.report_export import parse_since, to_csv, to_json
from bot.domain.report_stats import compute_stats, format_span
from bot.domain.report_status import check_reveal, check_view, plan_platform_outcome, reason_parts
from bot.domain.roles import is_moderator, require_admin, require_moderator
from bot.domain.reports import AuditEntry, Case
from bot.i18n import t
from bot.i18n.format import CHOICE_NAME, EMBED_DESCRIPTION, EMBED_TOTAL, FIELD_VALUE, cut, ts
from cogs._common import context, reply, send_embed
from cogs.reports._card import card_embed, card_view, label
from cogs.reports._intake import report_command, report_message
from cogs.reports._sla import SlaService
from cogs.reports._triage import Triage

QUEUE_PAGE = 20
EXPORT_LIMIT_BYTES = 8 * 1024 * 1024


def _choices(kind: str, values: tuple[str, ...]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=cut(t("en", f"reports.{kind}.{v}"), CHOICE_NAME), value=v) for v in values]


_REASON_VOCABULARY = {STATUS_ESCALATED: ("platform", PLATFORMS), STATUS_RESOLVED: ("outcome", OUTCOMES)}


def _reason(entry: AuditEntry, lang: str) -> str:
    """An audit reason with its platform or outcome key in the guild's language."""
    kind = _REASON_VOCABULARY.get(entry.to_status or "")
    key, rest = reason_parts(entry.reason or "")
    if kind is None or key not in kind[1]:
        return entry.reason or ""
    shown = label(lang, kind[0], key)
    return shown if rest is None else f"{shown}: {rest}"


def audit_lines(entries: list[AuditEntry], lang: str) -> list[str]:
    lines = []
    for e in entries:
        when = ts(e.at, "f")
        actor = f"<@{e.actor_id}>" if e.actor_id else "Baithak"
        if e.action == "open":
            lines.append(t(lang, "reports.audit.open", when=when))
        elif e.action == "reveal":
            lines.append(t(lang, "reports.audit.reveal", when=when, actor=actor))
        elif e.action == "platform_outcome":
            lines.append(t(lang, "reports.audit.platform_outcome", when=when, actor=actor,
                           outcome=label(lang, "platform_outcome", e.reason)))
        else:
            reason = f" ({cut(_reason(e, lang), 120)})" if e.reason else ""
            lines.append(t(lang, "reports.audit.status", when=when, actor=actor,
                           from_status=label(lang, "status", e.from_status),
                           to_status=label(lang, "status", e.to_status), reason=reason))
    return lines


def _join_within(lines: list[str], limit: int) -> str:
    """As many of the latest lines as fit in `limit` characters."""
    kept: list[str] = []
    size = 0
    for line in reversed(lines):
        if size + len(line) + 1 > limit:
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(reversed(kept))


class Reports(commands.Cog):
    """Report intake and moderator triage."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.triage = Triage(bot)  # type: ignore[arg-type]
        self.triage.sla = SlaService(bot, self.triage)  # type: ignore[attr-defined, arg-type]
        self.menu = app_commands.ContextMenu(name="Report message", callback=report_message)
        self.menu.guild_only = True

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)
        await self.triage.drain()

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
        await report_command(interaction, target, category, details)

    # -- moderators -------------------------------------------------------------------------------------
    group = app_commands.Group(name="reports", description="Triage reported content (moderators)",
                               guild_only=True)

    @group.command(name="queue", description="Cases waiting for moderators, urgent first")
    @app_commands.describe(status="Which cases (default: all open ones)", category="Only this category")
    @app_commands.choices(status=[app_commands.Choice(name="open (new, triaging, escalated)", value="open")]
                          + _choices("status", STATUSES),
                          category=_choices("category", CATEGORIES))
    async def queue(self, interaction: discord.Interaction, status: str | None = None,
                    category: str | None = None) -> None:
        ctx = await context(interaction)
        require_moderator(ctx.actor, ctx.settings)
        statuses = sorted(OPEN_STATUSES) if status in (None, "open") else [check_status(status)]
        cases, total = await self.triage.repo.queue(
            ctx.actor.guild_id or 0, statuses=statuses,
            category=check_category(category) if category else None, limit=QUEUE_PAGE)
        embed = discord.Embed(title=ctx.t("reports.queue.title", count=total), colour=0x3498DB)
        lines = []
        for case in cases:
            line = ctx.t("reports.queue.line", ref=case.ref, category=label(ctx.lang, "category", case.category),
                         status=label(ctx.lang, "status", case.status),
                         urgent=ctx.t("reports.queue.urgent_mark") if case.urgent else "",
                         reports=case.report_count, opened=ts(case.created_at, "R"))
            if case.card_message_id:
                line += f" · [→]({self.triage.card_link(case, ctx.lang)})"
            lines.append(line)
        if total > len(cases):
            lines.append(ctx.t("reports.queue.more", more=total - len(cases)))
        embed.description = cut("\n".join(lines) or ctx.t("reports.queue.empty"), EMBED_DESCRIPTION)
        await send_embed(interaction, embed=embed)

    @group.command(name="show", description="A case's card, evidence and audit log")
    @app_commands.describe(case="Case reference, e.g. R-0042",
                           reveal="Admins only: also show who reported it (written to the audit log)")
    async def show(self, interaction: discord.Interaction, case: str, reveal: bool = False) -> None:
        ctx = await context(interaction)
        # The role first: whether a case exists is not a non-moderator's business either.
        if reveal:
            require_admin(ctx.actor)
        else:
            require_moderator(ctx.actor, ctx.settings)
        found = await self.triage.case_by_ref(ctx.actor.guild_id or 0, case)
        if reveal:
            check_reveal(found, ctx.actor)
        else:
            check_view(found, ctx.actor, ctx.settings)
        extra = discord.Embed()
        if reveal:
            reporters = await self.triage.repo.reveal(found, actor_id=ctx.actor.user_id, now=ctx.bot.clock.now())
            lines = [t(ctx.lang, "reports.show.reporter_line", user=f"<@{r.reporter_id}> (`{r.reporter_id}`)",
                       when=ts(r.reported_at, "f"), details=f": {cut(r.details, 150)}" if r.details else "")
                     for r in reporters]
            extra.description = cut(ctx.t("reports.show.revealed", ref=found.ref), 500)
            extra.add_field(name=ctx.t("reports.show.reporters"), value=_join_within(lines, FIELD_VALUE) or "-",
                            inline=False)
        audit = audit_lines(await self.triage.repo.audit(found.id), ctx.lang)
        extra.add_field(name=ctx.t("reports.show.audit"), value=_join_within(audit, FIELD_VALUE) or "-", inline=False)
        # Discord counts 6000 characters over all the embeds of a message: the card gets what is left.
        embed = card_embed(found, ctx.lang, budget=EMBED_TOTAL - len(extra))
        extra.colour = embed.colour
        embeds = [embed, extra]
        view = card_view(found, ctx.lang) or discord.ui.View()
        await send_embed(interaction, embeds=embeds, view=view)

    @group.command(name="outcome", description="Record what a platform did with an escalated case")
    @app_commands.describe(case="Case reference, e.g. R-0042", result="The platform's decision")
    @app_commands.choices(result=_choices("platform_outcome", PLATFORM_OUTCOMES))
    async def outcome(self, interaction: discord.Interaction, case: str, result: str) -> None:
        ctx = await context(interaction)
        require_moderator(ctx.actor, ctx.settings)
        found = await self.triage.case_by_ref(ctx.actor.guild_id or 0, case)
        decided = plan_platform_outcome(found, ctx.actor, ctx.settings, result)
        await self.triage.repo.record_platform_outcome(found, decided, actor_id=ctx.actor.user_id,
                                                       now=ctx.bot.clock.now())
        assert found.escalation is not None
        await reply(interaction, ctx.t("reports.done.platform_outcome", ref=found.ref,
                                       platform=label(ctx.lang, "platform", found.escalation.platform),
                                       outcome=label(ctx.lang, "platform_outcome", decided)))
        self.triage.spawn(self.triage.refresh(found.id), "refresh card")

    @group.command(name="stats", description="Counts, median times and platform compliance")
    @app_commands.describe(days="How many days back (default 30)")
    async def stats(self, interaction: discord.Interaction,
                    days: app_commands.Range[int, 1, 3650] = 30) -> None:
        ctx = await context(interaction)
        require_moderator(ctx.actor, ctx.settings)
        since = ctx.bot.clock.now() - timedelta(days=days)
        figures = compute_stats(await self.triage.repo.stat_rows(ctx.actor.guild_id or 0, since))
        na = ctx.t("reports.stats.na")

        def unit(u: str, n: int) -> str:
            return ctx.t(f"reports.unit.{u}", n=n)

        embed = discord.Embed(title=ctx.t("reports.stats.title", days=days),
                              description=ctx.t("reports.stats.total", total=figures.total), colour=0x3498DB)
        embed.add_field(name=ctx.t("reports.stats.by_category"), inline=True, value="\n".join(
            f"{label(ctx.lang, 'category', c)}: **{n}**" for c, n in figures.by_category.items()))
        embed.add_field(name=ctx.t("reports.stats.by_status"), inline=True, value="\n".join(
            f"{label(ctx.lang, 'status', s)}: **{n}**" for s, n in figures.by_status.items()))
        embed.add_field(name=ctx.t("reports.stats.median_claim"), inline=False,
                        value=format_span(figures.median_to_claim, unit) or na)
        embed.add_field(name=ctx.t("reports.stats.median_resolution"), inline=False,
                        value=format_span(figures.median_to_resolution, unit) or na)
        rates = [ctx.t("reports.stats.platform_line", platform=label(ctx.lang, "platform", p.platform),
                       rate=f"{p.rate:.0%}" if p.rate is not None else na, complied=p.complied,
                       decided=p.decided, escalations=p.escalations) for p in figures.platforms]
        embed.add_field(name=ctx.t("reports.stats.platforms"), inline=False,
                        value=cut("\n".join(rates), FIELD_VALUE) or ctx.t("reports.stats.no_escalations"))
        await send_embed(interaction, embed=embed)

    @group.command(name="export", description="Cases as a CSV or JSON file (no reporter identities)")
    @app_commands.describe(format="File format (default csv)",
                           since="From a date (2026-01-31) or a span back (7d, 12h); default: everything")
    async def export(self, interaction: discord.Interaction, format: Literal["csv", "json"] = "csv",
                     since: str | None = None) -> None:
        ctx = await context(interaction)
        require_moderator(ctx.actor, ctx.settings)
        start = parse_since(since, ctx.bot.clock.now(), ctx.settings.timezone)
        await interaction.response.defer(ephemeral=True, thinking=True)
        cases: list[Case] = await self.triage.repo.cases_since(ctx.actor.guild_id or 0, start)
        body = to_csv(cases) if format == "csv" else to_json(cases)
        data = body.encode("utf-8")
        stamp = ctx.bot.clock.now().strftime("%Y%m%d-%H%M")
        name = f"reports-{stamp}.{format}"
        if len(data) > EXPORT_LIMIT_BYTES:
            # Text compresses well; this keeps large exports under the attachment limit.
            data, name = gzip.compress(data), name + ".gz"
        file = discord.File(io.BytesIO(data), filename=name)
        await interaction.followup.send(ctx.t("reports.export.done", count=len(cases), format=format.upper()),
                                        file=file, ephemeral=True)

    @show.autocomplete("case")
    @outcome.autocomplete("case")
    async def case_autocomplete(self, interaction: discord.Interaction,
                                current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        ctx = await context(interaction)
        if not is_moderator(ctx.actor, ctx.settings):
            return []
        cases = await self.triage.repo.search_numbers(interaction.guild_id, current)
        return [app_commands.Choice(
            name=cut(f"{c.ref} · {label(ctx.lang, 'category', c.category)} · {label(ctx.lang, 'status', c.status)}"
                     f" · {(c.evidence.content or c.evidence.link or '').strip()}", CHOICE_NAME),
            value=c.ref) for c in cases]
