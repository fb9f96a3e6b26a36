"""Urdu and Roman Urdu time phrases rewritten as English that dateparser reads.

Pure: the only clock is the `today` argument. `rewrite("کل شام 6:30", today)` gives
`Rewritten(english="tomorrow 6:30 pm", ...)`. Roman Urdu (`kal shaam 6 baje`) is first spelled in
Urdu letters, word by word, so that both are read by the same rules. What is not a known word is not
dropped: it is returned in `unread`, and the caller refuses the text naming it.

The rules of everyday Pakistani usage:
- a bare hour from 1 to 7 with no part of the day (`5 بجے`) is the afternoon or evening;
- a part of the day (صبح، دوپہر، سہ پہر، شام، رات) applies to every clock time in the text, with
  minutes too (`شام 6:30`, `5:30 شام`);
- `رات 12 بجے` to `رات 4 بجے` are after midnight, in the night that starts on the day named
  (`آج رات 12 بجے` is the coming midnight, `پرسوں رات 1 بجے` is 01:00 after the day after tomorrow);
- `کل` is tomorrow (an event is in the future); `ہفتہ` is Saturday, or a week after a number or
  after اگلے / اس (`ایک ہفتے بعد`, `اگلے ہفتے جمعہ`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# Arabic-keyboard letters folded to their Urdu forms; ه is ہ at the end of a word and ھ inside one
# (`چه` typed for `چھ`).
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ہ", "ۃ": "ہ", "ۂ": "ہ", "أ": "ا",
                          "\u0640": None, "\u200c": None, "\u200d": None, "\u200b": None})
_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670]")
_URDU_LETTER = re.compile(r"[\u0600-\u06FF]")

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

NUMBERS = {
    "ایک": 1, "دو": 2, "تین": 3, "چار": 4, "پانچ": 5, "چھ": 6, "چھے": 6, "چھہ": 6, "سات": 7,
    "آٹھ": 8, "نو": 9, "دس": 10, "گیارہ": 11, "بارہ": 12,
}

# Roman Urdu, as typed on phones, spelled in Urdu letters. Only whole words.
ROMAN = {
    "aaj": "آج", "aj": "آج", "ajj": "آج", "kal": "کل", "kl": "کل", "kall": "کل",
    "parso": "پرسوں", "parson": "پرسوں", "parsoon": "پرسوں", "parsun": "پرسوں", "parsoun": "پرسوں",
    "parsu": "پرسوں", "narso": "ترسوں", "narson": "ترسوں", "tarso": "ترسوں", "tarson": "ترسوں",
    "subah": "صبح", "subha": "صبح", "subh": "صبح", "suba": "صبح", "subuh": "صبح", "subhe": "صبح",
    "sawere": "سویرے", "savere": "سویرے", "sawera": "سویرے", "savera": "سویرے", "sawery": "سویرے",
    "dopahar": "دوپہر", "dopehar": "دوپہر", "dopher": "دوپہر", "dophar": "دوپہر",
    "dupehar": "دوپہر", "dupahar": "دوپہر", "dopahr": "دوپہر", "dopaher": "دوپہر",
    "sehpehar": "سہپہر", "sehpahar": "سہپہر", "sehpeher": "سہپہر",
    "shaam": "شام", "sham": "شام", "shām": "شام", "shaom": "شام",
    "raat": "رات", "rat": "رات", "raath": "رات",
    "baje": "بجے", "bajay": "بجے", "bje": "بجے", "bajy": "بجے", "bajey": "بجے", "bajai": "بجے",
    "bjay": "بجے", "bjy": "بجے", "bjey": "بجے", "bajei": "بجے",
    "baj": "بج", "bj": "بج", "bajkar": "بجکر", "bajkr": "بجکر", "bjkr": "بجکر", "bjkar": "بجکر",
    "kar": "کر", "kr": "کر", "ke": "کے",
    "minute": "منٹ", "minutes": "منٹ", "mint": "منٹ", "mnt": "منٹ", "min": "منٹ", "mins": "منٹ",
    "sarhe": "ساڑھے", "sarhay": "ساڑھے", "sarhey": "ساڑھے", "saarhe": "ساڑھے", "sade": "ساڑھے",
    "saade": "ساڑھے", "sadhe": "ساڑھے", "saadhe": "ساڑھے", "saare": "ساڑھے",
    "sawa": "سوا", "swa": "سوا", "paune": "پونے", "pone": "پونے", "paunay": "پونے", "ponay": "پونے",
    "dedh": "ڈیڑھ", "derh": "ڈیڑھ", "dhai": "ڈھائی", "dhaai": "ڈھائی", "dhayi": "ڈھائی",
    "agle": "اگلے", "aglay": "اگلے", "agli": "اگلی", "agla": "اگلا", "agly": "اگلے", "aglai": "اگلے",
    "iss": "اس", "is": "اس",
    "peer": "پیر", "pir": "پیر", "somwar": "سوموار", "somvar": "سوموار", "mangal": "منگل",
    "budh": "بدھ", "budhh": "بدھ", "jumerat": "جمعرات", "jumeraat": "جمعرات", "jumairat": "جمعرات",
    "jumarat": "جمعرات", "jumme": "جمعہ", "jumma": "جمعہ", "juma": "جمعہ", "jummah": "جمعہ",
    "jumah": "جمعہ", "jumaa": "جمعہ", "jumay": "جمعہ", "jummay": "جمعہ",
    "hafta": "ہفتہ", "hafte": "ہفتے", "haftay": "ہفتے", "hafty": "ہفتے", "haftey": "ہفتے",
    "itwar": "اتوار", "itwaar": "اتوار", "itvar": "اتوار", "etwar": "اتوار", "itwār": "اتوار",
    "din": "دن", "dino": "دنوں", "dinon": "دنوں", "roz": "روز",
    "baad": "بعد", "bad": "بعد", "bd": "بعد", "mein": "میں", "main": "میں", "me": "میں", "mai": "میں",
    "ghante": "گھنٹے", "ghantay": "گھنٹے", "ghanta": "گھنٹہ", "ghantey": "گھنٹے", "ghanty": "گھنٹے",
    "tareekh": "تاریخ", "tarikh": "تاریخ", "tareek": "تاریخ", "tarik": "تاریخ", "tareekh.": "تاریخ",
    "ko": "کو", "ki": "کی", "ka": "کا", "pe": "پر", "par": "پر", "waqt": "وقت", "wqt": "وقت",
    "ek": "ایک", "aik": "ایک", "do": "دو", "teen": "تین", "tin": "تین", "char": "چار",
    "chaar": "چار", "paanch": "پانچ", "panch": "پانچ", "chhe": "چھ", "che": "چھ", "chay": "چھ",
    "chhay": "چھ", "chey": "چھ", "chah": "چھ", "saat": "سات", "aath": "آٹھ", "ath": "آٹھ",
    "nau": "نو", "das": "دس", "dus": "دس", "gyarah": "گیارہ", "gyara": "گیارہ", "giyara": "گیارہ",
    "gyarha": "گیارہ", "barah": "بارہ", "bara": "بارہ", "baara": "بارہ", "baarah": "بارہ",
}
# Words that are also English (or too short to tell): they are read as Roman Urdu only when another
# word of the text is unmistakably Roman Urdu.
_ROMAN_WEAK = {"is", "do", "me", "main", "mai", "min", "mins", "minute", "minutes", "bad", "pe",
               "par", "ko", "ki", "ka", "ke", "kar", "kr", "din", "tin", "char", "che", "das", "rat",
               "pir", "peer", "bd", "kl", "aj", "ath", "chay", "mint"}

# Parts of the day, and the am/pm they give an hour.
PERIODS = {
    "صبح": "am", "سویرے": "am", "علی الصبح": "am", "دوپہر": "noon", "سہ پہر": "pm", "سہپہر": "pm",
    "شام": "pm", "رات": "night",
}
_PERIOD_DEFAULT = {"am": "9:00 am", "noon": "12:00 pm", "pm": "6:00 pm", "night": "9:00 pm"}
_FRACTIONS = {"ساڑھے": 30, "سوا": 15, "پونے": -15}

WORDS = {
    "آج": "today", "کل": "tomorrow", "پرسوں": "in 2 days", "ترسوں": "in 3 days",
    "اگلے": "next", "اگلا": "next", "اگلی": "next", "آئندہ": "next", "اس": "this",
    "پیر": "monday", "سوموار": "monday", "منگل": "tuesday", "بدھ": "wednesday",
    "جمعرات": "thursday", "جمعہ": "friday", "جمعے": "friday", "ہفتہ": "saturday", "ہفتے": "saturday",
    "اتوار": "sunday",
    "جنوری": "january", "فروری": "february", "مارچ": "march", "اپریل": "april", "مئی": "may",
    "جون": "june", "جولائی": "july", "اگست": "august", "ستمبر": "september", "اکتوبر": "october",
    "نومبر": "november", "دسمبر": "december",
    # Postpositions and fillers: "جمعہ کو شام 5 بجے" is "on friday at 5 pm".
    "کو": "", "کی": "", "کے": "", "کا": "", "پر": "", "بجے": "", "بجکر": "", "بج": "", "وقت": "",
}
_WEEKDAY_WORDS = {k: v for k, v in WORDS.items() if v in WEEKDAYS}
_DAY_WORDS = {"آج", "کل", "پرسوں", "ترسوں"} | set(_WEEKDAY_WORDS) | {"تاریخ"}
_PHRASES = [
    ("گزشتہ کل", "yesterday"), ("آئندہ کل", "tomorrow"), ("آنے والے", "next"), ("آنے والا", "next"),
    ("اگلے ہفتے", "next week"), ("اگلے ہفتہ", "next week"), ("اگلا ہفتہ", "next week"),
    ("اس ہفتے", "this week"),
]

_W = r"(?<!\S){}(?!\S)"  # a whole word
_ROMAN_TOKEN = re.compile(r"[a-zāī.]+", re.IGNORECASE)
# A clock said with بجے: `6 بجے`, `ساڑھے 6 بجے`, `7 بجکر 30 منٹ`, `6:30 بجے`.
_CLOCK_SAID = re.compile(
    r"(?<!\S)(?:(?P<frac>ساڑھے|سوا|پونے)\s+)?(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s+"
    r"(?:بجکر\s+(?P<m2>\d{1,2})(?:\s+منٹ)?|بجے|بج)(?!\S)"
)
# A clock time with minutes and no بجے: `شام 5:30`, `5:30 شام`, `کل 18:30`.
_CLOCK_BARE = re.compile(r"(?<![\S])(?P<h>\d{1,2})[:.](?P<m>\d{2})(?![\S])")
# A fraction with an hour but no بجے next to a part of the day: `شام ساڑھے 6`.
_CLOCK_FRAC = re.compile(r"(?<!\S)(?P<frac>ساڑھے|سوا|پونے)\s+(?P<h>\d{1,2})(?!\S)")


@dataclass
class Rewritten:
    """Urdu text as English for dateparser, and what the rewriting decided on its way."""

    english: str
    unread: list[str] = field(default_factory=list)
    next_day: bool = False      # a night hour after midnight: one day after the day read
    assumed_pm: bool = False    # a bare hour 1-7 read as the afternoon or evening
    urdu: bool = False          # the text had Urdu or Roman Urdu words


def fold(text: str) -> str:
    """Digits as ASCII, Arabic-keyboard letters as Urdu, no diacritics or joiners."""
    text = text.translate(_DIGITS).translate(_LETTERS)
    text = re.sub(r"ه(?=[\u0600-\u06FF])", "ھ", text).replace("ه", "ہ")
    return _DIACRITICS.sub("", text)


def roman_to_urdu(text: str) -> tuple[str, bool]:
    """Roman Urdu words spelled in Urdu letters; and whether the text was Roman Urdu at all."""
    tokens = _ROMAN_TOKEN.findall(text.lower())
    if not any(t in ROMAN and t not in _ROMAN_WEAK for t in tokens):
        return text, False

    def one(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        return f" {ROMAN[word]} " if word in ROMAN else match.group(0)

    # `6baje`, `6:30pm` stay joined for `pm`; `6baje` is split.
    text = re.sub(r"(\d)(?=[a-z]{3,})(?!pm\b|am\b)", r"\1 ", text, flags=re.IGNORECASE)
    return re.sub(r"(?<![A-Za-z])[A-Za-zāī]+(?![A-Za-z])", one, text), True


def _clock(hour: int, minute: int, period: str | None, out: Rewritten, padded: bool = False) -> str:
    if minute < 0:
        hour, minute = hour - 1, minute + 60
    if hour > 12 or (padded and period is None):
        return f"{hour:02d}:{minute:02d}"  # a 24-hour clock (`18:30`, `05:30`): as written
    if period is None:
        if 1 <= hour <= 7:
            out.assumed_pm = True
            return f"{hour}:{minute:02d} pm"
        # 8 to 12 with no part of the day: dateparser reads it (8 is 08:00, 12 is noon); the reply
        # shows how it was read.
        return f"{hour}:{minute:02d}"
    if period == "am":
        suffix = "am"
    elif period == "noon":
        # دوپہر runs from late morning to mid-afternoon: 11 is am, 12 to 5 is pm.
        suffix = "am" if hour == 11 else "pm"
    elif period == "night":
        # رات: 7 to 11 in the evening; 12 to 4 after midnight, in the night after the day named.
        suffix = "am" if hour == 12 or hour <= 4 else "pm"
        if suffix == "am":
            out.next_day = True
    else:
        suffix = "pm"
    return f"{hour}:{minute:02d} {suffix}"


def _date_words(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _next_week_day(today: date, weekday: int) -> date:
    monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
    return monday + timedelta(days=weekday)


def _this_week_day(today: date, weekday: int) -> date:
    day = today - timedelta(days=today.weekday()) + timedelta(days=weekday)
    return day if day >= today else day + timedelta(days=7)


def _day_of_month(today: date, day: int) -> date | None:
    """The next `day`th of a month from `today` on (today included)."""
    if not 1 <= day <= 31:
        return None
    year, month = today.year, today.month
    for _ in range(13):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def rewrite(text: str, today: date | None = None) -> Rewritten:
    """`text` (Urdu, Roman Urdu, English or a mix) as English dateparser reads.

    `today` is the local date, needed only for `اگلے ہفتے جمعہ` and `5 تاریخ`; without it those
    are left to dateparser.
    """
    text = fold(text)
    text, _ = roman_to_urdu(text)
    out = Rewritten(english=text)
    if not _URDU_LETTER.search(text):
        return out
    out.urdu = True
    s = re.sub(r"[،؛۔,]", " ", text)
    # Digits glued to letters: `6بجے`, `شام6:30`.
    s = re.sub(r"(\d)(?=[\u0600-\u06FF])", r"\1 ", s)
    s = re.sub(r"(?<=[\u0600-\u06FF])(\d)", r" \1", s)
    s = " " + re.sub(r"\s+", " ", s) + " "
    s = re.sub(r"(?<!\S)بج\s+کر(?!\S)", "بجکر", s)
    s = re.sub(r"(?<!\S)(?:بجکے|بج\s+کے)(?!\S)", "بجکر", s)
    s = re.sub(r"(?<!\S)سہ\s+پہر(?!\S)", "سہپہر", s)
    for word, number in NUMBERS.items():
        s = re.sub(_W.format(word), str(number), s)
    s = re.sub(_W.format("ڈیڑھ"), "ساڑھے 1", s)
    s = re.sub(_W.format("ڈھائی"), "ساڑھے 2", s)

    # Parts of the day: one meaning for the whole text (صبح سویرے is one morning).
    periods = []
    for word, value in sorted(PERIODS.items(), key=lambda kv: -len(kv[0])):
        if re.search(_W.format(word), s):
            periods.append((word, value))
            s = re.sub(_W.format(word), " ", s)
    period = periods[0][1] if periods else None
    if len({value for _, value in periods}) > 1:
        out.unread.append(" ".join(word for word, _ in periods))
    has_day = any(re.search(_W.format(w), s) for w in _DAY_WORDS)

    # Spans: `3 دن بعد`, `ایک ہفتے بعد`, `2 گھنٹے میں`.
    s = re.sub(r"(?<!\S)(\d+)\s+(?:دن|دنوں|روز)\s+(?:بعد|میں)(?!\S)", r" in \1 days ", s)
    s = re.sub(r"(?<!\S)(\d+)\s+(?:ہفتے|ہفتہ|ہفتوں)\s+(?:بعد|میں)(?!\S)", r" in \1 weeks ", s)
    s = re.sub(r"(?<!\S)(\d+)\s+(?:گھنٹے|گھنٹوں|گھنٹہ)\s+(?:بعد|میں)(?!\S)", r" in \1 hours ", s)
    s = re.sub(r"(?<!\S)(\d+)\s+منٹ\s+(?:بعد|میں)(?!\S)", r" in \1 minutes ", s)
    s = re.sub(r" in 1 (day|week|hour|minute)s ", r" in 1 \1 ", s)
    if re.search(r" in \d+ (?:days?|weeks?) ", s):
        has_day = True

    if today is not None:
        # `اگلے ہفتے جمعہ`: the Friday of next week (weeks start on Monday).
        def week_day(match: re.Match[str]) -> str:
            weekday = WEEKDAYS.index(_WEEKDAY_WORDS[match.group(3)])
            pick = _next_week_day if match.group(1) != "اس" else _this_week_day
            return " " + _date_words(pick(today, weekday)) + " "

        days = "|".join(sorted(_WEEKDAY_WORDS, key=len, reverse=True))
        s = re.sub(rf"(?<!\S)(اگلے|اگلا|اگلی|آئندہ|اس)\s+(ہفتے|ہفتہ)\s+(?:کے\s+|کو\s+)?({days})(?!\S)",
                   week_day, s)

        # `5 تاریخ`: the next 5th of a month, this one if it has not passed.
        def nth(match: re.Match[str]) -> str:
            day = _day_of_month(today, int(match.group(1)))
            if day is None:
                out.unread.append(match.group(0).strip())
                return " "
            return " " + _date_words(day) + " "

        s = re.sub(r"(?<!\S)(\d{1,2})\s+تاریخ(?!\S)", nth, s)

    def said(match: re.Match[str]) -> str:
        hour, minute = int(match.group("h")), int(match.group("m") or match.group("m2") or 0)
        if match.group("frac"):
            minute += _FRACTIONS[match.group("frac")]
        if hour > 24 or minute > 59 or (match.group("frac") and hour > 12):
            out.unread.append(match.group(0).strip())
            return " "
        padded = match.group("h").startswith("0") and len(match.group("h")) == 2
        return " " + _clock(hour, minute, period, out, padded) + " "

    s = _CLOCK_SAID.sub(said, s)

    def bare(match: re.Match[str]) -> str:
        hour, minute = int(match.group("h")), int(match.group("m"))
        if hour > 24 or minute > 59:
            return match.group(0)  # left for the caller to refuse, with what was understood
        padded = match.group("h").startswith("0") and len(match.group("h")) == 2
        return " " + _clock(hour, minute, period, out, padded) + " "

    # Clock times already rewritten end in am/pm; only the ones not yet read are taken.
    s = re.sub(r"(?<!\S)(\d{1,2}[:.]\d{2})(?!\S)(?! (?:am|pm))",
               lambda m: bare(_CLOCK_BARE.match(m.group(1))), s)
    if period is not None:
        s = _CLOCK_FRAC.sub(
            lambda m: " " + _clock(int(m.group("h")), _FRACTIONS[m.group("frac")], period, out) + " ", s)
    if period is not None and not re.search(r"\d{1,2}:\d{2}|\d\s*(?:am|pm)", s):
        # A part of the day with no clock (`کل شام`) means its usual hour; a lone hour next to it
        # (`kal shaam 6`) is that hour.
        lone = re.fullmatch(r"(.*?)(?<!\S)(\d{1,2})(?!\S)(.*)", s)
        if lone and 1 <= int(lone.group(2)) <= 12 and not re.search(r"\d", lone.group(1) + lone.group(3)):
            s = lone.group(1) + " " + _clock(int(lone.group(2)), 0, period, out) + " " + lone.group(3)
        else:
            s += " " + _PERIOD_DEFAULT[period]
            if period == "night":
                out.next_day = False
    if not has_day:
        # `رات 1 بجے` alone is the coming 01:00, which dateparser finds by itself.
        out.next_day = False

    for phrase, english in _PHRASES:
        s = s.replace(f" {phrase} ", f" {english} ")
    words = []
    for word in s.split():
        english = WORDS.get(word, word)
        if _URDU_LETTER.search(english):
            out.unread.append(word)
            continue
        if english:
            words.append(english)
    out.english = " ".join(words)
    return out
