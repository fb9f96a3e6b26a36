"""The case card as a neutral message: a card (category, priority, status, evidence summary, counts,
never reporters) and the buttons that fit the case's status. Every text is cut to the limits of the
place it goes, so any front end can render it as it is."""

from __future__ import annotations

from datetime import datetime

from bot.domain.guild_settings import GuildSettings
from bot.domain.report_categories import (
    STATUS_DISMISSED,
    STATUS_ESCALATED,
    STATUS_NEW,
    STATUS_RESOLVED,
    STATUS_TRIAGING,
    is_urgent,
)
from bot.domain.report_actions import DELETE as DELETE_ACTION
from bot.domain.report_actions import TIMEOUT as TIMEOUT_ACTION
from bot.domain.report_actions import offers
from bot.domain.reports import Case
from bot.i18n import dates, t
from bot.i18n.format import CONTENT, EMBED_TITLE, EMBED_TOTAL, FIELD_NAME, FIELD_VALUE, FOOTER, cut, ts
from bot.ports.messaging import DANGER, PRIMARY, SECONDARY, SUCCESS, Button, Card, Field, Message

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
OTHER_COLOUR = 0x7F8C8D

# Button intents of the card (front ends map them to their own ids; the target is the case id).
CLAIM = "reports.claim"
ESCALATE = "reports.escalate"
RESOLVE = "reports.resolve"
DISMISS = "reports.dismiss"
PLATFORM_OUTCOME = "reports.pout"
ASK_REPORTERS = "conv.ask"   # the conversation (bot.app.reports.conversation)
NOTE = "conv.note"
ACT = "actions.act"          # actions on the reported message (bot.app.reports.actions); target (action, case id)


def label(lang: str, kind: str, value: str | None) -> str:
    """A vocabulary value (category, status, platform, ...) in the community's language."""
    return t(lang, f"reports.{kind}.{value}") if value else t(lang, "reports.card.none")


def human_size(size: int, lang: str = "en") -> str:
    """An attachment's size in the community's language (`1.5 MB` / `1.5 ایم بی`)."""
    return dates.size(lang, size)


def _stamp(iso: str) -> str:
    """Evidence keeps the message's own ISO time; the card shows it in each viewer's zone."""
    try:
        return ts(datetime.fromisoformat(iso), "f")
    except ValueError:
        return f"`{iso}`"


def field(name: str, value: str, inline: bool = True) -> Field:
    """A field cut to the limits, never empty."""
    return Field(cut(name, FIELD_NAME), cut(value, FIELD_VALUE) or "-", inline)


def card_size(card: Card) -> int:
    """How much of a message's 6000 characters a card uses (title, body, fields and footer)."""
    return (len(card.title) + len(card.body) + len(card.footer)
            + sum(len(f.name) + len(f.value) for f in card.fields))


def _closed_by(case: Case, lang: str) -> str:
    if case.closed_by is None or case.closed_at is None:
        return ""
    return t(lang, "reports.card.closed_by", moderator=f"<@{case.closed_by}>", when=ts(case.closed_at, "R"))


def case_card(case: Case, lang: str, budget: int = EMBED_TOTAL) -> Card:
    """The card. Reporters appear only as counts. `budget` is what the card may use of the message's
    6000 characters (less when another card goes with it)."""
    ev = case.evidence
    title = t(lang, "reports.card.title", ref=case.ref, category=label(lang, "category", case.category))
    colour = URGENT_COLOUR if case.urgent and case.is_open else _COLOURS.get(case.status, OTHER_COLOUR)
    body = ev.content.strip() if ev.content else ""
    # A report that is just the link (bare or in <>): the body shows it, no separate field.
    link_only = ev.source == "link" and bool(ev.link) and len(body.strip("<>").split()) <= 1
    if link_only:
        body = f"<{ev.link}>"
    description = cut(body, CONTENT_PREVIEW) if body else t(lang, "reports.card.no_content")
    fields: list[Field] = [
        field(t(lang, "reports.card.priority"), label(lang, "priority", "urgent" if case.urgent else "normal")),
        field(t(lang, "reports.card.status"), label(lang, "status", case.status)),
        field(t(lang, "reports.card.reports"),
              t(lang, "reports.card.count", reports=case.report_count, reporters=case.reporter_count)),
        field(t(lang, "reports.card.source"), label(lang, "source", ev.source)),
    ]
    if ev.author_id is not None:
        fields.append(field(t(lang, "reports.card.author"), f"{ev.author_name or '?'} (`{ev.author_id}`)"))
    if ev.jump_url:
        where = t(lang, "reports.card.jump", channel=f"<#{ev.channel_id}>" if ev.channel_id else "-",
                  url=ev.jump_url)
        if ev.posted_at:
            where += "\n" + t(lang, "reports.card.posted", when=_stamp(ev.posted_at))
        if ev.edited_at:
            where += " · " + t(lang, "reports.card.edited", when=_stamp(ev.edited_at))
        fields.append(field(t(lang, "reports.card.where"), where, inline=False))
    elif ev.link and not link_only:
        fields.append(field(t(lang, "reports.card.link"), f"<{ev.link}>", inline=False))
    if ev.attachments:
        # Names, types and sizes only: the files are never fetched or shown.
        lines = [t(lang, "reports.card.attachment_line", name=cut(a.name, 80),
                   type=a.content_type or "?", size=human_size(a.size, lang)) for a in ev.attachments]
        fields.append(field(t(lang, "reports.card.attachments"), "\n".join(lines), inline=False))
    if case.details:
        fields.append(field(t(lang, "reports.card.details"), cut(case.details, NOTE_PREVIEW), inline=False))
    fields.append(field(t(lang, "reports.card.opened"),
                        ts(case.created_at, "f") + " · " + ts(case.created_at, "R")))
    if case.claimed_by is not None and case.claimed_at is not None:
        fields.append(field(t(lang, "reports.card.claimed"),
                            t(lang, "reports.card.claimed_value", moderator=f"<@{case.claimed_by}>",
                              when=ts(case.claimed_at, "R"))))
    elif case.status == STATUS_NEW:
        sla = t(lang, "reports.card.sla_value", hours=case.sla_hours,
                due=ts(case.sla_due_at, "R") if case.sla_due_at else "-")
        if case.sla_raised_at is not None:
            sla += "\n" + t(lang, "reports.card.sla_raised", when=ts(case.sla_raised_at, "R"))
        fields.append(field(t(lang, "reports.card.sla"), sla))
    if case.escalation is not None:
        esc = case.escalation
        fields.append(field(t(lang, "reports.card.escalation"),
                            t(lang, "reports.card.escalation_value", platform=label(lang, "platform", esc.platform),
                              reference=cut(esc.external_ref, 200) if esc.external_ref else t(lang, "reports.card.none"),
                              outcome=label(lang, "platform_outcome", esc.outcome)), inline=False))
    if case.status == STATUS_RESOLVED:
        value = label(lang, "outcome", case.outcome)
        if case.resolution_note:
            value += "\n" + t(lang, "reports.card.note", note=cut(case.resolution_note, NOTE_PREVIEW))
        value += "\n" + _closed_by(case, lang)
        fields.append(field(t(lang, "reports.card.resolution"), value, inline=False))
    elif case.status == STATUS_DISMISSED:
        value = t(lang, "reports.card.dismissed", reason=cut(case.dismiss_reason, NOTE_PREVIEW))
        fields.append(field(t(lang, "reports.card.resolution"), value + "\n" + _closed_by(case, lang), inline=False))
    card = Card(title=cut(title, EMBED_TITLE), body=description, fields=tuple(fields),
                footer=cut(t(lang, "reports.card.footer"), FOOTER), colour=colour, timestamp=case.created_at)
    while card_size(card) > budget and len(card.body) > 1:
        card = Card(title=card.title, body=cut(card.body, len(card.body) // 2), fields=card.fields,
                    footer=card.footer, colour=card.colour, timestamp=card.timestamp)
    return card


def case_buttons(case: Case, lang: str) -> tuple[tuple[Button, ...], ...]:
    """The buttons that make sense in the case's status (none when nothing is left to do)."""
    row: list[Button] = []
    if case.status == STATUS_NEW:
        row.append(Button(CLAIM, (case.id,), t(lang, "reports.button.claim"), PRIMARY))
    if case.status in (STATUS_NEW, STATUS_TRIAGING):
        row.append(Button(ESCALATE, (case.id,), t(lang, "reports.button.escalate"), SECONDARY))
    if case.is_open:
        row.append(Button(RESOLVE, (case.id,), t(lang, "reports.button.resolve"), SUCCESS))
        row.append(Button(DISMISS, (case.id,), t(lang, "reports.button.dismiss"), DANGER))
    if case.escalation is not None:
        row.append(Button(PLATFORM_OUTCOME, (case.id,), t(lang, "reports.button.platform_outcome"), SECONDARY))
    rows = (tuple(row),) if row else ()
    if case.is_open:  # the conversation with reporters, and notes among moderators
        rows += ((Button(ASK_REPORTERS, (case.id,), t(lang, "conv.button.ask"), SECONDARY),
                  Button(NOTE, (case.id,), t(lang, "conv.button.note"), SECONDARY)),)
        actions = action_buttons(case, lang)
        if actions:
            rows += (actions,)
    return rows


def action_buttons(case: Case, lang: str) -> tuple[Button, ...]:
    """Delete the reported message, time out or warn its author: what the case's evidence allows."""
    styles = {DELETE_ACTION: DANGER, TIMEOUT_ACTION: DANGER}
    return tuple(Button(ACT, (action, case.id), t(lang, f"actions.button.{action}"), styles.get(action, SECONDARY))
                 for action in offers(case))


def ping(case: Case, settings: GuildSettings, lang: str, key: str = "reports.card.ping",
         **params: str) -> tuple[str, tuple[int, ...]]:
    """The card's text and the roles it pings: an urgent case pings the moderator role and nothing
    else; every other card pings nobody and has no text."""
    if case.urgent and settings.moderator_role:
        role = settings.moderator_role
        return cut(t(lang, key, role=f"<@&{role}>", ref=case.ref, **params), CONTENT), (role,)
    return "", ()


def card_message(case: Case, lang: str) -> Message:
    """The card with its buttons, to show a moderator (no text, no ping)."""
    return Message(cards=(case_card(case, lang),), buttons=case_buttons(case, lang))


def posted_card(case: Case, settings: GuildSettings) -> Message:
    """The card as first posted in the moderation channel (an urgent one pings the role)."""
    text, roles = ping(case, settings, settings.language)
    return Message(text=text, cards=(case_card(case, settings.language),),
                   buttons=case_buttons(case, settings.language), ping_roles=roles)


def edited_card(case: Case, settings: GuildSettings) -> Message:
    """The card as edited in place: the same text it was posted with, and never a ping (an edit
    notifies nobody; a case that became urgent later gets a message of its own)."""
    lang = settings.language
    text = ping(case, settings, lang)[0] if is_urgent(case.category) else ""
    return Message(text=text, cards=(case_card(case, lang),), buttons=case_buttons(case, lang))
