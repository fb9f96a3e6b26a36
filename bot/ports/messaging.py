"""The Messenger port and the platform-neutral message model it carries.

The app layer says *what* to show (a title, a body, fields, buttons as intents, files); each front
end decides *how* (a Discord embed and components, a Telegram HTML message and inline keyboard).

Inline markup inside text is a small, fixed vocabulary that each front end renders its own way:
`**bold**`, `[label](url)`, `<t:UNIX:STYLE>` (a moment, shown in the reader's zone where the platform
can, styles F f R as in Discord), `<@USER_ID>` (a member, never a ping unless the front end is told
to), `<@PLATFORM:USER_ID|NAME>` (a member of a given platform, made by :func:`member_ref`: shown as
that platform shows its members, and on the other platform as NAME, plain text) and `<@&ROLE_ID>`
(a role). Anything else is plain text, escaped by the renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Protocol, runtime_checkable

from bot.domain.identity import Community, Member, MessageRef, Place

# `<@PLATFORM:USER_ID|NAME>`: NAME has every markup character (and `>`, which ends it) escaped with
# a backslash, so it reads as plain text wherever it is shown. The groups are named for the
# renderers' own patterns, which include this one.
MEMBER_REF = (r"<@(?P<ref_platform>discord|telegram):(?P<ref_id>\d{1,20})"
              r"\|(?P<ref_name>(?:\\[^\n]|[^\\>\n]){0,400})>")
_NAME_MARKUP = re.compile(r"([_\\~|*`\[\]<>#\-])")
_NAME_CHARS = 150  # escaped, at most twice as long: within the pattern's 400

PRIMARY = "primary"
SECONDARY = "secondary"
SUCCESS = "success"
DANGER = "danger"


@dataclass(frozen=True)
class Button:
    """A button as an intent: `action` names what a click means (e.g. "rsvp.go"), `target` the ids it
    acts on. Front ends encode both in a custom_id / callback_data and decode them on click."""

    action: str
    target: tuple[int | str, ...]
    label: str
    style: str = SECONDARY
    disabled: bool = False
    emoji: str = ""  # a single emoji shown beside the label


@dataclass(frozen=True)
class Field:
    name: str
    value: str
    inline: bool = True


@dataclass(frozen=True)
class Card:
    """A titled block: a Discord embed, a Telegram message section."""

    title: str = ""
    body: str = ""
    fields: tuple[Field, ...] = ()
    footer: str = ""
    colour: int | None = None
    url: str | None = None
    timestamp: datetime | None = None
    author: str = ""  # a small line above the title (e.g. "Resource #3 waiting for review")


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes


@dataclass(frozen=True)
class Message:
    """Text, cards, rows of buttons and files. `ping_roles` are the only mentions ever allowed
    (an urgent report card pings the moderator role); every other mention stays silent."""

    text: str = ""
    cards: tuple[Card, ...] = ()
    buttons: tuple[tuple[Button, ...], ...] = ()
    files: tuple[Attachment, ...] = ()
    ping_roles: tuple[int, ...] = ()


def member_ref(member: Member, name: str) -> str:
    """A member in markup: their platform's own reference on that platform (a Discord mention, a
    Telegram member's name), `name` as plain text on the other, where no mention of them can exist.
    Whitespace in `name` is folded, so the reference stays on one line."""
    text = _NAME_MARKUP.sub(r"\\\1", " ".join(name.split())[:_NAME_CHARS])
    return f"<@{member.platform}:{member.id}|{text}>"


class Delivery(Enum):
    DELIVERED = "delivered"
    CLOSED = "closed"  # the member does not accept DMs from the bot (or left): recorded, not retried


class MessengerError(Exception):
    """The platform refused or failed a send for a reason other than closed DMs."""


class PlaceGone(MessengerError):
    """The channel, chat or message no longer exists (or the bot lost access to it)."""


@runtime_checkable
class Messenger(Protocol):
    """Everything the app layer may send. Implementations render the model for their platform."""

    async def post(self, place: Place, message: Message, *, nonce: str | None = None) -> MessageRef:
        """Post in a channel or chat. `nonce` makes a retried post return the first message instead
        of a second copy where the platform supports it. Raises PlaceGone or MessengerError."""
        ...

    async def edit(self, ref: MessageRef, message: Message) -> bool:
        """Replace a posted message's content; False when the message is gone."""
        ...

    async def delete(self, ref: MessageRef) -> bool:
        """Delete a posted message; False when it was already gone."""
        ...

    async def dm(self, member: Member, message: Message, *, nonce: str | None = None) -> Delivery:
        """A direct message; CLOSED when the member cannot be reached that way. Raises
        MessengerError for other failures. `nonce` (at most 25 characters) makes a resend return
        the first message instead of a second copy, where the platform supports it."""
        ...


@dataclass(frozen=True)
class Listing:
    """An event as the platform's own events list shows it (on Discord, a guild scheduled event in
    the server's Events list), kept beside the announcement."""

    title: str
    starts_at: datetime
    ends_at: datetime
    location: str  # where: the event's location, else a link to its announcement
    description: str = ""
    cancelled: bool = False


@runtime_checkable
class Listings(Protocol):
    """A front end whose platform has its own events list (Discord). Optional: the others have none."""

    async def list_event(self, community: Community, listing: Listing, listed_id: int | None) -> int | None:
        """Create the listing (`listed_id` None) or bring it up to date (`cancelled`: cancel it).
        Returns its id; None when the bot may not (on Discord, without Manage Events): not an
        error. Raises MessengerError when the platform refuses for another reason."""
        ...


@dataclass
class Messengers:
    """The Messenger the app layer holds: routes each call to the front end of the place's or the
    member's platform. Front ends register themselves when they start."""

    by_platform: dict[str, Messenger] = field(default_factory=dict)

    def register(self, platform: str, messenger: Messenger) -> None:
        self.by_platform[platform] = messenger

    def _for(self, platform: str) -> Messenger:
        try:
            return self.by_platform[platform]
        except KeyError:
            raise MessengerError(f"no front end for {platform} in this process") from None

    async def post(self, place: Place, message: Message, *, nonce: str | None = None) -> MessageRef:
        return await self._for(place.platform).post(place, message, nonce=nonce)

    async def edit(self, ref: MessageRef, message: Message) -> bool:
        return await self._for(ref.place.platform).edit(ref, message)

    async def delete(self, ref: MessageRef) -> bool:
        return await self._for(ref.place.platform).delete(ref)

    async def list_event(self, community: Community, listing: Listing, listed_id: int | None) -> int | None:
        """The platform's own listing of an event, where the community's front end has one; None
        elsewhere."""
        front = self.by_platform.get(community.platform)
        if not isinstance(front, Listings):
            return None
        return await front.list_event(community, listing, listed_id)

    async def dm(self, member: Member, message: Message, *, nonce: str | None = None) -> Delivery:
        if nonce is None:  # front ends without nonces keep their two-argument dm
            return await self._for(member.platform).dm(member, message)
        return await self._for(member.platform).dm(member, message, nonce=nonce)
