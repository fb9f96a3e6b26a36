"""The forms of triage: the platform's reference when escalating, the note to reporters when resolving,
the required reason when dismissing. Each re-checks the case on submit: roles or the case may have
changed while the form was open."""

from __future__ import annotations

import discord

from bot.domain.report_status import MAX_EXTERNAL_REF, MAX_REASON, plan_dismiss, plan_escalate, plan_resolve
from bot.i18n import t
from bot.i18n.format import CONTENT, MODAL_TITLE, TEXT_INPUT_LABEL, cut
from cogs._common import context, guarded
from cogs.reports._card import label
from cogs.reports._items import show_change
from cogs.reports._triage import Triage, triage_of

PLACEHOLDER = 100


def _input(lang: str, key: str, hint: str, *, required: bool, max_length: int,
           paragraph: bool = True) -> discord.ui.TextInput:
    return discord.ui.TextInput(label=cut(t(lang, key), TEXT_INPUT_LABEL), placeholder=cut(t(lang, hint), PLACEHOLDER),
                                style=discord.TextStyle.paragraph if paragraph else discord.TextStyle.short,
                                required=required, max_length=max_length, custom_id="value")


async def _close(interaction: discord.Interaction, triage: Triage, case_id: int, lang: str,
                 from_card: bool) -> None:
    """After resolve or dismiss: update the card, tell every reporter, then tell the moderator how many
    DMs went out (a reporter with closed DMs does not stop the others)."""
    if from_card:
        await show_change(interaction, triage, case_id, lang, None, from_card=True)
    else:
        # The outcome prompt becomes the acknowledgement once the DMs are out.
        await interaction.response.defer()
        triage.spawn(triage.refresh(case_id), "refresh card")
    delivered, total = await triage.notify_reporters(case_id)
    case = await triage.case(case_id)
    text = cut(t(lang, "reports.done.closed", ref=case.ref, status=label(lang, "status", case.status),
                 delivered=delivered, total=total), CONTENT)
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
        triage = triage_of(interaction)
        case = await triage.case(self.case_id)
        changes, platform, ref = plan_escalate(case, ctx.actor, ctx.settings, self.platform, self.reference.value)
        await triage.repo.apply(case, changes, actor_id=ctx.actor.user_id, now=ctx.bot.clock.now(),
                                escalation=(platform, ref))
        triage.sla.cancel(case.id)
        ack = ctx.t("reports.done.escalated", ref=case.ref, platform=label(ctx.lang, "platform", platform))
        await show_change(interaction, triage, case.id, ctx.lang, ack, from_card=False)


class ResolveModal(discord.ui.Modal):
    def __init__(self, case_id: int, ref: str, outcome: str, lang: str) -> None:
        title = t(lang, "reports.modal.resolve", ref=ref, outcome=label(lang, "outcome", outcome))
        super().__init__(title=cut(title, MODAL_TITLE), custom_id=f"rep:m:resolve:{case_id}", timeout=900)
        self.case_id, self.outcome = case_id, outcome
        self.note = _input(lang, "reports.modal.note", "reports.modal.note_hint", required=False,
                           max_length=MAX_REASON)
        self.add_item(self.note)

    @guarded
    async def on_submit(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        triage = triage_of(interaction)
        case = await triage.case(self.case_id)
        changes, outcome, note = plan_resolve(case, ctx.actor, ctx.settings, self.outcome, self.note.value)
        await triage.repo.apply(case, changes, actor_id=ctx.actor.user_id, now=ctx.bot.clock.now(),
                                outcome=outcome, note=note)
        triage.sla.cancel(case.id)
        await _close(interaction, triage, case.id, ctx.lang, from_card=False)


class DismissModal(discord.ui.Modal):
    def __init__(self, case_id: int, ref: str, lang: str) -> None:
        super().__init__(title=cut(t(lang, "reports.modal.dismiss", ref=ref), MODAL_TITLE),
                         custom_id=f"rep:m:dismiss:{case_id}", timeout=900)
        self.case_id = case_id
        self.reason = _input(lang, "reports.modal.reason", "reports.modal.reason_hint", required=True,
                             max_length=MAX_REASON)
        self.add_item(self.reason)

    @guarded
    async def on_submit(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        triage = triage_of(interaction)
        case = await triage.case(self.case_id)
        changes, _reason = plan_dismiss(case, ctx.actor, ctx.settings, self.reason.value)
        await triage.repo.apply(case, changes, actor_id=ctx.actor.user_id, now=ctx.bot.clock.now())
        triage.sla.cancel(case.id)
        await _close(interaction, triage, case.id, ctx.lang, from_card=True)
