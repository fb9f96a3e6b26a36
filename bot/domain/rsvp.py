"""RSVP rules: one status per member per event, a waitlist in click order, capacity never exceeded.

The decision is pure; storage runs it inside one write unit, which the single writer serialises, so
two clicks can never both take the last place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.errors import DomainError

GOING = "going"
MAYBE = "maybe"
DECLINED = "declined"
WAITLIST = "waitlist"
CHOICES = (GOING, MAYBE, DECLINED)
STATUSES = (GOING, MAYBE, DECLINED, WAITLIST)
# Members in these states get reminders.
REMINDED = (GOING, MAYBE)
# Members in these states are told when the event changes or is cancelled.
TOLD = (GOING, MAYBE, WAITLIST)


@dataclass(frozen=True)
class Decision:
    """What a click does: the member's new status, whether a new click-order number is taken, and
    how many waitlisted members may now move up."""

    previous: str | None
    status: str
    new_seq: bool
    frees_place: bool

    @property
    def changed(self) -> bool:
        return self.previous != self.status


def decide(choice: str, *, previous: str | None, going: int, capacity: int | None, cancelled: bool,
           starts_at: datetime, duration_min: int, now: datetime) -> Decision:
    """The outcome of a member clicking `choice` (going, maybe, declined).

    Going on a full event joins the waitlist at the end; clicking Going again keeps one's place (on
    the list or the waitlist). Leaving the going list frees a place for the waitlist. Clicks on a
    cancelled or finished event are refused.
    """
    if choice not in CHOICES:
        raise DomainError("rsvp.bad_choice")
    if cancelled:
        raise DomainError("rsvp.cancelled")
    if now >= starts_at + timedelta(minutes=duration_min):
        raise DomainError("rsvp.over")
    if choice == GOING:
        if previous in (GOING, WAITLIST):
            return Decision(previous, previous, False, False)
        if capacity is None or going < capacity:
            return Decision(previous, GOING, True, False)
        return Decision(previous, WAITLIST, True, False)
    if previous == choice:
        return Decision(previous, choice, False, False)
    return Decision(previous, choice, True, previous == GOING)


def reminded(status: str | None) -> bool:
    return status in REMINDED
