"""Use cases only Telegram needs: who can be reached privately, organisers named by a group's admins,
guided forms kept in the database (they survive a restart and expire after 15 minutes), and the
one-time code that links a moderators' group to its community."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.app.setup import SetupService
from bot.domain.clock import Clock
from bot.domain.errors import DomainError
from bot.domain.identity import TELEGRAM, Community
from bot.domain.roles import Actor, require_admin
from bot.i18n import t
from bot.i18n.format import cut
from bot.ports.messaging import Message
from bot.domain.events import require_manager
from bot.domain.rsvp import GOING, MAYBE
from bot.ports.events import EventsRepository
from bot.ports.telegram import Form, TelegramRepository

FORM_TTL = timedelta(minutes=15)
CODE_TTL = timedelta(minutes=10)
MODERATORS = "moderators"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(8))


class TelegramService:
    def __init__(self, repo: TelegramRepository, setup: SetupService, clock: Clock,
                 events: EventsRepository | None = None) -> None:
        self.repo = repo
        self.events = events
        self.setup = setup
        self.clock = clock
        self._last: dict[int, int] = {}
        # Which community a group moderates (None: none), asked on every group message's rendering;
        # Telegram runs in one process, and only /link changes it.
        self._moderated: dict[int, int | None] = {}
        # Whether private messages reach a member (None: not known yet), asked on every RSVP press
        # (for the "start me" hint) and before every private message. Telegram runs in one process
        # and every change passes through `started` and `refused`, so what was read once stays true.
        self._reachable: dict[int, bool | None] = {}

    # -- reachability ----------------------------------------------------------------------------
    async def started(self, user_id: int) -> None:
        """The member started the bot (or wrote to it, or a private message reached them)."""
        if await self.reachable(user_id) is not True:
            await self.repo.set_reachable(user_id, True, self.clock.now())
            self._remember(user_id, True)

    async def refused(self, user_id: int) -> None:
        """Telegram refused a private message to the member (blocked, or never started)."""
        await self.repo.set_reachable(user_id, False, self.clock.now())
        self._remember(user_id, False)

    async def reachable(self, user_id: int) -> bool | None:
        """Whether private messages reach the member (None: not known yet)."""
        if user_id in self._reachable:
            return self._reachable[user_id]
        value = await self.repo.reachable(user_id)
        self._remember(user_id, value)
        return value

    def _remember(self, user_id: int, value: bool | None) -> None:
        if len(self._reachable) > 100_000:
            self._reachable.clear()
        self._reachable[user_id] = value

    async def unreachable_among(self, user_ids: list[int]) -> list[int]:
        return await self.repo.unreachable_among(user_ids)

    async def acted_in(self, user_id: int, group_id: int) -> None:
        """Remember the group a member acts in (only when it changed)."""
        if self._last.get(user_id) != group_id:
            await self.repo.set_last_group(user_id, group_id, self.clock.now())
            self._last[user_id] = group_id

    async def last_group(self, user_id: int) -> int | None:
        """The group the member last acted in (asked for every private message's rendering; Telegram
        runs in one process and `acted_in` keeps the memory current, so the database is read once)."""
        if user_id not in self._last:
            group = await self.repo.last_group(user_id)
            if group is None:
                return None
            if len(self._last) > 100_000:
                self._last.clear()
            self._last[user_id] = group
        return self._last[user_id]

    async def community_of_moderators(self, chat_id: int) -> int | None:
        """The community whose moderators' group `chat_id` is, if it is one."""
        if chat_id not in self._moderated:
            if len(self._moderated) > 10_000:
                self._moderated.clear()
            self._moderated[chat_id] = await self.repo.community_of_moderators(chat_id)
        return self._moderated[chat_id]

    async def unreachable_going(self, actor: Actor, event_id: int) -> Message | None:
        """For organisers: how many members going (from Telegram) cannot get reminders, or None."""
        if self.events is None:
            return None
        settings = await self.setup.settings_for(actor.community)
        event = await self.events.get(event_id)
        if event is None:
            raise DomainError("common.not_found")
        require_manager(actor, settings, event)
        going = [a.user_id for a in await self.events.attendees(event_id)
                 if a.status in (GOING, MAYBE) and a.platform == TELEGRAM]
        count = len(await self.repo.unreachable_among(going))
        if not count:
            return None
        return Message(text=t(settings.language, "tg.event.unreachable_going", count=count))

    # -- organisers ------------------------------------------------------------------------------
    async def _lang(self, actor: Actor) -> str:
        return (await self.setup.settings_for(actor.community)).language

    async def add_organiser(self, actor: Actor, user_id: int, name: str) -> Message:
        require_admin(actor)
        if actor.guild_id is None:
            raise DomainError("common.guild_only")
        added = await self.repo.add_organiser(actor.guild_id, user_id, actor.user_id, self.clock.now())
        key = "tg.organiser.added" if added else "tg.organiser.already"
        return Message(text=t(await self._lang(actor), key, name=cut(name, 100)))

    async def remove_organiser(self, actor: Actor, user_id: int, name: str) -> Message:
        require_admin(actor)
        if actor.guild_id is None:
            raise DomainError("common.guild_only")
        removed = await self.repo.remove_organiser(actor.guild_id, user_id)
        key = "tg.organiser.removed" if removed else "tg.organiser.not_one"
        return Message(text=t(await self._lang(actor), key, name=cut(name, 100)))

    async def is_organiser(self, group_id: int, user_id: int) -> bool:
        return await self.repo.is_organiser(group_id, user_id)

    # -- forms -----------------------------------------------------------------------------------
    async def open_form(self, chat_id: int, user_id: int, kind: str, step: str,
                        data: dict[str, Any] | None = None) -> Form:
        form = Form(TELEGRAM, chat_id, user_id, kind, step, self.clock.now() + FORM_TTL, dict(data or {}))
        await self.repo.save_form(form)
        return form

    async def form(self, chat_id: int, user_id: int) -> Form | None:
        return await self.repo.get_form(TELEGRAM, chat_id, user_id, self.clock.now())

    async def advance(self, form: Form, step: str, **answers: Any) -> Form:
        """The next question of a form; the 15 minutes start again."""
        updated = replace(form, step=step, data={**form.data, **answers}, expires_at=self.clock.now() + FORM_TTL)
        await self.repo.save_form(updated)
        return updated

    async def close_form(self, chat_id: int, user_id: int) -> bool:
        return await self.repo.drop_form(TELEGRAM, chat_id, user_id)

    # -- the moderators' group -------------------------------------------------------------------
    async def moderators_code(self, actor: Actor) -> str:
        """A one-time code (10 minutes) an admin of the moderators' group sends there with /link."""
        require_admin(actor)
        assert actor.guild_id is not None
        code = new_code()
        # For this group itself, also when it joined a community elsewhere: its moderators' group
        # is where its members' moderators triage.
        own = Community(actor.platform, actor.guild_id)
        await self.repo.create_code(code, MODERATORS, own, actor.user_id, self.clock.now() + CODE_TTL)
        return code

    async def link_moderators(self, actor: Actor, code: str) -> Message:
        """Run in the moderators' group by one of its admins: its members become the community's
        moderators and report cases are triaged there."""
        lang = (await self.setup.settings_for(None)).language
        if actor.community is None:
            raise DomainError("common.guild_only")
        require_admin(actor)
        community = await self.repo.use_code(code.strip().upper()[:16], MODERATORS, self.clock.now())
        if community is None:
            raise DomainError("tg.link.bad_code")
        if community == actor.community:
            raise DomainError("tg.link.same_group")
        settings = await self.setup.settings_for(community)
        updated = replace(settings, moderation_channel=actor.community.id, moderator_role=actor.community.id,
                          configured=True)
        await self.setup.repo.save(updated)
        self.setup.forget(community)
        await self.repo.link_moderators(community.id, actor.community.id, self.clock.now())
        self._moderated.clear()
        return Message(text=t(settings.language or lang, "tg.link.moderators_done"))

    def community_of(self, chat_id: int) -> Community:
        return Community(TELEGRAM, chat_id)
