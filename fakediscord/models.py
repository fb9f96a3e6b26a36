"""The fake server's world: users, guilds, roles, channels, members, messages and attachments.

Objects are plain Python classes the tests hold on to (``guild.add_member(...)`` returns a
:class:`Member`); ``payload()`` / ``to_dict()`` render them as the JSON Discord would send.
Changes made after the bot has connected are announced through ``fake._emit`` so the gateway
dispatches the matching event (GUILD_MEMBER_ADD, CHANNEL_CREATE, ...).
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Union
from urllib.parse import quote

from . import permissions as P
from .limits import FLAG_EPHEMERAL, FLAG_LOADING, walk_components
from .snowflake import iso_now, snowflake_time

if TYPE_CHECKING:  # pragma: no cover
    from .server import FakeDiscord

TEXT = 0
DM = 1
VOICE = 2
CATEGORY = 4
NEWS = 5
PUBLIC_THREAD = 11


class User:
    """A Discord account. Tests usually hold a :class:`Member` instead, which wraps one."""

    def __init__(self, fake: "FakeDiscord", user_id: int, username: str, *, global_name: Optional[str] = None,
                 bot: bool = False, dms_open: bool = True, locale: str = "en-US") -> None:
        self._fake = fake
        self.id = user_id
        self.username = username
        self.global_name = global_name
        self.bot = bot
        self.dms_open = dms_open
        self.locale = locale

    @property
    def name(self) -> str:
        return self.global_name or self.username

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    @property
    def user(self) -> "User":
        return self

    @property
    def dm_channel(self) -> "Channel":
        return self._fake.dm_channel(self)

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "banner": None,
            "accent_color": None,
            "public_flags": 0,
            "flags": 0,
            "avatar_decoration_data": None,
            "primary_guild": None,
        }
        if self.bot:
            data["bot"] = True
        return data

    def __repr__(self) -> str:
        return f"<User id={self.id} name={self.name!r}>"


class Role:
    def __init__(self, guild: "Guild", role_id: int, name: str, *, permissions: int = 0, color: int = 0,
                 hoist: bool = False, mentionable: bool = False, position: int = 0, managed: bool = False,
                 tags: Optional[dict[str, Any]] = None) -> None:
        self.guild = guild
        self.id = role_id
        self.name = name
        self.permissions = permissions
        self.color = color
        self.hoist = hoist
        self.mentionable = mentionable
        self.position = position
        self.managed = managed
        self.tags = tags

    @property
    def mention(self) -> str:
        return "@everyone" if self.id == self.guild.id else f"<@&{self.id}>"

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "color": self.color,
            "colors": {"primary_color": self.color, "secondary_color": None, "tertiary_color": None},
            "hoist": self.hoist,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": self.mentionable,
            "flags": 0,
        }
        if self.tags is not None:
            data["tags"] = self.tags
        return data

    def set_permissions(self, permissions: int) -> None:
        """Change the role's permissions (GUILD_ROLE_UPDATE is dispatched), as an admin would."""
        self.permissions = permissions
        self.guild._fake._emit("role_updated", role=self, guild=self.guild)

    def __repr__(self) -> str:
        return f"<Role id={self.id} name={self.name!r}>"


class Channel:
    def __init__(self, fake: "FakeDiscord", channel_id: int, name: str, *, type: int = TEXT,
                 guild: Optional["Guild"] = None, topic: Optional[str] = None, position: int = 0,
                 parent_id: Optional[int] = None, nsfw: bool = False, recipient: Optional[User] = None) -> None:
        self._fake = fake
        self.id = channel_id
        self.name = name
        self.type = type
        self.guild = guild
        self.topic = topic
        self.position = position
        self.parent_id = parent_id
        self.nsfw = nsfw
        self.recipient = recipient
        self.overwrites: list[dict[str, int]] = []
        self.last_message_id: Optional[int] = None
        # threads (type PUBLIC_THREAD): who started it, from which message, and when
        self.owner_id: Optional[int] = None
        self.auto_archive_duration = 1440
        self.created = iso_now()
        self.message_count = 0

    @property
    def is_thread(self) -> bool:
        return self.type == PUBLIC_THREAD

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    @property
    def is_dm(self) -> bool:
        return self.type == DM

    @property
    def guild_id(self) -> Optional[int]:
        return self.guild.id if self.guild else None

    @property
    def messages(self) -> list["Message"]:
        return self._fake.channel_messages(self)

    def set_overwrite(self, target: Union["Role", "Member", User], *, allow: int = 0, deny: int = 0) -> None:
        """Add or replace a permission overwrite for a role or a member (takes effect at once)."""
        kind = 0 if isinstance(target, Role) else 1
        self.overwrites = [ow for ow in self.overwrites if ow["id"] != target.id]
        self.overwrites.append({"id": target.id, "type": kind, "allow": allow, "deny": deny})
        if self.guild is not None:
            self._fake._emit("channel_updated", channel=self, guild=self.guild)

    def payload(self, *, permissions_for: Optional["Member"] = None) -> dict[str, Any]:
        last = str(self.last_message_id) if self.last_message_id else None
        if self.type == DM:
            return {
                "id": str(self.id),
                "type": DM,
                "last_message_id": last,
                "recipients": [self.recipient.payload()] if self.recipient else [],
                "flags": 0,
            }
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild.id) if self.guild else None,
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [
                {"id": str(ow["id"]), "type": ow["type"], "allow": str(ow["allow"]), "deny": str(ow["deny"])}
                for ow in self.overwrites
            ],
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "nsfw": self.nsfw,
            "flags": 0,
        }
        if self.type in (TEXT, NEWS):
            data.update(topic=self.topic, last_message_id=last, rate_limit_per_user=0,
                        default_auto_archive_duration=1440, default_thread_rate_limit_per_user=0)
        elif self.type == PUBLIC_THREAD:
            data.pop("permission_overwrites", None)
            data.pop("position", None)
            data.update(owner_id=str(self.owner_id), last_message_id=last, rate_limit_per_user=0,
                        message_count=self.message_count, member_count=1, total_message_sent=self.message_count,
                        thread_metadata={"archived": False, "auto_archive_duration": self.auto_archive_duration,
                                         "archive_timestamp": self.created, "locked": False,
                                         "create_timestamp": self.created})
        elif self.type == VOICE:
            data.update(bitrate=64000, user_limit=0, rtc_region=None, last_message_id=last, rate_limit_per_user=0)
        if permissions_for is not None:
            data["permissions"] = str(P.channel_permissions(permissions_for, self))
        return data

    def __repr__(self) -> str:
        return f"<Channel id={self.id} name={self.name!r} type={self.type}>"


class Member:
    """A user in one guild. ``member.id`` is the user's id, as in discord.py."""

    def __init__(self, guild: "Guild", user: User, *, roles: Iterable[Role] = (), nick: Optional[str] = None) -> None:
        self.guild = guild
        self.user = user
        self.roles: list[Role] = list(roles)
        self.nick = nick
        self.joined_at = iso_now()
        self.communication_disabled_until: Optional[str] = None  # ISO time while timed out

    # identity -------------------------------------------------------------------------------------
    @property
    def id(self) -> int:
        return self.user.id

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def display_name(self) -> str:
        return self.nick or self.user.name

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    @property
    def bot(self) -> bool:
        return self.user.bot

    @property
    def locale(self) -> str:
        return self.user.locale

    @locale.setter
    def locale(self, value: str) -> None:
        self.user.locale = value

    @property
    def dms_open(self) -> bool:
        return self.user.dms_open

    @dms_open.setter
    def dms_open(self, value: bool) -> None:
        self.user.dms_open = value

    @property
    def dm_channel(self) -> Channel:
        return self.user.dm_channel

    # permissions ----------------------------------------------------------------------------------
    @property
    def permissions(self) -> int:
        """Guild-level permissions (owner and Administrator mean all)."""
        return P.base_permissions(self)

    def permissions_in(self, channel: Optional[Channel]) -> int:
        return P.channel_permissions(self, channel)

    def add_role(self, role: Role) -> None:
        if role not in self.roles:
            self.roles.append(role)
            self.guild._fake._emit("member_updated", member=self, guild=self.guild)

    def remove_role(self, role: Role) -> None:
        if role in self.roles:
            self.roles.remove(role)
            self.guild._fake._emit("member_updated", member=self, guild=self.guild)

    def payload(self, *, with_user: bool = True, permissions_in: Optional[Channel] = None,
                with_permissions: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": [str(r.id) for r in self.roles],
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": self.communication_disabled_until,
        }
        if with_user:
            data["user"] = self.user.payload()
        if with_permissions or permissions_in is not None:
            data["permissions"] = str(P.channel_permissions(self, permissions_in))
        return data

    def __repr__(self) -> str:
        return f"<Member id={self.id} name={self.name!r} guild={self.guild.name!r}>"


class Guild:
    def __init__(self, fake: "FakeDiscord", guild_id: int, name: str, *, locale: str = "en-US",
                 bot_permissions: int = P.DEFAULT_BOT, everyone_permissions: int = P.DEFAULT_EVERYONE) -> None:
        self._fake = fake
        self.id = guild_id
        self.name = name
        self.locale = locale
        self.owner_id: Optional[int] = None
        self.joined_at = iso_now()
        self.roles: dict[int, Role] = {}
        self.channels: dict[int, Channel] = {}
        self.members: dict[int, Member] = {}
        self.system_channel_id: Optional[int] = None
        self.roles[guild_id] = Role(self, guild_id, "@everyone", permissions=everyone_permissions, position=0)
        self._admin_role: Optional[Role] = None
        self.bot_role = Role(self, fake._next_id(), fake.bot_user.username, permissions=bot_permissions,
                             position=1, managed=True, tags={"bot_id": str(fake.bot_user.id)})
        self.roles[self.bot_role.id] = self.bot_role
        self.members[fake.bot_user.id] = Member(self, fake.bot_user, roles=[self.bot_role])
        self.scheduled_events: dict[int, ScheduledEvent] = {}  # Discord's own Events list

    # lookups -----------------------------------------------------------------------------------------
    @property
    def everyone(self) -> Role:
        return self.roles[self.id]

    @property
    def me(self) -> Member:
        return self.members[self._fake.bot_user.id]

    @property
    def text_channels(self) -> list[Channel]:
        return [c for c in self.channels.values() if c.type in (TEXT, NEWS)]

    def get_channel(self, key: Union[int, str]) -> Optional[Channel]:
        if isinstance(key, int):
            return self.channels.get(key)
        return next((c for c in self.channels.values() if c.name == key), None)

    def get_role(self, key: Union[int, str]) -> Optional[Role]:
        if isinstance(key, int):
            return self.roles.get(key)
        return next((r for r in self.roles.values() if r.name == key), None)

    def get_member(self, key: Union[int, str]) -> Optional[Member]:
        if isinstance(key, int):
            return self.members.get(key)
        return next((m for m in self.members.values() if key in (m.name, m.user.username, m.nick)), None)

    @property
    def default_channel(self) -> Channel:
        """Where interactions happen unless told otherwise: #general, else the first text channel."""
        channel = self.get_channel("general")
        if channel is None or channel.type not in (TEXT, NEWS):
            channel = next(iter(self.text_channels), None)
        if channel is None:
            channel = self.add_text_channel("general")
        return channel

    # building -------------------------------------------------------------------------------------------
    def add_text_channel(self, name: str, *, topic: Optional[str] = None, category: Optional[Channel] = None,
                         news: bool = False, nsfw: bool = False,
                         overwrites: Optional[dict[Union[Role, Member], tuple[int, int]]] = None) -> Channel:
        """A text (or announcement, ``news=True``) channel. ``overwrites`` maps a role or member to
        ``(allow, deny)`` permission bits."""
        return self._add_channel(name, NEWS if news else TEXT, topic=topic, category=category, nsfw=nsfw,
                                 overwrites=overwrites)

    def add_category(self, name: str, *, overwrites: Optional[dict[Union[Role, Member], tuple[int, int]]] = None) -> Channel:
        return self._add_channel(name, CATEGORY, overwrites=overwrites)

    def add_voice_channel(self, name: str, *, category: Optional[Channel] = None) -> Channel:
        return self._add_channel(name, VOICE, category=category)

    def _add_channel(self, name: str, type: int, *, topic: Optional[str] = None, category: Optional[Channel] = None,
                     nsfw: bool = False, overwrites: Optional[dict] = None) -> Channel:
        channel = Channel(self._fake, self._fake._next_id(), name, type=type, guild=self, topic=topic,
                          position=len(self.channels), parent_id=category.id if category else None, nsfw=nsfw)
        for target, (allow, deny) in (overwrites or {}).items():
            channel.overwrites.append({"id": target.id, "type": 0 if isinstance(target, Role) else 1,
                                       "allow": allow, "deny": deny})
        self.channels[channel.id] = channel
        self._fake._index_channel(channel)
        if self.system_channel_id is None and type in (TEXT, NEWS):
            self.system_channel_id = channel.id
        self._fake._emit("channel_created", channel=channel, guild=self)
        return channel

    def add_role(self, name: str, *, permissions: int = 0, mentionable: bool = False, hoist: bool = False,
                 color: int = 0) -> Role:
        role = Role(self, self._fake._next_id(), name, permissions=permissions, mentionable=mentionable,
                    hoist=hoist, color=color, position=len(self.roles))
        self.roles[role.id] = role
        self._fake._emit("role_created", role=role, guild=self)
        return role

    def _get_admin_role(self) -> Role:
        if self._admin_role is None:
            self._admin_role = self.add_role("Admin", permissions=P.ADMIN_ROLE, hoist=True)
        return self._admin_role

    def add_member(self, name: Union[str, User, Member], *, roles: Iterable[Role] = (), admin: bool = False,
                   owner: bool = False, dms_open: Optional[bool] = None, permissions: int = 0,
                   nick: Optional[str] = None, locale: Optional[str] = None, bot: bool = False) -> Member:
        """Add a person (a new user named ``name``, or an existing user/member of another guild).

        ``admin=True`` gives an "Admin" role with Administrator and Manage Server; ``owner=True`` makes
        them the guild owner; ``permissions`` (non-zero) gives a personal role with those bits.
        """
        if isinstance(name, Member):
            user = name.user
        elif isinstance(name, User):
            user = name
        else:
            user = self._fake.create_user(name, dms_open=True if dms_open is None else dms_open,
                                          locale=locale or "en-US", bot=bot)
        if isinstance(name, (User, Member)):
            if dms_open is not None:
                user.dms_open = dms_open
            if locale is not None:
                user.locale = locale
        if user.id in self.members:
            raise ValueError(f"{user.name!r} is already a member of {self.name!r}")
        member_roles = list(roles)
        for role in member_roles:
            if role.guild is not self:
                raise ValueError(f"role {role.name!r} belongs to another guild")
        if admin:
            member_roles.append(self._get_admin_role())
        if permissions:
            member_roles.append(self.add_role(f"{user.name} permissions", permissions=permissions))
        member = Member(self, user, roles=member_roles, nick=nick)
        if owner:
            self.owner_id = user.id
        self.members[user.id] = member
        self._fake._emit("member_added", member=member, guild=self)
        return member

    def remove_channel(self, channel: Channel) -> None:
        """Delete a channel (CHANNEL_DELETE); the bot then gets 10003 Unknown Channel for it."""
        if self.channels.pop(channel.id, None) is not None:
            self._fake.channels.pop(channel.id, None)
            if self.system_channel_id == channel.id:
                self.system_channel_id = None
            self._fake._emit("channel_deleted", channel=channel, guild=self)

    def remove_role(self, role: Role) -> None:
        """Delete a role (GUILD_ROLE_DELETE); members lose it."""
        if role.id == self.id or self.roles.pop(role.id, None) is None:
            return
        for member in self.members.values():
            if role in member.roles:
                member.roles.remove(role)
        self._fake._emit("role_deleted", role=role, guild=self)

    def remove_member(self, member: Union[Member, User]) -> None:
        removed = self.members.pop(member.id, None)
        if removed is not None:
            self._fake._emit("member_removed", member=removed, guild=self)

    # rendering ---------------------------------------------------------------------------------------------
    def payload(self, *, with_members: bool = True) -> dict[str, Any]:
        """The GUILD_CREATE payload (``with_members=False``: only the bot's own member, as Discord
        sends when the GUILD_MEMBERS intent is off)."""
        members = list(self.members.values()) if with_members else [self.me]
        data = self.base_payload()
        data.update(
            joined_at=self.joined_at,
            large=len(self.members) >= 250,
            unavailable=False,
            member_count=len(self.members),
            voice_states=[],
            members=[m.payload() for m in members],
            channels=[c.payload() for c in self.channels.values()],
            threads=[],
            presences=[],
            stage_instances=[],
            guild_scheduled_events=[e.payload() for e in self.scheduled_events.values()],
            soundboard_sounds=[],
        )
        return data

    def base_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id) if self.owner_id else None,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": [r.payload() for r in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": str(self.system_channel_id) if self.system_channel_id else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "max_members": 500000,
            "max_presences": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": self.locale,
            "nsfw_level": 0,
            "nsfw": False,
        }

    def __repr__(self) -> str:
        return f"<Guild id={self.id} name={self.name!r}>"


class Attachment:
    def __init__(self, fake: "FakeDiscord", attachment_id: int, filename: str, data: bytes, *,
                 content_type: Optional[str] = None, description: Optional[str] = None,
                 channel_id: Optional[int] = None, ephemeral: bool = False, size: Optional[int] = None) -> None:
        self._fake = fake
        self.id = attachment_id
        self.filename = filename
        self.data = data
        self.size = len(data) if size is None else size
        if not content_type or content_type == "application/octet-stream":
            guessed = mimetypes.guess_type(filename)[0]
            content_type = guessed or content_type or "application/octet-stream"
        self.content_type = content_type
        self.description = description
        self.channel_id = channel_id
        self.ephemeral = ephemeral

    @property
    def url(self) -> str:
        return f"{self._fake.http_base}/attachments/{self.channel_id or 0}/{self.id}/{quote(self.filename)}"

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "filename": self.filename,
            "size": self.size,
            "url": self.url,
            "proxy_url": self.url,
            "content_type": self.content_type,
        }
        if self.description:
            data["description"] = self.description
        if self.ephemeral:
            data["ephemeral"] = True
        return data

    def __repr__(self) -> str:
        return f"<Attachment id={self.id} filename={self.filename!r} size={self.size}>"


def embed_text(embed: dict[str, Any]) -> list[str]:
    parts: list[str] = []
    author = embed.get("author") or {}
    for value in (author.get("name"), embed.get("title"), embed.get("description")):
        if value:
            parts.append(str(value))
    for field in embed.get("fields") or []:
        for key in ("name", "value"):
            if field.get(key):
                parts.append(str(field[key]))
    footer = embed.get("footer") or {}
    if footer.get("text"):
        parts.append(str(footer["text"]))
    return parts


class Message:
    """A message as it stands now. ``to_dict()`` is the JSON Discord would return for it."""

    def __init__(self, fake: "FakeDiscord", message_id: int, channel: Channel, author: User, *, content: str = "",
                 embeds: Optional[list] = None, components: Optional[list] = None,
                 attachments: Optional[list[Attachment]] = None, flags: int = 0, type: int = 0,
                 visible_to: Optional[int] = None, allowed_mentions: Optional[dict] = None,
                 webhook_id: Optional[int] = None, application_id: Optional[int] = None,
                 interaction_metadata: Optional[dict] = None, interaction_id: Optional[int] = None,
                 reference: Optional["Message"] = None, tts: bool = False, nonce: Any = None) -> None:
        self._fake = fake
        self.id = message_id
        self.channel = channel
        self.author = author
        self.content = content or ""
        self.embeds: list[dict[str, Any]] = embeds or []
        self.components: list[dict[str, Any]] = components or []
        self.attachments: list[Attachment] = attachments or []
        self.flags = flags
        self.type = type
        self.visible_to = visible_to
        self.allowed_mentions = allowed_mentions
        self.webhook_id = webhook_id
        self.application_id = application_id
        self.interaction_metadata = interaction_metadata
        self.interaction_id = interaction_id
        self.reference = reference
        self.tts = tts
        self.nonce = nonce
        self.timestamp = snowflake_time(message_id).isoformat()
        self.edited_timestamp: Optional[str] = None
        self.edit_count = 0
        self.deleted = False
        self.pinned = False
        self.mentions: list[int] = []
        self.mention_roles: list[int] = []
        self.mention_everyone = False
        self.reactions: dict[str, set[int]] = {}

    # conveniences for assertions ---------------------------------------------------------------------
    @property
    def channel_id(self) -> int:
        return self.channel.id

    @property
    def guild_id(self) -> Optional[int]:
        return self.channel.guild_id

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & FLAG_EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & FLAG_LOADING)

    @property
    def created_at(self) -> dt.datetime:
        return snowflake_time(self.id)

    @property
    def text(self) -> str:
        """Content, embed author/title/description/fields/footer and text displays, one per line."""
        parts: list[str] = [self.content] if self.content else []
        for embed in self.embeds:
            parts.extend(embed_text(embed))
        for component in walk_components(self.components):
            if component.get("type") == 10 and component.get("content"):
                parts.append(component["content"])
        return "\n".join(parts)

    @property
    def pinged(self) -> dict[str, Any]:
        """Who this message actually notified, after allowed_mentions and permissions."""
        return {"users": list(self.mentions), "roles": list(self.mention_roles), "everyone": self.mention_everyone}

    def iter_components(self) -> Iterator[dict[str, Any]]:
        return iter(walk_components(self.components))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [c for c in walk_components(self.components) if c.get("type") == 2]

    @property
    def selects(self) -> list[dict[str, Any]]:
        return [c for c in walk_components(self.components) if c.get("type") in (3, 5, 6, 7, 8)]

    def button(self, label: Optional[str] = None, *, custom_id: Optional[str] = None) -> dict[str, Any]:
        """The button with this label (or custom_id); ValueError if none or several."""
        return _find_one(self.buttons, label, custom_id, "button")

    def select(self, placeholder: Optional[str] = None, *, custom_id: Optional[str] = None) -> dict[str, Any]:
        matches = [s for s in self.selects
                   if (custom_id is None or s.get("custom_id") == custom_id)
                   and (placeholder is None or s.get("placeholder") == placeholder)]
        if len(matches) != 1:
            raise ValueError(f"{len(matches)} selects match placeholder={placeholder!r} custom_id={custom_id!r} "
                             f"on message {self.id}")
        return matches[0]

    def attachment(self, filename: str) -> Attachment:
        for att in self.attachments:
            if att.filename == filename:
                return att
        raise KeyError(filename)

    # rendering ------------------------------------------------------------------------------------------
    def to_dict(self, *, with_reference: bool = True) -> dict[str, Any]:
        fake = self._fake
        mentions = []
        for uid in self.mentions:
            user = fake.users.get(uid)
            if user is not None:
                mentions.append(user.payload())
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "channel_id": str(self.channel.id),
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": self.timestamp,
            "edited_timestamp": self.edited_timestamp,
            "tts": self.tts,
            "mention_everyone": self.mention_everyone,
            "mentions": mentions,
            "mention_roles": [str(r) for r in self.mention_roles],
            "attachments": [a.payload() for a in self.attachments],
            "embeds": self.embeds,
            "components": self.components,
            "pinned": self.pinned,
            "flags": self.flags,
        }
        if self.channel.guild is not None:
            data["guild_id"] = str(self.channel.guild.id)
        if self.webhook_id:
            data["webhook_id"] = str(self.webhook_id)
        if self.application_id:
            data["application_id"] = str(self.application_id)
        if self.interaction_metadata:
            data["interaction_metadata"] = self.interaction_metadata
            legacy = self.interaction_metadata
            if "name" in legacy:
                data["interaction"] = {"id": legacy["id"], "type": legacy["type"], "name": legacy["name"],
                                       "user": legacy["user"]}
        if self.nonce is not None:
            data["nonce"] = self.nonce
        if self.reactions:
            data["reactions"] = [
                {"emoji": {"id": None, "name": emoji}, "count": len(users), "me": fake.bot_user.id in users,
                 "count_details": {"burst": 0, "normal": len(users)}, "burst_colors": [], "me_burst": False,
                 "burst_me": False, "burst_count": 0}
                for emoji, users in self.reactions.items() if users
            ]
        if self.reference is not None:
            data["message_reference"] = {
                "type": 0,
                "message_id": str(self.reference.id),
                "channel_id": str(self.reference.channel.id),
            }
            if self.reference.guild_id:
                data["message_reference"]["guild_id"] = str(self.reference.guild_id)
            if with_reference:
                data["referenced_message"] = None if self.reference.deleted else self.reference.to_dict(
                    with_reference=False)
        return data

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def __await__(self):  # ``await fake.post_message(...)`` works as well as the plain call
        yield from ()
        return self

    def __repr__(self) -> str:
        flags = " ephemeral" if self.ephemeral else ""
        return f"<Message id={self.id} channel={self.channel.name!r}{flags} content={self.content[:40]!r}>"


def _find_one(items: list[dict[str, Any]], label: Optional[str], custom_id: Optional[str], what: str) -> dict[str, Any]:
    if label is None and custom_id is None:
        raise ValueError(f"give the {what}'s label or custom_id")
    matches = [c for c in items
               if (custom_id is None or c.get("custom_id") == custom_id)
               and (label is None or c.get("label") == label)]
    if not matches and label is not None and custom_id is None:
        wanted = label.strip().casefold()
        matches = [c for c in items if str(c.get("label") or "").strip().casefold() == wanted]
    if len(matches) != 1:
        found = [c.get("label") or c.get("custom_id") for c in items]
        if not matches:
            raise ValueError(f"no {what} with label={label!r} custom_id={custom_id!r}; the message has {found}")
        raise ValueError(f"{len(matches)} {what}s match label={label!r} custom_id={custom_id!r}; pass custom_id=")
    return matches[0]


# Guild scheduled events (the server's own Events list) ------------------------------------------------
EVENT_STAGE, EVENT_VOICE, EVENT_EXTERNAL = 1, 2, 3
EVENT_SCHEDULED, EVENT_ACTIVE, EVENT_COMPLETED, EVENT_CANCELED = 1, 2, 3, 4
GUILD_ONLY = 2


class ScheduledEvent:
    """A guild scheduled event as Discord keeps it: EXTERNAL (3) with ``entity_metadata.location``
    and an end time, or VOICE (2) / STAGE (1) in a channel; status 1 SCHEDULED, 2 ACTIVE,
    3 COMPLETED, 4 CANCELED."""

    def __init__(self, guild: Guild, event_id: int, creator: User, *, name: str, start: str,
                 end: Optional[str], entity_type: int, channel_id: Optional[int], location: Optional[str],
                 description: Optional[str]) -> None:
        self.guild = guild
        self.id = event_id
        self.creator = creator
        self.name = name
        self.description = description
        self.scheduled_start_time = start
        self.scheduled_end_time = end
        self.entity_type = entity_type
        self.channel_id = channel_id
        self.location = location
        self.status = EVENT_SCHEDULED
        self.privacy_level = GUILD_ONLY

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "guild_id": str(self.guild.id),
            "channel_id": str(self.channel_id) if self.channel_id else None,
            "creator_id": str(self.creator.id),
            "creator": self.creator.payload(),
            "name": self.name,
            "description": self.description,
            "scheduled_start_time": self.scheduled_start_time,
            "scheduled_end_time": self.scheduled_end_time,
            "privacy_level": self.privacy_level,
            "status": self.status,
            "entity_type": self.entity_type,
            "entity_id": None,
            "entity_metadata": {"location": self.location} if self.entity_type == EVENT_EXTERNAL else None,
            "user_count": 0,
            "image": None,
            "recurrence_rule": None,
        }
