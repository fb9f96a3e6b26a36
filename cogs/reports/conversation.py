"""The anonymous conversation of report cases on Discord: **Ask reporters** and **Internal note** on
the case card, `/my reports` with **Reply**, reporters' DMs to the bot, and the thread under the card.
Each reads the input, calls `bot.app.reports.conversation` and renders what it returns."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.reports.conversation import ASK, NOTE_BUTTON, REPLY
from bot.domain.identity import DISCORD, Member, MessageRef, Place
from bot.domain.report_conversation import MAX_TEXT, Snippet
from bot.i18n import t
from bot.i18n.format import MODAL_TITLE, SELECT_DESCRIPTION, SELECT_LABEL, TEXT_INPUT_LABEL, cut
from cogs._common import answer, context, guarded, reply
from cogs._common.buttons import Persistent, button_format
from cogs._common.forms import expiring, open_modal
from cogs._common.render import send_kwargs

_ID = r"(?P<id>[0-9]{1,19})"
THREAD_ARCHIVE_MINUTES = 10080  # a week: conversations are slow

button_format(ASK, "rep:ask:{}")
button_format(NOTE_BUTTON, "rep:note:{}")
button_format(REPLY, "rep:reply:{}")


class DiscordThreads:
    """Opens the conversation thread under a case card (`bot.ports.reports.CaseThreads`)."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def open_thread(self, card: MessageRef, name: str) -> Place | None:
        from bot.ports.messaging import MessengerError

        try:
            data = await self.client.http.start_thread_with_message(  # type: ignore[attr-defined]
                card.place.id, card.id, name=cut(name, 100), auto_archive_duration=THREAD_ARCHIVE_MINUTES,
                rate_limit_per_user=None)
        except discord.HTTPException as exc:
            raise MessengerError(str(exc)) from exc
        return Place(DISCORD, int(data["id"]))


def _text_input(lang: str, label_key: str, hint_key: str, *, required: bool = True) -> discord.ui.TextInput[Any]:
    return discord.ui.TextInput(label=cut(t(lang, label_key), TEXT_INPUT_LABEL), placeholder=cut(t(lang, hint_key), 100),
                                style=discord.TextStyle.paragraph, required=required, max_length=MAX_TEXT,
                                custom_id="value")


def add_snippet_select(modal: discord.ui.Modal, lang: str, snippets: list[Snippet]) -> discord.ui.Select[Any] | None:
    """An optional "start from a saved reply" select at the top of a moderator's form (none when the
    server has no snippets). The service puts the snippet and the typed text together."""
    if not snippets:
        return None
    select: discord.ui.Select[Any] = discord.ui.Select(
        custom_id="snippet", required=False, min_values=0, max_values=1,
        placeholder=cut(t(lang, "conv.snippet.pick_placeholder"), 150),
        options=[discord.SelectOption(label=cut(s.name, SELECT_LABEL), value=s.name,
                                      description=cut(s.body.replace("\n", " "), SELECT_DESCRIPTION))
                 for s in snippets[:25]])
    modal.add_item(discord.ui.Label(text=cut(t(lang, "conv.snippet.pick"), TEXT_INPUT_LABEL), component=select))
    return select


def picked_snippet(select: discord.ui.Select[Any] | None) -> str | None:
    return select.values[0] if select is not None and select.values else None


class _TextModal(discord.ui.Modal):
    """A one-field form for a case: the question, the note or the reporter's reply."""

    KIND = ""
    TITLE = ""
    LABEL = ""
    HINT = ""

    def __init__(self, case_id: int, ref: str, lang: str, snippets: list[Snippet] | None = None) -> None:
        super().__init__(title=cut(t(lang, self.TITLE, ref=ref), MODAL_TITLE),
                         custom_id=f"rep:c:{self.KIND}:{case_id}", timeout=900)
        self.case_id = case_id
        self.snippet = add_snippet_select(self, lang, snippets or [])
        self.text = _text_input(lang, self.LABEL, self.HINT, required=self.snippet is None)
        self.add_item(self.text)

    async def done(self, interaction: discord.Interaction) -> str:
        raise NotImplementedError

    @guarded
    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send(cut(await self.done(interaction), 2000), ephemeral=True)


class AskModal(_TextModal):
    KIND, TITLE, LABEL, HINT = "ask", "conv.ask_form.title", "conv.ask_form.question", "conv.ask_form.question_hint"

    async def done(self, interaction: discord.Interaction) -> str:
        ctx = await context(interaction)
        return await ctx.app.report_conversation.ask(ctx.actor, self.case_id, self.text.value,
                                                     picked_snippet(self.snippet))


class NoteModal(_TextModal):
    KIND, TITLE, LABEL, HINT = "note", "conv.note_form.title", "conv.note_form.note", "conv.note_form.note_hint"

    async def done(self, interaction: discord.Interaction) -> str:
        ctx = await context(interaction)
        return await ctx.app.report_conversation.note(ctx.actor, self.case_id, self.text.value)


class ReplyModal(_TextModal):
    KIND, TITLE, LABEL, HINT = "reply", "conv.reply_form.title", "conv.reply_form.text", "conv.reply_form.hint"

    async def done(self, interaction: discord.Interaction) -> str:
        ctx = await context(interaction)
        return await ctx.app.report_conversation.reply(ctx.actor, self.case_id, self.text.value)


class AskButton(Persistent, template=rf"rep:ask:{_ID}"):
    """**Ask reporters** on the card: a moderator's question to every reporter of the case."""

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        case = await ctx.app.report_conversation.check_ask(ctx.actor, self.number("id"))
        snippets = await ctx.app.report_conversation.snippets(ctx.actor)
        await open_modal(interaction, AskModal(case.id, case.ref, ctx.lang, snippets))


class NoteButton(Persistent, template=rf"rep:note:{_ID}"):
    """**Internal note** on the card: moderators only, never sent."""

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        case = await ctx.app.report_conversation.check_ask(ctx.actor, self.number("id"))
        await open_modal(interaction, NoteModal(case.id, case.ref, ctx.lang))


class ReplyButton(Persistent, template=rf"rep:reply:{_ID}"):
    """**Reply** in `/my reports`: the reporter writes to the moderators of the case."""

    async def clicked(self, interaction: discord.Interaction) -> None:
        ctx = await context(interaction)
        case = await ctx.app.report_conversation.check_reply(ctx.actor, self.number("id"))
        await open_modal(interaction, ReplyModal(case.id, case.ref, ctx.lang))


ITEMS = (AskButton, NoteButton, ReplyButton)


async def my_reports(interaction: discord.Interaction) -> None:
    """`/my reports`: the member's own reports here, their status, and **Reply**."""
    ctx = await context(interaction)
    await answer(interaction, await ctx.app.report_conversation.mine(ctx.actor))


class ReportConversation(commands.Cog):
    """Reporters' DMs to the bot, and `/my reports` (added to the `/my` group when it exists)."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.command = app_commands.Command(name="reports", callback=my_reports,
                                            description="Your reports here, their status, and a way to reply")
        self.group: app_commands.Group | None = None

    async def cog_load(self) -> None:
        group = self.bot.tree.get_command("my")
        if not isinstance(group, app_commands.Group):
            group = app_commands.Group(name="my", description="Your own events, reports and settings",
                                       guild_only=True)
            self.bot.tree.add_command(group)
        group.add_command(self.command)
        self.group = group

    async def cog_unload(self) -> None:
        if self.group is not None:
            self.group.remove_command(self.command.name)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A DM to the bot: an answer on a case, or a short help when it belongs to none."""
        if message.guild is not None or message.author.bot or not isinstance(message.channel, discord.DMChannel):
            return
        if not (message.content or "").strip():
            return
        app = self.bot.app  # type: ignore[attr-defined]
        lang = getattr(self.bot, "settings", None)
        lang = getattr(lang, "language", "en") if lang is not None else "en"
        out = await app.report_conversation.answer_dm(Member(DISCORD, message.author.id), message.content, lang)
        try:
            await message.channel.send(**send_kwargs(out))
        except discord.HTTPException:
            pass


def register(bot: commands.Bot) -> None:
    expiring("rep:c:")  # the ask / note / reply forms
    bot.app.report_conversation.use_threads(DISCORD, DiscordThreads(bot))  # type: ignore[attr-defined]
