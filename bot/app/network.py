"""The network of communities: invite with a one-time code, join, choose what to share, leave; and
which partners' items a community receives. Only published fact-checks (and resources) of members
that share them cross; reporters, cases and evidence never do."""

from __future__ import annotations

from bot.app.directories import Directories
from bot.app.setup import SetupService
from bot.domain.errors import DomainError
from bot.domain.identity import TELEGRAM, Community
from bot.domain.network import FACTCHECKS, INVITE_VALID, code_hash, new_code, parse_switch
from bot.domain.roles import Actor, require_admin
from bot.i18n import t
from bot.i18n.format import CONTENT, FIELD_VALUE, cut, ts
from bot.ports.factchecks import NetworkRepository
from bot.ports.messaging import Card, Field, Message
from bot.ports.runtime import Clock

# Telegram has no command options: its texts name the commands as typed there (`/network_join CODE`).
_WORDS = {TELEGRAM: "tg."}


class NetworkService:
    """Built once by `bot.app.App`. `names` gives a community's display name (from the front ends'
    directories; its id when none knows it)."""

    def __init__(self, repo: NetworkRepository, *, setup: SetupService, clock: Clock,
                 directories: Directories | None = None) -> None:
        self.repo = repo
        self.setup = setup
        self.clock = clock
        directories = directories or Directories()
        self.names = lambda community: directories.name(community) or str(community.id)

    def _community(self, actor: Actor) -> Community:
        if actor.community is None:
            raise DomainError("common.guild_only")
        require_admin(actor)
        return actor.community

    async def _lang(self, community: Community) -> str:
        return (await self.setup.settings_for(community)).language

    async def invite(self, actor: Actor) -> Message:
        """A one-time code for another community's admin (shown once, valid 24 hours)."""
        community = self._community(actor)
        code = new_code()
        now = self.clock.now()
        await self.repo.create_invite(community, code_hash=code_hash(code), actor_id=actor.user_id, now=now,
                                      expires_at=now + INVITE_VALID)
        lang = await self._lang(community)
        key = _WORDS.get(actor.platform, "") + "network.invite.done"
        return Message(text=t(lang, key, code=code, until=ts(now + INVITE_VALID, "f")))

    async def join(self, actor: Actor, code: str) -> Message:
        community = self._community(actor)
        network_id = await self.repo.join(community, code_hash=code_hash(code), actor_id=actor.user_id,
                                          now=self.clock.now())
        others = [m.community for m in await self.repo.members(network_id) if m.community != community]
        lang = await self._lang(community)
        return Message(text=cut(t(lang, _WORDS.get(actor.platform, "") + "network.join.done", count=len(others),
                                  names=", ".join(self.names(c) for c in others)), CONTENT))

    async def leave(self, actor: Actor) -> Message:
        community = self._community(actor)
        await self.repo.leave(community, actor_id=actor.user_id, now=self.clock.now())
        return Message(text=t(await self._lang(community), "network.leave.done"))

    async def share(self, actor: Actor, *, factchecks: str | None, resources: str | None) -> Message:
        community = self._community(actor)
        fc, res = parse_switch(factchecks), parse_switch(resources)
        if fc is None and res is None:
            return await self.status(actor)
        await self.repo.set_sharing(community, factchecks=fc, resources=res, actor_id=actor.user_id,
                                    now=self.clock.now())
        return await self.status(actor)

    async def status(self, actor: Actor) -> Message:
        """The network this community is in: members and what each shares, and the latest audit."""
        community = self._community(actor)
        lang = await self._lang(community)
        membership = await self.repo.membership(community)
        if membership is None:
            return Message(text=t(lang, _WORDS.get(actor.platform, "") + "network.none"))

        def onoff(value: bool) -> str:
            return t(lang, "common.on" if value else "common.off")

        lines = [t(lang, "network.status.member", community=self.names(m.community),
                   factchecks=onoff(m.share_factchecks), resources=onoff(m.share_resources))
                 for m in await self.repo.members(membership.network_id)]
        audit = [t(lang, "network.status.audit", when=ts(a.at, "f"), community=self.names(a.community),
                   action=t(lang, f"network.action.{a.action}"), detail=a.detail)
                 for a in (await self.repo.audit(membership.network_id))[-10:]]
        return Message(cards=(Card(title=t(lang, "network.status.title"), colour=0x2B7A78, fields=(
            Field(t(lang, "network.status.members"), cut("\n".join(lines), FIELD_VALUE), False),
            Field(t(lang, "network.status.log"), cut("\n".join(audit), FIELD_VALUE) or "-", False),
        )),))

    async def partners(self, community: Community, kind: str) -> list[Community]:
        """Other members of the community's network that share `kind` (what it receives)."""
        membership = await self.repo.membership(community)
        if membership is None:
            return []
        return [m.community for m in await self.repo.members(membership.network_id)
                if m.community != community and (m.share_factchecks if kind == FACTCHECKS else m.share_resources)]

    async def receivers(self, community: Community, kind: str) -> list[Community]:
        """The partners a community's items of `kind` go to: none unless it shares them."""
        membership = await self.repo.membership(community)
        if membership is None:
            return []
        shares = membership.share_factchecks if kind == FACTCHECKS else membership.share_resources
        if not shares:
            return []
        return [m.community for m in await self.repo.members(membership.network_id) if m.community != community]
