"""Actions on a reported message from its case card, on Discord: **Delete message**, **Time out
author** and **Warn author**. Each button checks the bot's permission first (through
`DiscordModerationTools`), then opens a confirmation form that asks for the reason (and the duration,
or the warning); the reports service re-checks everything on submit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import discord

from bot.app.reports.actions import ACT
from bot.domain.identity import Community, Member, MessageRef, Place
from bot.domain.report_actions import DELETE, MAX_REASON, TIMEOUT, TIMEOUT_CHOICES, WARN
from bot.domain.report_conversation import MAX_TEXT, Snippet
from bot.i18n import t
from bot.i18n.format import MODAL_TITLE, SELECT_LABEL, TEXT_INPUT_LABEL, cut
from bot.ports.reports import ActionForbidden
from cogs._common import context, guarded
from cogs._common.buttons import Persistent, button_format
from cogs._common.forms import expiring, open_modal
from cogs.reports.conversation import add_snippet_select, picked_snippet

button_format(ACT, "rep:act:{}:{}")

_NAMES = {"manage_messages": "Manage Messages", "moderate_members": "Moderate Members"}
_NEEDS = {DELETE: "manage_messages", TIMEOUT: "moderate_members"}
MISSING_ACCESS = 50001
MISSING_PERMISSIONS = 50013


class DiscordModerationTools:
    """`bot.ports.reports.ModerationTools` over discord.py: permissions read from the client's cache
    (the bot's roles and the channel's overwrites), actions through the API."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def missing_permission(self, community: Community, action: str, place: Place | None,
                                 author: Member | None) -> str | None:
        need = _NEEDS.get(action)
        if need is None:
            return None
        guild = self.client.get_guild(community.id)
        if guild is None or guild.me is None:
            return _NAMES[need]
        channel = guild.get_channel_or_thread(place.id) if place is not None else None
        perms = channel.permissions_for(guild.me) if channel is not None else guild.me.guild_permissions
        if not getattr(perms, need):
            return _NAMES[need]
        return None

    async def delete_message(self, community: Community, ref: MessageRef) -> bool:
        message = self.client.get_partial_messageable(ref.place.id).get_partial_message(ref.id)
        try:
            await message.delete()
        except discord.NotFound:
            return False
        except discord.Forbidden as exc:
            raise ActionForbidden(_NAMES["manage_messages"], str(exc)) from exc
        return True

    async def timeout(self, community: Community, member: Member, until: datetime, reason: str) -> bool:
        try:
            await self.client.http.edit_member(community.id, member.id,  # type: ignore[attr-defined]
                                               reason=reason, communication_disabled_until=until.isoformat())
        except discord.NotFound:
            return False
        except discord.Forbidden as exc:
            # Discord also refuses administrators and members above the bot's top role this way.
            raise ActionForbidden(_NAMES["moderate_members"] + " (and a role above the member's)", str(exc)) from exc
        return True


class ActionModal(discord.ui.Modal):
    """The confirmation of an action: its question as the title, the reason (for a warning, the text
    sent), and the duration of a timeout."""

    def __init__(self, action: str, case_id: int, ref: str, lang: str, snippets: list[Snippet]) -> None:
        super().__init__(title=cut(t(lang, f"actions.form.{action}", ref=ref), MODAL_TITLE),
                         custom_id=f"rep:a:{action}:{case_id}", timeout=900)
        self.action, self.case_id = action, case_id
        self.duration: discord.ui.Select[Any] | None = None
        self.snippet: discord.ui.Select[Any] | None = None
        if action == TIMEOUT:
            self.duration = discord.ui.Select(
                custom_id="duration", min_values=1, max_values=1, required=True,
                options=[discord.SelectOption(label=cut(t(lang, f"actions.duration.{s}"), SELECT_LABEL), value=str(s))
                         for s in TIMEOUT_CHOICES])
            self.add_item(discord.ui.Label(text=cut(t(lang, "actions.form.duration"), TEXT_INPUT_LABEL),
                                           component=self.duration))
        if action == WARN:
            self.snippet = add_snippet_select(self, lang, snippets)
            label, hint, limit = "actions.form.warning", "actions.form.warning_hint", MAX_TEXT
        else:
            label, hint, limit = "actions.form.reason", "actions.form.reason_hint", MAX_REASON
        self.reason = discord.ui.TextInput(label=cut(t(lang, label), TEXT_INPUT_LABEL),
                                           placeholder=cut(t(lang, hint), 100), style=discord.TextStyle.paragraph,
                                           required=self.snippet is None, max_length=limit, custom_id="value")
        self.add_item(self.reason)

    @guarded
    async def on_submit(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        seconds = int(self.duration.values[0]) if self.duration is not None and self.duration.values else None
        done = await ctx.app.report_actions.act(ctx.actor, self.case_id, self.action, self.reason.value,
                                                seconds=seconds, snippet=picked_snippet(self.snippet))
        await interaction.followup.send(cut(done, 2000), ephemeral=True)


class ActButton(Persistent, template=r"rep:act:(?P<action>delete|timeout|warn):(?P<id>[0-9]{1,19})"):
    """**Delete message**, **Time out author**, **Warn author**: the permission first, then the form."""

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        action = self.word("action")
        case = await ctx.app.report_actions.check(ctx.actor, self.number("id"), action)
        snippets = await ctx.app.report_conversation.snippets(ctx.actor) if action == WARN else []
        await open_modal(interaction, ActionModal(action, case.id, case.ref, ctx.lang, snippets))


ITEMS = (ActButton,)


def register(bot: Any) -> None:
    expiring("rep:a:")  # the action forms
    from bot.domain.identity import DISCORD

    bot.app.report_actions.use_tools(DISCORD, DiscordModerationTools(bot))
