"""Reading an event's `when`: ISO, English or Urdu natural language, in the guild's time zone.

dateparser reads ISO and English well, and Urdu month and weekday names, but not the everyday Urdu
way of saying a time (`کل شام 6 بجے`: "tomorrow evening at 6"): it knows neither `کل` (which means
both "yesterday" and "tomorrow"), nor `پرسوں`, nor `بجے` ("o'clock"), nor the parts of the day that
decide am/pm. So Urdu time words are first translated into English that dateparser reads, then the
whole text is parsed in the guild's zone. The local wall time is attached to the zone with zoneinfo,
which makes daylight-saving changes exact: a wall time that does not exist (the hour skipped in
spring) is refused rather than silently moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.domain.errors import DomainError

EXAMPLES = "`2026-12-05 18:00`, `tomorrow 6pm`, `next friday 17:30`, `کل شام 6 بجے`"
MAX_AHEAD = timedelta(days=2 * 366)
MAX_TEXT = 100

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

# Parts of the day decide am/pm for an Urdu clock time ("شام 6 بجے" is 18:00).
_PERIODS = {
    "صبح": "am", "سویرے": "am", "علی الصبح": "am",
    "دوپہر": "noon", "سہ پہر": "pm", "سہپہر": "pm",
    "شام": "pm", "رات": "night",
}
# Whole phrases first (longest first), then single words.
_PHRASES = [
    ("گزشتہ کل", "yesterday"), ("آئندہ کل", "tomorrow"), ("آنے والے", "next"), ("آنے والا", "next"),
    ("اگلے ہفتے", "next week"), ("اگلے ہفتہ", "next week"), ("اگلا ہفتہ", "next week"),
    ("اس ہفتے", "this week"),
]
_WORDS = {
    "آج": "today", "کل": "tomorrow", "پرسوں": "in 2 days", "ترسوں": "in 3 days",
    "اگلے": "next", "اگلا": "next", "اگلی": "next", "آئندہ": "next", "اس": "this",
    "پیر": "monday", "سوموار": "monday", "منگل": "tuesday", "بدھ": "wednesday",
    "جمعرات": "thursday", "جمعہ": "friday", "جمعے": "friday", "ہفتہ": "saturday", "ہفتے": "saturday",
    "اتوار": "sunday",
    "جنوری": "january", "فروری": "february", "مارچ": "march", "اپریل": "april", "مئی": "may",
    "جون": "june", "جولائی": "july", "اگست": "august", "ستمبر": "september", "اکتوبر": "october",
    "نومبر": "november", "دسمبر": "december",
    # Postpositions and fillers: "جمعہ کو شام 5 بجے" is "on friday at 5 pm".
    "کو": "", "کی": "", "کے": "", "کا": "", "پر": "", "بجے": "", "بجکر": "", "بج": "",
    "وقت": "",
}
# Fractions said before the hour: ساڑھے 6 = 6:30, سوا 6 = 6:15, پونے 6 = 5:45.
_FRACTIONS = {"ساڑھے": 30, "سوا": 15, "پونے": -15}
# "in 2 hours" / "2 گھنٹے میں" is a span of real time, not of wall-clock time: across a
# daylight-saving change it must be added in UTC.
_RELATIVE_ONLY = re.compile(
    r"^\s*(?:in\s+\d+\s*(?:h|hr|hrs|hours?|m|mins?|minutes?)|\d+\s*(?:گھنٹے|گھنٹوں|گھنٹہ|منٹ)\s*میں)\s*$",
    re.IGNORECASE,
)
_URDU_LETTER = re.compile(r"[\u0600-\u06FF]")
# `6.30pm` / `tomorrow 18.30`: a dotted clock time, common in Pakistan and Britain. dateparser drops
# it silently when a day word comes with it ("tomorrow 6.30pm" became tomorrow at the current
# time), so it is written with a colon first; not when the text has a colon time already, where
# the dotted pair may be a date (`5.12 18:00`), nor inside a dotted date (`12.04.2027`).
_DOTTED_CLOCK = re.compile(r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])")
_CLOCK = re.compile(
    r"(?:(?P<frac>ساڑھے|سوا|پونے)\s*)?(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?:بجکر\s*(?P<m2>\d{1,2})\s*منٹ\s*)?(?:بجے|بج)"
)
_HAS_TIME = re.compile(
    r"\d{1,2}[:.]\d{2}|\d\s*(?:am|pm|a\.m\.|p\.m\.)|\bnoon\b|\bmidnight\b|\bnow\b|"
    r"\bin\s+\d+\s*(?:h|hr|hrs|hour|hours|m|min|mins|minute|minutes)\b|T\d{2}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class When:
    """A start time as understood: `start` in UTC, `local` in the guild's zone, and the text read."""

    start: datetime
    local: datetime
    zone: str
    read_as: str


def normalise_digits(text: str) -> str:
    """Urdu and Arabic-Indic digits as ASCII digits."""
    return text.translate(_DIGITS)


def _clock_to_english(match: re.Match[str], period: str | None) -> str:
    hour = int(match.group("h"))
    minute = int(match.group("m") or match.group("m2") or 0)
    frac = match.group("frac")
    if frac:
        minute += _FRACTIONS[frac]
        if minute < 0:
            hour, minute = hour - 1, minute + 60
    if hour > 12 or period is None:
        # 24-hour clock, or no part of the day said: dateparser decides (6 -> 06:00).
        return f"{hour}:{minute:02d}"
    if period == "am":
        suffix = "am"
    elif period == "noon":
        # دوپہر runs from late morning to mid-afternoon: 11 is am, 12 to 5 is pm.
        suffix = "am" if hour == 11 else "pm"
    elif period == "night":
        # رات: 7 to 11 in the evening; 12 to 4 after midnight.
        suffix = "am" if hour == 12 or hour <= 4 else "pm"
    else:
        suffix = "pm"
    return f"{hour}:{minute:02d} {suffix}"


def urdu_to_english(text: str) -> str:
    """Translate the Urdu date and time words in `text` into English that dateparser reads.

    `کل شام 6 بجے` -> `tomorrow 6:00 pm`; text without Urdu letters is returned unchanged except for
    its digits. `کل` is read as "tomorrow" because an event is always in the future.
    """
    text = normalise_digits(text)
    if not _URDU_LETTER.search(text):
        return text
    out = " " + re.sub(r"[،؛۔]", " ", text) + " "
    period = None
    for word, value in sorted(_PERIODS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<!\S){word}(?!\S)", out):
            period = value
            out = re.sub(rf"(?<!\S){word}(?!\S)", " ", out)
            break
    out = _CLOCK.sub(lambda m: " " + _clock_to_english(m, period) + " ", out)
    if period is not None and not re.search(r"\d{1,2}:\d{2}", out):
        # A part of the day with no clock ("کل شام") means its usual hour.
        out += {"am": " 9:00 am", "noon": " 12:00 pm", "pm": " 6:00 pm", "night": " 9:00 pm"}[period]
    for phrase, english in _PHRASES:
        out = out.replace(f" {phrase} ", f" {english} ")
    words = [(_WORDS.get(w, w)) for w in out.split()]
    return " ".join(w for w in words if w)


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


def parse_when(text: str, zone_name: str, now: datetime) -> When:
    """Read `text` as a future start time in the zone `zone_name`; `now` is aware UTC.

    Raises DomainError: `when.unreadable` (with examples), `when.no_time` (a date without a time),
    `when.past` and `when.too_far` (with the time as understood), `when.nonexistent` (a wall time
    skipped by a daylight-saving change).
    """
    import dateparser  # imported here: it takes a second to load, and only `when` needs it

    raw = (text or "").strip()
    if not raw or len(raw) > MAX_TEXT:
        raise DomainError("when.unreadable", value=raw[:MAX_TEXT], examples=EXAMPLES)
    zone = ZoneInfo(zone_name)
    local_now = now.astimezone(zone)
    english = urdu_to_english(raw)
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
    parsed = dateparser.parse(english, languages=["en", "ur"], settings=settings)
    if parsed is None and english != raw:
        parsed = dateparser.parse(normalise_digits(raw), languages=["ur", "en"], settings=settings)
    if parsed is None:
        raise DomainError("when.unreadable", value=raw, examples=EXAMPLES)
    naive = parsed.replace(second=0, microsecond=0, tzinfo=None)
    if not _has_time(english) and not _RELATIVE_ONLY.match(english):
        raise DomainError("when.no_time", value=raw, understood=naive.strftime("%Y-%m-%d"),
                          examples=EXAMPLES)
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
    return When(start=start, local=local, zone=zone_name, read_as=english)
