"""The resource library's rules: what may be shared, who reviews and removes, what search shows.

The app layer (`bot.app.resources`) calls these with the acting member (`Actor`) and the community's
settings; storage persists what they return. Every refusal is a `DomainError` raised before anything
is changed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Community, Member, MessageRef, Place
from bot.domain.resource_search import strip_controls
from bot.domain.resource_tags import parse_tags
from bot.domain.roles import Actor, is_moderator, require_moderator
from bot.domain.urls import check_public, normalise_url, url_key

MAX_TITLE_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 1000
MAX_REASON_LENGTH = 500

PENDING = "pending"
PUBLISHED = "published"
REJECTED = "rejected"
REMOVED = "removed"
IN_LIBRARY = (PENDING, PUBLISHED)


@dataclass(frozen=True)
class NewResource:
    """A validated share, ready to store."""

    guild_id: int
    url: str
    url_key: str
    title: str
    description: str
    tags: tuple[str, ...]
    author_id: int
    status: str
    created_at: datetime
    platform: str = DISCORD  # the community's platform (the author is a member there too)

    @property
    def community(self) -> Community:
        return Community(self.platform, self.guild_id)


@dataclass(frozen=True)
class Resource:
    """A stored resource as the front ends see it."""

    id: int
    guild_id: int
    url: str
    url_key: str
    title: str
    description: str
    tags: tuple[str, ...]
    author_id: int
    status: str
    upvotes: int
    created_at: datetime
    decided_by: int | None = None
    decision_reason: str | None = None
    post_channel_id: int | None = None
    post_message_id: int | None = None
    review_channel_id: int | None = None
    review_message_id: int | None = None
    platform: str = DISCORD  # the community's platform (the author is a member there too)

    @property
    def is_public(self) -> bool:
        return self.status == PUBLISHED

    @property
    def community(self) -> Community:
        return Community(self.platform, self.guild_id)

    @property
    def author(self) -> Member:
        return Member(self.platform, self.author_id)

    @property
    def post(self) -> MessageRef | None:
        """The post in the resources channel, once published there."""
        if self.post_channel_id is None or self.post_message_id is None:
            return None
        return MessageRef(Place(self.platform, self.post_channel_id), self.post_message_id)

    @property
    def review(self) -> MessageRef | None:
        """The review card in the moderation channel, if it was posted."""
        if self.review_channel_id is None or self.review_message_id is None:
            return None
        return MessageRef(Place(self.platform, self.review_channel_id), self.review_message_id)


@dataclass(frozen=True)
class SearchHit:
    """One search result: the resource and a short snippet with the matched words marked
    (`resource_search.MARK_START`/`MARK_END`)."""

    resource: Resource
    snippet: str
    score: float = field(default=0.0, compare=False)


def _clean_text(text: str | None) -> str:
    # NFC so the same Urdu word typed two ways is stored once; control characters could break
    # rendering (and are the snippet markers).
    return strip_controls(unicodedata.normalize("NFC", text or "")).strip()


def clean_title(raw: str | None) -> str:
    """A title on one line, spaces collapsed; DomainError when empty or longer than 200 characters."""
    title = " ".join(_clean_text(raw).split())
    if not title:
        raise DomainError("resource.title_empty")
    if len(title) > MAX_TITLE_LENGTH:
        raise DomainError("common.too_long", field="title", limit=MAX_TITLE_LENGTH)
    return title


def clean_description(raw: str | None) -> str:
    """A description (may be empty, keeps line breaks); DomainError when over 1000 characters."""
    text = _clean_text(raw)
    if len(text) > MAX_DESCRIPTION_LENGTH:
        raise DomainError("common.too_long", field="description", limit=MAX_DESCRIPTION_LENGTH)
    return text


def clean_reason(raw: str | None) -> str:
    """A moderator's reason for rejecting: required, at most 500 characters."""
    text = _clean_text(raw)
    if not text:
        raise DomainError("resource.reason_required")
    if len(text) > MAX_REASON_LENGTH:
        raise DomainError("common.too_long", field="reason", limit=MAX_REASON_LENGTH)
    return text


def prepare_share(actor: Actor, settings: GuildSettings, *, url: str, title: str, tags: str | None,
                  description: str | None, now: datetime) -> NewResource:
    """Validate a `/resource share` and decide where it goes.

    The URL is normalised (bot.domain.urls); with `resource_approval` on the resource waits as
    pending, otherwise it is published at once. Refuses when the channel it must go to (moderation
    or resources) is not set up, since nobody would ever see it.
    """
    community = actor.community
    if community is None:
        raise DomainError("common.guild_only")
    canonical = check_public(normalise_url(url))
    key = url_key(url)
    clean = clean_title(title)
    tag_list = parse_tags(tags)
    text = clean_description(description)
    if settings.resource_approval:
        if settings.moderation_channel is None:
            raise DomainError("resource.no_moderation_channel")
        status = PENDING
    else:
        if settings.resources_channel is None:
            raise DomainError("resource.no_resources_channel")
        status = PUBLISHED
    return NewResource(guild_id=community.id, url=canonical, url_key=key, title=clean,
                       description=text, tags=tag_list, author_id=actor.user_id, status=status,
                       created_at=now, platform=community.platform)


def check_duplicate(existing: Resource | None) -> None:
    """Refuse a share whose link is already in the library, pointing to the entry that has it."""
    if existing is None:
        return
    if existing.status == PENDING:
        raise DomainError("resource.duplicate_pending", id=existing.id, title=existing.title)
    raise DomainError("resource.duplicate", id=existing.id, title=existing.title, url=existing.url)


def require_visible(actor: Actor, resource: Resource | None) -> Resource:
    """The resource if it exists in the actor's community (other communities' ids, on any platform,
    look like missing ones)."""
    if resource is None:
        raise DomainError("resource.not_found")
    if actor.community != resource.community:
        raise DomainError("common.not_found")
    return resource


def check_vote(actor: Actor, resource: Resource | None) -> Resource:
    """Only published resources of this guild take votes."""
    res = require_visible(actor, resource)
    if res.status != PUBLISHED:
        raise DomainError("resource.not_votable", id=res.id)
    return res


def already_decided(resource_id: int, status: str) -> DomainError:
    """The refusal of a second decision, worded for the outcome it already has (published,
    rejected or removed): the status is said in the guild's language, not as a stored word."""
    return DomainError(f"resource.already_decided.{status}", id=resource_id)


def check_review(actor: Actor, settings: GuildSettings, resource: Resource | None) -> Resource:
    """A moderator deciding on a resource that is still pending."""
    require_moderator(actor, settings)
    res = require_visible(actor, resource)
    if res.status != PENDING:
        raise already_decided(res.id, res.status)
    return res


def check_remove(actor: Actor, settings: GuildSettings, resource: Resource | None) -> Resource:
    """The author or a moderator taking a resource out of the library."""
    res = require_visible(actor, resource)
    if res.status not in IN_LIBRARY:
        raise DomainError("resource.not_found")
    if res.author_id != actor.user_id and not is_moderator(actor, settings):
        raise DomainError("resource.remove_forbidden")
    return res
