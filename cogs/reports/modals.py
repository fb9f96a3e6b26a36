"""The forms of triage: the platform's reference when escalating, the note to reporters when resolving,
the required reason when dismissing. The service re-checks the case on submit: roles or the case may
have changed while the form was open."""

from __future__ import annotations

import discord

from bot.app.reports import DISMISS, ESCALATE, RESOLVE, Step, Triaged
from bot.app.reports.cards import label
from bot.domain.report_conversation import Snippet
from bot.domain.report_status import MAX_EXTERNAL_REF, MAX_REASON
from bot.i18n import t
from bot.i18n.format import CONTENT, MODAL_TITLE, TEXT_INPUT_LABEL, cut
from cogs._common import context, guarded
from cogs._common.render import send_kwargs
from cogs.reports.conversation import add_snippet_select, picked_snippet
from cogs.reports.views import answered_on, show_change

PLACEHOLDER = 100


def _input(lang: str, key: str, hint: str, *, required: bool, max_length: int,
           paragraph: bool = True) -> discord.ui.TextInput:
    return discord.ui.TextInput(label=cut(t(lang, key), TEXT_INPUT_LABEL), placeholder=cut(t(lang, hint), PLACEHOLDER),
                                style=discord.TextStyle.paragraph if paragraph else discord.TextStyle.short,
                                required=required, max_length=max_length, custom_id="value")


async def _told(interaction: discord.Interaction, result: Triaged, *, from_card: bool) -> None:
    """After resolve or dismiss: tell the moderator how many reporters were told by DM (a reporter
    with closed DMs does not stop the others)."""
    text = cut(result.told or "", CONTENT)
    if from_card or interaction.message is None:
        await interaction.followup.send(text, ephemeral=True)
    else:
        await interaction.edit_original_response(content=text, embed=None, view=None)


class EscalateModal(discord.ui.Modal):
    def __init__(self, case_id: int, ref: str, platform: str, lang: str) -> None:
        title = t(lang, "reports.modal.escalate", ref=ref, platform=label(lang, "platform", platform))
        super().__init__(title=cut(title, MODAL_TITLE), custom_id=f"rep:m:escalate:{case_id}", timeout=900)
        self.case_id, self.platform = case_id, platform
        self.reference = _input(lang, "reports.modal.external_ref", "reports.modal.external_ref_hint",
                                required=False, max_length=MAX_EXTERNAL_REF, paragraph=False)
        self.add_item(self.reference)

    @guarded
    async def on_submit(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)

        async def answer(result: Triaged) -> None:
            await show_change(interaction, result, from_card=False)

        await ctx.app.reports.triage(ctx.actor, self.case_id, Step(ESCALATE, self.platform, self.reference.value),
                                     answer=answer)


class ResolveModal(discord.ui.Modal):
    def __init__(self, case_id: int, ref: str, outcome: str, lang: str, snippets: list[Snippet] | None = None) -> None:
        title = t(lang, "reports.modal.resolve", ref=ref, outcome=label(lang, "outcome", outcome))
        super().__init__(title=cut(title, MODAL_TITLE), custom_id=f"rep:m:resolve:{case_id}", timeout=900)
        self.case_id, self.outcome = case_id, outcome
        self.snippet = add_snippet_select(self, lang, snippets or [])
        self.note = _input(lang, "reports.modal.note", "reports.modal.note_hint", required=False,
                           max_length=MAX_REASON)
        self.add_item(self.note)

    @guarded
    async def on_submit(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)

        async def answer(result: Triaged) -> None:
            # The outcome prompt becomes the acknowledgement once the DMs are out.
            await interaction.response.defer()

        note = await ctx.app.report_conversation.compose(ctx.actor, picked_snippet(self.snippet), self.note.value)
        result = await ctx.app.reports.triage(ctx.actor, self.case_id, Step(RESOLVE, self.outcome, note),
                                              answer=answer)
        await _told(interaction, result, from_card=False)
        if self.outcome == "actioned":  # offer the actions on the reported message
            offer = await ctx.app.report_actions.offer(ctx.actor, self.case_id)
            if offer is not None:
                await interaction.followup.send(ephemeral=True, **send_kwargs(offer))


class DismissModal(discord.ui.Modal):
    def __init__(self, case_id: int, ref: str, lang: str, snippets: list[Snippet] | None = None) -> None:
        super().__init__(title=cut(t(lang, "reports.modal.dismiss", ref=ref), MODAL_TITLE),
                         custom_id=f"rep:m:dismiss:{case_id}", timeout=900)
        self.case_id = case_id
        self.snippet = add_snippet_select(self, lang, snippets or [])
        # With snippets, the reason may be the snippet alone (the service still requires one).
        self.reason = _input(lang, "reports.modal.reason", "reports.modal.reason_hint", required=self.snippet is None,
                             max_length=MAX_REASON)
        self.add_item(self.reason)

    @guarded
    async def on_submit(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)

        async def answer(result: Triaged) -> None:
            await show_change(interaction, result, from_card=True)

        reason = await ctx.app.report_conversation.compose(ctx.actor, picked_snippet(self.snippet), self.reason.value)
        result = await ctx.app.reports.triage(ctx.actor, self.case_id, Step(DISMISS, text=reason),
                                              answer=answer, answered_on=answered_on(interaction, True))
        await _told(interaction, result, from_card=True)
