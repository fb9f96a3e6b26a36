"""The catalogue reads as written by a person, in both languages: counted nouns agree with their
number (rendered, not only declared), both languages count the same placeholders, one vocabulary
(docs/glossary.md) holds throughout."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bot.i18n import catalogue, t

ROOT = Path(__file__).resolve().parents[2]


def count_forms(template: str) -> set[str]:
    """Placeholders written as counted nouns (``{name:one|other}``)."""
    return {name for _, name, spec, _ in string.Formatter().parse(template) if name and spec and "|" in spec}


# Duration parts: "2h" in English is an abbreviation that does not inflect; Urdu counts the noun.
ABBREVIATED_IN_ENGLISH = {"reports.unit.h", "reports.unit.d", "reports.unit.m", "reports.unit.s"}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_both_languages_count_the_same_placeholders(key: str) -> None:
    texts = catalogue()[key]
    if key in ABBREVIATED_IN_ENGLISH:
        assert count_forms(texts["en"]) <= count_forms(texts["ur"])
        return
    assert count_forms(texts["en"]) == count_forms(texts["ur"]), key


EN_PLURALS = r"(?:members|reports|cases|days|upvotes|votes|hours|minutes|characters|tags|events|reminders|resources)"
UR_PLURALS = r"(?:اراکین|رپورٹیں|رپورٹس|دنوں|تقریبات|یاد دہانیاں|حروف|وسائل|منٹ|گھنٹے|ووٹ|کیس|ٹیگ)"


# Placeholders that hold numbers: every name counted somewhere in the catalogue, and the usual ones.
NUMBERS = {name for texts in catalogue().values() for text in texts.values() for name in count_forms(text)} \
    | {"count", "total", "n", "limit", "maximum", "minimum"}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_no_bare_number_before_a_plural(key: str) -> None:
    texts = catalogue()[key]
    numbers = "(?:" + "|".join(sorted(NUMBERS)) + ")"
    assert not re.search(r"\{" + numbers + r"\} " + EN_PLURALS + r"\b", texts["en"]), texts["en"]
    assert not re.search(r"\{" + numbers + r"\} " + UR_PLURALS, texts["ur"]), texts["ur"]


@pytest.mark.parametrize(("key", "params", "en", "ur"), [
    ("reports.card.count", {"reports": 1, "reporters": 1}, "1 report from 1 member", "1 رکن نے کل 1 رپورٹ کیں"),
    ("reports.card.count", {"reports": 3, "reporters": 2}, "3 reports from 2 members", "2 اراکین نے کل 3 رپورٹیں کیں"),
    ("reports.stats.title", {"days": 1}, "Reports in the last 1 day", "پچھلے 1 دن کی رپورٹیں"),
    ("resource.result.meta", {"id": 4, "votes": 1, "tags": "x"}, "#4 · 1 upvote · x", "#4 · 1 ووٹ · x"),
    ("event.unreachable", {"count": 1}, "1 member could not be reached: their DMs are closed.",
     "1 رکن تک پیغام نہیں پہنچ سکا: ان کے براہِ راست پیغامات بند ہیں۔"),
    ("my.calendar.ready", {"count": 2}, "Your 2 upcoming events, ready to import into your calendar.",
     "آپ کی 2 آنے والی تقریبات حاضر ہیں: یہ فائل اپنے کیلنڈر میں کھول لیں۔"),
    ("reports.unit.h", {"n": 1}, "1h", "1 گھنٹہ"),
    ("reports.unit.h", {"n": 5}, "5h", "5 گھنٹے"),
])
def test_counted_nouns_render(key: str, params: dict, en: str, ur: str) -> None:
    assert t("en", key, **params) == en
    # Urdu output carries direction marks (see test_bidi); the words are what is compared here.
    assert strip_bidi(t("ur", key, **params)) == ur


def strip_bidi(text: str) -> str:
    return re.sub("[\u200e\u200f\u061c\u2066-\u2069]", "", text)


def test_glossary_holds_in_every_urdu_string() -> None:
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    avoided = re.findall(r"never `([^`]+)`", glossary, flags=re.IGNORECASE)
    assert len(avoided) >= 6  # the glossary names what it rules out
    for key, texts in catalogue().items():
        urdu = texts["ur"].replace("کم از کم", "")  # "at least": an Urdu idiom, not Persian از
        for word in avoided:
            assert not re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", urdu), (key, word)


def test_urgent_confirmation_names_pakistans_emergency_numbers() -> None:
    for lang in ("en", "ur"):
        text = t(lang, "reports.confirm.urgent")
        assert "15" in text and "1122" in text
