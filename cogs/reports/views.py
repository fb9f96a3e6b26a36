"""Persistent buttons and selects of the case card, and the category picker of **Report message**.

A card component's custom_id carries the case id and nothing else; every callback lets the reports
service re-read the case and re-check who is clicking, that the case belongs to this server and that
the step is still valid, so a forged or stale component changes nothing."""

from __future__ import annotations

from typing import Any

import discord

from bot.app.reports import CLAIM, DISMISS, ESCALATE, PLATFORM_OUTCOME, RESOLVE, Step, Triaged
from bot.app.reports import cards
from bot.app.reports.cards import label
from bot.domain.report_categories import CATEGORIES, OUTCOMES, PLATFORM_OUTCOMES, PLATFORMS, check_category
from bot.domain.reports import MAX_DETAILS, Intake, with_details
from bot.i18n import t
from bot.i18n.format import (BUTTON_LABEL, CONTENT, MODAL_TITLE, SELECT_DESCRIPTION, SELECT_LABEL,
                             TEXT_INPUT_LABEL, cut)
from cogs._common import context, guarded, reply
from cogs._common.buttons import Persistent, button_format
from cogs._common.forms import open_modal
from cogs._common.render import send_kwargs

PICKER_TIMEOUT = 600.0
_ID = r"(?P<id>[0-9]{1,20})"

# The card's button intents as custom_ids: unchanged since the first release (posted cards carry them).
button_format(cards.CLAIM, "rep:claim:{}")
button_format(cards.ESCALATE, "rep:escalate:{}")
button_format(cards.RESOLVE, "rep:resolve:{}")
button_format(cards.DISMISS, "rep:dismiss:{}")
button_format(cards.PLATFORM_OUTCOME, "rep:pout:{}")


async def show_change(interaction: discord.Interaction, result: Triaged, *, from_card: bool) -> None:
    """Answer a triage step at once. Clicked on a card (the channel's or a `/reports show` copy):
    that card is edited in place. Answered from a prompt (platform or outcome picker): the prompt
    becomes the acknowledgement."""
    if from_card and interaction.message is not None:
        kwargs = send_kwargs(result.card, edit=True)
        kwargs["content"] = interaction.message.content or None
        await interaction.response.edit_message(**kwargs)
    elif interaction.message is not None:
        await interaction.response.edit_message(content=cut(result.ack or "", CONTENT), embed=None, view=None)
    else:
        await interaction.response.send_message(cut(result.ack or "", CONTENT), ephemeral=True)


def answered_on(interaction: discord.Interaction, from_card: bool) -> int | None:
    """The message a card step edits itself (the channel card then needs no other edit)."""
    return interaction.message.id if from_card and interaction.message is not None else None


class _CaseButton(Persistent, template=r"(?!)"):
    """A card button whose custom_id is `rep:<ACTION>:<case id>`; subclasses set their template."""

    ACTION = ""
    STYLE = discord.ButtonStyle.secondary

    @classmethod
    def make(cls, case_id: int, *, label: str) -> "_CaseButton":
        return cls(discord.ui.Button(label=cut(label, BUTTON_LABEL), style=cls.STYLE,
                                     custom_id=f"rep:{cls.ACTION}:{case_id}"), {"id": str(case_id)})


class _CaseSelect(Persistent, template=r"(?!)"):
    """A one-choice select whose custom_id is `rep:<ACTION>:<case id>`, sent with a question."""

    ACTION = ""
    PLACEHOLDER = ""
    KIND = ""
    VALUES: tuple[str, ...] = ()

    @classmethod
    def make(cls, case_id: int, *, lang: str) -> "_CaseSelect":
        return cls(discord.ui.Select(
            custom_id=f"rep:{cls.ACTION}:{case_id}", placeholder=cut(t(lang, cls.PLACEHOLDER), 150),
            min_values=1, max_values=1,
            options=[discord.SelectOption(label=cut(label(lang, cls.KIND, v), SELECT_LABEL), value=v)
                     for v in cls.VALUES]), {"id": str(case_id)})

    @property
    def picked(self) -> str:
        return self.item.values[0] if self.item.values else ""  # type: ignore[attr-defined]


async def ask(interaction: discord.Interaction, select: _CaseSelect, question: str) -> None:
    """Answer a card button with a private question and the persistent select that answers it."""
    view = discord.ui.View(timeout=None)
    view.add_item(select)
    await interaction.response.send_message(cut(question, CONTENT), view=view, ephemeral=True)


class ClaimButton(_CaseButton, template=rf"rep:claim:{_ID}"):
    """Claim a new case: it moves to triaging under the clicker's name."""

    ACTION = "claim"
    STYLE = discord.ButtonStyle.primary

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)

        async def answer(result: Triaged) -> None:
            await show_change(interaction, result, from_card=True)

        result = await ctx.app.reports.triage(ctx.actor, self.number("id"), Step(CLAIM), answer=answer,
                                              answered_on=answered_on(interaction, True))
        if result.ack:
            await interaction.followup.send(cut(result.ack, CONTENT), ephemeral=True)


class EscalateButton(_CaseButton, template=rf"rep:escalate:{_ID}"):
    """Escalate to a platform: first pick the platform, then give its reference."""

    ACTION = "escalate"

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        asked = await ctx.app.reports.ask(ctx.actor, self.number("id"), ESCALATE)
        await ask(interaction, PlatformSelect.make(asked.case.id, lang=ctx.lang), asked.question)


class ResolveButton(_CaseButton, template=rf"rep:resolve:{_ID}"):
    """Resolve: pick the outcome, then write an optional note to reporters."""

    ACTION = "resolve"
    STYLE = discord.ButtonStyle.success

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        asked = await ctx.app.reports.ask(ctx.actor, self.number("id"), RESOLVE)
        await ask(interaction, OutcomeSelect.make(asked.case.id, lang=ctx.lang), asked.question)


class DismissButton(_CaseButton, template=rf"rep:dismiss:{_ID}"):
    """Dismiss with a required reason (kept in the audit log, not sent to reporters)."""

    ACTION = "dismiss"
    STYLE = discord.ButtonStyle.danger

    async def clicked(self, interaction: discord.Interaction) -> None:
        from cogs.reports.modals import DismissModal

        ctx = await context(interaction)
        asked = await ctx.app.reports.ask(ctx.actor, self.number("id"), DISMISS)
        snippets = await ctx.app.report_conversation.snippets(ctx.actor)
        await open_modal(interaction, DismissModal(asked.case.id, asked.case.ref, ctx.lang, snippets))


class PlatformOutcomeButton(_CaseButton, template=rf"rep:pout:{_ID}"):
    """Record what the platform did with the escalation (it may answer after the case is closed)."""

    ACTION = "pout"

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        asked = await ctx.app.reports.ask(ctx.actor, self.number("id"), PLATFORM_OUTCOME)
        await ask(interaction, PlatformOutcomeSelect.make(asked.case.id, lang=ctx.lang), asked.question)


class PlatformSelect(_CaseSelect, template=rf"rep:platform:{_ID}"):
    ACTION = "platform"
    PLACEHOLDER = "reports.pick_platform_placeholder"
    KIND = "platform"
    VALUES = PLATFORMS

    async def clicked(self, interaction: discord.Interaction) -> None:
        from cogs.reports.modals import EscalateModal

        ctx = await context(interaction)
        platform = self.picked
        asked = await ctx.app.reports.ask(ctx.actor, self.number("id"), ESCALATE, platform)
        await open_modal(interaction, EscalateModal(asked.case.id, asked.case.ref, platform, ctx.lang))


class OutcomeSelect(_CaseSelect, template=rf"rep:outcome:{_ID}"):
    ACTION = "outcome"
    PLACEHOLDER = "reports.pick_outcome_placeholder"
    KIND = "outcome"
    VALUES = OUTCOMES

    async def clicked(self, interaction: discord.Interaction) -> None:
        from cogs.reports.modals import ResolveModal

        ctx = await context(interaction)
        outcome = self.picked
        asked = await ctx.app.reports.ask(ctx.actor, self.number("id"), RESOLVE, outcome)
        snippets = await ctx.app.report_conversation.snippets(ctx.actor)
        await open_modal(interaction, ResolveModal(asked.case.id, asked.case.ref, outcome, ctx.lang, snippets))


class PlatformOutcomeSelect(_CaseSelect, template=rf"rep:poutv:{_ID}"):
    ACTION = "poutv"
    PLACEHOLDER = "reports.pick_platform_outcome_placeholder"
    KIND = "platform_outcome"
    VALUES = PLATFORM_OUTCOMES

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        result = await ctx.app.reports.record_platform_outcome(ctx.actor, self.picked, case_id=self.number("id"))
        await show_change(interaction, result, from_card=False)


ALL_ITEMS = (ClaimButton, EscalateButton, ResolveButton, DismissButton, PlatformOutcomeButton,
             PlatformSelect, OutcomeSelect, PlatformOutcomeSelect)


class ReportForm(discord.ui.Modal):
    """**Report message**'s form: the category (required) and optional details, in one modal. It
    holds the evidence snapshot taken when the menu was used, so later edits by the author cannot
    change it. The details are part of the evidence and never shown with the reporter's name."""

    def __init__(self, intake: Intake, lang: str) -> None:
        super().__init__(title=cut(t(lang, "conv.report_form.title"), MODAL_TITLE),
                         custom_id=f"rep:pick:{intake.reporter_id}:{intake.message_id}", timeout=PICKER_TIMEOUT)
        self.intake = intake
        self.lang = lang
        self.done = False
        self.category: discord.ui.Select[Any] = discord.ui.Select(
            placeholder=t(lang, "reports.pick_category_placeholder"), min_values=1, max_values=1,
            custom_id="category", required=True,
            options=[discord.SelectOption(label=cut(t(lang, f"reports.category.{c}"), SELECT_LABEL),
                                          description=cut(t(lang, f"reports.category_hint.{c}"), SELECT_DESCRIPTION),
                                          value=c) for c in CATEGORIES])
        self.details: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="details", style=discord.TextStyle.paragraph, required=False, max_length=MAX_DETAILS,
            placeholder=cut(t(lang, "conv.report_form.details_hint"), 100))
        self.add_item(discord.ui.Label(text=cut(t(lang, "conv.report_form.category"), TEXT_INPUT_LABEL),
                                       component=self.category))
        self.add_item(discord.ui.Label(text=cut(t(lang, "conv.report_form.details"), TEXT_INPUT_LABEL),
                                       component=self.details))

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self.intake.reporter_id

    @guarded
    async def on_submit(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        if self.done:  # submitted twice: the report is already in
            await reply(interaction, ctx.t("reports.form_expired"))
            return
        category = check_category(self.category.values[0] if self.category.values else "")
        intake = with_details(self.intake, category=category, details=self.details.value)
        submitted = await ctx.app.reports.submit(ctx.actor, intake)
        self.done = True
        self.stop()
        await reply(interaction, submitted.text)
        ctx.app.reports.announce(submitted.result)
