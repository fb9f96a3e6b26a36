"""`/reports export`: cases as CSV or JSON, without any reporter identity.

The export carries what a partner or a platform needs (the evidence snapshot, category, status, the
outcome and the escalation) and the counts of reports and distinct reporters, never who reported.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.durations import parse_duration
from bot.domain.errors import DomainError
from bot.domain.reports import Case

FORMATS = ("csv", "json")
MAX_SINCE_DAYS = 3660

COLUMNS: tuple[str, ...] = (
    "reference", "category", "priority", "status", "opened_at", "claimed_at", "closed_at",
    "report_count", "distinct_reporters", "source", "content", "link", "author_id", "author_name",
    "channel_id", "message_id", "jump_url", "posted_at", "attachments", "outcome", "resolution_note",
    "dismiss_reason", "platform", "external_ref", "platform_outcome", "platform_outcome_at",
)

# Spreadsheet programs run cells starting with these as formulas; reported text is hostile input.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def case_record(case: Case) -> dict[str, Any]:
    """One exported case. Reporter ids are not in the case model, so they cannot leak from here."""
    ev = case.evidence
    esc = case.escalation
    return {
        "reference": case.ref,
        "category": case.category,
        "priority": "urgent" if case.urgent else "normal",
        "status": case.status,
        "opened_at": _iso(case.created_at),
        "claimed_at": _iso(case.claimed_at),
        "closed_at": _iso(case.closed_at),
        "report_count": case.report_count,
        "distinct_reporters": case.reporter_count,
        "source": ev.source,
        "content": ev.content or None,
        "link": ev.link,
        "author_id": str(ev.author_id) if ev.author_id else None,
        "author_name": ev.author_name,
        "channel_id": str(ev.channel_id) if ev.channel_id else None,
        "message_id": str(ev.message_id) if ev.message_id else None,
        "jump_url": ev.jump_url,
        "posted_at": ev.posted_at,
        "attachments": [{"name": a.name, "content_type": a.content_type, "size": a.size, "url": a.url}
                        for a in ev.attachments],
        "outcome": case.outcome,
        "resolution_note": case.resolution_note,
        "dismiss_reason": case.dismiss_reason,
        "platform": esc.platform if esc else None,
        "external_ref": esc.external_ref if esc else None,
        "platform_outcome": esc.outcome if esc else None,
        "platform_outcome_at": _iso(esc.outcome_at) if esc else None,
    }


def to_json(cases: list[Case]) -> str:
    """A JSON array of case records (snowflakes as strings, as Discord writes them)."""
    return json.dumps([case_record(c) for c in cases], ensure_ascii=False, indent=1)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False) if value else ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(cases: list[Case]) -> str:
    """CSV with a header row; list cells hold JSON; cells that would run as formulas are quoted
    with a leading apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for case in cases:
        record = case_record(case)
        writer.writerow([_cell(record[c]) for c in COLUMNS])
    return out.getvalue()


def parse_since(text: str | None, now: datetime, zone: str) -> datetime | None:
    """The start of an export: a date (`2026-01-31`, read in the guild's zone) or a span back from
    now (`7d`, `12h`); None means everything."""
    raw = (text or "").strip()
    if not raw:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise DomainError("reports.bad_since", value=raw) from None
        return datetime.combine(day, time.min, tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)
    try:
        minutes = parse_duration(raw, maximum=MAX_SINCE_DAYS * 1440)
    except DomainError:
        raise DomainError("reports.bad_since", value=raw) from None
    return now - timedelta(minutes=minutes)
