"""Discord permission bits and the permission computation (base + roles, then channel overwrites)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # pragma: no cover
    from .models import Channel, Member

CREATE_INSTANT_INVITE = 1 << 0
KICK_MEMBERS = 1 << 1
BAN_MEMBERS = 1 << 2
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_AUDIT_LOG = 1 << 7
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CONNECT = 1 << 20
SPEAK = 1 << 21
CHANGE_NICKNAME = 1 << 26
MANAGE_ROLES = 1 << 28
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_EVENTS = 1 << 33
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
MODERATE_MEMBERS = 1 << 40

ALL = (1 << 53) - 1

DEFAULT_EVERYONE = (
    CREATE_INSTANT_INVITE | ADD_REACTIONS | VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES
    | READ_MESSAGE_HISTORY | USE_EXTERNAL_EMOJIS | CONNECT | SPEAK | CHANGE_NICKNAME | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS | SEND_MESSAGES_IN_THREADS
)

# What a typical "invite with these permissions" link grants a community bot (no Administrator,
# no Mention Everyone: role pings only work for mentionable roles, as on Discord).
DEFAULT_BOT = (
    VIEW_CHANNEL | SEND_MESSAGES | SEND_MESSAGES_IN_THREADS | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY
    | ADD_REACTIONS | USE_EXTERNAL_EMOJIS | MANAGE_MESSAGES | CREATE_PUBLIC_THREADS | USE_APPLICATION_COMMANDS
)

ADMIN_ROLE = ADMINISTRATOR | MANAGE_GUILD


def base_permissions(member: "Member") -> int:
    guild = member.guild
    if guild.owner_id == member.id:
        return ALL
    perms = guild.everyone.permissions
    for role in member.roles:
        perms |= role.permissions
    if perms & ADMINISTRATOR:
        return ALL
    return perms


def channel_permissions(member: "Member", channel: Optional["Channel"]) -> int:
    perms = base_permissions(member)
    if perms == ALL or channel is None or channel.guild is None:
        return perms
    overwrites = {ow["id"]: ow for ow in channel.overwrites}
    if channel.parent_id and not channel.overwrites:
        parent = channel.guild.channels.get(channel.parent_id)
        if parent is not None:  # unsynced children keep their own overwrites; synced ones inherit
            overwrites = {ow["id"]: ow for ow in parent.overwrites}
    everyone = overwrites.get(channel.guild.id)
    if everyone:
        perms = (perms & ~everyone["deny"]) | everyone["allow"]
    allow = deny = 0
    for role in member.roles:
        ow = overwrites.get(role.id)
        if ow:
            allow |= ow["allow"]
            deny |= ow["deny"]
    perms = (perms & ~deny) | allow
    own = overwrites.get(member.id)
    if own:
        perms = (perms & ~own["deny"]) | own["allow"]
    if not perms & VIEW_CHANNEL:
        return 0
    return perms


def has(perms: int, bit: int) -> bool:
    return perms == ALL or bool(perms & ADMINISTRATOR) or bool(perms & bit)
