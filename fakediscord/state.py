"""The in-memory world and the operations on it that REST, the gateway and the driver share.

Indices: users, guilds, channels and messages by id; each channel's message ids in creation
order (snowflakes increase, so the list is sorted and history queries are bisections); one DM
channel per user. Every change is announced with :meth:`WorldState._emit`, which the gateway
turns into dispatches and which :meth:`WorldState.subscribe` callbacks receive.
"""

from __future__ import annotations

import asyncio
import copy
import inspect
import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Union

from . import errors as E
from . import permissions as P
from .errors import APIError, FormErrors
from .limits import (FILE_SIZE, FLAG_COMPONENTS_V2, FLAG_EPHEMERAL, FLAG_LOADING, SETTABLE_FLAGS, validate_commands,
                     validate_message)
from .models import DM, Attachment, Channel, Guild, Member, Message, Role, User
from .snowflake import SnowflakeGenerator, iso_now

if TYPE_CHECKING:  # pragma: no cover
    from .gateway import Gateway

log = logging.getLogger("fakediscord")

USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")


@dataclass
class UploadedFile:
    """One ``files[n]`` part of a multipart request."""

    index: int
    filename: str
    data: bytes
    content_type: Optional[str] = None


@dataclass
class StateEvent:
    """What :meth:`FakeDiscord.subscribe` callbacks receive.

    ``kind``: message_created, message_updated, message_deleted, thread_created, channel_created, channel_updated,
    channel_deleted, role_created, role_deleted, member_added, member_updated, member_removed,
    guild_created, guild_deleted,
    commands_registered, interaction_created, modal_opened, autocomplete_answered.
    ``visible_to``: None when everyone in the channel sees it, else the one user id (ephemeral).
    """

    kind: str
    data: dict[str, Any]
    visible_to: Optional[int] = None
    guild_id: Optional[int] = None
    channel_id: Optional[int] = None
    message: Optional[Message] = None
    extra: dict[str, Any] = field(default_factory=dict)


Messageish = Union[Message, int, str, dict]


class WorldState:
    """Mixin holding the world. :class:`FakeDiscord` combines it with the interaction logic and driver."""

    gateway: "Gateway"
    application_id: int
    http_base: str

    def _init_state(self, bot_name: str) -> None:
        self._ids = SnowflakeGenerator()
        self.users: dict[int, User] = {}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        # enforce_nonce: (author id, nonce) -> (monotonic time, message id); see rest.create_message
        self.nonces: dict[tuple[int, str], tuple[float, int]] = {}
        self.nonce_window = 300.0
        self.nonce_hits = 0
        self.attachments: dict[int, Attachment] = {}
        self._channel_log: dict[int, list[int]] = {}
        self._dm_channels: dict[int, Channel] = {}
        self._subscribers: list[Callable[[StateEvent], Any]] = []
        self._background: set[asyncio.Task] = set()
        # application commands: scope (None = global, else guild id) -> command id -> stored schema
        self.commands: dict[Optional[int], dict[int, dict[str, Any]]] = {}
        self._command_ids: dict[tuple[Optional[int], int, str], int] = {}
        self._commands_registered: Optional[asyncio.Event] = None
        self.bot_user = User(self, self._next_id(), bot_name, global_name=None, bot=True)
        self.users[self.bot_user.id] = self.bot_user

    def _next_id(self) -> int:
        return self._ids.next()

    # ------------------------------------------------------------------------------------------------
    # building the world

    def create_user(self, name: str, *, dms_open: bool = True, locale: str = "en-US", bot: bool = False) -> User:
        """A user who belongs to no guild yet (add them with ``guild.add_member(user)``)."""
        username = re.sub(r"\s+", "_", name.strip().lower()) or "user"
        user = User(self, self._next_id(), username, global_name=name, bot=bot, dms_open=dms_open, locale=locale)
        self.users[user.id] = user
        return user

    def create_guild(self, name: str, *, locale: Optional[str] = None, language: Optional[str] = None,
                     bot_permissions: int = P.DEFAULT_BOT, everyone_permissions: int = P.DEFAULT_EVERYONE) -> Guild:
        """A guild the bot is in. Created after the bot connected, it arrives as GUILD_CREATE."""
        guild = Guild(self, self._next_id(), name, locale=locale or language or "en-US",
                      bot_permissions=bot_permissions, everyone_permissions=everyone_permissions)
        self.guilds[guild.id] = guild
        self._emit("guild_created", guild=guild)
        return guild

    def remove_guild(self, guild: Guild) -> None:
        """The bot is removed from the guild (GUILD_DELETE); its channels become unknown."""
        if self.guilds.pop(guild.id, None) is None:
            return
        for channel_id in list(guild.channels):
            self.channels.pop(channel_id, None)
        self._emit("guild_deleted", guild=guild)

    def _index_channel(self, channel: Channel) -> None:
        self.channels[channel.id] = channel
        self._channel_log.setdefault(channel.id, [])

    def dm_channel(self, user: Union[User, Member, int]) -> Channel:
        """The DM channel between the bot and this user (one per user, created on first use)."""
        user = self._resolve_user(user)
        channel = self._dm_channels.get(user.id)
        if channel is None:
            channel = Channel(self, self._next_id(), "", type=DM, recipient=user)
            self._dm_channels[user.id] = channel
            self._index_channel(channel)
        return channel

    # lookups ------------------------------------------------------------------------------------------------
    def guild_by_id(self, guild_id: Union[int, str]) -> Optional[Guild]:
        return self.guilds.get(int(guild_id))

    def channel_by_id(self, channel_id: Union[int, str]) -> Optional[Channel]:
        return self.channels.get(int(channel_id))

    def user_by_id(self, user_id: Union[int, str]) -> Optional[User]:
        return self.users.get(int(user_id))

    def member_by_id(self, user_id: Union[int, str], guild: Optional[Union[Guild, int, str]] = None) -> Optional[Member]:
        """The member with this user id in ``guild`` (or in the first guild that has them)."""
        uid = int(user_id)
        if guild is not None:
            g = guild if isinstance(guild, Guild) else self.guilds.get(int(guild))
            return g.members.get(uid) if g else None
        for g in self.guilds.values():
            if uid in g.members:
                return g.members[uid]
        return None

    def message_by_id(self, message_id: Union[int, str]) -> Optional[Message]:
        return self.messages.get(int(message_id))

    def _resolve_user(self, who: Union[User, Member, int]) -> User:
        if isinstance(who, Member):
            return who.user
        if isinstance(who, User):
            return who
        user = self.users.get(int(who))
        if user is None:
            raise ValueError(f"unknown user {who!r}")
        return user

    def _resolve_message(self, message: Any) -> Message:
        if isinstance(message, Message):
            return message
        inner = getattr(message, "message", None)  # an InteractionResult
        if isinstance(inner, Message):
            return inner
        if isinstance(message, dict):
            message = message.get("id")
        found = self.messages.get(int(message)) if message is not None else None
        if found is None:
            raise ValueError(f"unknown message {message!r}")
        return found

    # ------------------------------------------------------------------------------------------------
    # reading messages (for assertions)

    def channel_messages(self, channel: Union[Channel, int], *, include_ephemeral: bool = False,
                         viewer: Optional[Union[User, Member]] = None) -> list[Message]:
        """Messages in the channel as they stand now, oldest first. Ephemeral messages are left out
        unless ``include_ephemeral`` (all of them) or ``viewer`` (the ones that user can see)."""
        channel_id = channel.id if isinstance(channel, Channel) else int(channel)
        viewer_id = viewer.id if viewer is not None else None
        result = []
        for mid in self._channel_log.get(channel_id, ()):
            msg = self.messages.get(mid)
            if msg is None or msg.deleted:
                continue
            if msg.visible_to is not None and not include_ephemeral and msg.visible_to != viewer_id:
                continue
            result.append(msg)
        return result

    def dms(self, user: Union[User, Member, int]) -> list[Message]:
        """Messages the bot sent to this user's DM channel, oldest first."""
        user = self._resolve_user(user)
        channel = self._dm_channels.get(user.id)
        if channel is None:
            return []
        return [m for m in self.channel_messages(channel) if m.author.id == self.bot_user.id]

    def ephemeral_messages(self, user: Union[User, Member]) -> list[Message]:
        """Every ephemeral message shown to this user, oldest first."""
        uid = self._resolve_user(user).id
        return [m for m in self.messages.values() if m.visible_to == uid and not m.deleted]

    def _history(self, channel: Channel, *, limit: int = 50, before: Optional[int] = None,
                 after: Optional[int] = None, around: Optional[int] = None) -> list[Message]:
        """Newest first, as GET /channels/{id}/messages returns them."""
        ids = self._channel_log.get(channel.id, [])

        def visible(mid: int) -> Optional[Message]:
            msg = self.messages.get(mid)
            if msg is None or msg.deleted or msg.visible_to is not None:
                return None
            return msg

        out: list[Message] = []
        if around is not None:
            pos = bisect_left(ids, around)
            older: list[Message] = []
            i = pos - 1
            while i >= 0 and len(older) < limit // 2:
                m = visible(ids[i])
                if m:
                    older.append(m)
                i -= 1
            newer: list[Message] = []
            i = pos
            while i < len(ids) and len(newer) < limit - len(older):
                m = visible(ids[i])
                if m:
                    newer.append(m)
                i += 1
            return list(reversed(newer)) + older
        if after is not None and before is None:
            i = bisect_right(ids, after)
            while i < len(ids) and len(out) < limit:
                m = visible(ids[i])
                if m:
                    out.append(m)
                i += 1
            return list(reversed(out))
        i = bisect_left(ids, before) - 1 if before is not None else len(ids) - 1
        while i >= 0 and len(out) < limit:
            if after is not None and ids[i] <= after:
                break
            m = visible(ids[i])
            if m:
                out.append(m)
            i -= 1
        return out

    # ------------------------------------------------------------------------------------------------
    # creating, editing and deleting messages

    def _store_attachment(self, channel: Optional[Channel], filename: str, data: bytes, *,
                          content_type: Optional[str] = None, description: Optional[str] = None,
                          ephemeral: bool = False, size: Optional[int] = None) -> Attachment:
        att = Attachment(self, self._next_id(), filename, data, content_type=content_type, description=description,
                         channel_id=channel.id if channel else None, ephemeral=ephemeral, size=size)
        self.attachments[att.id] = att
        return att

    def _build_attachments(self, channel: Channel, spec: Optional[list], files: list[UploadedFile],
                           existing: list[Attachment], *, ephemeral: bool, error_prefix: tuple) -> list[Attachment]:
        for f in files:
            if len(f.data) > FILE_SIZE:
                raise APIError(413, E.ENTITY_TOO_LARGE, "Request entity too large")
        by_index = {f.index: f for f in files}
        by_existing = {a.id: a for a in existing}
        if spec is None:
            result = list(existing)
            for f in sorted(files, key=lambda f: f.index):
                result.append(self._store_attachment(channel, f.filename, f.data, content_type=f.content_type,
                                                     ephemeral=ephemeral))
            return result
        result = []
        errors = FormErrors()
        used: set[int] = set()
        for i, item in enumerate(spec):
            try:
                ref = int(item.get("id"))
            except (TypeError, ValueError):
                errors.required(error_prefix + ("attachments", i, "id"))
                continue
            if ref in by_existing:
                att = by_existing[ref]
                if item.get("description") is not None:
                    att.description = item["description"]
                result.append(att)
            elif ref in by_index:
                f = by_index[ref]
                used.add(ref)
                filename = item.get("filename") or f.filename
                result.append(self._store_attachment(channel, filename, f.data, content_type=f.content_type,
                                                     description=item.get("description"), ephemeral=ephemeral))
            else:
                errors.add(error_prefix + ("attachments", i, "id"), "ATTACHMENT_NOT_FOUND",
                           f"Attachment data not found for id {ref}")
        errors.raise_if_any()
        return result

    def _normalise_embeds(self, embeds: Optional[list], attachments: list[Attachment]) -> list[dict[str, Any]]:
        result = []
        by_name = {a.filename: a for a in attachments}
        for embed in embeds or []:
            embed = copy.deepcopy(embed)
            embed.setdefault("type", "rich")
            for field_ in embed.get("fields") or []:
                field_.setdefault("inline", False)
            for key in ("image", "thumbnail", "author", "footer"):
                part = embed.get(key)
                if not isinstance(part, dict):
                    continue
                url_key = "url" if key in ("image", "thumbnail") else "icon_url"
                url = part.get(url_key)
                if isinstance(url, str) and url.startswith("attachment://"):
                    att = by_name.get(url[len("attachment://"):])
                    if att is not None:
                        part[url_key] = att.url
                        part["proxy_" + url_key] = att.url
            result.append(embed)
        return result

    def _normalise_components(self, components: Optional[list]) -> list[dict[str, Any]]:
        components = copy.deepcopy(components or [])
        counter = [0]

        def visit(items: Iterable[dict[str, Any]]) -> None:
            for c in items:
                if not isinstance(c, dict):
                    continue
                counter[0] += 1
                c.setdefault("id", counter[0])
                if c.get("type") == 2 and c.get("style") != 5:
                    c.setdefault("disabled", False)
                if c.get("type") in (3, 5, 6, 7, 8):
                    c.setdefault("min_values", 1)
                    c.setdefault("max_values", 1)
                    c.setdefault("disabled", False)
                visit(c.get("components") or [])
                for key in ("accessory", "component"):
                    if isinstance(c.get(key), dict):
                        visit([c[key]])

        visit(components)
        return components

    def _compute_mentions(self, msg: Message) -> None:
        content = msg.content or ""
        allowed = msg.allowed_mentions
        guild = msg.channel.guild
        users = list(dict.fromkeys(int(x) for x in USER_MENTION.findall(content)))
        roles = list(dict.fromkeys(int(x) for x in ROLE_MENTION.findall(content)))
        everyone = "@everyone" in content or "@here" in content
        if allowed is None:
            parse = {"users", "roles", "everyone"}
            user_ids: set[int] = set()
            role_ids: set[int] = set()
            replied = True
        else:
            parse = set(allowed.get("parse") or [])
            user_ids = {int(x) for x in allowed.get("users") or []}
            role_ids = {int(x) for x in allowed.get("roles") or []}
            replied = bool(allowed.get("replied_user", False))
        can_everyone = True
        if guild is not None:
            author_member = guild.members.get(msg.author.id)
            perms = author_member.permissions_in(msg.channel) if author_member else 0
            can_everyone = P.has(perms, P.MENTION_EVERYONE)
        pinged_users = [u for u in users if ("users" in parse or u in user_ids) and u in self.users]
        pinged_roles = []
        if guild is not None:
            for r in roles:
                role = guild.roles.get(r)
                if role is not None and ("roles" in parse or r in role_ids) and (role.mentionable or can_everyone):
                    pinged_roles.append(r)
        msg.mention_everyone = bool(everyone and "everyone" in parse and can_everyone)
        if msg.reference is not None and replied and msg.reference.author.id not in pinged_users:
            pinged_users.append(msg.reference.author.id)
        msg.mentions = pinged_users
        msg.mention_roles = pinged_roles

    def _create_message(self, channel: Channel, author: User, payload: dict[str, Any],
                        files: Optional[list[UploadedFile]] = None, *, visible_to: Optional[int] = None,
                        type: int = 0, webhook_id: Optional[int] = None, extra_flags: int = 0,
                        interaction_metadata: Optional[dict] = None, interaction_id: Optional[int] = None,
                        error_prefix: tuple = (), allow_empty: bool = False,
                        prebuilt_attachments: Optional[list[Attachment]] = None) -> Message:
        files = files or []
        errors = FormErrors()
        validate_message(errors, payload, n_files=len(files), path=error_prefix)
        reference: Optional[Message] = None
        ref = payload.get("message_reference")
        if isinstance(ref, dict) and ref.get("message_id"):
            target = self.messages.get(int(ref["message_id"]))
            if target is None or target.deleted or target.visible_to is not None:
                if ref.get("fail_if_not_exists", True):
                    errors.add(error_prefix + ("message_reference",), "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                               "Unknown message")
            else:
                reference = target
        errors.raise_if_any()
        ephemeral = bool(extra_flags & FLAG_EPHEMERAL)
        if prebuilt_attachments is not None:
            attachments = list(prebuilt_attachments)
        else:
            attachments = self._build_attachments(channel, payload.get("attachments"), files, [],
                                                  ephemeral=ephemeral, error_prefix=error_prefix)
        content = payload.get("content") or ""
        embeds = self._normalise_embeds(payload.get("embeds"), attachments)
        components = self._normalise_components(payload.get("components"))
        flags = ((payload.get("flags") or 0) & SETTABLE_FLAGS) | extra_flags
        if not (content or embeds or attachments or components or payload.get("sticker_ids") or payload.get("poll")
                or allow_empty):
            raise E.empty_message()
        msg = Message(self, self._next_id(), channel, author, content=content, embeds=embeds, components=components,
                      attachments=attachments, flags=flags, type=19 if reference and type == 0 else type,
                      visible_to=visible_to, allowed_mentions=payload.get("allowed_mentions"),
                      webhook_id=webhook_id, application_id=self.application_id if webhook_id else None,
                      interaction_metadata=interaction_metadata, interaction_id=interaction_id,
                      reference=reference, tts=bool(payload.get("tts")), nonce=payload.get("nonce"))
        for att in attachments:
            att.channel_id = channel.id
        self._compute_mentions(msg)
        self.messages[msg.id] = msg
        self._channel_log.setdefault(channel.id, []).append(msg.id)
        if visible_to is None:
            channel.last_message_id = msg.id
            if channel.type == 11:
                channel.message_count += 1
        self._emit("message_created", message=msg)
        return msg

    def _edit_message(self, msg: Message, payload: dict[str, Any], files: Optional[list[UploadedFile]] = None, *,
                      error_prefix: tuple = ()) -> Message:
        files = files or []
        errors = FormErrors()
        check = dict(payload)
        if "flags" in check:  # the ephemeral/loading/v2 bits already on the message count for validation
            check["flags"] = (check.get("flags") or 0) | msg.flags
        elif msg.flags:
            check["flags"] = msg.flags
        validate_message(errors, check, n_files=len(files), path=error_prefix)
        errors.raise_if_any()
        if "attachments" in payload or files:
            attachments = self._build_attachments(msg.channel, payload.get("attachments"), files, msg.attachments,
                                                  ephemeral=msg.ephemeral, error_prefix=error_prefix)
        else:
            attachments = msg.attachments
        content = (payload.get("content") or "") if "content" in payload else msg.content
        embeds = self._normalise_embeds(payload.get("embeds"), attachments) if "embeds" in payload else msg.embeds
        components = self._normalise_components(payload.get("components")) if "components" in payload \
            else msg.components
        if not (content or embeds or attachments or components):
            raise E.empty_message()
        was_loading = msg.loading
        msg.content, msg.embeds, msg.components, msg.attachments = content, embeds, components, attachments
        if "flags" in payload and payload["flags"] is not None:
            msg.flags = (msg.flags & ~SETTABLE_FLAGS) | (payload["flags"] & SETTABLE_FLAGS) \
                | (msg.flags & FLAG_COMPONENTS_V2)
        msg.flags &= ~FLAG_LOADING
        if "allowed_mentions" in payload:
            msg.allowed_mentions = payload["allowed_mentions"]
        self._compute_mentions(msg)
        if not was_loading:
            msg.edited_timestamp = iso_now()
        msg.edit_count += 1
        self._emit("message_updated", message=msg)
        return msg

    def _delete_message(self, msg: Message) -> None:
        if msg.deleted:
            return
        msg.deleted = True
        self._emit("message_deleted", message=msg)

    # ------------------------------------------------------------------------------------------------
    # application commands

    def _store_commands(self, scope: Optional[int], commands: list[dict[str, Any]], *, replace: bool = True) -> list[dict[str, Any]]:
        errors = FormErrors()
        validate_commands(errors, commands)
        errors.raise_if_any()
        stored = {} if replace else dict(self.commands.get(scope, {}))
        if not replace:  # a single create/upsert replaces the command with the same type and name
            for cmd in commands:
                for cid, existing in list(stored.items()):
                    if existing["type"] == (cmd.get("type") or 1) and existing["name"] == cmd.get("name"):
                        del stored[cid]
        result = []
        for cmd in commands:
            record = self._command_record(scope, cmd)
            stored[int(record["id"])] = record
            result.append(record)
        self.commands[scope] = stored
        self._emit("commands_registered", scope=scope, commands=result)
        if self._commands_registered is not None:
            self._commands_registered.set()
        return result

    def _command_record(self, scope: Optional[int], cmd: dict[str, Any]) -> dict[str, Any]:
        ctype = cmd.get("type") or 1
        key = (scope, ctype, cmd["name"])
        cid = self._command_ids.get(key)
        if cid is None:
            cid = self._command_ids[key] = self._next_id()
        record = copy.deepcopy(cmd)
        record.update(
            id=str(cid),
            application_id=str(self.application_id),
            version=str(self._next_id()),
            type=ctype,
            description=cmd.get("description") or "",
            default_member_permissions=cmd.get("default_member_permissions"),
            nsfw=bool(cmd.get("nsfw", False)),
            integration_types=cmd.get("integration_types") or [0],
        )
        if cmd.get("contexts") is None:
            record["contexts"] = None
        if scope is not None:
            record["guild_id"] = str(scope)
            record.pop("dm_permission", None)
        else:
            record.setdefault("dm_permission", True)
        if ctype == 1:
            record.setdefault("options", [])
        return record

    def registered_commands(self, guild: Optional[Union[Guild, int]] = None) -> list[dict[str, Any]]:
        """Global commands, plus this guild's own commands when a guild is given (copies)."""
        result = [copy.deepcopy(c) for c in self.commands.get(None, {}).values()]
        if guild is not None:
            gid = guild.id if isinstance(guild, Guild) else int(guild)
            result += [copy.deepcopy(c) for c in self.commands.get(gid, {}).values()]
        return result

    def find_command(self, guild: Optional[Guild], name: str, ctype: int = 1) -> Optional[dict[str, Any]]:
        """The registered command of this type and name seen in `guild` (its own first, then global)."""
        scopes: list[Optional[int]] = [guild.id, None] if guild is not None else [None]
        for scope in scopes:
            for cmd in self.commands.get(scope, {}).values():
                if cmd["name"] == name and cmd["type"] == ctype:
                    return cmd
        return None

    # ------------------------------------------------------------------------------------------------
    # events

    def subscribe(self, callback: Callable[[StateEvent], Any]) -> Callable[[], None]:
        """Call ``callback(event)`` on every state change; returns a function that unsubscribes.
        A coroutine callback is run as a task."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def _emit(self, kind: str, **kw: Any) -> None:
        event = self._to_gateway_and_event(kind, kw)
        if event is None or not self._subscribers:
            return
        for callback in list(self._subscribers):
            try:
                result = callback(event)
                if inspect.isawaitable(result):
                    task = asyncio.ensure_future(result)
                    self._background.add(task)
                    task.add_done_callback(self._background.discard)
            except Exception:  # a subscriber's bug must not break the server
                log.exception("fakediscord subscriber %r failed on %s", callback, kind)

    def _to_gateway_and_event(self, kind: str, kw: dict[str, Any]) -> Optional[StateEvent]:
        gw = getattr(self, "gateway", None)
        if kind.startswith("message_"):
            msg: Message = kw["message"]
            data = msg.to_dict()
            if gw is not None and msg.visible_to is None:
                gw.dispatch_message(kind, msg, data)
            return StateEvent(kind, data, visible_to=msg.visible_to, guild_id=msg.guild_id,
                              channel_id=msg.channel.id, message=msg)
        guild: Optional[Guild] = kw.get("guild")
        if kind == "guild_created":
            if gw is not None:
                gw.dispatch_guild_create(guild)
            return StateEvent(kind, guild.base_payload(), guild_id=guild.id)
        if kind == "guild_deleted":
            data = {"id": str(guild.id)}
            if gw is not None:
                gw.dispatch("GUILD_DELETE", data, intent=GUILDS, guild_id=guild.id)
            return StateEvent(kind, data, guild_id=guild.id)
        if kind == "thread_created":
            thread: Channel = kw["channel"]
            data = dict(thread.payload(), newly_created=True)
            if gw is not None:
                gw.dispatch("THREAD_CREATE", data, intent=GUILDS, guild_id=guild.id)
            return StateEvent(kind, data, guild_id=guild.id, channel_id=thread.id)
        if kind in ("channel_created", "channel_updated", "channel_deleted"):
            channel: Channel = kw["channel"]
            data = channel.payload()
            if gw is not None:
                name = {"channel_created": "CHANNEL_CREATE", "channel_updated": "CHANNEL_UPDATE",
                        "channel_deleted": "CHANNEL_DELETE"}[kind]
                gw.dispatch(name, data, intent=GUILDS, guild_id=guild.id)
            return StateEvent(kind, data, guild_id=guild.id, channel_id=channel.id)
        if kind == "role_updated":
            role = kw["role"]
            data = {"guild_id": str(guild.id), "role": role.payload()}
            if gw is not None:
                gw.dispatch("GUILD_ROLE_UPDATE", data, intent=GUILDS, guild_id=guild.id)
            return StateEvent(kind, data, guild_id=guild.id)
        if kind == "role_created":
            role: Role = kw["role"]
            data = {"guild_id": str(guild.id), "role": role.payload()}
            if gw is not None:
                gw.dispatch("GUILD_ROLE_CREATE", data, intent=GUILDS, guild_id=guild.id)
            return StateEvent(kind, data, guild_id=guild.id)
        if kind == "role_deleted":
            data = {"guild_id": str(guild.id), "role_id": str(kw["role"].id)}
            if gw is not None:
                gw.dispatch("GUILD_ROLE_DELETE", data, intent=GUILDS, guild_id=guild.id)
            return StateEvent(kind, data, guild_id=guild.id)
        if kind in ("member_added", "member_updated", "member_removed"):
            member: Member = kw["member"]
            if kind == "member_removed":
                data = {"guild_id": str(guild.id), "user": member.user.payload()}
            else:
                data = member.payload()
                data["guild_id"] = str(guild.id)
            if gw is not None:
                name = {"member_added": "GUILD_MEMBER_ADD", "member_updated": "GUILD_MEMBER_UPDATE",
                        "member_removed": "GUILD_MEMBER_REMOVE"}[kind]
                gw.dispatch(name, data, intent=GUILD_MEMBERS, guild_id=guild.id)
            return StateEvent(kind, data, guild_id=guild.id)
        if kind == "commands_registered":
            scope = kw["scope"]
            return StateEvent(kind, {"guild_id": str(scope) if scope else None, "commands": kw["commands"]},
                              guild_id=scope)
        # interaction-level events carry their own payloads
        return StateEvent(kind, kw.get("data", {}), visible_to=kw.get("visible_to"), guild_id=kw.get("guild_id"),
                          channel_id=kw.get("channel_id"), extra={k: v for k, v in kw.items() if k != "data"})


# gateway intents
GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15
GUILD_PRESENCES = 1 << 8
PRIVILEGED_INTENTS = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT
