"""Storage of the resource library: resources, their tags and votes, and full-text search."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Protocol

from bot.domain.identity import Community, Member, MessageRef
from bot.domain.resource_search import SearchQuery
from bot.domain.resources import NewResource, Resource, SearchHit


class ResourceRepository(Protocol):
    """Resources belong to a community (its platform and id); votes to a member (theirs). Only
    pending and published resources are "in the library"; only published ones are found by search,
    top and tags."""

    # -- reads ----------------------------------------------------------------------------------
    async def get(self, resource_id: int) -> Resource | None:
        """The resource with this number, whatever its status and community."""
        ...

    async def find_in_library(self, community: Community, url_key: str) -> Resource | None:
        """The community's pending or published resource with this link identity, if any."""
        ...

    async def search(self, community: Community, query: SearchQuery, *, tag: str | None = None,
                     limit: int = 10) -> list[SearchHit]:
        """Published resources matching every term (or, when none has them all, any term), best first,
        each with a snippet whose matched words are marked (`resource_search.MARK_START/END`)."""
        ...

    async def top(self, community: Community, *, tag: str | None = None, limit: int = 10) -> list[Resource]:
        """Published resources by upvotes, the older first on a tie."""
        ...

    async def tags(self, community: Community, prefix: str = "", *, limit: int = 25) -> list[str]:
        """Tags of published resources starting with `prefix` (taken literally), most used first."""
        ...

    async def in_library(self, community: Community, *, author: Member | None, text: str = "",
                         limit: int = 25) -> list[Resource]:
        """Pending and published resources (only `author`'s when given) whose title contains `text`
        or whose number starts with it, newest first."""
        ...

    async def has_voted(self, resource_id: int, member: Member) -> bool: ...

    # -- writes ---------------------------------------------------------------------------------
    async def add(self, new: NewResource) -> Resource:
        """Store a share; DomainError('resource.duplicate*') if its link is already in the community's
        library, even when two members share it at the same moment."""
        ...

    async def add_many(self, items: Iterable[NewResource]) -> int:
        """Bulk-load (benchmarks, imports), skipping links already in the library or repeated in
        `items`; returns how many were stored."""
        ...

    async def set_post(self, resource_id: int, post: MessageRef) -> None:
        """Remember the resources-channel post, so votes can update it and removal take it down."""
        ...

    async def set_review(self, resource_id: int, card: MessageRef) -> None:
        """Remember the moderation-channel card of a pending resource."""
        ...

    async def decide(self, resource_id: int, *, approve: bool, by: Member, reason: str | None,
                     now: datetime) -> Resource:
        """Publish or reject a pending resource. Of two decisions at once one wins; the other gets
        DomainError('resource.already_decided.<status>') and changes nothing."""
        ...

    async def remove(self, resource_id: int, *, by: Member, now: datetime) -> Resource:
        """Take a pending or published resource out of the library (and out of search);
        DomainError('resource.not_found') when it is not in it."""
        ...

    async def toggle_vote(self, resource_id: int, member: Member, *, now: datetime) -> tuple[bool, int]:
        """Add the member's vote, or take it back if they had one: (voted now?, new count). The count
        always equals the number of votes, whatever the concurrency. DomainError('resource.not_votable')
        unless published."""
        ...
