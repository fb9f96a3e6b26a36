"""What the running front ends know about their communities (names, owners, message links), one
directory per platform. Built first by `bot.app.App` and handed to every service that names a
community, so none of them has to reach through another service for it."""

from __future__ import annotations

from bot.domain.identity import Community, Member, MessageRef
from bot.ports.reports import CommunityDirectory


class _NoDirectory:
    """The directory of a platform whose front end is not running in this process: knows nothing."""

    def name(self, community: Community) -> str | None:
        return None

    def owner(self, community: Community) -> Member | None:
        return None

    def message_link(self, community: Community, ref: MessageRef) -> str | None:
        return None


class Directories:
    """Each front end registers its directory at start-up (`use`); services look communities up."""

    def __init__(self) -> None:
        self._by_platform: dict[str, CommunityDirectory] = {}

    def use(self, platform: str, directory: CommunityDirectory) -> None:
        """A front end tells the services what it knows about its communities."""
        self._by_platform[platform] = directory

    def running(self, platform: str) -> bool:
        """Whether that platform's front end runs in this process (it may still be connecting)."""
        return platform in self._by_platform

    def of(self, platform: str) -> CommunityDirectory:
        """The directory of `platform` (one that knows nothing when that front end is not running)."""
        return self._by_platform.get(platform) or _NoDirectory()  # type: ignore[return-value]

    def name(self, community: Community) -> str | None:
        """The community's display name, or None when its front end does not know it."""
        return self.of(community.platform).name(community)
