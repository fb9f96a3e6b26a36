"""Persistent buttons and selects of the case card, and the category picker of **Report message**.

A card component's custom_id carries the case id and nothing else; every callback lets the reports
service re-read the case and re-check who is clicking, that the case belongs to this server and that
the step is still valid, so a forged or stale component changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Awaitable, Callable

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


async def ask(interaction: discord.Interaction, select: "CaseSelect", question: str) -> None:
    """Answer a card button with a private question and the persistent select that answers it."""
    view = discord.ui.View(timeout=None)
    view.add_item(select)
    await interaction.response.send_message(cut(question, CONTENT), view=view, ephemeral=True)


# -- what each card button does (its custom_id is `rep:<action>:<case id>`) ------------------------

async def _claim(interaction: discord.Interaction, case_id: int) -> None:
    """Claim a new case: it moves to triaging under the clicker's name."""
    ctx = await context(interaction)

    async def answer(result: Triaged) -> None:
        await show_change(interaction, result, from_card=True)

    result = await ctx.app.reports.triage(ctx.actor, case_id, Step(CLAIM), answer=answer,
                                          answered_on=answered_on(interaction, True))
    if result.ack:
        await interaction.followup.send(cut(result.ack, CONTENT), ephemeral=True)


def _asking(step: str, select: str) -> Callable[[discord.Interaction, int], Awaitable[None]]:
    """A button that first asks a question answered by the select `select` (escalate: the platform;
    resolve: the outcome; platform outcome: what the platform did)."""

    async def clicked(interaction: discord.Interaction, case_id: int) -> None:
        ctx = await context(interaction)
        asked = await ctx.app.reports.ask(ctx.actor, case_id, step)
        await ask(interaction, CaseSelect.make(select, asked.case.id, lang=ctx.lang), asked.question)

    return clicked


async def _dismiss(interaction: discord.Interaction, case_id: int) -> None:
    """Dismiss with a required reason (kept in the audit log, not sent to reporters)."""
    from cogs.reports.modals import DismissModal

    ctx = await context(interaction)
    asked = await ctx.app.reports.ask(ctx.actor, case_id, DISMISS)
    snippets = await ctx.app.report_conversation.snippets(ctx.actor)
    await open_modal(interaction, DismissModal(asked.case.id, asked.case.ref, ctx.lang, snippets))


@dataclass(frozen=True)
class _ButtonKind:
    style: discord.ButtonStyle
    clicked: Callable[[discord.Interaction, int], Awaitable[None]]


# The card's buttons by the action in their custom_id (unchanged since the first release).
BUTTONS: dict[str, _ButtonKind] = {
    "claim": _ButtonKind(discord.ButtonStyle.primary, _claim),
    "escalate": _ButtonKind(discord.ButtonStyle.secondary, _asking(ESCALATE, "platform")),
    "resolve": _ButtonKind(discord.ButtonStyle.success, _asking(RESOLVE, "outcome")),
    "dismiss": _ButtonKind(discord.ButtonStyle.danger, _dismiss),
    # What the platform did with the escalation (it may answer after the case is closed).
    "pout": _ButtonKind(discord.ButtonStyle.secondary, _asking(PLATFORM_OUTCOME, "poutv")),
}


class CaseButton(Persistent, template=rf"rep:(?P<action>{'|'.join(BUTTONS)}):{_ID}"):
    """A card button: `rep:<action>:<case id>`, what it does looked up in `BUTTONS`."""

    @classmethod
    def make(cls, action: str, case_id: int, *, label: str) -> "CaseButton":
        return cls(discord.ui.Button(label=cut(label, BUTTON_LABEL), style=BUTTONS[action].style,
                                     custom_id=f"rep:{action}:{case_id}"), {"action": action, "id": str(case_id)})

    async def clicked(self, interaction: discord.Interaction) -> None:
        await BUTTONS[self.word("action")].clicked(interaction, self.number("id"))


# -- what each answer to a card's question does (custom_id `rep:<action>:<case id>`) --------------

async def _escalate_to(interaction: discord.Interaction, case_id: int, platform: str) -> None:
    from cogs.reports.modals import EscalateModal

    ctx = await context(interaction)
    asked = await ctx.app.reports.ask(ctx.actor, case_id, ESCALATE, platform)
    await open_modal(interaction, EscalateModal(asked.case.id, asked.case.ref, platform, ctx.lang))


async def _resolve_as(interaction: discord.Interaction, case_id: int, outcome: str) -> None:
    from cogs.reports.modals import ResolveModal

    ctx = await context(interaction)
    asked = await ctx.app.reports.ask(ctx.actor, case_id, RESOLVE, outcome)
    snippets = await ctx.app.report_conversation.snippets(ctx.actor)
    await open_modal(interaction, ResolveModal(asked.case.id, asked.case.ref, outcome, ctx.lang, snippets))


async def _record_platform_outcome(interaction: discord.Interaction, case_id: int, outcome: str) -> None:
    ctx = await context(interaction)
    result = await ctx.app.reports.record_platform_outcome(ctx.actor, outcome, case_id=case_id)
    await show_change(interaction, result, from_card=False)


@dataclass(frozen=True)
class _SelectKind:
    placeholder: str                # catalogue key
    kind: str                       # `cards.label` kind of the values
    values: tuple[str, ...]
    picked: Callable[[discord.Interaction, int, str], Awaitable[None]]


SELECTS: dict[str, _SelectKind] = {
    "platform": _SelectKind("reports.pick_platform_placeholder", "platform", PLATFORMS, _escalate_to),
    "outcome": _SelectKind("reports.pick_outcome_placeholder", "outcome", OUTCOMES, _resolve_as),
    "poutv": _SelectKind("reports.pick_platform_outcome_placeholder", "platform_outcome", PLATFORM_OUTCOMES,
                         _record_platform_outcome),
}


class CaseSelect(Persistent, template=rf"rep:(?P<action>{'|'.join(SELECTS)}):{_ID}"):
    """A one-choice select sent with a question: `rep:<action>:<case id>`, looked up in `SELECTS`."""

    @classmethod
    def make(cls, action: str, case_id: int, *, lang: str) -> "CaseSelect":
        kind = SELECTS[action]
        return cls(discord.ui.Select(
            custom_id=f"rep:{action}:{case_id}", placeholder=cut(t(lang, kind.placeholder), 150),
            min_values=1, max_values=1,
            options=[discord.SelectOption(label=cut(label(lang, kind.kind, v), SELECT_LABEL), value=v)
                     for v in kind.values]), {"action": action, "id": str(case_id)})

    async def clicked(self, interaction: discord.Interaction) -> None:
        picked = self.item.values[0] if self.item.values else ""  # type: ignore[attr-defined]
        await SELECTS[self.word("action")].picked(interaction, self.number("id"), picked)


ALL_ITEMS = (CaseButton, CaseSelect)


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
