"""Acting as users: slash commands, context menus, autocomplete, buttons, selects, modals, messages.

Every interaction call builds the payload Discord would send (options checked against the
registered schema, ``resolved`` filled in), dispatches INTERACTION_CREATE and waits for the
bot's first answer to the callback endpoint. The returned :class:`InteractionResult` reads the
live state, so after ``await r.wait_done()`` it shows the edited response and the follow-ups.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Union

from . import permissions as P
from .interactions import (APPLICATION_COMMAND, AUTOCOMPLETE, MESSAGE_COMPONENT, MODAL, MODAL_SUBMIT,
                           InteractionRecord)
from .models import DM, Attachment, Channel, Guild, Member, Message, Role, User
from .state import StateEvent

if TYPE_CHECKING:  # pragma: no cover
    from .rest import RequestRecord

Actor = Union[Member, User]

DEFAULT_TIMEOUT = 5.0

OPTION_TYPES = {1: "subcommand", 2: "subcommand group", 3: "string", 4: "integer", 5: "boolean", 6: "user",
                7: "channel", 8: "role", 9: "mentionable", 10: "number", 11: "attachment"}


class ModalInfo:
    """The modal a bot opened (callback type 9)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.title: str = data.get("title", "")
        self.custom_id: str = data.get("custom_id", "")
        self.components: list[dict[str, Any]] = data.get("components", [])

    @property
    def fields(self) -> list[dict[str, Any]]:
        """One entry per input: ``{"label", "custom_id", "type", "required", "component"}``."""
        out = []
        for comp in self.components:
            if comp.get("type") == 1:
                for child in comp.get("components") or []:
                    out.append({"label": child.get("label"), "custom_id": child.get("custom_id"),
                                "type": child.get("type"), "required": child.get("required", True),
                                "component": child})
            elif comp.get("type") == 18 and isinstance(comp.get("component"), dict):
                child = comp["component"]
                out.append({"label": comp.get("label"), "custom_id": child.get("custom_id"), "type": child.get("type"),
                            "required": child.get("required", True), "component": child})
        return out

    @property
    def labels(self) -> list[str]:
        return [f["label"] for f in self.fields]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __repr__(self) -> str:
        return f"<Modal title={self.title!r} fields={self.labels!r}>"


class Choices(list):
    """Autocomplete choices (a list of ``{"name", "value"}``) with the interaction's ``result``."""

    result: "InteractionResult"

    @property
    def names(self) -> list[str]:
        return [c.get("name") for c in self]

    @property
    def values(self) -> list[Any]:
        return [c.get("value") for c in self]


class InteractionResult:
    """What the user saw from one interaction. Properties read the live state."""

    def __init__(self, fake: Any, record: InteractionRecord) -> None:
        self._fake = fake
        self.record = record

    # the initial response ---------------------------------------------------------------------------
    @property
    def interaction_id(self) -> int:
        return self.record.id

    @property
    def type(self) -> Optional[int]:
        """Callback type of the accepted initial response (4, 5, 6, 7, 8, 9), or None."""
        return self.record.response_type

    @property
    def latency(self) -> Optional[float]:
        """Seconds from dispatch to the accepted initial response."""
        return self.record.latency

    @property
    def errors(self) -> list[int]:
        """Every Discord error code the bot got back for this interaction, in order."""
        return [e.code for e in self.record.errors]

    @property
    def error(self) -> Optional[int]:
        """The first error code the bot got back; 10062 if no initial response was accepted."""
        if self.record.errors:
            return self.record.errors[0].code
        if self.record.response_type is None:
            return 10062
        return None

    @property
    def error_details(self) -> list[Any]:
        return list(self.record.errors)

    @property
    def dispatched_live(self) -> bool:
        """False if no bot connection was live when the interaction was dispatched."""
        return self.record.dispatched_live

    # what the user sees ----------------------------------------------------------------------------------
    @property
    def message(self) -> Optional[Message]:
        """The response message as it stands now: the created one (4, 5), the updated one (6, 7)."""
        if self.record.original_id is None:
            return None
        return self._fake.messages.get(self.record.original_id)

    @property
    def followups(self) -> list[Message]:
        return [self._fake.messages[m] for m in self.record.followup_ids]

    @property
    def messages(self) -> list[Message]:
        """The response message (if any) then the follow-ups."""
        main = self.message
        return ([main] if main is not None and self.record.response_type in (4, 5) else []) + self.followups

    @property
    def ephemeral(self) -> bool:
        msg = self.message
        if msg is not None:
            return msg.ephemeral
        return self.record.deferred_ephemeral

    @property
    def content(self) -> str:
        msg = self.message
        return msg.content if msg is not None and not msg.deleted else ""

    @property
    def embeds(self) -> list[dict[str, Any]]:
        msg = self.message
        return msg.embeds if msg is not None and not msg.deleted else []

    @property
    def components(self) -> list[dict[str, Any]]:
        msg = self.message
        return msg.components if msg is not None and not msg.deleted else []

    @property
    def attachments(self) -> list[Attachment]:
        msg = self.message
        return msg.attachments if msg is not None and not msg.deleted else []

    @property
    def modal(self) -> Optional[ModalInfo]:
        return ModalInfo(self.record.modal) if self.record.modal is not None else None

    @property
    def choices(self) -> Optional[list[dict[str, Any]]]:
        return self.record.choices

    @property
    def deleted(self) -> bool:
        msg = self.message
        return msg is not None and msg.deleted

    @property
    def done(self) -> bool:
        return self.record.done.is_set()

    @property
    def text(self) -> str:
        """Content and embed text of the response message and every follow-up, one per line."""
        parts = []
        main = self.message
        if main is not None and not main.deleted:
            parts.append(main.text)
        for msg in self.followups:
            if not msg.deleted:
                parts.append(msg.text)
        return "\n".join(p for p in parts if p)

    # waiting -------------------------------------------------------------------------------------------
    async def wait_response(self, timeout: float = DEFAULT_TIMEOUT) -> "InteractionResult":
        """Until an initial response has been accepted."""
        await _wait(self.record.responded, timeout, f"no accepted initial response to interaction {self.record.id}")
        return self

    async def wait_done(self, timeout: float = DEFAULT_TIMEOUT) -> "InteractionResult":
        """Until the response is complete: immediately for 4/7/8/9; for a deferral (5, 6), until
        @original is edited or deleted, or a follow-up arrives."""
        await _wait(self.record.done, timeout,
                    f"interaction {self.record.id} (response type {self.type}) was not completed in {timeout}s")
        return self

    async def wait_followups(self, count: int = 1, timeout: float = DEFAULT_TIMEOUT) -> list[Message]:
        deadline = time.monotonic() + timeout
        while len(self.record.followup_ids) < count:
            await self._wait_change(deadline, f"only {len(self.record.followup_ids)} of {count} follow-ups arrived")
        return self.followups

    async def wait_for_error(self, code: Optional[int] = None, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Until the bot got an error (with this code) for this interaction; returns the code."""
        deadline = time.monotonic() + timeout
        while True:
            for err in self.record.errors:
                if code is None or err.code == code:
                    return err.code
            await self._wait_change(deadline, f"no error {code or ''} for interaction {self.record.id}")

    async def _wait_change(self, deadline: float, message: str) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise asyncio.TimeoutError(message)
        try:
            await asyncio.wait_for(self.record.changed.wait(), remaining)
        except asyncio.TimeoutError:
            raise asyncio.TimeoutError(message) from None

    def __repr__(self) -> str:
        return (f"<InteractionResult id={self.record.id} type={self.type} error={self.error} "
                f"ephemeral={self.ephemeral} text={self.text[:60]!r}>")


async def _wait(event: asyncio.Event, timeout: float, message: str) -> None:
    try:
        await asyncio.wait_for(event.wait(), timeout)
    except asyncio.TimeoutError:
        raise asyncio.TimeoutError(message) from None


class DriverMixin:
    """The user-side API of :class:`FakeDiscord`."""

    # context -----------------------------------------------------------------------------------------------
    def _context(self, who: Actor, in_channel: Optional[Union[Channel, int]]) -> tuple[User, Optional[Member], Optional[Guild], Channel]:
        user = who.user if isinstance(who, Member) else who
        if not isinstance(user, User):
            raise TypeError(f"act as a Member or User, not {who!r}")
        if in_channel is not None:
            channel = in_channel if isinstance(in_channel, Channel) else self.channels[int(in_channel)]
        elif isinstance(who, Member):
            channel = who.guild.default_channel
        else:
            channel = self.dm_channel(user)
        if channel.guild is not None:
            guild = channel.guild
            member = guild.members.get(user.id)
            if member is None:
                raise ValueError(f"{user.name!r} is not a member of {guild.name!r}")
            if not P.has(member.permissions_in(channel), P.VIEW_CHANNEL):
                raise ValueError(f"{user.name!r} cannot see #{channel.name}")
            return user, member, guild, channel
        if channel.type == DM and channel.recipient is not None and channel.recipient.id != user.id:
            raise ValueError(f"{user.name!r} is not in that DM channel")
        return user, None, None, channel

    async def _run(self, rec: InteractionRecord, timeout: Optional[float]) -> InteractionResult:
        result = InteractionResult(self, rec)
        self._dispatch_interaction(rec)
        try:
            await asyncio.wait_for(asyncio.shield(rec.first_reply), DEFAULT_TIMEOUT if timeout is None else timeout)
        except asyncio.TimeoutError:
            pass
        return result

    # application commands --------------------------------------------------------------------------------
    def _command_or_fail(self, guild: Optional[Guild], name: str, ctype: int) -> dict[str, Any]:
        cmd = self.find_command(guild, name, ctype)
        if cmd is None:
            kinds = {1: "slash command", 2: "user command", 3: "message command"}
            known = sorted(c["name"] for c in self.registered_commands(guild) if c["type"] == ctype)
            raise ValueError(f"no registered {kinds[ctype]} {name!r}; registered: {known}")
        return cmd

    def _check_access(self, cmd: dict[str, Any], member: Optional[Member], guild: Optional[Guild],
                      channel: Channel, force: bool) -> None:
        contexts = cmd.get("contexts")
        if guild is None:
            if (contexts is not None and 1 not in contexts) or cmd.get("dm_permission") is False \
                    or cmd.get("guild_id"):
                raise ValueError(f"/{cmd['name']} cannot be used in DMs")
            return
        if contexts is not None and 0 not in contexts:
            raise ValueError(f"/{cmd['name']} cannot be used in servers")
        required = cmd.get("default_member_permissions")
        if required is None or force or member is None:
            return
        required = int(required)
        perms = member.permissions_in(channel)
        if perms & P.ADMINISTRATOR or perms == P.ALL:
            return
        if required == 0 or perms & required != required:
            raise PermissionError(
                f"{member.name!r} cannot see /{cmd['name']} (default_member_permissions={required}); "
                "Discord hides it from them. Pass force_permissions=True to act as if a server admin "
                "had overridden the command's permissions.")

    def _resolve_into(self, resolved: dict[str, dict], value: Any, *, guild: Optional[Guild],
                      member: Optional[Member], channel: Channel, kinds: tuple[str, ...]) -> str:
        """Put an object in ``resolved`` as Discord does and return its id as a string."""
        if isinstance(value, (Member, User)) and "user" in kinds:
            user = value.user
            resolved.setdefault("users", {})[str(user.id)] = user.payload()
            target_member = value if isinstance(value, Member) else (guild.members.get(user.id) if guild else None)
            if target_member is not None and guild is not None and target_member.guild is guild:
                data = target_member.payload(with_user=False, permissions_in=channel)
                resolved.setdefault("members", {})[str(user.id)] = data
            return str(user.id)
        if isinstance(value, Role) and "role" in kinds:
            resolved.setdefault("roles", {})[str(value.id)] = value.payload()
            return str(value.id)
        if isinstance(value, Channel) and "channel" in kinds:
            data = value.payload(permissions_for=member) if member is not None else value.payload()
            data.setdefault("permissions", str(P.ALL))
            resolved.setdefault("channels", {})[str(value.id)] = data
            return str(value.id)
        if "attachment" in kinds and isinstance(value, (dict, Attachment, bytes)):
            att = self._user_attachment(value, channel)
            resolved.setdefault("attachments", {})[str(att.id)] = att.payload()
            return str(att.id)
        raise ValueError(f"expected a {' or '.join(kinds)}, got {value!r}")

    def _user_attachment(self, value: Union[dict, Attachment, bytes], channel: Optional[Channel],
                         ephemeral: bool = True) -> Attachment:
        if isinstance(value, Attachment):
            return value
        if isinstance(value, bytes):
            value = {"filename": "file.bin", "data": value}
        data = value.get("data")
        size = value.get("size")
        if data is None:
            data = b"\0" * min(int(size or 0), 1 << 20)
        if isinstance(data, str):
            data = data.encode()
        return self._store_attachment(channel, value.get("filename", "file.bin"), data,
                                      content_type=value.get("content_type"), description=value.get("description"),
                                      ephemeral=ephemeral, size=int(size) if size is not None else None)

    def _option_value(self, opt: dict[str, Any], value: Any, resolved: dict[str, dict], *, guild: Optional[Guild],
                      member: Optional[Member], channel: Channel, where: str) -> Any:
        otype = opt["type"]
        name = opt["name"]
        label = f"{where} option {name!r}"
        if otype in (3, 4, 10):
            choices = opt.get("choices")
            if choices:
                values = [c["value"] for c in choices]
                if value not in values:
                    by_name = {c["name"]: c["value"] for c in choices}
                    if value in by_name:
                        value = by_name[value]
                    else:
                        raise ValueError(f"{label}: {value!r} is not one of the choices {values}")
        if otype == 3:
            if not isinstance(value, str):
                raise ValueError(f"{label} is a string, got {value!r}")
            if len(value) > 6000 or ("max_length" in opt and len(value) > opt["max_length"]):
                raise ValueError(f"{label}: longer than max_length {opt.get('max_length', 6000)}")
            if "min_length" in opt and len(value) < opt["min_length"]:
                raise ValueError(f"{label}: shorter than min_length {opt['min_length']}")
            return value
        if otype in (4, 10):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or (otype == 4 and not isinstance(value, int)):
                raise ValueError(f"{label} is {'an integer' if otype == 4 else 'a number'}, got {value!r}")
            if opt.get("min_value") is not None and value < opt["min_value"]:
                raise ValueError(f"{label}: {value} is below min_value {opt['min_value']}")
            if opt.get("max_value") is not None and value > opt["max_value"]:
                raise ValueError(f"{label}: {value} is above max_value {opt['max_value']}")
            return value
        if otype == 5:
            if not isinstance(value, bool):
                raise ValueError(f"{label} is a boolean, got {value!r}")
            return value
        kinds = {6: ("user",), 7: ("channel",), 8: ("role",), 9: ("user", "role"), 11: ("attachment",)}[otype]
        if otype == 7:
            if not isinstance(value, Channel):
                raise ValueError(f"{label} is a channel, got {value!r}")
            types = opt.get("channel_types")
            if types and value.type not in types:
                raise ValueError(f"{label}: channel type {value.type} is not one of {types}")
            if guild is not None and value.guild is not guild:
                raise ValueError(f"{label}: #{value.name} is in another guild")
            if value.id not in self.channels:
                raise ValueError(f"{label}: #{value.name} was deleted")
        if otype in (6, 8, 9) and guild is not None:
            if isinstance(value, Role) and value.guild is not guild:
                raise ValueError(f"{label}: role {value.name!r} is in another guild")
        try:
            return self._resolve_into(resolved, value, guild=guild, member=member, channel=channel, kinds=kinds)
        except ValueError as exc:
            raise ValueError(f"{label}: {exc}") from None

    def _command_options(self, cmd: dict[str, Any], path: list[str], values: dict[str, Any], *,
                         guild: Optional[Guild], member: Optional[Member], channel: Channel,
                         focused: Optional[tuple[str, str]] = None) -> tuple[list[dict[str, Any]], dict[str, dict]]:
        resolved: dict[str, dict] = {}
        schema = cmd.get("options") or []
        chain: list[dict[str, Any]] = []
        where = "/" + cmd["name"]
        for part in path:
            found = next((o for o in schema if o["name"] == part and o["type"] in (1, 2)), None)
            if found is None:
                subs = [o["name"] for o in schema if o["type"] in (1, 2)]
                raise ValueError(f"{where} has no subcommand {part!r}; it has {subs}")
            chain.append(found)
            schema = found.get("options") or []
            where += " " + part
        if any(o["type"] in (1, 2) for o in schema):
            subs = [o["name"] for o in schema if o["type"] in (1, 2)]
            raise ValueError(f"{where} needs a subcommand: one of {subs}")
        by_name = {o["name"]: o for o in schema}
        unknown = [k for k in values if k not in by_name]
        if focused is not None and focused[0] not in by_name:
            unknown.append(focused[0])
        if unknown:
            raise ValueError(f"{where} has no option(s) {unknown}; its options are {list(by_name)}")
        leaf: list[dict[str, Any]] = []
        for opt in schema:
            name = opt["name"]
            if focused is not None and name == focused[0]:
                if not opt.get("autocomplete"):
                    raise ValueError(f"{where} option {name!r} has no autocomplete")
                leaf.append({"name": name, "type": opt["type"], "value": focused[1], "focused": True})
                continue
            value = values.get(name)
            if value is None:
                if opt.get("required") and focused is None:
                    raise ValueError(f"{where} needs option {name!r}")
                continue
            leaf.append({"name": name, "type": opt["type"],
                         "value": self._option_value(opt, value, resolved, guild=guild, member=member,
                                                     channel=channel, where=where)})
        options = leaf
        for sub in reversed(chain):
            options = [{"name": sub["name"], "type": sub["type"], "options": options}]
        return options, resolved

    def _command_data(self, cmd: dict[str, Any], options: list, resolved: dict) -> dict[str, Any]:
        data: dict[str, Any] = {"id": cmd["id"], "name": cmd["name"], "type": cmd["type"]}
        if options:
            data["options"] = options
        if resolved:
            data["resolved"] = resolved
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        return data

    async def slash(self, member: Actor, command: str, /, *, in_channel: Optional[Union[Channel, int]] = None,
                    user_locale: Optional[str] = None, response_timeout: Optional[float] = None,
                    options: Optional[dict[str, Any]] = None, force_permissions: bool = False,
                    **kwargs: Any) -> InteractionResult:
        """Run ``/command`` (``"event create"`` for a subcommand, ``"a b c"`` for group + subcommand).

        Keyword arguments are the command's options (``options={...}`` for names that clash with
        the driver's own keywords ``in_channel``, ``user_locale``, ``response_timeout``,
        ``force_permissions``). Options are checked against the registered schema (ValueError).
        """
        user, m, guild, channel = self._context(member, in_channel)
        parts = command.strip().lstrip("/").split()
        if not parts:
            raise ValueError("empty command")
        cmd = self._command_or_fail(guild, parts[0], 1)
        self._check_access(cmd, m, guild, channel, force_permissions)
        values = dict(options or {})
        values.update(kwargs)
        opts, resolved = self._command_options(cmd, parts[1:], values, guild=guild, member=m, channel=channel)
        rec = self._new_interaction(APPLICATION_COMMAND, self._command_data(cmd, opts, resolved), user=user,
                                    member=m, guild=guild, channel=channel, name=cmd["name"])
        rec.locale = user_locale
        return await self._run(rec, response_timeout)

    async def autocomplete(self, member: Actor, command: str, option: str, value: str = "", /, *,
                           in_channel: Optional[Union[Channel, int]] = None, response_timeout: Optional[float] = None,
                           options: Optional[dict[str, Any]] = None, force_permissions: bool = False,
                           **kwargs: Any) -> Choices:
        """Type ``value`` into ``option`` of ``/command``; returns the choices the bot offered."""
        user, m, guild, channel = self._context(member, in_channel)
        parts = command.strip().lstrip("/").split()
        cmd = self._command_or_fail(guild, parts[0], 1)
        self._check_access(cmd, m, guild, channel, force_permissions)
        values = dict(options or {})
        values.update(kwargs)
        opts, _ = self._command_options(cmd, parts[1:], values, guild=guild, member=m, channel=channel,
                                        focused=(option, str(value)))
        rec = self._new_interaction(AUTOCOMPLETE, self._command_data(cmd, opts, {}), user=user, member=m,
                                    guild=guild, channel=channel, name=cmd["name"])
        result = await self._run(rec, response_timeout)
        choices = Choices(result.choices or [])
        choices.result = result
        return choices

    async def context_menu(self, member: Actor, name: str, target: Any, *,
                           in_channel: Optional[Union[Channel, int]] = None, response_timeout: Optional[float] = None,
                           force_permissions: bool = False) -> InteractionResult:
        """Run a message command (``target`` a message) or a user command (``target`` a member/user)."""
        if isinstance(target, (Member, User)):
            user, m, guild, channel = self._context(member, in_channel)
            cmd = self._command_or_fail(guild, name, 2)
            resolved: dict[str, dict] = {}
            target_id = self._resolve_into(resolved, target, guild=guild, member=m, channel=channel, kinds=("user",))
        else:
            msg = self._resolve_message(target)
            if msg.deleted or msg.visible_to is not None:
                raise ValueError("cannot run a message command on a deleted or ephemeral message")
            user, m, guild, channel = self._context(member, in_channel or msg.channel)
            cmd = self._command_or_fail(guild, name, 3)
            resolved = {"messages": {str(msg.id): msg.to_dict()}}
            target_id = str(msg.id)
        self._check_access(cmd, m, guild, channel, force_permissions)
        data = self._command_data(cmd, [], resolved)
        data["target_id"] = target_id
        rec = self._new_interaction(APPLICATION_COMMAND, data, user=user, member=m, guild=guild, channel=channel,
                                    name=cmd["name"])
        return await self._run(rec, response_timeout)

    # components --------------------------------------------------------------------------------------------
    def _component_context(self, member: Actor, message: Any) -> tuple[User, Optional[Member], Optional[Guild], Message]:
        msg = self._resolve_message(message)
        if msg.deleted:
            raise ValueError(f"message {msg.id} was deleted")
        user, m, guild, _ = self._context(member, msg.channel)
        if msg.visible_to is not None and msg.visible_to != user.id:
            raise ValueError(f"message {msg.id} is ephemeral and only its recipient can use it")
        return user, m, guild, msg

    async def click(self, member: Actor, message: Any, label: Optional[str] = None, *,
                    custom_id: Optional[str] = None, response_timeout: Optional[float] = None) -> InteractionResult:
        """Click the button with this label (or ``custom_id``) on ``message`` (a message, its id, or
        an InteractionResult). A disabled or link button raises ValueError."""
        user, m, guild, msg = self._component_context(member, message)
        button = msg.button(label, custom_id=custom_id)
        if button.get("disabled"):
            raise ValueError(f"button {button.get('label') or button.get('custom_id')!r} is disabled")
        if button.get("style") in (5, 6) or not button.get("custom_id"):
            raise ValueError(f"button {button.get('label')!r} is a link/premium button: clicking sends no interaction")
        data = {"custom_id": button["custom_id"], "component_type": 2, "id": button.get("id")}
        rec = self._new_interaction(MESSAGE_COMPONENT, data, user=user, member=m, guild=guild, channel=msg.channel,
                                    message=msg)
        return await self._run(rec, response_timeout)

    async def forge_component(self, member: Actor, message: Any, custom_id: str, *, component_type: int = 2,
                              values: Iterable[str] = (), response_timeout: Optional[float] = None
                              ) -> InteractionResult:
        """Send a component interaction on ``message`` with any custom_id and component type, as a
        modified client or a stale cache could: nothing checks that the message has such a component."""
        user, m, guild, msg = self._component_context(member, message)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
        if component_type != 2:
            data["values"] = list(values)
        rec = self._new_interaction(MESSAGE_COMPONENT, data, user=user, member=m, guild=guild, channel=msg.channel,
                                    message=msg)
        return await self._run(rec, response_timeout)

    async def forge_modal_submit(self, member: Actor, channel: Any, custom_id: str, *,
                                 values: Optional[dict[str, str]] = None,
                                 response_timeout: Optional[float] = None) -> InteractionResult:
        """Submit a modal the bot never opened (a forged or long-expired one) in ``channel``."""
        user, m, guild, ch = self._context(member, channel)
        components = [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
                      for k, v in (values or {"text": "x"}).items()]
        rec = self._new_interaction(MODAL_SUBMIT, {"custom_id": custom_id, "components": components},
                                    user=user, member=m, guild=guild, channel=ch)
        return await self._run(rec, response_timeout)

    async def select(self, member: Actor, message: Any, values: Iterable[Any], *, custom_id: Optional[str] = None,
                     placeholder: Optional[str] = None, response_timeout: Optional[float] = None) -> InteractionResult:
        """Choose ``values`` in a select menu (string selects: option values or labels; user, role,
        channel and mentionable selects: the objects)."""
        user, m, guild, msg = self._component_context(member, message)
        selects = msg.selects
        if custom_id is None and placeholder is None and len(selects) == 1:
            component = selects[0]
        else:
            component = msg.select(placeholder, custom_id=custom_id)
        if component.get("disabled"):
            raise ValueError(f"select {component.get('placeholder') or component.get('custom_id')!r} is disabled")
        resolved: dict[str, dict] = {}
        chosen = self._select_values(component, list(values), resolved, guild=guild, member=m, channel=msg.channel)
        data: dict[str, Any] = {"custom_id": component["custom_id"], "component_type": component["type"],
                                "values": chosen, "id": component.get("id")}
        if resolved:
            data["resolved"] = resolved
        rec = self._new_interaction(MESSAGE_COMPONENT, data, user=user, member=m, guild=guild, channel=msg.channel,
                                    message=msg)
        return await self._run(rec, response_timeout)

    def _select_values(self, component: dict[str, Any], values: list[Any], resolved: dict[str, dict], *,
                       guild: Optional[Guild], member: Optional[Member], channel: Channel) -> list[str]:
        ctype = component["type"]
        what = component.get("placeholder") or component.get("custom_id")
        low, high = component.get("min_values", 1), component.get("max_values", 1)
        if not low <= len(values) <= high:
            raise ValueError(f"select {what!r} takes {low}..{high} values, got {len(values)}")
        if ctype == 3:
            options = component.get("options") or []
            by_label = {o["label"]: o["value"] for o in options}
            allowed = [o["value"] for o in options]
            out = []
            for v in values:
                if v in allowed:
                    out.append(v)
                elif v in by_label:
                    out.append(by_label[v])
                else:
                    raise ValueError(f"select {what!r} has no option {v!r}; options: {allowed}")
            return out
        kinds = {5: ("user",), 6: ("role",), 7: ("channel",), 8: ("user", "role")}[ctype]
        out = []
        for v in values:
            if ctype == 7 and component.get("channel_types") and isinstance(v, Channel) \
                    and v.type not in component["channel_types"]:
                raise ValueError(f"select {what!r} does not accept channel type {v.type}")
            out.append(self._resolve_into(resolved, v, guild=guild, member=member, channel=channel, kinds=kinds))
        return out

    async def submit_modal(self, member: Actor, source: Any, values: Optional[dict[str, Any]] = None, *,
                           response_timeout: Optional[float] = None) -> InteractionResult:
        """Fill in and submit the modal that ``source`` (an InteractionResult of type 9) opened.
        ``values`` keys are input labels or custom_ids; omitted inputs keep their default value."""
        parent = source.record if isinstance(source, InteractionResult) else source
        if not isinstance(parent, InteractionRecord) or parent.modal is None or parent.response_type != MODAL:
            raise ValueError("that interaction did not open a modal")
        user = member.user if isinstance(member, Member) else member
        if user.id != parent.user.id:
            raise ValueError("only the user who opened the modal can submit it")
        modal = parent.modal
        resolved: dict[str, dict] = {}
        components = self._modal_components(modal, dict(values or {}), resolved, parent)
        data: dict[str, Any] = {"custom_id": modal["custom_id"], "components": components}
        if resolved:
            data["resolved"] = resolved
        msg = parent.message if parent.type == MESSAGE_COMPONENT else None
        if msg is not None and msg.deleted:
            msg = None
        rec = self._new_interaction(MODAL_SUBMIT, data, user=user, member=parent.member, guild=parent.guild,
                                    channel=parent.channel, message=msg, parent=parent)
        return await self._run(rec, response_timeout)

    def _modal_components(self, modal: dict[str, Any], values: dict[str, Any], resolved: dict[str, dict],
                          parent: InteractionRecord) -> list[dict[str, Any]]:
        out = []
        used: set[str] = set()

        def take(label: Optional[str], custom_id: Optional[str]) -> tuple[bool, Any]:
            for key in (label, custom_id):
                if key is not None and key in values:
                    used.add(key)
                    return True, values[key]
            return False, None

        for comp in modal.get("components") or []:
            ctype = comp.get("type")
            if ctype == 1:
                children = []
                for child in comp.get("components") or []:
                    given, value = take(child.get("label"), child.get("custom_id"))
                    children.append(self._modal_input(child, child.get("label"), given, value, resolved, parent))
                out.append({"type": 1, "id": comp.get("id"), "components": children})
            elif ctype == 18:
                child = comp.get("component") or {}
                given, value = take(comp.get("label"), child.get("custom_id"))
                out.append({"type": 18, "id": comp.get("id"),
                            "component": self._modal_input(child, comp.get("label"), given, value, resolved, parent)})
            elif ctype == 10:
                out.append({"type": 10, "id": comp.get("id"), "content": comp.get("content", "")})
        unused = [k for k in values if k not in used]
        if unused:
            labels = ModalInfo(modal).fields
            raise ValueError(f"modal {modal.get('title')!r} has no input(s) {unused}; inputs: "
                             f"{[(f['label'], f['custom_id']) for f in labels]}")
        return out

    def _modal_input(self, child: dict[str, Any], label: Optional[str], given: bool, value: Any,
                     resolved: dict[str, dict], parent: InteractionRecord) -> dict[str, Any]:
        ctype = child.get("type")
        name = label or child.get("custom_id")
        required = child.get("required", True)
        base = {"type": ctype, "custom_id": child.get("custom_id"), "id": child.get("id")}
        if ctype == 4:
            text = value if given else (child.get("value") or "")
            if not isinstance(text, str):
                raise ValueError(f"modal input {name!r} takes text, got {text!r}")
            if required and not text:
                raise ValueError(f"modal input {name!r} is required")
            if text and child.get("min_length") is not None and len(text) < child["min_length"]:
                raise ValueError(f"modal input {name!r} needs at least {child['min_length']} characters")
            if child.get("max_length") is not None and len(text) > child["max_length"]:
                raise ValueError(f"modal input {name!r} allows at most {child['max_length']} characters")
            if len(text) > 4000:
                raise ValueError(f"modal input {name!r} allows at most 4000 characters")
            return dict(base, value=text)
        if ctype in (3, 5, 6, 7, 8):
            chosen = list(value) if given else [o["value"] for o in child.get("options") or [] if o.get("default")]
            if not chosen and not required:
                return dict(base, values=[])
            component = dict(child)
            if not required:
                component["min_values"] = 0
            return dict(base, values=self._select_values(component, chosen, resolved, guild=parent.guild,
                                                         member=parent.member, channel=parent.channel))
        if ctype == 19:
            files = list(value) if given else []
            if required and not files:
                raise ValueError(f"modal file upload {name!r} is required")
            ids = []
            for f in files:
                ids.append(self._resolve_into(resolved, f, guild=parent.guild, member=parent.member,
                                              channel=parent.channel, kinds=("attachment",)))
            return dict(base, values=ids)
        if ctype == 21:
            return dict(base, value=value if given else None)
        if ctype == 22:
            return dict(base, values=list(value) if given else [])
        if ctype == 23:
            return dict(base, value=bool(value) if given else False)
        return dict(base, value=value)

    # plain messages ----------------------------------------------------------------------------------------
    # These act at once and return the Message, which may also be awaited (``await fake.post_message``
    # and ``fake.post_message`` both work).

    def post_message(self, member: Actor, channel: Union[Channel, int], content: str = "", *,
                     attachments: Optional[list[Union[dict, bytes]]] = None,
                     embeds: Optional[list[dict]] = None, reply_to: Any = None) -> Message:
        """Post as a user (MESSAGE_CREATE is dispatched). ``attachments``: dicts with filename,
        content_type, size and/or data (bytes)."""
        user, m, guild, ch = self._context(member, channel)
        if guild is not None and not P.has(m.permissions_in(ch), P.SEND_MESSAGES):
            raise ValueError(f"{user.name!r} cannot send messages in #{ch.name}")
        payload: dict[str, Any] = {"content": content}
        if embeds:
            payload["embeds"] = embeds
        if reply_to is not None:
            payload["message_reference"] = {"message_id": str(self._resolve_message(reply_to).id)}
        atts = [self._user_attachment(a, ch, ephemeral=False) for a in attachments or []]
        return self._create_message(ch, user, payload, [], prebuilt_attachments=atts)

    def edit_message(self, member: Actor, message: Any, content: str) -> Message:
        """Edit a user's own message (MESSAGE_UPDATE is dispatched)."""
        msg = self._resolve_message(message)
        user = member.user if isinstance(member, Member) else member
        if msg.author.id != user.id:
            raise ValueError("users can only edit their own messages")
        return self._edit_message(msg, {"content": content})

    def delete_message(self, message: Any) -> Message:
        """Delete any message, as its author or a moderator would (MESSAGE_DELETE is dispatched)."""
        msg = self._resolve_message(message)
        self._delete_message(msg)
        return msg

    def react(self, member: Actor, message: Any, emoji: str) -> Message:
        """Add a reaction as a user (MESSAGE_REACTION_ADD is dispatched)."""
        msg = self._resolve_message(message)
        user = member.user if isinstance(member, Member) else member
        msg.reactions.setdefault(emoji, set()).add(user.id)
        data = {"user_id": str(user.id), "channel_id": str(msg.channel.id), "message_id": str(msg.id),
                "emoji": {"id": None, "name": emoji}, "type": 0, "burst": False}
        if msg.guild_id:
            data["guild_id"] = str(msg.guild_id)
            member_obj = msg.channel.guild.members.get(user.id)
            if member_obj is not None:
                data["member"] = member_obj.payload()
        self.gateway.dispatch("MESSAGE_REACTION_ADD", data, intent=(1 << 10) if msg.guild_id else (1 << 13),
                              guild_id=msg.guild_id)
        return msg

    # waiting for the bot ---------------------------------------------------------------------------------------
    async def wait_for_message(self, channel: Optional[Union[Channel, int]] = None, *,
                               predicate: Optional[Callable[[Message], bool]] = None, timeout: float = DEFAULT_TIMEOUT,
                               author: Optional[Actor] = None, include_existing: bool = False) -> Message:
        """The next message the bot (or ``author``) creates, in ``channel`` if given, that matches."""
        channel_id = None if channel is None else (channel.id if isinstance(channel, Channel) else int(channel))
        author_id = self.bot_user.id if author is None else author.id

        def matches(msg: Message) -> bool:
            return (not msg.deleted and msg.author.id == author_id
                    and (channel_id is None or msg.channel.id == channel_id)
                    and (predicate is None or predicate(msg)))

        if include_existing:
            pool = self.channel_messages(channel_id, include_ephemeral=True) if channel_id else list(self.messages.values())
            for msg in pool:
                if matches(msg):
                    return msg
        return await self._wait_event("message_created", lambda e: matches(e.message), timeout,
                                      "no matching message")

    async def wait_for_dm(self, member: Actor, *, predicate: Optional[Callable[[Message], bool]] = None,
                          timeout: float = DEFAULT_TIMEOUT) -> Message:
        """The next DM the bot sends this user."""
        return await self.wait_for_message(self.dm_channel(member), predicate=predicate, timeout=timeout)

    async def wait_for_edit(self, message: Any, *, predicate: Optional[Callable[[Message], bool]] = None,
                            timeout: float = DEFAULT_TIMEOUT) -> Message:
        """The next edit of this message (that matches)."""
        msg = self._resolve_message(message)
        return await self._wait_event(
            "message_updated", lambda e: e.message.id == msg.id and (predicate is None or predicate(e.message)),
            timeout, f"message {msg.id} was not edited")

    async def _wait_event(self, kind: str, check: Callable[[StateEvent], bool], timeout: float, what: str) -> Any:
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()

        def on_event(event: StateEvent) -> None:
            if event.kind == kind and not future.done():
                try:
                    if check(event):
                        future.set_result(event.message)
                except Exception as exc:  # the predicate failed: surface it in the test
                    future.set_exception(exc)

        unsubscribe = self.subscribe(on_event)
        try:
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError:
            raise asyncio.TimeoutError(f"{what} within {timeout}s") from None
        finally:
            unsubscribe()

    async def wait_for_request(self, method: Optional[str] = None, path: Optional[str] = None, *,
                               predicate: Optional[Callable[["RequestRecord"], bool]] = None,
                               timeout: float = DEFAULT_TIMEOUT, start: int = 0) -> "RequestRecord":
        """The first recorded REST request (from index ``start``) with this method and a path
        containing ``path`` that matches ``predicate``."""
        deadline = time.monotonic() + timeout
        index = start
        while True:
            while index < len(self.requests):
                rec = self.requests[index]
                index += 1
                if rec.status and (method is None or rec.method == method) and (path is None or path in rec.path) \
                        and (predicate is None or predicate(rec)):
                    return rec
            if time.monotonic() > deadline:
                raise asyncio.TimeoutError(f"no {method or ''} request to {path or 'anything'} within {timeout}s")
            await asyncio.sleep(0.01)
