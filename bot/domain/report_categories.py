"""The vocabularies of report triage: categories, priorities, statuses, outcomes, platforms.

Values are stable identifiers stored in the database and carried in custom_ids; what users read comes
from the i18n catalogue (`reports.category.<value>`, `reports.status.<value>`, ...).
"""

from __future__ import annotations

from bot.domain.errors import DomainError

# Aligned with the large platforms' community standards (PRODUCT.md, "Reports").
CATEGORIES: tuple[str, ...] = (
    "misinformation",
    "hate_speech",
    "bullying_harassment",
    "violent_extremism",
    "child_safety",
    "scam_impersonation",
    "other",
)
URGENT_CATEGORIES: frozenset[str] = frozenset({"child_safety", "violent_extremism"})

STATUS_NEW = "new"
STATUS_TRIAGING = "triaging"
STATUS_ESCALATED = "escalated"
STATUS_RESOLVED = "resolved"
STATUS_DISMISSED = "dismissed"
STATUSES: tuple[str, ...] = (STATUS_NEW, STATUS_TRIAGING, STATUS_ESCALATED, STATUS_RESOLVED,
                             STATUS_DISMISSED)
OPEN_STATUSES: frozenset[str] = frozenset({STATUS_NEW, STATUS_TRIAGING, STATUS_ESCALATED})
CLOSED_STATUSES: frozenset[str] = frozenset({STATUS_RESOLVED, STATUS_DISMISSED})

OUTCOMES: tuple[str, ...] = ("actioned", "no_violation", "duplicate")

PLATFORMS: tuple[str, ...] = ("facebook", "instagram", "tiktok", "x", "youtube", "whatsapp",
                              "telegram", "other")
PLATFORM_OUTCOMES: tuple[str, ...] = ("removed", "restricted", "no_action", "pending")
# Outcomes that count as the platform having complied with the escalation.
COMPLIED_OUTCOMES: frozenset[str] = frozenset({"removed", "restricted"})
# Outcomes that are a decision (pending is not): the denominator of the compliance rate.
DECIDED_OUTCOMES: frozenset[str] = frozenset({"removed", "restricted", "no_action"})

SOURCES: tuple[str, ...] = ("message", "link", "text")


def is_urgent(category: str) -> bool:
    """Child safety and violent extremism are urgent: the moderator role is pinged, SLA is 1 hour."""
    return category in URGENT_CATEGORIES


def check_category(value: str) -> str:
    """`value` if it is a known category, else DomainError('reports.bad_category')."""
    if value not in CATEGORIES:
        raise DomainError("reports.bad_category", value=value)
    return value


def check_platform(value: str) -> str:
    if value not in PLATFORMS:
        raise DomainError("reports.bad_platform", value=value)
    return value


def check_outcome(value: str) -> str:
    if value not in OUTCOMES:
        raise DomainError("reports.bad_outcome", value=value)
    return value


def check_platform_outcome(value: str) -> str:
    if value not in PLATFORM_OUTCOMES:
        raise DomainError("reports.bad_platform_outcome", value=value)
    return value


def check_status(value: str) -> str:
    if value not in STATUSES:
        raise DomainError("reports.bad_status", value=value)
    return value


def reference(number: int) -> str:
    """The case reference users see: `R-0042` (per-guild numbering, at least four digits)."""
    return f"R-{number:04d}"


def parse_reference(text: str) -> int | None:
    """The case number in `R-0042`, `r42`, `#42` or `42`; None when it is not a reference."""
    raw = (text or "").strip().upper().lstrip("#")
    if raw.startswith("R"):
        raw = raw[1:].lstrip("-# ")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 10**9 else None
