"""Interactions as Discord runs them: dispatch, the 3-second initial response, the 15-minute token.

An :class:`InteractionRecord` is the server's memory of one interaction. The driver creates it
and dispatches INTERACTION_CREATE; REST handlers call :meth:`InteractionLogic.interaction_callback`
and the ``webhook_*`` methods with whatever the bot sent.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from . import errors as E
from . import permissions as P
from .errors import APIError, FormErrors
from .limits import FILE_SIZE, FLAG_EPHEMERAL, FLAG_LOADING, validate_choices, validate_modal
from .models import Channel, Guild, Member, Message, User

if TYPE_CHECKING:  # pragma: no cover
    from .state import UploadedFile

PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5
PONG, CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE, \
    AUTOCOMPLETE_RESULT, MODAL = 1, 4, 5, 6, 7, 8, 9

# which callback types each interaction type accepts
ALLOWED_CALLBACKS = {
    PING: {PONG},
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE, MODAL},
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    MODAL_SUBMIT: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE},
}


@dataclass
class ErrorRecord:
    code: int
    status: int
    message: str
    route: str
    at: float
    errors: Optional[dict[str, Any]] = None


class InteractionRecord:
    """One interaction, from dispatch to its last follow-up."""

    def __init__(self, interaction_id: int, token: str, type: int, data: dict[str, Any], *, user: User,
                 member: Optional[Member], guild: Optional[Guild], channel: Channel,
                 message: Optional[Message] = None, parent: Optional["InteractionRecord"] = None,
                 name: Optional[str] = None) -> None:
        self.id = interaction_id
        self.token = token
        self.type = type
        self.data = data
        self.user = user
        self.member = member
        self.guild = guild
        self.channel = channel
        self.message = message  # the message holding the clicked component (or the modal's origin)
        self.parent = parent    # for a modal submit: the interaction that opened the modal
        self.name = name        # command name for application commands
        self.locale: Optional[str] = None  # overrides the user's locale for this interaction
        self.payload: Optional[dict[str, Any]] = None  # the INTERACTION_CREATE data as dispatched
        self.created = time.monotonic()
        self.created_wall = time.time()
        self.dispatched_live = False
        self.response_type: Optional[int] = None
        self.responded_at: Optional[float] = None
        self.original_id: Optional[int] = None
        self.followup_ids: list[int] = []
        self.completed_by: Optional[str] = None  # "edit", "followup" or "delete" for deferred responses
        self.deferred_ephemeral = False
        self.modal: Optional[dict[str, Any]] = None
        self.choices: Optional[list[dict[str, Any]]] = None
        self.errors: list[ErrorRecord] = []
        loop = asyncio.get_running_loop()
        self.first_reply: asyncio.Future[None] = loop.create_future()
        self.responded = asyncio.Event()
        self.done = asyncio.Event()
        self.changed = asyncio.Event()

    @property
    def age(self) -> float:
        return time.monotonic() - self.created

    @property
    def latency(self) -> Optional[float]:
        return None if self.responded_at is None else self.responded_at - self.created

    def _notify(self) -> None:
        if not self.first_reply.done():
            self.first_reply.set_result(None)
        self.changed.set()
        self.changed = asyncio.Event()

    def add_error(self, err: APIError, route: str) -> None:
        self.errors.append(ErrorRecord(err.code, err.status, err.message, route, time.monotonic(), err.errors))
        self._notify()

    def metadata(self) -> dict[str, Any]:
        """The ``interaction_metadata`` Discord puts on messages created by this interaction."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "user": self.user.payload(),
            "authorizing_integration_owners": ({"0": str(self.guild.id)} if self.guild else {"1": str(self.user.id)}),
        }
        if self.type == APPLICATION_COMMAND and self.name:
            data["name"] = self.name
            data["command_type"] = self.data.get("type", 1)
            if self.data.get("target_id") and self.data.get("type") == 2:
                data["target_user"] = self.data["resolved"]["users"][self.data["target_id"]]
            if self.data.get("target_id") and self.data.get("type") == 3:
                data["target_message_id"] = self.data["target_id"]
        if self.type == MESSAGE_COMPONENT and self.message is not None:
            data["interacted_message_id"] = str(self.message.id)
        if self.type == MODAL_SUBMIT and self.parent is not None:
            data["triggering_interaction_metadata"] = self.parent.metadata()
        return data

    def __repr__(self) -> str:
        return f"<InteractionRecord id={self.id} type={self.type} response={self.response_type}>"


class InteractionLogic:
    """Mixin for :class:`FakeDiscord`: creating interactions and answering the bot's callbacks."""

    response_deadline: float = 3.0
    token_lifetime: float = 15 * 60.0

    def _init_interactions(self) -> None:
        self.interactions: dict[int, InteractionRecord] = {}
        self._interactions_by_token: dict[str, InteractionRecord] = {}

    # creation ---------------------------------------------------------------------------------------
    def _new_interaction(self, type: int, data: dict[str, Any], *, user: User, member: Optional[Member],
                         guild: Optional[Guild], channel: Channel, message: Optional[Message] = None,
                         parent: Optional[InteractionRecord] = None, name: Optional[str] = None) -> InteractionRecord:
        self._prune_interactions()
        iid = self._next_id()
        token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)
        rec = InteractionRecord(iid, token, type, data, user=user, member=member, guild=guild, channel=channel,
                                message=message, parent=parent, name=name)
        self.interactions[iid] = rec
        self._interactions_by_token[token] = rec
        return rec

    def _prune_interactions(self) -> None:
        # records are in creation order; drop the ones whose token expired long ago
        cutoff = self.token_lifetime * 2
        while self.interactions:
            first = next(iter(self.interactions.values()))
            if first.age < cutoff:
                break
            del self.interactions[first.id]
            self._interactions_by_token.pop(first.token, None)

    def _interaction_payload(self, rec: InteractionRecord) -> dict[str, Any]:
        guild, channel, member = rec.guild, rec.channel, rec.member
        bot_member = guild.me if guild is not None else None
        app_perms = P.channel_permissions(bot_member, channel) if bot_member is not None else \
            (P.VIEW_CHANNEL | P.SEND_MESSAGES | P.EMBED_LINKS | P.ATTACH_FILES | P.READ_MESSAGE_HISTORY)
        payload: dict[str, Any] = {
            "id": str(rec.id),
            "application_id": str(self.application_id),
            "type": rec.type,
            "data": rec.data,
            "token": rec.token,
            "version": 1,
            "locale": rec.locale or rec.user.locale,
            "app_permissions": str(app_perms),
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": FILE_SIZE,
            "authorizing_integration_owners": ({"0": str(guild.id)} if guild else {"1": str(rec.user.id)}),
            "context": 0 if guild else 1,
            "channel_id": str(channel.id),
            "channel": channel.payload(permissions_for=member) if guild else channel.payload(),
        }
        if guild is not None and member is not None:
            payload["guild_id"] = str(guild.id)
            payload["guild"] = {"id": str(guild.id), "locale": guild.locale, "features": []}
            payload["guild_locale"] = guild.locale
            payload["member"] = member.payload(permissions_in=channel)
        else:
            payload["user"] = rec.user.payload()
        if rec.message is not None and rec.type in (MESSAGE_COMPONENT, MODAL_SUBMIT):
            payload["message"] = rec.message.to_dict()
        return payload

    def _dispatch_interaction(self, rec: InteractionRecord) -> None:
        payload = rec.payload = self._interaction_payload(rec)
        rec.created = time.monotonic()
        sent = self.gateway.dispatch("INTERACTION_CREATE", payload,
                                     guild_id=rec.guild.id if rec.guild else None)
        rec.dispatched_live = bool(sent) and self.gateway.connected
        self._emit("interaction_created", data=payload, visible_to=rec.user.id,
                   guild_id=rec.guild.id if rec.guild else None, channel_id=rec.channel.id, interaction=rec)

    # the initial response -------------------------------------------------------------------------
    def _find_interaction(self, interaction_id: str, token: str) -> InteractionRecord:
        try:
            rec = self.interactions.get(int(interaction_id))
        except ValueError:
            rec = None
        if rec is None or not secrets.compare_digest(rec.token, token):
            raise E.unknown_interaction()
        return rec

    def interaction_callback(self, interaction_id: str, token: str, payload: Any,
                             files: list["UploadedFile"], *, with_response: bool) -> Optional[dict[str, Any]]:
        rec = self._find_interaction(interaction_id, token)
        route = "POST /interactions/{id}/{token}/callback"
        try:
            result = self._callback(rec, payload, files, with_response=with_response)
        except APIError as err:
            rec.add_error(err, route)
            raise
        return result

    def _callback(self, rec: InteractionRecord, payload: Any, files: list["UploadedFile"], *,
                  with_response: bool) -> Optional[dict[str, Any]]:
        if rec.response_type is not None:
            raise E.already_acknowledged()
        if rec.age > self.response_deadline:
            raise E.unknown_interaction()
        if not isinstance(payload, dict):
            raise E.invalid_form_body({"type": {"_errors": [{"code": "BASE_TYPE_REQUIRED",
                                                             "message": "This field is required"}]}})
        ctype = payload.get("type")
        data = payload.get("data") or {}
        errors = FormErrors()
        if ctype not in ALLOWED_CALLBACKS.get(rec.type, set()):
            errors.add(("type",), "INTERACTION_RESPONSE_TYPE_INVALID",
                       f"Interaction response type {ctype} is not valid for interaction type {rec.type}")
            errors.raise_if_any()
        if ctype == UPDATE_MESSAGE or ctype == DEFERRED_UPDATE_MESSAGE:
            if rec.message is None:  # a modal submit from a slash command has no message to update
                errors.add(("type",), "INTERACTION_RESPONSE_TYPE_INVALID",
                           "This interaction has no message to update")
                errors.raise_if_any()
        if ctype == MODAL:
            validate_modal(errors, data)
            errors.raise_if_any()
        elif ctype == AUTOCOMPLETE_RESULT:
            validate_choices(errors, data)
            errors.raise_if_any()

        message: Optional[Message] = None
        if ctype == CHANNEL_MESSAGE:
            ephemeral = bool((data.get("flags") or 0) & FLAG_EPHEMERAL)
            message = self._create_message(
                rec.channel, self.bot_user, data, files, visible_to=rec.user.id if ephemeral else None,
                type=self._response_message_type(rec), webhook_id=self.application_id,
                extra_flags=FLAG_EPHEMERAL if ephemeral else 0, interaction_metadata=rec.metadata(),
                interaction_id=rec.id, error_prefix=("data",))
            rec.original_id = message.id
        elif ctype == DEFERRED_CHANNEL_MESSAGE:
            ephemeral = bool((data.get("flags") or 0) & FLAG_EPHEMERAL)
            rec.deferred_ephemeral = ephemeral
            message = self._create_message(
                rec.channel, self.bot_user, {}, [], visible_to=rec.user.id if ephemeral else None,
                type=self._response_message_type(rec), webhook_id=self.application_id,
                extra_flags=FLAG_LOADING | (FLAG_EPHEMERAL if ephemeral else 0),
                interaction_metadata=rec.metadata(), interaction_id=rec.id, allow_empty=True)
            rec.original_id = message.id
        elif ctype == DEFERRED_UPDATE_MESSAGE:
            rec.original_id = rec.message.id if rec.message is not None else None
        elif ctype == UPDATE_MESSAGE:
            target = rec.message
            if target is None or target.deleted:
                raise E.not_found(E.UNKNOWN_MESSAGE, "Message")
            message = self._edit_message(target, data, files, error_prefix=("data",))
            rec.original_id = target.id
        elif ctype == AUTOCOMPLETE_RESULT:
            rec.choices = list(data.get("choices") or [])
            self._emit("autocomplete_answered", data={"choices": rec.choices}, visible_to=rec.user.id,
                       guild_id=rec.guild.id if rec.guild else None, channel_id=rec.channel.id, interaction=rec)
        elif ctype == MODAL:
            rec.modal = dict(data, components=self._normalise_components(data.get("components")))
            data = rec.modal
            self._emit("modal_opened", data=data, visible_to=rec.user.id,
                       guild_id=rec.guild.id if rec.guild else None, channel_id=rec.channel.id, interaction=rec)

        rec.response_type = ctype
        rec.responded_at = time.monotonic()
        rec.responded.set()
        if ctype not in (DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE):
            rec.done.set()
        rec._notify()
        if not with_response:
            return None
        return self._callback_response(rec, ctype, message)

    def _response_message_type(self, rec: InteractionRecord) -> int:
        if rec.type == APPLICATION_COMMAND:
            return 20 if rec.data.get("type", 1) == 1 else 23
        return 0

    def _callback_response(self, rec: InteractionRecord, ctype: int, message: Optional[Message]) -> dict[str, Any]:
        interaction: dict[str, Any] = {"id": str(rec.id), "type": rec.type}
        if message is not None:
            interaction["response_message_id"] = str(message.id)
            interaction["response_message_loading"] = message.loading
            interaction["response_message_ephemeral"] = message.ephemeral
        resource: dict[str, Any] = {"type": ctype}
        if message is not None:
            resource["message"] = message.to_dict()
        return {"interaction": interaction, "resource": resource}

    # the interaction webhook ---------------------------------------------------------------------------
    def _webhook_record(self, application_id: str, token: str) -> InteractionRecord:
        if str(application_id) != str(self.application_id):
            raise E.not_found(E.UNKNOWN_WEBHOOK, "Webhook")
        rec = self._interactions_by_token.get(token)
        if rec is None or rec.age > self.token_lifetime:
            raise APIError(401, E.INVALID_WEBHOOK_TOKEN, "Invalid Webhook Token")
        if rec.response_type is None:
            raise E.not_found(E.UNKNOWN_WEBHOOK, "Webhook")
        return rec

    def _webhook_message(self, rec: InteractionRecord, message_id: str) -> Message:
        if message_id == "@original":
            if rec.original_id is None:
                raise E.not_found(E.UNKNOWN_MESSAGE, "Message")
            mid = rec.original_id
        else:
            try:
                mid = int(message_id)
            except ValueError:
                raise E.not_found(E.UNKNOWN_MESSAGE, "Message") from None
            if mid != rec.original_id and mid not in rec.followup_ids:
                raise E.not_found(E.UNKNOWN_MESSAGE, "Message")
        msg = self.messages.get(mid)
        if msg is None or msg.deleted:
            raise E.not_found(E.UNKNOWN_MESSAGE, "Message")
        return msg

    def _guarded(self, application_id: str, token: str, route: str, fn: Any) -> Any:
        """Run ``fn(record)`` for a webhook request; errors are remembered on the interaction."""
        known = self._interactions_by_token.get(token)
        try:
            return fn(self._webhook_record(application_id, token))
        except APIError as err:
            if known is not None:
                known.add_error(err, route)
            raise

    def webhook_execute(self, application_id: str, token: str, payload: dict[str, Any],
                        files: list["UploadedFile"]) -> dict[str, Any]:
        def run(rec: InteractionRecord) -> dict[str, Any]:
            original = self.messages.get(rec.original_id) if rec.original_id else None
            if (rec.response_type == DEFERRED_CHANNEL_MESSAGE and original is not None and original.loading
                    and not original.deleted):
                # the first follow-up after a "thinking" defer replaces the loading message
                msg = self._edit_message(original, payload, files)
                self._complete(rec, "followup")
                return msg.to_dict()
            ephemeral = bool((payload.get("flags") or 0) & FLAG_EPHEMERAL)
            msg = self._create_message(
                rec.channel, self.bot_user, payload, files, visible_to=rec.user.id if ephemeral else None,
                type=self._response_message_type(rec) if rec.type == APPLICATION_COMMAND else 0,
                webhook_id=self.application_id, extra_flags=FLAG_EPHEMERAL if ephemeral else 0,
                interaction_metadata=dict(rec.metadata(), original_response_message_id=str(rec.original_id))
                if rec.original_id else rec.metadata(),
                interaction_id=rec.id)
            rec.followup_ids.append(msg.id)
            self._complete(rec, "followup")
            return msg.to_dict()

        return self._guarded(application_id, token, "POST /webhooks/{app}/{token}", run)

    def webhook_get(self, application_id: str, token: str, message_id: str) -> dict[str, Any]:
        return self._guarded(application_id, token, f"GET /webhooks/{{app}}/{{token}}/messages/{message_id}",
                             lambda rec: self._webhook_message(rec, message_id).to_dict())

    def webhook_edit(self, application_id: str, token: str, message_id: str, payload: dict[str, Any],
                     files: list["UploadedFile"]) -> dict[str, Any]:
        def run(rec: InteractionRecord) -> dict[str, Any]:
            msg = self._webhook_message(rec, message_id)
            self._edit_message(msg, payload, files)
            if msg.id == rec.original_id:
                self._complete(rec, "edit")
            return msg.to_dict()

        return self._guarded(application_id, token, f"PATCH /webhooks/{{app}}/{{token}}/messages/{message_id}", run)

    def webhook_delete(self, application_id: str, token: str, message_id: str) -> None:
        def run(rec: InteractionRecord) -> None:
            msg = self._webhook_message(rec, message_id)
            self._delete_message(msg)
            if msg.id == rec.original_id:
                self._complete(rec, "delete")
            rec._notify()

        return self._guarded(application_id, token, f"DELETE /webhooks/{{app}}/{{token}}/messages/{message_id}", run)

    def _complete(self, rec: InteractionRecord, how: str) -> None:
        if rec.completed_by is None:
            rec.completed_by = how
        rec.done.set()
        rec._notify()
