"""The platform-neutral message model rendered as Discord embeds, components and files, within
Discord's limits."""

from __future__ import annotations

import io
import re
from typing import Any

import discord

from bot.i18n.format import (BUTTON_LABEL, CONTENT, EMBED_DESCRIPTION, EMBED_TITLE, EMBED_TOTAL,
                             FIELD_NAME, FIELD_VALUE, FOOTER, cut)
from bot.domain.identity import DISCORD
from bot.ports.messaging import DANGER, MEMBER_REF, PRIMARY, SUCCESS, Card, Message
from cogs._common.buttons import custom_id

_STYLES = {PRIMARY: discord.ButtonStyle.primary, SUCCESS: discord.ButtonStyle.success,
           DANGER: discord.ButtonStyle.danger}
MAX_FIELDS = 25
_MEMBER_REF = re.compile(MEMBER_REF)


def _member(m: re.Match[str]) -> str:
    # A Discord member is mentioned; anyone else (a Telegram member, whose id means nothing here and
    # could be some Discord user's) is their name, whose markup characters the reference escaped.
    return f"<@{m.group('ref_id')}>" if m.group("ref_platform") == DISCORD else m.group("ref_name")


def markup(text: str) -> str:
    """The neutral markup as Discord reads it: members of a given platform made mentions or names."""
    return _MEMBER_REF.sub(_member, text) if "<@" in text else text


def embed(card: Card) -> discord.Embed:
    out = discord.Embed(title=cut(markup(card.title), EMBED_TITLE) or None,
                        description=cut(markup(card.body), EMBED_DESCRIPTION) or None,
                        colour=card.colour, url=card.url, timestamp=card.timestamp)
    for f in card.fields[:MAX_FIELDS]:
        out.add_field(name=cut(markup(f.name), FIELD_NAME) or "-", value=cut(markup(f.value), FIELD_VALUE) or "-",
                      inline=f.inline)
    if card.footer:
        out.set_footer(text=cut(markup(card.footer), FOOTER))
    if card.author:
        out.set_author(name=cut(markup(card.author), EMBED_TITLE))
    return out


def view(message: Message) -> discord.ui.View | None:
    if not message.buttons:
        return None
    out = discord.ui.View(timeout=None)
    for row, buttons in enumerate(message.buttons[:5]):
        for b in buttons[:5]:
            out.add_item(discord.ui.Button(label=cut(b.label, BUTTON_LABEL),
                                           style=_STYLES.get(b.style, discord.ButtonStyle.secondary),
                                           custom_id=custom_id(b), disabled=b.disabled, row=row,
                                           emoji=b.emoji or None))
    return out


def mentions(message: Message) -> discord.AllowedMentions:
    if message.ping_roles:
        return discord.AllowedMentions(everyone=False, users=False,
                                       roles=[discord.Object(id=r) for r in message.ping_roles])
    return discord.AllowedMentions.none()


def embeds(message: Message) -> list[discord.Embed]:
    out = [embed(c) for c in message.cards[:10]]
    # Discord counts all embeds of a message against 6000 characters: shorten descriptions from the
    # last one until they fit.
    while out and sum(len(e) for e in out) > EMBED_TOTAL:
        last = next((e for e in reversed(out) if e.description), None)
        if last is None:
            break
        excess = sum(len(e) for e in out) - EMBED_TOTAL
        last.description = cut(last.description, max(len(last.description or "") - excess - 1, 0)) or None
    return out


def send_kwargs(message: Message, *, edit: bool = False) -> dict[str, Any]:
    """Keyword arguments for `send`/`edit` of discord.py for this message."""
    kwargs: dict[str, Any] = {"content": cut(markup(message.text), CONTENT) or None, "embeds": embeds(message),
                              "allowed_mentions": mentions(message)}
    v = view(message)
    if v is not None or edit:
        kwargs["view"] = v
    if message.files and not edit:
        kwargs["files"] = [discord.File(io.BytesIO(f.data), filename=f.filename) for f in message.files]
    return kwargs
