"""The reports front end's shared service: posting and refreshing case cards, outcome DMs, and the
lookups every command, button and modal needs. No rules live here: they are in bot.domain."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, Awaitable

import discord

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.report_categories import STATUS_RESOLVED, parse_reference
from bot.domain.reports import Case
from bot.i18n import t
from bot.i18n.format import CONTENT, cut
from bot.storage.sqlite.reports import ReportsRepo
from cogs.reports._card import card_embed, card_view, label, ping_content

if TYPE_CHECKING:
    from bot.client import BaithakBot

log = logging.getLogger(__name__)


def triage_of(interaction: discord.Interaction) -> "Triage":
    cog = interaction.client.get_cog("Reports")  # type: ignore[union-attr]
    assert cog is not None, "the reports cog is not loaded"
    return cog.triage  # type: ignore[attr-defined]


class Triage:
    def __init__(self, bot: "BaithakBot") -> None:
        self.bot = bot
        self.repo = ReportsRepo(bot.db)
        # One card operation per case at a time, so a report joining while the card is being posted
        # still ends up counted on it.
        self._locks: dict[int, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def _lock(self, case_id: int) -> asyncio.Lock:
        lock = self._locks.get(case_id)
        if lock is None:
            if len(self._locks) > 1000:  # forget idle locks; a busy one stays until released
                self._locks = {k: v for k, v in self._locks.items() if v.locked()}
            lock = self._locks[case_id] = asyncio.Lock()
        return lock

    def spawn(self, work: Awaitable[Any], name: str) -> None:
        """Run follow-up work (card edits, DMs) after the user was answered; errors are logged."""
        async def run() -> None:
            try:
                await work
            except Exception:
                log.exception("reports: %s failed", name)

        task = asyncio.create_task(run(), name=f"reports:{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait for follow-up work started so far (used on unload)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # -- lookups ------------------------------------------------------------------------------------
    async def case(self, case_id: int) -> Case:
        case = await self.repo.get(case_id)
        if case is None:
            raise DomainError("common.not_found")
        return case

    async def case_by_ref(self, guild_id: int, text: str) -> Case:
        number = parse_reference(text)
        case = await self.repo.get_by_number(guild_id, number) if number is not None else None
        if case is None:
            raise DomainError("reports.case_not_found", value=cut(text, 40))
        return case

    # -- the card -------------------------------------------------------------------------------------
    def _channel(self, case: Case, channel_id: int) -> discord.PartialMessageable:
        return self.bot.get_partial_messageable(channel_id, guild_id=case.guild_id)

    async def publish(self, case_id: int) -> None:
        """Post the card of a new case, or bring an existing card up to date."""
        async with self._lock(case_id):
            case = await self.case(case_id)
            settings = await self.bot.settings_for(case.guild_id)
            if case.card_message_id is not None and case.card_channel_id is not None:
                if await self._edit_card(case, settings):
                    return
            await self._post_card(case, settings)

    async def refresh(self, case_id: int) -> None:
        """Edit the card in place after a change (repost it if someone deleted it)."""
        await self.publish(case_id)

    async def _post_card(self, case: Case, settings: GuildSettings) -> None:
        if settings.moderation_channel is None:
            log.warning("reports: guild %s has no moderation channel; case %s has no card",
                        case.guild_id, case.ref)
            return
        lang = settings.language
        content, mentions = ping_content(case, settings, lang)
        view = card_view(case, lang)
        kwargs: dict[str, object] = {"embed": card_embed(case, lang), "allowed_mentions": mentions}
        if content:
            kwargs["content"] = content
        if view is not None:
            kwargs["view"] = view
        try:
            message = await self._channel(case, settings.moderation_channel).send(**kwargs)  # type: ignore[arg-type]
        except discord.HTTPException:
            log.exception("reports: could not post the card of %s in guild %s", case.ref, case.guild_id)
            return
        await self.repo.set_card(case.id, message.channel.id, message.id)

    async def ping_now_urgent(self, case_id: int) -> None:
        """An urgent report joined an existing case: bring its card up to date, then ping the moderator
        role in a message of its own (an edited card would notify nobody)."""
        await self.publish(case_id)
        case = await self.case(case_id)
        settings = await self.bot.settings_for(case.guild_id)
        if settings.moderation_channel is None:
            return
        content, mentions = ping_content(case, settings, settings.language, "reports.card.now_urgent",
                                         link=self.card_link(case, settings.language))
        if content:
            await self._channel(case, settings.moderation_channel).send(content, allowed_mentions=mentions)

    async def _edit_card(self, case: Case, settings: GuildSettings) -> bool:
        assert case.card_channel_id is not None and case.card_message_id is not None
        lang = settings.language
        message = self._channel(case, case.card_channel_id).get_partial_message(case.card_message_id)
        try:
            await message.edit(embed=card_embed(case, lang), view=card_view(case, lang),
                               allowed_mentions=discord.AllowedMentions.none())
        except discord.NotFound:
            return False  # deleted: post a fresh card
        except discord.HTTPException:
            log.exception("reports: could not edit the card of %s", case.ref)
        return True

    def render(self, case: Case, lang: str) -> dict[str, object]:
        """Embed and view of a card, for answering an interaction with it."""
        return {"embed": card_embed(case, lang), "view": card_view(case, lang) or discord.ui.View()}

    def card_link(self, case: Case, lang: str) -> str:
        if case.card_channel_id and case.card_message_id:
            return (f"https://discord.com/channels/{case.guild_id}/{case.card_channel_id}/"
                    f"{case.card_message_id}")
        return t(lang, "reports.sla.no_card", ref=case.ref)

    # -- outcome DMs --------------------------------------------------------------------------------
    async def notify_reporters(self, case_id: int) -> tuple[int, int]:
        """DM every reporter of a closed case its outcome; (delivered, total). A reporter with closed DMs
        is recorded and skipped; the others are still told."""
        case = await self.case(case_id)
        settings = await self.bot.settings_for(case.guild_id)
        lang = settings.language
        reporters = await self.repo.claim_notices(case.id, self.bot.clock.now())
        if not reporters:
            return 0, 0
        guild = self.bot.get_guild(case.guild_id)
        server = guild.name if guild is not None else str(case.guild_id)
        if case.status == STATUS_RESOLVED:
            text = t(lang, "reports.dm.resolved", ref=case.ref, server=server,
                     outcome=t(lang, f"reports.dm.outcome.{case.outcome}"))
            if case.resolution_note:
                text += "\n" + t(lang, "reports.dm.note", note=case.resolution_note)
        else:
            text = t(lang, "reports.dm.dismissed", ref=case.ref, server=server)
        delivered: dict[int, bool] = {}
        for reporter in reporters:
            try:
                delivered[reporter] = await self.bot.send_dm(reporter, content=cut(text, CONTENT))
            except discord.HTTPException:
                log.warning("reports: DM to a reporter of %s failed", case.ref, exc_info=True)
                delivered[reporter] = False
        await self.repo.mark_notices(case.id, delivered)
        return sum(delivered.values()), len(reporters)

    async def send_pending_notices(self) -> None:
        """Outcome DMs queued before a restart and never sent."""
        for case_id in sorted({case_id for case_id, _ in await self.repo.pending_notices()}):
            try:
                await self.notify_reporters(case_id)
            except Exception:
                log.exception("reports: pending outcome DMs of case %s failed", case_id)

    def status_label(self, case: Case, lang: str) -> str:
        return label(lang, "status", case.status)
