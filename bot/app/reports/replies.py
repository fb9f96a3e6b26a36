"""What moderators are answered with by `/reports queue|show|stats|export`, and the texts of intake
and triage, as neutral messages in the community's language."""

from __future__ import annotations

from typing import Callable

from bot.domain.report_categories import OUTCOMES, PLATFORMS, STATUS_ESCALATED, STATUS_RESOLVED
from bot.domain.report_stats import Stats, format_span
from bot.domain.report_status import reason_parts
from bot.domain.reports import AuditEntry, Case, IntakeResult, ReporterEntry
from bot.i18n import t
from bot.i18n.format import CONTENT, EMBED_DESCRIPTION, EMBED_TOTAL, FIELD_VALUE, cut, ts
from bot.ports.messaging import Card, Field, Message
from bot.app.reports.cards import case_buttons, case_card, card_size, label

QUEUE_COLOUR = 0x3498DB
_REASON_VOCABULARY = {STATUS_ESCALATED: ("platform", PLATFORMS), STATUS_RESOLVED: ("outcome", OUTCOMES)}


def confirmation(result: IntakeResult, lang: str) -> str:
    """What the reporter is told once their report is stored."""
    text = t(lang, "reports.confirm.joined" if result.joined else "reports.confirm.new", ref=result.ref)
    if result.urgent:
        text += "\n" + t(lang, "reports.confirm.urgent")
    return cut(text, CONTENT)


def _reason(entry: AuditEntry, lang: str) -> str:
    """An audit reason with its platform or outcome key in the community's language."""
    kind = _REASON_VOCABULARY.get(entry.to_status or "")
    key, rest = reason_parts(entry.reason or "")
    if kind is None or key not in kind[1]:
        return entry.reason or ""
    shown = label(lang, kind[0], key)
    return shown if rest is None else f"{shown}: {rest}"


def audit_lines(entries: list[AuditEntry], lang: str) -> list[str]:
    """One line per audit entry, oldest first."""
    lines = []
    for e in entries:
        when = ts(e.at, "f")
        actor = f"<@{e.actor_id}>" if e.actor_id else "Baithak"
        if e.action == "open":
            lines.append(t(lang, "reports.audit.open", when=when))
        elif e.action == "reveal":
            lines.append(t(lang, "reports.audit.reveal", when=when, actor=actor))
        elif e.action == "platform_outcome":
            lines.append(t(lang, "reports.audit.platform_outcome", when=when, actor=actor,
                           outcome=label(lang, "platform_outcome", e.reason)))
        else:
            reason = f" ({cut(_reason(e, lang), 120)})" if e.reason else ""
            lines.append(t(lang, "reports.audit.status", when=when, actor=actor,
                           from_status=label(lang, "status", e.from_status),
                           to_status=label(lang, "status", e.to_status), reason=reason))
    return lines


def join_within(lines: list[str], limit: int) -> str:
    """As many of the latest lines as fit in `limit` characters."""
    kept: list[str] = []
    size = 0
    for line in reversed(lines):
        if size + len(line) + 1 > limit:
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(reversed(kept))


def queue_message(cases: list[Case], total: int, lang: str, link: Callable[[Case], str]) -> Message:
    """The queue: one line per case (urgent first), with a link to its card where there is one."""
    lines = []
    for case in cases:
        line = t(lang, "reports.queue.line", ref=case.ref, category=label(lang, "category", case.category),
                 status=label(lang, "status", case.status),
                 urgent=t(lang, "reports.queue.urgent_mark") if case.urgent else "",
                 reports=case.report_count, opened=ts(case.created_at, "R"))
        if case.card_message_id:
            line += f" · [→]({link(case)})"
        lines.append(line)
    if total > len(cases):
        lines.append(t(lang, "reports.queue.more", more=total - len(cases)))
    body = cut("\n".join(lines) or t(lang, "reports.queue.empty"), EMBED_DESCRIPTION)
    return Message(cards=(Card(title=t(lang, "reports.queue.title", count=total), body=body,
                               colour=QUEUE_COLOUR),))


def show_message(case: Case, audit: list[AuditEntry], reporters: list[ReporterEntry] | None,
                 lang: str) -> Message:
    """A case's card and its audit log; with `reporters` (an admin's reveal) who reported it."""
    body = ""
    fields: list[Field] = []
    if reporters is not None:
        lines = [t(lang, "reports.show.reporter_line", user=f"<@{r.reporter_id}> (`{r.reporter_id}`)",
                   when=ts(r.reported_at, "f"), details=f": {cut(r.details, 150)}" if r.details else "")
                 for r in reporters]
        body = cut(t(lang, "reports.show.revealed", ref=case.ref), 500)
        fields.append(Field(t(lang, "reports.show.reporters"), join_within(lines, FIELD_VALUE) or "-", False))
    fields.append(Field(t(lang, "reports.show.audit"),
                        join_within(audit_lines(audit, lang), FIELD_VALUE) or "-", False))
    extra = Card(body=body, fields=tuple(fields))
    # A message's cards share 6000 characters: the case's card gets what the audit leaves.
    card = case_card(case, lang, budget=EMBED_TOTAL - card_size(extra))
    extra = Card(body=body, fields=tuple(fields), colour=card.colour)
    return Message(cards=(card, extra), buttons=case_buttons(case, lang))


def stats_message(figures: Stats, days: int, lang: str) -> Message:
    """Counts by category and status, median times, and each platform's compliance."""
    na = t(lang, "reports.stats.na")

    def unit(u: str, n: int) -> str:
        return t(lang, f"reports.unit.{u}", n=n)

    rates = [t(lang, "reports.stats.platform_line", platform=label(lang, "platform", p.platform),
               rate=f"{p.rate:.0%}" if p.rate is not None else na, complied=p.complied,
               decided=p.decided, escalations=p.escalations) for p in figures.platforms]
    fields = (
        Field(t(lang, "reports.stats.by_category"), "\n".join(
            f"{label(lang, 'category', c)}: **{n}**" for c, n in figures.by_category.items()), True),
        Field(t(lang, "reports.stats.by_status"), "\n".join(
            f"{label(lang, 'status', s)}: **{n}**" for s, n in figures.by_status.items()), True),
        Field(t(lang, "reports.stats.median_claim"), format_span(figures.median_to_claim, unit) or na, False),
        Field(t(lang, "reports.stats.median_resolution"),
              format_span(figures.median_to_resolution, unit) or na, False),
        Field(t(lang, "reports.stats.platforms"),
              cut("\n".join(rates), FIELD_VALUE) or t(lang, "reports.stats.no_escalations"), False),
    )
    return Message(cards=(Card(title=t(lang, "reports.stats.title", days=days),
                               body=t(lang, "reports.stats.total", total=figures.total),
                               fields=fields, colour=QUEUE_COLOUR),))


def suggestion(case: Case, lang: str) -> str:
    """How a case is offered while a moderator types its reference."""
    return (f"{case.ref} · {label(lang, 'category', case.category)} · {label(lang, 'status', case.status)}"
            f" · {(case.evidence.content or case.evidence.link or '').strip()}")
