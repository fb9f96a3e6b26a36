"""Who may do what: admin, organiser, moderator, member (PRODUCT.md, "Roles and permissions")."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Community, Member


@dataclass(frozen=True)
class Actor:
    """The member acting, as the front end saw them in this very interaction."""

    user_id: int
    guild_id: int | None
    role_ids: frozenset[int] = frozenset()
    administrator: bool = False
    manage_guild: bool = False
    manage_events: bool = False
    display_name: str = ""
    platform: str = DISCORD
    # The community this place belongs to when it is linked to one on another platform (a Telegram
    # group that joined a Discord server's community); None: the place's own community.
    home: Community | None = None

    @property
    def member(self) -> Member:
        return Member(self.platform, self.user_id)

    @property
    def community(self) -> Community | None:
        if self.home is not None:
            return self.home
        return Community(self.platform, self.guild_id) if self.guild_id is not None else None


def is_admin(actor: Actor) -> bool:
    return actor.administrator or actor.manage_guild


def is_organiser(actor: Actor, settings: GuildSettings) -> bool:
    # Admins can do everything organisers can (PRODUCT.md, "Roles and permissions").
    return (is_admin(actor) or actor.manage_events
            or (settings.organiser_role is not None and settings.organiser_role in actor.role_ids))


def is_moderator(actor: Actor, settings: GuildSettings) -> bool:
    return (is_admin(actor)
            or (settings.moderator_role is not None and settings.moderator_role in actor.role_ids))


def require_admin(actor: Actor) -> None:
    if not is_admin(actor):
        raise DomainError("perm.need_admin")


def require_organiser(actor: Actor, settings: GuildSettings) -> None:
    if not is_organiser(actor, settings):
        raise DomainError("perm.need_organiser")


def require_moderator(actor: Actor, settings: GuildSettings) -> None:
    if not is_moderator(actor, settings):
        raise DomainError("perm.need_moderator")


def require_guild(actor: Actor, guild_id: int) -> None:
    """A button or id that belongs to another guild is refused as if it did not exist."""
    community = actor.community  # a linked group's members act in the community it joined
    if community is None or community.id != guild_id:
        raise DomainError("common.not_found")
