"""The case card: an embed (category, priority, status, evidence summary, counts, never reporters) and
the buttons that fit the case's status. Every text is cut to Discord's limits where it is placed."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.domain.guild_settings import GuildSettings
from bot.domain.report_categories import (
    STATUS_DISMISSED,
    STATUS_ESCALATED,
    STATUS_NEW,
    STATUS_RESOLVED,
    STATUS_TRIAGING,
)
from bot.domain.reports import Case
from bot.i18n import t
from bot.i18n.format import CONTENT, EMBED_TITLE, EMBED_TOTAL, FIELD_VALUE, FOOTER, cut, ts

CONTENT_PREVIEW = 1800
NOTE_PREVIEW = 600
_COLOURS = {
    STATUS_NEW: 0xE67E22,
    STATUS_TRIAGING: 0x3498DB,
    STATUS_ESCALATED: 0x9B59B6,
    STATUS_RESOLVED: 0x2ECC71,
    STATUS_DISMISSED: 0x95A5A6,
}
URGENT_COLOUR = 0xE74C3C


def _stamp(iso: str) -> str:
    """Evidence keeps the message's own ISO time; the card shows it in each viewer's zone."""
    try:
        return ts(datetime.fromisoformat(iso), "f")
    except ValueError:
        return f"`{iso}`"


def label(lang: str, kind: str, value: str | None) -> str:
    """A vocabulary value (category, status, platform, ...) in the guild's language."""
    return t(lang, f"reports.{kind}.{value}") if value else t(lang, "reports.card.none")


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _field(embed: discord.Embed, name: str, value: str, inline: bool = True) -> None:
    embed.add_field(name=cut(name, 256), value=cut(value, FIELD_VALUE) or "-", inline=inline)


def card_embed(case: Case, lang: str, budget: int = EMBED_TOTAL) -> discord.Embed:
    """The card's embed. Reporters appear only as counts. `budget` is what the embed may use of the
    message's 6000 characters (less when another embed goes with it)."""
    ev = case.evidence
    title = t(lang, "reports.card.title", ref=case.ref, category=label(lang, "category", case.category))
    colour = URGENT_COLOUR if case.urgent and case.is_open else _COLOURS.get(case.status, 0x7F8C8D)
    body = ev.content.strip() if ev.content else ""
    # A report that is just the link (bare or in <>): the description shows it, no separate field.
    link_only = ev.source == "link" and bool(ev.link) and len(body.strip("<>").split()) <= 1
    if link_only:
        body = f"<{ev.link}>"
    description = cut(body, CONTENT_PREVIEW) if body else t(lang, "reports.card.no_content")
    embed = discord.Embed(title=cut(title, EMBED_TITLE), description=description, colour=colour,
                          timestamp=case.created_at)
    _field(embed, t(lang, "reports.card.priority"),
           label(lang, "priority", "urgent" if case.urgent else "normal"))
    _field(embed, t(lang, "reports.card.status"), label(lang, "status", case.status))
    _field(embed, t(lang, "reports.card.reports"),
           t(lang, "reports.card.count", reports=case.report_count, reporters=case.reporter_count))
    _field(embed, t(lang, "reports.card.source"), label(lang, "source", ev.source))
    if ev.author_id is not None:
        _field(embed, t(lang, "reports.card.author"), f"{ev.author_name or '?'} (`{ev.author_id}`)")
    if ev.jump_url:
        where = t(lang, "reports.card.jump", channel=f"<#{ev.channel_id}>" if ev.channel_id else "-",
                  url=ev.jump_url)
        if ev.posted_at:
            where += "\n" + t(lang, "reports.card.posted", when=_stamp(ev.posted_at))
        if ev.edited_at:
            where += " · " + t(lang, "reports.card.edited", when=_stamp(ev.edited_at))
        _field(embed, t(lang, "reports.card.where"), where, inline=False)
    elif ev.link and not link_only:
        _field(embed, t(lang, "reports.card.link"), f"<{ev.link}>", inline=False)
    if ev.attachments:
        # Names, types and sizes only: the files are never fetched or shown.
        lines = [t(lang, "reports.card.attachment_line", name=cut(a.name, 80),
                   type=a.content_type or "?", size=human_size(a.size)) for a in ev.attachments]
        _field(embed, t(lang, "reports.card.attachments"), "\n".join(lines), inline=False)
    if case.details:
        _field(embed, t(lang, "reports.card.details"), cut(case.details, NOTE_PREVIEW), inline=False)
    _field(embed, t(lang, "reports.card.opened"), ts(case.created_at, "f") + " · " + ts(case.created_at, "R"))
    if case.claimed_by is not None and case.claimed_at is not None:
        _field(embed, t(lang, "reports.card.claimed"),
               t(lang, "reports.card.claimed_value", moderator=f"<@{case.claimed_by}>",
                 when=ts(case.claimed_at, "R")))
    elif case.status == STATUS_NEW:
        sla = t(lang, "reports.card.sla_value", hours=case.sla_hours,
                due=ts(case.sla_due_at, "R") if case.sla_due_at else "-")
        if case.sla_raised_at is not None:
            sla += "\n" + t(lang, "reports.card.sla_raised", when=ts(case.sla_raised_at, "R"))
        _field(embed, t(lang, "reports.card.sla"), sla)
    if case.escalation is not None:
        esc = case.escalation
        _field(embed, t(lang, "reports.card.escalation"),
               t(lang, "reports.card.escalation_value", platform=label(lang, "platform", esc.platform),
                 reference=cut(esc.external_ref, 200) if esc.external_ref else t(lang, "reports.card.none"),
                 outcome=label(lang, "platform_outcome", esc.outcome)), inline=False)
    if case.status == STATUS_RESOLVED:
        value = label(lang, "outcome", case.outcome)
        if case.resolution_note:
            value += "\n" + t(lang, "reports.card.note", note=cut(case.resolution_note, NOTE_PREVIEW))
        value += "\n" + _closed_by(case, lang)
        _field(embed, t(lang, "reports.card.resolution"), value, inline=False)
    elif case.status == STATUS_DISMISSED:
        value = t(lang, "reports.card.dismissed", reason=cut(case.dismiss_reason, NOTE_PREVIEW))
        _field(embed, t(lang, "reports.card.resolution"), value + "\n" + _closed_by(case, lang), inline=False)
    embed.set_footer(text=cut(t(lang, "reports.card.footer"), FOOTER))
    while len(embed) > budget and embed.description and len(embed.description) > 1:
        embed.description = cut(embed.description, len(embed.description) // 2)
    return embed


def _closed_by(case: Case, lang: str) -> str:
    if case.closed_by is None or case.closed_at is None:
        return ""
    return t(lang, "reports.card.closed_by", moderator=f"<@{case.closed_by}>", when=ts(case.closed_at, "R"))


def card_view(case: Case, lang: str) -> discord.ui.View | None:
    """The buttons that make sense in the case's status (None when nothing is left to do)."""
    from cogs.reports._items import (
        ClaimButton,
        DismissButton,
        EscalateButton,
        PlatformOutcomeButton,
        ResolveButton,
    )

    items: list[discord.ui.Item[discord.ui.View]] = []
    if case.status == STATUS_NEW:
        items.append(ClaimButton(case.id, label=t(lang, "reports.button.claim")))
    if case.status in (STATUS_NEW, STATUS_TRIAGING):
        items.append(EscalateButton(case.id, label=t(lang, "reports.button.escalate")))
    if case.is_open:
        items.append(ResolveButton(case.id, label=t(lang, "reports.button.resolve")))
        items.append(DismissButton(case.id, label=t(lang, "reports.button.dismiss")))
    if case.escalation is not None:
        items.append(PlatformOutcomeButton(case.id, label=t(lang, "reports.button.platform_outcome")))
    if not items:
        return None
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view


def ping_content(case: Case, settings: GuildSettings, lang: str, key: str = "reports.card.ping",
                 **params: str) -> tuple[str | None, discord.AllowedMentions]:
    """The card's message content and allowed mentions: an urgent case pings the moderator role and
    nothing else; every other card pings nobody."""
    if case.urgent and settings.moderator_role:
        role = settings.moderator_role
        text = t(lang, key, role=f"<@&{role}>", ref=case.ref, **params)
        return cut(text, CONTENT), discord.AllowedMentions(everyone=False, users=False, replied_user=False,
                                                           roles=[discord.Object(id=role)])
    return None, discord.AllowedMentions.none()
