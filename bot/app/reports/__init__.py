"""Reports and triage: intake, the case card, triage steps, SLA checks, outcome notices and the
moderators' queries (`service.ReportsService`); the card and replies as neutral messages (`cards`,
`replies`); the SLA jobs (`sla`)."""

from bot.app.reports.service import (
    CLAIM,
    DISMISS,
    ESCALATE,
    PLATFORM_OUTCOME,
    RESOLVE,
    Asked,
    ReportsService,
    Step,
    Submitted,
    Triaged,
)

__all__ = ["CLAIM", "DISMISS", "ESCALATE", "PLATFORM_OUTCOME", "RESOLVE", "Asked", "ReportsService", "Step",
           "Submitted", "Triaged"]
