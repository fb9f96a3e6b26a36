"""Audit lines show the platform or outcome of a step in the guild's language; free text as written."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.domain.reports import AuditEntry
from bot.app.reports.replies import audit_lines
from bot.i18n import bidi

AT = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


def test_platform_and_outcome_keys_are_translated_free_text_is_kept() -> None:
    entries = [
        AuditEntry(AT, 5, "status", "triaging", "escalated", "tiktok: TT-1"),
        AuditEntry(AT, 5, "status", "escalated", "resolved", "actioned: removed: thanks all"),
        AuditEntry(AT, 5, "status", "triaging", "dismissed", "tiktok: not ours"),
    ]
    ur = audit_lines(entries, "ur")
    assert "(ٹک ٹاک: TT-1)" in bidi.strip(ur[0])  # the words; direction marks are test_bidi's
    assert "(کارروائی ہوئی: removed: thanks all)" in bidi.strip(ur[1])
    assert "(tiktok: not ours)" in ur[2]  # a dismissal reason is the moderator's own words
    assert "(TikTok: TT-1)" in audit_lines(entries, "en")[0]
