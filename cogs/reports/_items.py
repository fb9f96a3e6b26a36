"""Persistent buttons and selects of the case card. The custom_id carries the case id and nothing
else; every callback re-reads the case and lets the domain re-check who is clicking, that the case
belongs to this server and that the step is still valid, so a forged or stale button changes nothing."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.domain.report_categories import OUTCOMES, PLATFORM_OUTCOMES, PLATFORMS
from bot.domain.report_status import (
    plan_claim,
    plan_dismiss,
    plan_escalate,
    plan_platform_outcome,
    plan_resolve,
)
from bot.i18n import t
from bot.i18n.format import BUTTON_LABEL, CONTENT, SELECT_LABEL, cut
from cogs._common import context, guarded
from cogs._common.forms import open_modal
from cogs.reports._card import label
from cogs.reports._triage import Triage, triage_of

_ID = r"(?P<id>[0-9]{1,19})"


async def show_change(interaction: discord.Interaction, triage: Triage, case_id: int, lang: str,
                      ack: str | None, *, from_card: bool) -> None:
    """Answer a triage step. Clicked on a card (the channel's or a `/reports show` copy): that card is
    edited in place. Answered from a prompt (platform or outcome picker): the prompt becomes the
    acknowledgement. The channel card is always brought up to date."""
    if from_card and interaction.message is not None:
        async with triage._lock(case_id):
            case = await triage.case(case_id)
            await interaction.response.edit_message(content=interaction.message.content or None,
                                                    **triage.render(case, lang))
        if interaction.message.id != case.card_message_id:
            triage.spawn(triage.refresh(case_id), "refresh card")
        if ack:
            await interaction.followup.send(cut(ack, CONTENT), ephemeral=True)
        return
    if interaction.message is not None:
        await interaction.response.edit_message(content=cut(ack or "", CONTENT), embed=None, view=None)
    else:
        await interaction.response.send_message(cut(ack or "", CONTENT), ephemeral=True)
    triage.spawn(triage.refresh(case_id), "refresh card")


class _CaseButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"rep:(?P<action>[a-z]+):{_ID}"):
    """A card button whose custom_id is `rep:<ACTION>:<case id>`; subclasses set their own template.
    The base itself is never registered."""

    ACTION = ""
    STYLE = discord.ButtonStyle.secondary

    def __init__(self, case_id: int, *, label: str) -> None:
        super().__init__(discord.ui.Button(label=cut(label, BUTTON_LABEL), style=self.STYLE,
                                           custom_id=f"rep:{self.ACTION}:{case_id}"))
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> Any:
        return cls(int(match["id"]), label=item.label or "")


class _CaseSelect(discord.ui.DynamicItem[discord.ui.Select], template=rf"rep:(?P<action>[a-z]+):{_ID}"):
    """A one-choice select whose custom_id is `rep:<ACTION>:<case id>` (never registered itself)."""

    ACTION = ""
    PLACEHOLDER = ""
    KIND = ""
    VALUES: tuple[str, ...] = ()

    def __init__(self, case_id: int, *, lang: str = "en") -> None:
        super().__init__(discord.ui.Select(
            custom_id=f"rep:{self.ACTION}:{case_id}", placeholder=cut(t(lang, self.PLACEHOLDER), 150),
            min_values=1, max_values=1,
            options=[discord.SelectOption(label=cut(label(lang, self.KIND, v), SELECT_LABEL), value=v)
                     for v in self.VALUES]))
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Select,
                             match: re.Match[str]) -> Any:
        return cls(int(match["id"]))

    @property
    def picked(self) -> str:
        return self.item.values[0] if self.item.values else ""


async def ask(interaction: discord.Interaction, select: "_CaseSelect", question: str) -> None:
    """Answer a card button with a private question and the persistent select that answers it."""
    view = discord.ui.View(timeout=None)
    view.add_item(select)
    await interaction.response.send_message(cut(question, CONTENT), view=view, ephemeral=True)


class ClaimButton(_CaseButton, template=rf"rep:claim:{_ID}"):
    """Claim a new case: it moves to triaging under the clicker's name."""

    ACTION = "claim"
    STYLE = discord.ButtonStyle.primary

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        triage = triage_of(interaction)
        case = await triage.case(self.case_id)
        changes = plan_claim(case, ctx.actor, ctx.settings)
        await triage.repo.apply(case, changes, actor_id=ctx.actor.user_id, now=ctx.bot.clock.now())
        triage.sla.cancel(case.id)
        await show_change(interaction, triage, case.id, ctx.lang, ctx.t("reports.done.claimed", ref=case.ref),
                          from_card=True)


class EscalateButton(_CaseButton, template=rf"rep:escalate:{_ID}"):
    """Escalate to a platform: first pick the platform, then give its reference."""

    ACTION = "escalate"
    STYLE = discord.ButtonStyle.secondary

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        plan_escalate(case, ctx.actor, ctx.settings, PLATFORMS[0], None)  # refuse before asking
        await ask(interaction, PlatformSelect(case.id, lang=ctx.lang), ctx.t("reports.pick_platform", ref=case.ref))


class ResolveButton(_CaseButton, template=rf"rep:resolve:{_ID}"):
    """Resolve: pick the outcome, then write an optional note to reporters."""

    ACTION = "resolve"
    STYLE = discord.ButtonStyle.success

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        plan_resolve(case, ctx.actor, ctx.settings, OUTCOMES[0], None)  # refuse before asking
        await ask(interaction, OutcomeSelect(case.id, lang=ctx.lang), ctx.t("reports.pick_outcome", ref=case.ref))


class DismissButton(_CaseButton, template=rf"rep:dismiss:{_ID}"):
    """Dismiss with a required reason (kept in the audit log, not sent to reporters)."""

    ACTION = "dismiss"
    STYLE = discord.ButtonStyle.danger

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        from cogs.reports._modals import DismissModal

        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        plan_dismiss(case, ctx.actor, ctx.settings, "-")  # refuse before asking
        await open_modal(interaction, DismissModal(case.id, case.ref, ctx.lang))


class PlatformOutcomeButton(_CaseButton, template=rf"rep:pout:{_ID}"):
    """Record what the platform did with the escalation (it may answer after the case is closed)."""

    ACTION = "pout"
    STYLE = discord.ButtonStyle.secondary

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        plan_platform_outcome(case, ctx.actor, ctx.settings, PLATFORM_OUTCOMES[0])  # refuse before asking
        assert case.escalation is not None
        await ask(interaction, PlatformOutcomeSelect(case.id, lang=ctx.lang),
                  ctx.t("reports.pick_platform_outcome", ref=case.ref,
                        platform=label(ctx.lang, "platform", case.escalation.platform)))


class PlatformSelect(_CaseSelect, template=rf"rep:platform:{_ID}"):
    ACTION = "platform"
    PLACEHOLDER = "reports.pick_platform_placeholder"
    KIND = "platform"
    VALUES = PLATFORMS

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        from cogs.reports._modals import EscalateModal

        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        platform = self.picked
        plan_escalate(case, ctx.actor, ctx.settings, platform, None)
        await open_modal(interaction, EscalateModal(case.id, case.ref, platform, ctx.lang))


class OutcomeSelect(_CaseSelect, template=rf"rep:outcome:{_ID}"):
    ACTION = "outcome"
    PLACEHOLDER = "reports.pick_outcome_placeholder"
    KIND = "outcome"
    VALUES = OUTCOMES

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        from cogs.reports._modals import ResolveModal

        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        outcome = self.picked
        plan_resolve(case, ctx.actor, ctx.settings, outcome, None)
        await open_modal(interaction, ResolveModal(case.id, case.ref, outcome, ctx.lang))


class PlatformOutcomeSelect(_CaseSelect, template=rf"rep:poutv:{_ID}"):
    ACTION = "poutv"
    PLACEHOLDER = "reports.pick_platform_outcome_placeholder"
    KIND = "platform_outcome"
    VALUES = PLATFORM_OUTCOMES

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        triage = triage_of(interaction)
        case = await triage.case(self.case_id)
        outcome = plan_platform_outcome(case, ctx.actor, ctx.settings, self.picked)
        await triage.repo.record_platform_outcome(case, outcome, actor_id=ctx.actor.user_id,
                                                  now=ctx.bot.clock.now())
        assert case.escalation is not None
        ack = ctx.t("reports.done.platform_outcome", ref=case.ref,
                    platform=label(ctx.lang, "platform", case.escalation.platform),
                    outcome=label(ctx.lang, "platform_outcome", outcome))
        await show_change(interaction, triage, case.id, ctx.lang, ack, from_card=False)


ALL_ITEMS = (ClaimButton, EscalateButton, ResolveButton, DismissButton, PlatformOutcomeButton,
             PlatformSelect, OutcomeSelect, PlatformOutcomeSelect)
