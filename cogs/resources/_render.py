"""Embeds and texts of the resource library, within Discord's limits by construction."""

from __future__ import annotations

from typing import Iterable

import discord

from bot.domain.resource_search import MARK_END, MARK_START
from bot.domain.resources import Resource, SearchHit
from bot.i18n import t
from bot.i18n.format import EMBED_DESCRIPTION, EMBED_TITLE, FIELD_VALUE, FOOTER, cut

COLOUR = 0x3A7CA5
REVIEW_COLOUR = 0xE0A526
APPROVED_COLOUR = 0x2E9E5B
REJECTED_COLOUR = 0xB03A2E
TITLE_IN_LIST = 100
TITLE_IN_TEXT = 100
SNIPPET_CHARS = 180
# A link longer than this would crowd other results out of a list; such entries link to the post.
LINK_IN_LIST = 300


def escape(text: str) -> str:
    """User text shown as plain text inside markdown (bold, links and headings stay literal)."""
    text = discord.utils.escape_markdown(text, as_needed=False)
    return text.replace("[", "\\[").replace("]", "\\]")


def title_in_text(resource: Resource) -> str:
    """The title as it appears inside a sentence (escaped, shortened)."""
    return escape(cut(" ".join(resource.title.split()), TITLE_IN_TEXT))


def link_target(url: str) -> str:
    # Parentheses would end a markdown link early.
    return url.replace("(", "%28").replace(")", "%29")


def jump_url(guild_id: int, channel_id: int | None, message_id: int | None) -> str | None:
    if channel_id is None or message_id is None:
        return None
    return f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"


def post_link(resource: Resource) -> str | None:
    return jump_url(resource.guild_id, resource.post_channel_id, resource.post_message_id)


def tags_text(resource: Resource, lang: str) -> str:
    if not resource.tags:
        return t(lang, "resource.result.no_tags")
    return " ".join(f"`{tag}`" for tag in resource.tags)


def _base_embed(resource: Resource, lang: str, colour: int, title: str | None = None) -> discord.Embed:
    embed = discord.Embed(title=cut(title or resource.title, EMBED_TITLE), url=resource.url, colour=colour,
                          description=cut(resource.description, EMBED_DESCRIPTION) or None)
    embed.add_field(name=t(lang, "resource.field.tags"), value=cut(tags_text(resource, lang), FIELD_VALUE))
    embed.add_field(name=t(lang, "resource.field.shared_by"), value=f"<@{resource.author_id}>")
    embed.set_footer(text=cut(t(lang, "resource.footer", id=resource.id), FOOTER))
    return embed


def post_embed(resource: Resource, lang: str) -> discord.Embed:
    """The published resource in the resources channel."""
    return _base_embed(resource, lang, COLOUR)


def review_embed(resource: Resource, lang: str, outcome: str | None = None) -> discord.Embed:
    """The moderation-channel card: the resource, its link in full, and once decided the outcome."""
    colour = {None: REVIEW_COLOUR, "published": APPROVED_COLOUR}.get(outcome, REJECTED_COLOUR)
    embed = _base_embed(resource, lang, colour)
    embed.add_field(name=t(lang, "resource.field.link"), value=cut(resource.url, FIELD_VALUE), inline=False)
    if outcome is not None:
        embed.add_field(name=t(lang, "resource.field.status"), value=cut(outcome_text(resource, lang), FIELD_VALUE),
                        inline=False)
    embed.set_author(name=cut(t(lang, "resource.review.title", id=resource.id), EMBED_TITLE))
    return embed


def outcome_text(resource: Resource, lang: str) -> str:
    if resource.status == "published":
        return t(lang, "resource.review.approved_by", moderator=f"<@{resource.decided_by}>")
    if resource.status == "rejected":
        return t(lang, "resource.review.rejected_by", moderator=f"<@{resource.decided_by}>",
                 reason=escape(resource.decision_reason or ""))
    return t(lang, "resource.status." + resource.status)


def render_snippet(snippet: str) -> str:
    """A search snippet on one line: the user's markdown escaped, matched words in bold."""
    text = " ".join(snippet.split())
    text = cut(text, SNIPPET_CHARS)
    if text.count(MARK_START) > text.count(MARK_END):  # the cut fell inside a highlighted word
        text += MARK_END
    return escape(text).replace(MARK_START, "**").replace(MARK_END, "**")


def _entry(resource: Resource, lang: str, snippet: str | None) -> str:
    title = escape(cut(" ".join(resource.title.split()), TITLE_IN_LIST))
    target = resource.url if len(resource.url) <= LINK_IN_LIST else post_link(resource)
    head = f"**[{title}]({link_target(target)})**" if target else f"**{title}**"
    lines = [head]
    if snippet:
        lines.append(render_snippet(snippet))
    lines.append("-# " + t(lang, "resource.result.meta", id=resource.id, votes=resource.upvotes,
                           tags=tags_text(resource, lang)))
    return "\n".join(lines)


def list_embed(title: str, entries: Iterable[str], lang: str) -> discord.Embed:
    """As many entries as fit in one embed description; the rest are counted, not cut mid-entry."""
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
    description = "\n\n".join(shown)
    if len(shown) < len(entries):
        description += "\n\n" + t(lang, "resource.result.more", count=len(entries) - len(shown))
    return discord.Embed(title=cut(title, EMBED_TITLE), description=description, colour=COLOUR)


def search_embed(hits: list[SearchHit], query: str, tag: str | None, lang: str) -> discord.Embed:
    shown_query = escape(cut(" ".join(query.split()), 80))
    title = (t(lang, "resource.search.title_tag", query=shown_query, tag=tag) if tag
             else t(lang, "resource.search.title", query=shown_query))
    return list_embed(title, (_entry(h.resource, lang, h.snippet) for h in hits), lang)


def top_embed(resources: list[Resource], tag: str | None, lang: str) -> discord.Embed:
    title = t(lang, "resource.top.title_tag", tag=tag) if tag else t(lang, "resource.top.title")
    return list_embed(title, (_entry(r, lang, None) for r in resources), lang)
