"""Rendering events for Discord: the announcement embed and its buttons, lists, attendee cards."""

from __future__ import annotations

from typing import Sequence

import discord

from bot.domain.events import Counts, Event
from bot.i18n import t
from bot.i18n.format import EMBED_DESCRIPTION, EMBED_TITLE, FIELD_VALUE, FOOTER, cut, ts
from bot.storage.sqlite.events import Attendee

COLOUR = 0x2B7A78
CANCELLED_COLOUR = 0x777777


def _capacity_text(counts: Counts, event: Event) -> str:
    return f"{counts.going}/{event.capacity}" if event.capacity is not None else str(counts.going)


def announcement_embed(event: Event, counts: Counts, lang: str) -> discord.Embed:
    """The announcement: title, description, start/end as Discord timestamps, location, organiser
    and the live counts. A cancelled event says so in its title and colour."""
    title = t(lang, "embed.cancelled_title", title=event.title) if event.cancelled else event.title
    embed = discord.Embed(title=cut(title, EMBED_TITLE), description=cut(event.description, EMBED_DESCRIPTION) or None,
                          colour=CANCELLED_COLOUR if event.cancelled else COLOUR)
    embed.add_field(name=t(lang, "embed.starts"), value=f"{ts(event.starts_at, 'F')}\n{ts(event.starts_at, 'R')}")
    embed.add_field(name=t(lang, "embed.ends"), value=ts(event.ends_at, "F"))
    if event.location:
        embed.add_field(name=t(lang, "embed.location"), value=cut(event.location, FIELD_VALUE), inline=False)
    embed.add_field(name=t(lang, "embed.organiser"), value=f"<@{event.organiser_id}>", inline=False)
    embed.add_field(name=t(lang, "embed.going"), value=_capacity_text(counts, event))
    embed.add_field(name=t(lang, "embed.maybe"), value=str(counts.maybe))
    embed.add_field(name=t(lang, "embed.waitlist"), value=str(counts.waitlist))
    if event.cancelled:
        reason = event.cancel_reason or t(lang, "embed.no_reason")
        embed.add_field(name=t(lang, "embed.cancelled_reason"), value=cut(reason, FIELD_VALUE), inline=False)
    embed.set_footer(text=cut(t(lang, "embed.footer", id=event.id, zone=event.timezone), FOOTER))
    return embed


def announcement_view(event: Event, lang: str) -> discord.ui.View:
    """The four persistent buttons; all disabled once the event is cancelled."""
    from cogs.events.views import RsvpButton

    view = discord.ui.View(timeout=None)
    for action in RsvpButton.ACTIONS:
        view.add_item(RsvpButton.make(event.id, action, lang, disabled=event.cancelled))
    return view


def change_lines(changes: Sequence[object], lang: str) -> str:
    lines = []
    for change in changes:
        field = t(lang, f"event.field.{change.field}")  # type: ignore[attr-defined]
        lines.append(t(lang, "event.change_line", field=field, old=cut(change.old, 300),  # type: ignore[attr-defined]
                       new=cut(change.new, 300)))  # type: ignore[attr-defined]
    return "\n".join(lines)


def event_line(event: Event, going: int, lang: str) -> str:
    capacity = f"/{event.capacity}" if event.capacity is not None else ""
    line = t(lang, "list.line", title=cut(event.title, 100), start=ts(event.starts_at, "F"),
             relative=ts(event.starts_at, "R"), going=going, capacity=capacity)
    url = event.jump_url()
    return f"{line} · [{t(lang, 'list.link')}]({url})" if url else line


def attendees_embed(event: Event, people: Sequence[Attendee], lang: str) -> discord.Embed:
    """Up to a field's worth of names per status; the CSV attached beside it has everyone."""
    embed = discord.Embed(title=cut(t(lang, "attendees.title", title=event.title), EMBED_TITLE), colour=COLOUR)
    if not people:
        embed.description = t(lang, "attendees.empty")
        return embed
    for status in ("going", "waitlist", "maybe", "declined"):
        group = [p for p in people if p.status == status]
        if not group:
            continue
        lines: list[str] = []
        used = 0
        for i, person in enumerate(group):
            prefix = f"{person.position}. " if person.position else "• "
            line = f"{prefix}<@{person.user_id}> {cut(person.display_name, 40)}"
            more = t(lang, "attendees.more", count=len(group) - i)
            if used + len(line) + 1 + len(more) > FIELD_VALUE:
                lines.append(more)
                break
            lines.append(line)
            used += len(line) + 1
        embed.add_field(name=f"{t(lang, 'status.' + status)} ({len(group)})", value="\n".join(lines), inline=False)
    embed.set_footer(text=t(lang, "attendees.csv_note"))
    return embed
