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


def _button(custom_id: str, text: str, style: discord.ButtonStyle) -> discord.ui.Button[Any]:
    return discord.ui.Button(label=cut(text, BUTTON_LABEL), style=style, custom_id=custom_id)


class ClaimButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"rep:claim:{_ID}"):
    """Claim a new case: it moves to triaging under the clicker's name."""

    def __init__(self, case_id: int, *, label: str = "Claim") -> None:
        super().__init__(_button(f"rep:claim:{case_id}", label, discord.ButtonStyle.primary))
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> "ClaimButton":
        return cls(int(match["id"]))

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


class EscalateButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"rep:escalate:{_ID}"):
    """Escalate to a platform: first pick the platform, then give its reference."""

    def __init__(self, case_id: int, *, label: str = "Escalate") -> None:
        super().__init__(_button(f"rep:escalate:{case_id}", label, discord.ButtonStyle.secondary))
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> "EscalateButton":
        return cls(int(match["id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        plan_escalate(case, ctx.actor, ctx.settings, PLATFORMS[0], None)  # refuse before asking
        view = discord.ui.View(timeout=None)
        view.add_item(PlatformSelect(case.id, lang=ctx.lang))
        await interaction.response.send_message(ctx.t("reports.pick_platform", ref=case.ref), view=view,
                                                ephemeral=True)


class ResolveButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"rep:resolve:{_ID}"):
    """Resolve: pick the outcome, then write an optional note to reporters."""

    def __init__(self, case_id: int, *, label: str = "Resolve") -> None:
        super().__init__(_button(f"rep:resolve:{case_id}", label, discord.ButtonStyle.success))
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> "ResolveButton":
        return cls(int(match["id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        plan_resolve(case, ctx.actor, ctx.settings, OUTCOMES[0], None)  # refuse before asking
        view = discord.ui.View(timeout=None)
        view.add_item(OutcomeSelect(case.id, lang=ctx.lang))
        await interaction.response.send_message(ctx.t("reports.pick_outcome", ref=case.ref), view=view,
                                                ephemeral=True)


class DismissButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"rep:dismiss:{_ID}"):
    """Dismiss with a required reason (kept in the audit log, not sent to reporters)."""

    def __init__(self, case_id: int, *, label: str = "Dismiss") -> None:
        super().__init__(_button(f"rep:dismiss:{case_id}", label, discord.ButtonStyle.danger))
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> "DismissButton":
        return cls(int(match["id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        from cogs.reports._modals import DismissModal

        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        plan_dismiss(case, ctx.actor, ctx.settings, "-")  # refuse before asking
        await interaction.response.send_modal(DismissModal(case.id, case.ref, ctx.lang))


class PlatformOutcomeButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"rep:pout:{_ID}"):
    """Record what the platform did with the escalation (it may answer after the case is closed)."""

    def __init__(self, case_id: int, *, label: str = "Platform outcome") -> None:
        super().__init__(_button(f"rep:pout:{case_id}", label, discord.ButtonStyle.secondary))
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> "PlatformOutcomeButton":
        return cls(int(match["id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        plan_platform_outcome(case, ctx.actor, ctx.settings, PLATFORM_OUTCOMES[0])  # refuse before asking
        assert case.escalation is not None
        view = discord.ui.View(timeout=None)
        view.add_item(PlatformOutcomeSelect(case.id, lang=ctx.lang))
        await interaction.response.send_message(
            ctx.t("reports.pick_platform_outcome", ref=case.ref,
                  platform=label(ctx.lang, "platform", case.escalation.platform)),
            view=view, ephemeral=True)


def _select(custom_id: str, placeholder: str, kind: str, values: tuple[str, ...],
            lang: str) -> discord.ui.Select[Any]:
    return discord.ui.Select(
        custom_id=custom_id, placeholder=cut(placeholder, 150), min_values=1, max_values=1,
        options=[discord.SelectOption(label=cut(label(lang, kind, v), SELECT_LABEL), value=v) for v in values])


class PlatformSelect(discord.ui.DynamicItem[discord.ui.Select], template=rf"rep:platform:{_ID}"):
    def __init__(self, case_id: int, *, lang: str = "en") -> None:
        super().__init__(_select(f"rep:platform:{case_id}", t(lang, "reports.pick_platform_placeholder"),
                                 "platform", PLATFORMS, lang))
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Select,
                             match: re.Match[str]) -> "PlatformSelect":
        return cls(int(match["id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        from cogs.reports._modals import EscalateModal

        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        platform = self.item.values[0] if self.item.values else ""
        plan_escalate(case, ctx.actor, ctx.settings, platform, None)
        await interaction.response.send_modal(EscalateModal(case.id, case.ref, platform, ctx.lang))


class OutcomeSelect(discord.ui.DynamicItem[discord.ui.Select], template=rf"rep:outcome:{_ID}"):
    def __init__(self, case_id: int, *, lang: str = "en") -> None:
        super().__init__(_select(f"rep:outcome:{case_id}", t(lang, "reports.pick_outcome_placeholder"),
                                 "outcome", OUTCOMES, lang))
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Select,
                             match: re.Match[str]) -> "OutcomeSelect":
        return cls(int(match["id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        from cogs.reports._modals import ResolveModal

        ctx = await context(interaction)
        case = await triage_of(interaction).case(self.case_id)
        outcome = self.item.values[0] if self.item.values else ""
        plan_resolve(case, ctx.actor, ctx.settings, outcome, None)
        await interaction.response.send_modal(ResolveModal(case.id, case.ref, outcome, ctx.lang))


class PlatformOutcomeSelect(discord.ui.DynamicItem[discord.ui.Select], template=rf"rep:poutv:{_ID}"):
    def __init__(self, case_id: int, *, lang: str = "en") -> None:
        super().__init__(_select(f"rep:poutv:{case_id}", t(lang, "reports.pick_platform_outcome_placeholder"),
                                 "platform_outcome", PLATFORM_OUTCOMES, lang))
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Select,
                             match: re.Match[str]) -> "PlatformOutcomeSelect":
        return cls(int(match["id"]))

    @guarded
    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        triage = triage_of(interaction)
        case = await triage.case(self.case_id)
        outcome = plan_platform_outcome(case, ctx.actor, ctx.settings,
                                        self.item.values[0] if self.item.values else "")
        await triage.repo.record_platform_outcome(case, outcome, actor_id=ctx.actor.user_id,
                                                  now=ctx.bot.clock.now())
        assert case.escalation is not None
        ack = ctx.t("reports.done.platform_outcome", ref=case.ref,
                    platform=label(ctx.lang, "platform", case.escalation.platform),
                    outcome=label(ctx.lang, "platform_outcome", outcome))
        await show_change(interaction, triage, case.id, ctx.lang, ack, from_card=False)


ALL_ITEMS = (ClaimButton, EscalateButton, ResolveButton, DismissButton, PlatformOutcomeButton,
             PlatformSelect, OutcomeSelect, PlatformOutcomeSelect)
