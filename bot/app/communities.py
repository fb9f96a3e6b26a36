"""One community on several platforms: a Telegram group joins a Discord server's community with a
one-time code from `/setup link` there (admins, 10 minutes). A community then resolves to its set of
places: its own channel and each linked community's, where announcements are posted and kept in step.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from typing import Any, Callable

from bot.app.setup import SetupService
from bot.domain.clock import Clock
from bot.domain.errors import DomainError
from bot.domain.identity import Community, MessageRef, Place
from bot.domain.roles import Actor, require_admin
from bot.i18n import t
from bot.ports.links import LinksRepository
from bot.ports.messaging import Message, Messenger, MessengerError

log = logging.getLogger(__name__)
CODE_TTL = timedelta(minutes=10)
ANNOUNCEMENTS, RESOURCES, MODERATION = "announcements", "resources", "moderation"
PURPOSE = "community"
# A place's topic (a Telegram forum topic) where the bot posts, kept as a post of kind TOPIC for the
# place itself: a topic is named by the message that opened it. Message id 0: no topic (General).
TOPIC = "topic"


class Communities:
    def __init__(self, links: LinksRepository, codes: Any, setup: SetupService, clock: Clock) -> None:
        self.links = links
        self.codes = codes  # create_code / use_code (bot.ports.telegram.TelegramRepository)
        self.setup = setup
        self.clock = clock
        self._homes: dict[Community, Community | None] = {}
        self._topics: dict[Place, int | None] = {}
        self._join_listeners: list[Callable[[Community, Community], None]] = []

    def on_join(self, listener: Callable[[Community, Community], None]) -> None:
        """`listener(joined, home)` runs when a group joins a community (services register here in
        their constructors, and start any longer work in their own background)."""
        self._join_listeners.append(listener)

    async def home(self, community: Community) -> Community | None:
        """The community `community` joined, or None (cached: links change only through `join`)."""
        if community not in self._homes:
            self._homes[community] = await self.links.home_of(community)
        return self._homes[community]

    async def code(self, actor: Actor) -> Message:
        """`/setup link`: a one-time code another platform's group uses to join this community."""
        from bot.app.telegram import new_code

        require_admin(actor)
        community = actor.community
        if community is None:
            raise DomainError("common.guild_only")
        code = new_code()
        await self.codes.create_code(code, PURPOSE, community, actor.user_id, self.clock.now() + CODE_TTL)
        lang = (await self.setup.settings_for(community)).language
        return Message(text=t(lang, "link.code", code=code))

    async def join(self, actor: Actor, code: str) -> Message | None:
        """Run in a group by one of its admins with a code from `/setup link`: the group joins that
        community. None when the code is not a community code (it may be another kind)."""
        own = Community(actor.platform, actor.guild_id) if actor.guild_id is not None else None
        if own is None:
            raise DomainError("common.guild_only")
        require_admin(actor)
        home = await self.codes.use_code(code.strip().upper()[:16], PURPOSE, self.clock.now())
        if home is None:
            return None
        if home.platform == own.platform:
            raise DomainError("link.same_platform")
        await self.links.link(own, home, self.clock.now())
        self._homes[own] = home
        # The group is where the home community's announcements and resources appear on its platform.
        settings = await self.setup.settings_for(own)
        await self.setup.repo.save(replace(settings, announcements_channel=own.id, resources_channel=own.id,
                                           configured=True))
        self.setup.forget(own)
        for listener in self._join_listeners:
            listener(own, home)
        lang = (await self.setup.settings_for(home)).language
        return Message(text=t(lang, "link.joined"))

    async def set_topic(self, actor: Actor, place: Place, topic: int | None) -> None:
        """Admins: the bot's posts in `place` (announcements, resources, event lines) go to the topic
        `topic` of that forum from now on (None: its General topic)."""
        require_admin(actor)
        await self.links.add_post(TOPIC, place.id, MessageRef(place, topic or 0))
        self._topics[place] = topic or None

    async def topic(self, place: Place) -> int | None:
        """The topic the bot posts to in `place`, or None (cached: it changes only through `set_topic`)."""
        if place not in self._topics:
            refs = await self.links.posts(TOPIC, place.id)
            self._topics[place] = next((ref.id for ref in refs if ref.place == place and ref.id), None)
        return self._topics[place]

    async def extra_places(self, home: Community, purpose: str = ANNOUNCEMENTS) -> list[Place]:
        """Where else the community's announcements, resources or report cards go: the matching place
        of each linked community (moderation only where one is set up)."""
        out = []
        for linked in await self.links.linked_to(home):
            settings = await self.setup.settings_for(linked)
            if purpose == MODERATION:
                if settings.moderation_channel is not None:
                    out.append(Place(linked.platform, settings.moderation_channel))
            elif purpose == RESOURCES:
                out.append(Place(linked.platform, settings.resources_channel or linked.id))
            else:
                out.append(Place(linked.platform, settings.announcements_channel or linked.id))
        return out

    async def has_posts(self, kind: str, entity_id: int) -> bool:
        return bool(await self.links.posts(kind, entity_id))

    async def post_elsewhere(self, messenger: Messenger, kind: str, entity_id: int, home: Community,
                             message: Message, purpose: str = ANNOUNCEMENTS) -> list[MessageRef]:
        """Post `message` in every linked place and remember each post (to keep them in step)."""
        return await self._post_in(await self.extra_places(home, purpose), messenger, kind, entity_id, message)

    async def post_where_missing(self, messenger: Messenger, kind: str, entity_id: int, home: Community,
                                 message: Message, purpose: str = ANNOUNCEMENTS) -> list[MessageRef]:
        """Post `message` in each linked place that has no post of it yet (a group that joined after
        it was announced), and remember each post."""
        posted = {ref.place for ref in await self.links.posts(kind, entity_id)}
        places = [p for p in await self.extra_places(home, purpose) if p not in posted]
        return await self._post_in(places, messenger, kind, entity_id, message)

    async def _post_in(self, places: list[Place], messenger: Messenger, kind: str, entity_id: int,
                       message: Message) -> list[MessageRef]:
        refs = []
        for place in places:
            try:
                ref = await messenger.post(place, message)
            except MessengerError:
                log.warning("could not post %s %s in %s", kind, entity_id, place, exc_info=True)
                continue
            await self.links.add_post(kind, entity_id, ref)
            refs.append(ref)
        return refs

    async def edit_elsewhere(self, messenger: Messenger, kind: str, entity_id: int, message: Message) -> None:
        for ref in await self.links.posts(kind, entity_id):
            try:
                await messenger.edit(ref, message)
            except MessengerError:
                log.warning("could not update %s %s in %s", kind, entity_id, ref.place, exc_info=True)
