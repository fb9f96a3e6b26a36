"""A Messenger that sends nothing and records everything: for tests of `bot.app` without any front end.

Register it as the app's messenger for a platform (`app.messenger.register(DISCORD, messenger)`) or
hand it to a service directly, then look at what would have been sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from bot.domain.identity import Member, MessageRef, Place
from bot.ports.messaging import Delivery, Message, PlaceGone


@dataclass(frozen=True)
class Posted:
    place: Place
    message: Message
    ref: MessageRef


@dataclass(frozen=True)
class Edited:
    ref: MessageRef
    message: Message


@dataclass(frozen=True)
class Dm:
    member: Member
    message: Message


class MemoryMessenger:
    """Implements `bot.ports.messaging.Messenger` in memory.

    `posts`, `edits`, `deletes` and `dms` record every call that succeeded, in order; a DM to a
    member whose id is in `closed` is refused as closed (and recorded in `refused`, not in `dms`);
    a post to a place whose id is in `gone_places` raises PlaceGone; an edit or delete of a message
    in `deletes` returns False.
    """

    def __init__(self, *, closed: Iterable[int] = (), gone_places: Iterable[int] = ()) -> None:
        self.posts: list[Posted] = []
        self.edits: list[Edited] = []
        self.deletes: list[MessageRef] = []
        self.dms: list[Dm] = []
        self.refused: list[Dm] = []
        self.closed: set[int] = set(closed)
        self.nonces: set[str] = set()
        self.posted_nonces: dict[str, MessageRef] = {}
        self.gone_places: set[int] = set(gone_places)
        self._next_id = 1000

    async def post(self, place: Place, message: Message, *, nonce: str | None = None) -> MessageRef:
        if place.id in self.gone_places:
            raise PlaceGone(f"no channel {place.id}")
        if nonce is not None and nonce in self.posted_nonces:  # enforce_nonce: the first message again
            return self.posted_nonces[nonce]
        self._next_id += 1
        ref = MessageRef(place, self._next_id)
        self.posts.append(Posted(place, message, ref))
        if nonce is not None:
            self.posted_nonces[nonce] = ref
        return ref

    async def edit(self, ref: MessageRef, message: Message) -> bool:
        if ref in self.deletes or not any(p.ref == ref for p in self.posts):
            return False
        self.edits.append(Edited(ref, message))
        return True

    async def delete(self, ref: MessageRef) -> bool:
        if ref in self.deletes or not any(p.ref == ref for p in self.posts):
            return False
        self.deletes.append(ref)
        return True

    async def dm(self, member: Member, message: Message, *, nonce: str | None = None) -> Delivery:
        if nonce is not None:  # like enforce_nonce: a resend with the same nonce is not a second DM
            if nonce in self.nonces:
                return Delivery.DELIVERED
            self.nonces.add(nonce)
        if member.id in self.closed:
            self.refused.append(Dm(member, message))
            return Delivery.CLOSED
        self.dms.append(Dm(member, message))
        return Delivery.DELIVERED

    # -- looking at what was sent ------------------------------------------------------------
    def current(self, ref: MessageRef) -> Message:
        """What a posted message shows now: its last edit, or what was posted."""
        for edit in reversed(self.edits):
            if edit.ref == ref:
                return edit.message
        return next(p.message for p in self.posts if p.ref == ref)

    def dms_to(self, member_id: int) -> list[str]:
        """The texts DMed to a member, in order."""
        return [d.message.text for d in self.dms if d.member.id == member_id]
