"""Dates, times, relative phrases, file sizes and durations written out for people, in the
community's language (PRODUCT.md, "Language").

Discord's own timestamps (`<t:…>`) are shown by each viewer's Discord client in its own language,
and Discord has no Urdu: inside an Urdu sentence they read as English. So wherever a time is written
out for an Urdu reader (a DM, a calendar description, a reply saying how a time was read) it is
written here instead, with Babel's Urdu month and day names, the Urdu part of the day
(صبح، دوپہر، سہ پہر، شام، رات) and Western digits, as Pakistani newspapers print them:
``بدھ، 11 مارچ 2026، شام 6:30``. English keeps Discord's timestamps where Discord shows them.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from bot.i18n.format import ts

# Arabic-Indic and Extended Arabic-Indic digits to Western ones (Babel's Urdu already uses Western
# digits; this keeps it so whatever the locale data says).
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LOCALE = {"ur": "ur_PK", "en": "en_GB"}
_SIZE_UNITS = {"en": ("B", "KB", "MB", "GB"), "ur": ("بائٹ", "کے بی", "ایم بی", "جی بی")}
_DURATION_UNITS = {
    "en": {"d": ("d", "d"), "h": ("h", "h"), "m": ("m", "m")},
    "ur": {"d": ("دن", "دن"), "h": ("گھنٹہ", "گھنٹے"), "m": ("منٹ", "منٹ")},
}

# Largest first: (seconds, singular, plural and oblique) for Urdu relative phrases.
_URDU_SPANS = ((365 * 86400, "سال", "سال"), (30 * 86400, "مہینہ", "مہینے"), (7 * 86400, "ہفتہ", "ہفتے"),
               (86400, "دن", "دن"), (3600, "گھنٹہ", "گھنٹے"), (60, "منٹ", "منٹ"))


def _western(text: str) -> str:
    return text.translate(_WESTERN)


def _locale(lang: str | None) -> str:
    return _LOCALE.get(lang or "en", "en_GB")


def _local(moment: datetime, zone: str | None) -> datetime:
    return moment.astimezone(ZoneInfo(zone)) if zone else moment


def written_date(lang: str | None, moment: datetime, zone: str | None = None) -> str:
    """The day written out: `Wed 11 Mar 2026` / `بدھ، 11 مارچ 2026`."""
    local = _local(moment, zone)
    if lang == "ur":
        return _western(format_date(local, "EEEE، d MMMM y", locale=_locale(lang)))
    return format_date(local, "EEE d MMM y", locale=_locale(lang))


def written_time(lang: str | None, moment: datetime, zone: str | None = None) -> str:
    """The time of day: `18:30` / `شام 6:30` (12-hour clock with the Urdu part of the day)."""
    local = _local(moment, zone)
    if lang == "ur":
        return _western(format_time(local, "B h:mm", locale=_locale(lang)))
    return format_time(local, "HH:mm", locale=_locale(lang))


def written(lang: str | None, moment: datetime, zone: str | None = None) -> str:
    """Day and time written out in `zone`: `Wed 11 Mar 2026, 18:30` / `بدھ، 11 مارچ 2026، شام 6:30`."""
    comma = "، " if lang == "ur" else ", "
    return written_date(lang, moment, zone) + comma + written_time(lang, moment, zone)


def start(lang: str | None, moment: datetime, zone: str) -> str:
    """An event's start inside a message: a Discord timestamp in English (each reader's own zone),
    written out in Urdu with the event's zone named (Discord would show its timestamp in English)."""
    if lang == "ur":
        return f"{written(lang, moment, zone)} ({zone})"
    return ts(moment, "F")


def relative(lang: str | None, moment: datetime, now: datetime) -> str:
    """How far away `moment` is: a Discord relative timestamp in English, an Urdu phrase in Urdu
    (`2 گھنٹے میں`, `3 دن پہلے`) in the largest unit that fits (Babel's own Urdu says `3 دنوں پہلے`)."""
    if lang != "ur":
        return ts(moment, "R")
    seconds = (moment - now).total_seconds()
    span = abs(seconds)
    if span < 60:
        return "ابھی"
    for unit_seconds, one, other in _URDU_SPANS:
        if span >= unit_seconds * 0.95 or unit_seconds == 60:
            count = max(1, round(span / unit_seconds))
            # Before میں the noun takes its oblique form (ایک گھنٹے میں), before پہلے its direct one.
            if seconds > 0:
                return f"{count} {other} میں"
            return f"{count} {one if count == 1 else other} پہلے"
    raise AssertionError("unreachable")


def size(lang: str | None, size_bytes: int) -> str:
    """A file size: `1.5 MB` / `1.5 ایم بی`."""
    units = _SIZE_UNITS["ur" if lang == "ur" else "en"]
    value = float(max(size_bytes, 0))
    for i, unit in enumerate(units):
        if value < 1024 or i == len(units) - 1:
            return f"{value:.0f} {unit}" if i == 0 else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def minutes(lang: str | None, total: int) -> str:
    """A duration in whole minutes: `1h30m` in English (as it is typed), `1 گھنٹہ 30 منٹ` in Urdu."""
    days, rest = divmod(max(total, 0), 1440)
    hours, mins = divmod(rest, 60)
    parts = [(n, u) for n, u in ((days, "d"), (hours, "h"), (mins, "m")) if n] or [(0, "m")]
    units = _DURATION_UNITS["ur" if lang == "ur" else "en"]
    if lang != "ur":
        return "".join(f"{n}{units[u][0]}" for n, u in parts)
    return " ".join(f"{n} {units[u][0] if n == 1 else units[u][1]}" for n, u in parts)
