"""The anonymous conversation on a report case: moderators ask every reporter, reporters answer,
moderators keep internal notes. Reporters are only ever "Reporter N" to moderators (N stable per
case: the order of their first report), and moderators are only "the moderators of <community>" to
reporters. Which case a reporter's DM belongs to is decided here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Hashable, Sequence

from bot.domain.errors import DomainError
from bot.domain.report_categories import parse_reference

QUESTION = "question"
ANSWER = "answer"
NOTE = "note"
ACTION = "action"   # an action from the card (bot.domain.report_actions), with its reason
KINDS = (QUESTION, ANSWER, NOTE, ACTION)

MAX_TEXT = 1500   # fits a DM with its framing, and a thread message with its label

_LEADING_REF = re.compile(r"^\s*R\s*-?\s*(\d{1,6})\b[\s:,.\-–—]*", re.IGNORECASE)
_ANY_REF = re.compile(r"\bR\s*-?\s*(\d{1,6})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One line of a case's conversation. `author_id` is kept for the audit (a moderator's, or the
    reporter's for an answer) and is never shown to the other side: answers show `reporter_no`."""

    id: int
    case_id: int
    kind: str
    author_id: int
    body: str
    at: datetime
    reporter_no: int | None = None
    late: bool = False
    action: str | None = None


@dataclass(frozen=True)
class AskedCase:
    """A case the member reported, in the community `guild_id`, and when moderators last asked."""

    case_id: int
    guild_id: int
    number: int
    asked_at: datetime | None


def clean_text(text: str | None) -> str:
    """A question, answer or note as stored: trimmed, not empty, not too long."""
    body = (text or "").strip()
    if not body:
        raise DomainError("conv.empty")
    if len(body) > MAX_TEXT:
        raise DomainError("conv.too_long", limit=MAX_TEXT)
    return body


def reporter_number(reporters: Sequence[Hashable], reporter: Hashable) -> int:
    """Reporter N: the place of the member's first report among the case's reporters (1-based), so
    the same member is the same number on a case for good."""
    try:
        return list(reporters).index(reporter) + 1
    except ValueError:
        raise DomainError("conv.not_your_case") from None


@dataclass(frozen=True)
class Routed:
    """Where a reporter's DM goes: `case` (None: it belongs to no case), or the cases to choose from
    when it is ambiguous; `text` is the message without a leading case reference."""

    case: AskedCase | None
    text: str
    ambiguous: tuple[AskedCase, ...] = ()


def route_dm(text: str, cases: Sequence[AskedCase]) -> Routed:
    """The case a reporter's DM answers, among the cases they reported (`cases`). A case reference
    (`R-0042`, `r42`), at the start or anywhere, picks one of them; otherwise the only case moderators
    asked them about. Several cases waiting for an answer and no reference: ambiguous (the reporter
    is asked to name the case). No case asked about: the DM belongs to no case."""
    body = (text or "").strip()
    if not cases:
        return Routed(None, body)
    for match in _ANY_REF.finditer(body):
        found = [c for c in cases if c.number == int(match.group(1))]
        if len(found) == 1:
            rest = body
            if match.start() == 0:
                lead = _LEADING_REF.match(body)
                rest = body[lead.end():] if lead else body[match.end():]
            return Routed(found[0], rest.strip() or body)
    asked = [c for c in cases if c.asked_at is not None]
    if len(asked) == 1:
        return Routed(asked[0], body)
    if not asked:
        return Routed(None, body)
    return Routed(None, body, tuple(sorted(asked, key=lambda c: c.asked_at or datetime.min, reverse=True)))


# -- snippets: saved replies -------------------------------------------------------------------------
MAX_SNIPPETS = 25          # one select's worth of options
MAX_SNIPPET_NAME = 32
_SNIPPET_NAME = re.compile(r"^[^\W_][\w-]*$", re.UNICODE)


@dataclass(frozen=True)
class Snippet:
    name: str
    body: str
    created_by: int
    created_at: datetime


def clean_snippet_name(name: str | None) -> str:
    """A snippet's name as stored: trimmed, lower case, spaces as dashes; letters (any script),
    digits and dashes, at most 32 characters."""
    text = "-".join((name or "").strip().casefold().split())
    if not text:
        raise DomainError("conv.snippet.bad_name", limit=MAX_SNIPPET_NAME)
    if len(text) > MAX_SNIPPET_NAME or not _SNIPPET_NAME.match(text):
        raise DomainError("conv.snippet.bad_name", limit=MAX_SNIPPET_NAME)
    return text


def check_snippet_room(count: int) -> None:
    """Refuse a snippet beyond the community's MAX_SNIPPETS."""
    if count >= MAX_SNIPPETS:
        raise DomainError("conv.snippet.full", limit=MAX_SNIPPETS)


def compose(snippet: Snippet | None, text: str | None) -> str:
    """What a moderator writes with a snippet: the snippet, then anything they typed (either alone)."""
    typed = (text or "").strip()
    if snippet is None:
        return typed
    return f"{snippet.body}\n\n{typed}" if typed else snippet.body


__all__ = ["MAX_SNIPPETS", "Snippet", "check_snippet_room", "clean_snippet_name", "compose", "ANSWER", "AskedCase", "Entry", "KINDS", "MAX_TEXT", "NOTE", "QUESTION", "Routed", "clean_text",
           "parse_reference", "reporter_number", "route_dm"]
