"""Reading an event's `when`: ISO, English, Urdu or Roman Urdu, in the guild's time zone.

dateparser reads ISO and English well, but not the everyday Urdu way of saying a time (`کل شام 6
بجے`, `kal shaam 6 baje`: "tomorrow evening at 6"). So Urdu and Roman Urdu time words are first
rewritten as English that dateparser reads (:mod:`bot.domain.when_urdu`, which also holds the rules of
usage: a bare hour from 1 to 7 is the afternoon, a part of the day applies to every clock time,
`رات 12 بجے` is the coming midnight), then the whole text is parsed in the guild's zone.

Never silently wrong: dateparser keeps the current time of day for a time it cannot read (`tomorrow
25:00`). A clock time that is not one, or a word not understood, is refused by name with what the
rest gave; a reading whose hour moves when it is parsed from another time of the same day had no time.

The local wall time is attached to the zone with zoneinfo, which makes daylight-saving changes exact:
a wall time that does not exist (the hour skipped in spring) is refused rather than silently moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.domain.errors import DomainError
from bot.domain.when_urdu import rewrite

EXAMPLES = "`2026-12-05 18:00`, `tomorrow 6pm`, `next friday 17:30`, `کل شام 6 بجے`, `kal shaam 6 baje`"
MAX_AHEAD = timedelta(days=2 * 366)
MAX_TEXT = 100

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

# "in 2 hours" / "2 گھنٹے میں" is a span of real time, not of wall-clock time: across a
# daylight-saving change it must be added in UTC.
_RELATIVE_ONLY = re.compile(
    r"^\s*(?:in\s+\d+\s*(?:h|hr|hrs|hours?|m|mins?|minutes?)|\d+\s*(?:گھنٹے|گھنٹوں|گھنٹہ|منٹ)\s*میں)\s*$",
    re.IGNORECASE,
)
# A clock time that is not one (`25:00`, `6:75pm`, `13pm`, `0am`): dateparser drops it silently and
# keeps the current time of day, so it is found first and refused.
_COLON_CLOCK = re.compile(r"(?<![\d:.+-])(\d{1,2}):(\d{2})(?![\d])")
_MERIDIEM_CLOCK = re.compile(r"(?<![\d:.])(\d{1,2})(?::(\d{1,2}))?\s*(am|pm|a\.m\.|p\.m\.)(?![a-z])",
                             re.IGNORECASE)
# `6.30pm` / `tomorrow 18.30`: a dotted clock time, common in Pakistan and Britain. dateparser drops
# it silently when a day word comes with it ("tomorrow 6.30pm" became tomorrow at the current
# time), so it is written with a colon first; not when the text has a colon time already, where
# the dotted pair may be a date (`5.12 18:00`), nor inside a dotted date (`12.04.2027`).
_DOTTED_CLOCK = re.compile(r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])")
_HAS_TIME = re.compile(
    r"\d{1,2}[:.]\d{2}|\d\s*(?:am|pm|a\.m\.|p\.m\.)|\bnoon\b|\bmidnight\b|\bnow\b|"
    r"\bin\s+\d+\s*(?:h|hr|hrs|hour|hours|m|min|mins|minute|minutes)\b|T\d{2}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class When:
    """A start time as understood: `start` in UTC, `local` in the guild's zone, and the text read.

    `read_as` is the text as dateparser read it (`friday 5:00 pm` for `جمعہ 5 بجے`); `assumed_pm` says
    a bare hour from 1 to 7 was taken for the afternoon or evening.
    """

    start: datetime
    local: datetime
    zone: str
    read_as: str
    assumed_pm: bool = False


def normalise_digits(text: str) -> str:
    """Urdu and Arabic-Indic digits as ASCII digits."""
    return text.translate(_DIGITS)


def urdu_to_english(text: str, today: date | None = None) -> str:
    """Translate the Urdu and Roman Urdu date and time words in `text` into English for dateparser.

    `کل شام 6 بجے` -> `tomorrow 6:00 pm`; `kal shaam 6 baje` likewise; text without Urdu is returned
    unchanged except for its digits. `کل` is read as "tomorrow" because an event is always in the
    future. Words that are not understood are dropped here; :func:`parse_when` refuses them.
    """
    return rewrite(text, today).english


def _has_time(text: str) -> bool:
    return bool(_HAS_TIME.search(text))


def _localise(naive: datetime, zone: ZoneInfo) -> datetime | None:
    """`naive` wall time in `zone`, or None when that wall time does not exist (spring forward).

    An ambiguous wall time (the repeated hour in autumn) is read as its first occurrence.
    """
    local = naive.replace(tzinfo=zone, fold=0)
    round_trip = local.astimezone(timezone.utc).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:
        return None
    return local


def _bad_clock(text: str) -> str | None:
    """The first clock time in `text` that is not a time of day (`25:00`, `6:75pm`, `13pm`)."""
    for match in _MERIDIEM_CLOCK.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59 or (match.group(2) and len(match.group(2)) != 2):
            return match.group(0)
    for match in _COLON_CLOCK.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:  # dateparser does not read 24:00 either
            return match.group(0)
    return None


def _other_time_of_day(base: datetime) -> datetime:
    """`base` on the same day at another time, to see whether a reading depends on the clock."""
    if (base.hour, base.minute) != (3, 17):
        return base.replace(hour=3, minute=17)
    return base.replace(hour=4, minute=41)


def parse_when(text: str, zone_name: str, now: datetime) -> When:
    """Read `text` as a future start time; see :func:`_parse_when`. Dates at the ends of the calendar
    (`0001-01-01 00:00`) overflow when moved between zones: they are refused, not a crash."""
    try:
        return _parse_when(text, zone_name, now)
    except (OverflowError, ValueError):
        raise DomainError("when.unreadable", value=(text or "").strip()[:MAX_TEXT], examples=EXAMPLES) from None


def _parse_when(text: str, zone_name: str, now: datetime) -> When:
    """Read `text` as a future start time in the zone `zone_name`; `now` is aware UTC.

    Raises DomainError: `when.unreadable` (with examples), `when.unread_part` (a part of the text, such
    as `25:00`, could not be read: with that part, what was understood and examples), `when.no_time`
    (a date without a time), `when.past` and `when.too_far` (with the time as understood),
    `when.nonexistent` (a wall time skipped by a daylight-saving change). The time of day is never
    taken from `now`: a reading that would depend on it is refused.
    """
    import dateparser  # imported here: it takes a second to load, and only `when` needs it

    raw = (text or "").strip()
    if not raw or len(raw) > MAX_TEXT:
        raise DomainError("when.unreadable", value=raw[:MAX_TEXT], examples=EXAMPLES)
    zone = ZoneInfo(zone_name)
    local_now = now.astimezone(zone)
    rewritten = rewrite(raw, local_now.date())
    english = rewritten.english
    if not re.search(r"\d:\d{2}", english):
        english = _DOTTED_CLOCK.sub(r"\1:\2", english)
    # Without RETURN_AS_TIMEZONE_AWARE, dateparser returns an aware time exactly when the text names
    # its own offset or zone (`2026-12-05T13:00Z`, `18:00 UTC`); that is honoured, not re-read as
    # the guild's wall time.
    settings = {
        "RELATIVE_BASE": local_now.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
    }

    def read(english_text: str, base: datetime | None = None) -> datetime | None:
        if not english_text.strip():
            return None
        options = settings if base is None else {**settings, "RELATIVE_BASE": base}
        return dateparser.parse(english_text, languages=["en"], settings=options)

    unread = list(rewritten.unread)
    bad = _bad_clock(english)
    if bad:
        unread.append(bad)
        english = english.replace(bad, " ")
    if unread:
        # Refused, saying what the rest of the text gave: never a guess at the part not read.
        rest = read(english)
        if rest is None:
            raise DomainError("when.unreadable", value=raw, examples=EXAMPLES)
        understood = rest.strftime("%Y-%m-%d %H:%M" if _has_time(english) else "%Y-%m-%d")
        raise DomainError("when.unread_part", value=raw, unread=" ".join(unread), understood=understood,
                          examples=EXAMPLES)
    parsed = read(english)
    if parsed is None:
        raise DomainError("when.unreadable", value=raw, examples=EXAMPLES)
    naive = parsed.replace(second=0, microsecond=0, tzinfo=None)
    relative = bool(_RELATIVE_ONLY.match(english)) or bool(re.search(r"\bnow\b", english, re.IGNORECASE))
    if not relative:
        # dateparser keeps the current time of day when it cannot read the time (`tomorrow at six
        # thirty`): read again from another time of the same day, and if the hour moves, no time
        # was read.
        again = read(english, _other_time_of_day(settings["RELATIVE_BASE"]))
        stable = again is not None and (again.hour, again.minute) == (parsed.hour, parsed.minute)
        if not _has_time(english) or not stable:
            raise DomainError("when.no_time", value=raw, understood=naive.strftime("%Y-%m-%d"),
                              examples=EXAMPLES)
    if rewritten.next_day:
        naive += timedelta(days=1)
    if parsed.tzinfo is not None:
        local = parsed.replace(second=0, microsecond=0).astimezone(zone)
    elif _RELATIVE_ONLY.match(english):
        local = (now + (parsed - settings["RELATIVE_BASE"])).astimezone(zone).replace(second=0, microsecond=0)
    else:
        local = _localise(naive, zone)
    if local is None:
        raise DomainError("when.nonexistent", value=raw, understood=naive.strftime("%Y-%m-%d %H:%M"),
                          zone=zone_name)
    start = local.astimezone(timezone.utc)
    understood = local.strftime("%Y-%m-%d %H:%M") + f" ({zone_name})"
    if start <= now:
        raise DomainError("when.past", value=raw, understood=understood, unix=int(start.timestamp()),
                          examples=EXAMPLES)
    if start - now > MAX_AHEAD:
        raise DomainError("when.too_far", value=raw, understood=understood)
    read_as = english + (" (after midnight: the night after that day)" if rewritten.next_day else "")
    return When(start=start, local=local, zone=zone_name, read_as=read_as, assumed_pm=rewritten.assumed_pm)
