"""The resource library: share, review (approve or reject), remove, upvote, search and top.

A share is posted in the resources channel (or, with `resource_approval` on, waits in the moderation
channel with Approve and Reject); a decision is shown on the review card and told to the sharer by DM;
votes refresh the post's count, coalesced under bursts. Every message step runs after the database has
committed: a failed send is logged and reported back to the caller, it never undoes accepted data.

Methods named `check_*` only read and refuse: a front end calls them first to answer refusals at once
before acknowledging a slower action (Discord's deferral), then calls the action, which checks again.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Awaitable, Callable, Iterable

from bot.app.communities import RESOURCES, Communities
from bot.app.directories import Directories
from bot.app.network import NetworkService
from bot.app.refresh import Refresher
from bot.app.setup import SetupService
from bot.domain.clock import Clock
from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Community, MessageRef, Place
from bot.domain.network import RESOURCES as NETWORK_RESOURCES
from bot.domain.resource_search import MARK_END, MARK_START, parse_query
from bot.domain.resource_tags import parse_tag_filter
from bot.domain.resources import (PENDING, PUBLISHED, REJECTED, NewResource, Resource, SearchHit, check_remove,
                                  check_review, check_vote, clean_reason, prepare_share)
from bot.domain.roles import Actor, is_moderator
from bot.i18n import t
from bot.i18n.format import CONTENT, EMBED_DESCRIPTION, FIELD_VALUE, cut
from bot.ports.messaging import (DANGER, PRIMARY, SUCCESS, Button, Card, Delivery, Field, Message, Messenger,
                                 MessengerError)
from bot.ports.resources import ResourceRepository

log = logging.getLogger(__name__)

# Button intents (each front end maps them to its own encoding; Discord's custom_ids never change).
UPVOTE = "resource.upvote"
APPROVE = "resource.approve"
REJECT = "resource.reject"

RESULTS = 10
# A post is edited at most this often under a burst of votes (and once after the last one).
EDIT_COALESCE_SECONDS = 0.5
COLOUR = 0x3A7CA5
REVIEW_COLOUR = 0xE0A526
APPROVED_COLOUR = 0x2E9E5B
REJECTED_COLOUR = 0xB03A2E
TITLE_IN_LIST = 100
TITLE_IN_TEXT = 100
QUERY_IN_TEXT = 80
SNIPPET_CHARS = 180
# A link longer than this would crowd other results out of a list; such entries link to the post.
LINK_IN_LIST = 300
UPVOTE_EMOJI = "▲"

# The neutral markup's escaping of user text (the same as discord.py's escape_markdown, which front
# ends render as literal characters): markup characters, quotes, headings, list dashes; links kept.
_URL = r"(?P<url><[^: >]+:\/[^ >]+>|(?:https?|steam):\/\/[^\s<]+[^<.,:;\"\'\]\s])"
_MARKUP = r"(?P<markdown>[_\\~|\*`]|^>(?:>>)?\s|\[.+\]\(.+\)|^#{1,3}|^\s*-)"
_ESCAPE = re.compile(f"(?:{_URL}|{_MARKUP})", re.MULTILINE)


def escape(text: str) -> str:
    """User text shown as plain text inside markup (bold, links and headings stay literal)."""
    text = _ESCAPE.sub(lambda m: m.group("url") or "\\" + m.group("markdown"), text)
    return text.replace("[", "\\[").replace("]", "\\]")


_PLAIN = re.compile(f"{_URL}|(?P<char>[_\\\\~|*`\\[\\]>#\\-<])")


def plain(text: str) -> str:
    """Member-written text shown exactly as typed: every markup character escaped (brackets too, so
    no hidden links, and `<`, so no `<@id>` rendered as someone's name); bare links stay links."""
    return _PLAIN.sub(lambda m: m.group("url") or "\\" + m.group("char"), text)


def title_in_text(resource: Resource) -> str:
    """The title as it appears inside a sentence (escaped, shortened)."""
    return escape(cut(" ".join(resource.title.split()), TITLE_IN_TEXT))


def _link_target(url: str) -> str:
    # Parentheses would end a markup link early.
    return url.replace("(", "%28").replace(")", "%29")


def message_link(community: Community, ref: MessageRef | None) -> str | None:
    """A link that opens a posted message, where the platform has one."""
    if ref is None or community.platform != DISCORD:
        return None
    return f"https://discord.com/channels/{community.id}/{ref.place.id}/{ref.id}"


def post_link(resource: Resource) -> str | None:
    return message_link(resource.community, resource.post)


def _tags_text(resource: Resource, lang: str) -> str:
    if not resource.tags:
        return t(lang, "resource.result.no_tags")
    return " ".join(f"`{tag}`" for tag in resource.tags)


def _card(resource: Resource, lang: str, colour: int, *, extra: Iterable[Field] = (), author: str = "") -> Card:
    fields = (Field(t(lang, "resource.field.tags"), _tags_text(resource, lang)),
              Field(t(lang, "resource.field.shared_by"), f"<@{resource.author_id}>"), *extra)
    return Card(title=resource.title, body=resource.description, url=resource.url, colour=colour, fields=fields,
                footer=t(lang, "resource.footer", id=resource.id), author=author)


def post_message(resource: Resource, lang: str) -> Message:
    """The published resource in the resources channel, with its Upvote button and count."""
    upvote = Button(UPVOTE, (resource.id,), t(lang, "resource.upvote_button", count=resource.upvotes),
                    style=PRIMARY, emoji=UPVOTE_EMOJI)
    return Message(cards=(_card(resource, lang, COLOUR),), buttons=((upvote,),))


def _outcome_text(resource: Resource, lang: str) -> str:
    if resource.status == PUBLISHED:
        return t(lang, "resource.review.approved_by", moderator=f"<@{resource.decided_by}>")
    if resource.status == REJECTED:
        return t(lang, "resource.review.rejected_by", moderator=f"<@{resource.decided_by}>",
                 reason=escape(resource.decision_reason or ""))
    return t(lang, "resource.status." + resource.status)


def review_message(resource: Resource, lang: str, *, decided: bool = False, note: str | None = None) -> Message:
    """The moderation-channel card: the resource, its link in full, Approve and Reject while pending;
    once `decided`, the outcome (or `note`) instead of the buttons."""
    colour = {PENDING: REVIEW_COLOUR, PUBLISHED: APPROVED_COLOUR}.get(resource.status, REJECTED_COLOUR)
    extra = [Field(t(lang, "resource.field.link"), resource.url, inline=False)]
    if decided:
        extra.append(Field(t(lang, "resource.field.status"), note or _outcome_text(resource, lang), inline=False))
    else:
        colour = REVIEW_COLOUR
    card = _card(resource, lang, colour, extra=extra, author=t(lang, "resource.review.title", id=resource.id))
    if decided:
        return Message(cards=(card,))
    buttons = (Button(APPROVE, (resource.id,), t(lang, "resource.review.approve"), style=SUCCESS),
               Button(REJECT, (resource.id,), t(lang, "resource.review.reject"), style=DANGER))
    return Message(cards=(card,), buttons=(buttons,))


def render_snippet(snippet: str) -> str:
    """A search snippet on one line: the user's markup escaped, matched words in bold."""
    text = cut(" ".join(snippet.split()), SNIPPET_CHARS)
    if text.count(MARK_START) > text.count(MARK_END):  # the cut fell inside a highlighted word
        text += MARK_END
    return escape(text).replace(MARK_START, "**").replace(MARK_END, "**")


def _entry(resource: Resource, lang: str, snippet: str | None) -> str:
    title = escape(cut(" ".join(resource.title.split()), TITLE_IN_LIST))
    target = resource.url if len(resource.url) <= LINK_IN_LIST else post_link(resource)
    lines = [f"**[{title}]({_link_target(target)})**" if target else f"**{title}**"]
    if snippet:
        lines.append(render_snippet(snippet))
    lines.append("-# " + t(lang, "resource.result.meta", id=resource.id, votes=resource.upvotes,
                           tags=_tags_text(resource, lang)))
    return "\n".join(lines)


def list_card(title: str, entries: Iterable[str], lang: str) -> Card:
    """As many entries as fit in one card; the rest are counted, not cut mid-entry."""
    entries = list(entries)
    shown: list[str] = []
    reserve = 120  # room for the "n more" line
    length = 0
    for entry in entries:
        entry = cut(entry, FIELD_VALUE)
        extra = len(entry) + (2 if shown else 0)
        if length + extra > EMBED_DESCRIPTION - reserve:
            break
        shown.append(entry)
        length += extra
    body = "\n\n".join(shown)
    if len(shown) < len(entries):
        body += "\n\n" + t(lang, "resource.result.more", count=len(entries) - len(shown))
    return Card(title=title, body=body, colour=COLOUR)


def _shown_query(query: str) -> str:
    return escape(cut(" ".join(query.split()), QUERY_IN_TEXT))


def _community(actor: Actor) -> Community:
    community = actor.community
    if community is None:
        raise DomainError("common.guild_only")
    return community


class ResourcesService:
    """The library's use cases; reached as `app.resources`."""

    def __init__(self, repo: ResourceRepository, setup: SetupService, messenger: Messenger, clock: Clock, *,
                 edit_interval: float = EDIT_COALESCE_SECONDS, communities: "Communities | None" = None,
                 network: "NetworkService | None" = None, directories: Directories | None = None) -> None:
        self.repo = repo
        self.communities = communities  # linked communities: the library posted on every platform
        self.setup = setup
        self.messenger = messenger
        self.clock = clock
        self.refresher = Refresher(self._refresh_post, interval=edit_interval)
        # The network: the partners whose resources this community receives, and their names (from
        # the front ends' directories). Shared resources are searchable here under "from the network".
        self.network: "Callable[[Community], Awaitable[list[Community]]] | None" = (
            None if network is None else (lambda community: network.partners(community, NETWORK_RESOURCES)))
        self.names: Callable[[Community], str | None] = (directories or Directories()).name

    async def idle(self) -> None:
        """Wait until every requested post refresh has been made."""
        await self.refresher.flush()

    async def _settings(self, actor: Actor) -> GuildSettings:
        return await self.setup.settings_for(_community(actor))

    # -- share ------------------------------------------------------------------------------------
    async def check_share(self, actor: Actor, *, url: str, title: str, tags: str | None = None,
                          description: str | None = None) -> NewResource:
        """Validate a share (link, title, tags, description, the channel it would go to) without
        storing it; DomainError when refused."""
        settings = await self._settings(actor)
        return prepare_share(actor, settings, url=url, title=title, tags=tags, description=description,
                             now=self.clock.now())

    async def share(self, actor: Actor, *, url: str, title: str, tags: str | None = None,
                    description: str | None = None) -> Message:
        """Store a share, then post it in the resources channel, or with approval on put its review
        card in the moderation channel. Returns the answer for the sharer (with a link to the post).
        DomainError('resource.duplicate*') points to the entry that already has the link."""
        settings = await self._settings(actor)
        new = prepare_share(actor, settings, url=url, title=title, tags=tags, description=description,
                            now=self.clock.now())
        resource = await self.repo.add(new)
        lang = settings.language
        name = title_in_text(resource)
        if resource.status == PENDING:
            posted = await self._submit_for_review(resource, settings)
            key = "resource.submitted" if posted else "resource.submitted_no_card"
            return Message(text=t(lang, key, id=resource.id, title=name))
        resource = await self._publish(resource, settings)
        link = post_link(resource)
        if link:
            return Message(text=t(lang, "resource.shared", id=resource.id, title=name, link=link))
        if resource.post is not None:  # posted where messages have no links (Telegram)
            return Message(text=t(lang, "resource.shared_posted", id=resource.id, title=name))
        return Message(text=t(lang, "resource.shared_no_post", id=resource.id, title=name))

    # -- review -----------------------------------------------------------------------------------
    async def check_review(self, actor: Actor, resource_id: int, *, reason: str | None = None) -> Resource:
        """The pending resource a moderator may decide on (and, when given, a valid rejection reason);
        DomainError otherwise."""
        settings = await self._settings(actor)
        resource = check_review(actor, settings, await self.repo.get(resource_id))
        if reason is not None:
            clean_reason(reason)
        return resource

    async def approve(self, actor: Actor, resource_id: int) -> Message:
        """Publish a pending resource: post it, close its review card, DM the sharer. Of two moderators
        deciding at once, the second is refused and nothing changes."""
        settings = await self._settings(actor)
        check_review(actor, settings, await self.repo.get(resource_id))
        resource = await self.repo.decide(resource_id, approve=True, by=actor.member, reason=None,
                                          now=self.clock.now())
        lang = settings.language
        resource = await self._publish(resource, settings)
        await self._close_review(resource, lang)
        link = post_link(resource)
        text = (t(lang, "resource.review.done_approved", id=resource.id, link=link) if link
                else t(lang, "resource.review.done_approved_no_post", id=resource.id))
        if not await self._tell_sharer(resource, lang):
            text += "\n" + t(lang, "resource.review.dm_closed")
        return Message(text=text)

    async def reject(self, actor: Actor, resource_id: int, reason: str) -> Message:
        """Reject a pending resource with a reason: close its review card, DM the sharer the reason."""
        settings = await self._settings(actor)
        check_review(actor, settings, await self.repo.get(resource_id))
        cleaned = clean_reason(reason)
        resource = await self.repo.decide(resource_id, approve=False, by=actor.member, reason=cleaned,
                                          now=self.clock.now())
        lang = settings.language
        await self._close_review(resource, lang)
        text = t(lang, "resource.review.done_rejected", id=resource.id)
        if not await self._tell_sharer(resource, lang):
            text += "\n" + t(lang, "resource.review.dm_closed")
        return Message(text=text)

    # -- remove -----------------------------------------------------------------------------------
    async def check_remove(self, actor: Actor, resource_id: int) -> Resource:
        """The resource its author or a moderator may take out of the library; DomainError otherwise."""
        settings = await self._settings(actor)
        return check_remove(actor, settings, await self.repo.get(resource_id))

    async def remove(self, actor: Actor, resource_id: int) -> Message:
        """Take a resource out of the library: delete its post, close its review card if pending."""
        settings = await self._settings(actor)
        check_remove(actor, settings, await self.repo.get(resource_id))
        resource = await self.repo.remove(resource_id, by=actor.member, now=self.clock.now())
        lang = settings.language
        await self._take_down(resource, lang, actor.user_id)
        return Message(text=t(lang, "resource.removed", id=resource.id, title=title_in_text(resource)))

    async def removable(self, actor: Actor, text: str = "") -> list[Resource]:
        """What the actor may remove whose title contains `text` or number starts with it (all of the
        community's for moderators, their own otherwise), newest first."""
        settings = await self._settings(actor)
        author = None if is_moderator(actor, settings) else actor.member
        return await self.repo.in_library(_community(actor), author=author, text=text.strip())

    # -- votes ------------------------------------------------------------------------------------
    async def upvote(self, actor: Actor, resource_id: int) -> Message:
        """Add the member's vote, or take it back on a second click; the post's count follows soon
        (edits coalesced under bursts)."""
        settings = await self._settings(actor)
        resource = check_vote(actor, await self.repo.get(resource_id))
        voted, _count = await self.repo.toggle_vote(resource.id, actor.member, now=self.clock.now())
        self.refresher.request(resource.id)
        key = "resource.vote.added" if voted else "resource.vote.removed"
        return Message(text=t(settings.language, key, id=resource.id))

    # -- finding ----------------------------------------------------------------------------------
    async def search(self, actor: Actor, query: str, tag: str | None = None) -> Message:
        """Full-text search of the community's published resources, best first, with snippets."""
        community = _community(actor)
        lang = (await self.setup.settings_for(community)).language
        parsed = parse_query(query)
        tag_filter = parse_tag_filter(tag)
        # The library's own search and the network's run side by side (each its own read), not one
        # after the other.
        hits, network = await asyncio.gather(self.repo.search(community, parsed, tag=tag_filter, limit=RESULTS),
                                             self._network_hits(community, parsed, tag_filter))
        shown = _shown_query(query)
        if not hits and not network:
            key = "resource.search.none_tag" if tag_filter else "resource.search.none"
            return Message(text=t(lang, key, query=shown, tag=tag_filter))
        cards = [self._search_card(hits, shown, tag_filter, lang)] if hits else []
        if network:
            cards.append(list_card(t(lang, "resource.search.from_network"),
                                   (self._network_entry(partner, h, lang) for partner, h in network), lang))
        return Message(cards=tuple(cards))

    async def _network_hits(self, community: Community, parsed, tag: str | None) -> list[tuple[Community, SearchHit]]:
        """Published resources of the partners that share theirs, best few of each, in turn."""
        if self.network is None:
            return []
        partners = await self.network(community)
        found = await asyncio.gather(*(self.repo.search(partner, parsed, tag=tag, limit=RESULTS) for partner in partners))
        per_partner = [[(partner, h) for h in hits] for partner, hits in zip(partners, found)]
        merged: list[tuple[Community, SearchHit]] = []
        for rank in range(RESULTS):
            merged += [hits[rank] for hits in per_partner if rank < len(hits)]
        return merged[:RESULTS]

    def _network_entry(self, partner: Community, hit: SearchHit, lang: str) -> str:
        """A partner's resource: its link, snippet and attribution; no id to act on (it is not in this
        library), no author."""
        resource = hit.resource
        title = escape(cut(" ".join(resource.title.split()), TITLE_IN_LIST))
        lines = [f"**[{title}]({_link_target(resource.url)})**" if len(resource.url) <= LINK_IN_LIST
                 else f"**{title}**"]
        if hit.snippet:
            lines.append(render_snippet(hit.snippet))
        lines.append("-# " + t(lang, "resource.result.network_meta", community=escape(
            cut(self.names(partner) or "?", 100)), votes=resource.upvotes))
        return "\n".join(lines)

    @staticmethod
    def _search_card(hits: list[SearchHit], shown: str, tag: str | None, lang: str) -> Card:
        title = (t(lang, "resource.search.title_tag", query=shown, tag=tag) if tag
                 else t(lang, "resource.search.title", query=shown))
        return list_card(title, (_entry(h.resource, lang, h.snippet) for h in hits), lang)

    async def top(self, actor: Actor, tag: str | None = None) -> Message:
        """The community's most upvoted published resources (with a tag, only those)."""
        community = _community(actor)
        lang = (await self.setup.settings_for(community)).language
        tag_filter = parse_tag_filter(tag)
        found = await self.repo.top(community, tag=tag_filter, limit=RESULTS)
        if not found:
            return Message(text=t(lang, "resource.top.none_tag", tag=tag_filter) if tag_filter
                           else t(lang, "resource.top.none"))
        title = t(lang, "resource.top.title_tag", tag=tag_filter) if tag_filter else t(lang, "resource.top.title")
        return Message(cards=(list_card(title, (_entry(r, lang, None) for r in found), lang),))

    async def tag_suggestions(self, community: Community, typed: str) -> list[str]:
        """Tags in use starting with what was typed (case and a leading # ignored), most used first."""
        return await self.repo.tags(community, typed.strip().lower().lstrip("#"))

    # -- messages ---------------------------------------------------------------------------------
    async def _post(self, place: Place, message: Message) -> MessageRef | None:
        try:
            return await self.messenger.post(place, message)
        except MessengerError:
            log.warning("could not post in %s", place, exc_info=True)
            return None

    async def _publish(self, resource: Resource, settings: GuildSettings) -> Resource:
        """Post a published resource in the resources channel; returns it with the post recorded
        (without one when the channel is missing or refuses us)."""
        if settings.resources_channel is None:
            return resource
        ref = await self._post(Place(resource.platform, settings.resources_channel),
                               post_message(resource, settings.language))
        if ref is None:
            return resource
        await self.repo.set_post(resource.id, ref)
        if self.communities is not None:
            await self.communities.post_elsewhere(self.messenger, "resource", resource.id, resource.community,
                                                  post_message(resource, settings.language), RESOURCES)
        return await self.repo.get(resource.id) or resource

    async def _submit_for_review(self, resource: Resource, settings: GuildSettings) -> bool:
        """Post the review card with Approve and Reject in the moderation channel."""
        if settings.moderation_channel is None:
            return False
        ref = await self._post(Place(resource.platform, settings.moderation_channel),
                               review_message(resource, settings.language))
        if ref is None:
            return False
        await self.repo.set_review(resource.id, ref)
        return True

    async def _close_review(self, resource: Resource, lang: str, note: str | None = None) -> None:
        """Show the decision (or `note`) on the review card and take its buttons away."""
        if resource.review is None:
            return
        try:
            await self.messenger.edit(resource.review, review_message(resource, lang, decided=True, note=note))
        except MessengerError:
            log.warning("could not update the review card of resource %s", resource.id, exc_info=True)

    async def _refresh_post(self, resource_id: int) -> None:
        resource = await self.repo.get(resource_id)
        if resource is None or resource.status != PUBLISHED or resource.post is None:
            return
        lang = (await self.setup.settings_for(resource.community)).language
        if not await self.messenger.edit(resource.post, post_message(resource, lang)):
            log.info("the post of resource %s is gone; not updating it", resource_id)
        if self.communities is not None:
            await self.communities.edit_elsewhere(self.messenger, "resource", resource_id, post_message(resource, lang))

    async def _take_down(self, resource: Resource, lang: str, by: int) -> None:
        """Delete the resource's post, and close its review card if it had one."""
        if resource.post is not None:
            try:
                await self.messenger.delete(resource.post)  # False: someone deleted it by hand already
            except MessengerError:
                log.warning("could not delete the post of resource %s", resource.id, exc_info=True)
        await self._close_review(resource, lang, note=t(lang, "resource.review.removed_by", member=f"<@{by}>"))

    async def _tell_sharer(self, resource: Resource, lang: str) -> bool:
        """DM the sharer the review outcome (with the reason when rejected); False if DMs are closed."""
        title = title_in_text(resource)
        if resource.status == PUBLISHED:
            text = t(lang, "resource.dm.approved", id=resource.id, title=title,
                     link=post_link(resource) or resource.url)
        else:
            text = t(lang, "resource.dm.rejected", id=resource.id, title=title, reason=resource.decision_reason or "")
        try:
            return await self.messenger.dm(resource.author, Message(text=cut(text, CONTENT))) is Delivery.DELIVERED
        except MessengerError:
            log.warning("could not DM the sharer of resource %s", resource.id, exc_info=True)
            return False
