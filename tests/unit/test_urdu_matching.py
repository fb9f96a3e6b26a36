"""The one Urdu normaliser, as members meet it: what a search finds in a real SQLite index, and which
reported texts count as the same text. Each row is (what was stored or reported first, what is typed
later)."""

from __future__ import annotations

import pytest

from bot.domain.report_duplicates import normalise_text
from bot.domain.resource_search import parse_query
from bot.domain.urdu_text import fold, match_key, roman_key
from bot.storage.sqlite.resources import SqliteResourceRepository
from tests.unit.test_resources_storage import community, new

# (stored title or tag, query) pairs a search must find.
SEARCH_FINDS = [
    ("Misinformation explained", "misinfo"),
    ("Misinformation explained", "MISINFORMATION"),
    ("Guide for journalists", "journalist"),
    ("سالانہ رپورٹیں", "رپورٹ"),
    ("آنے والی تقریبات", "تقریب"),
    ("خوشخبری کا اعلان", "خوش خبری"),
    ("خوش خبری کا اعلان", "خوشخبری"),
    ("غیر قانونی مواد", "غیرقانونی"),
    ("بےروزگار نوجوان", "بے روزگار"),
    ("پاکستان", "پاكستان"),               # Arabic kaf
    ("پاکستانی صحافی", "پاكستاني"),        # Arabic kaf and yeh
    ("میڈیا", "مِیڈِیا"),                  # diacritics in the query
    ("مِیڈیا کی تعلیم", "میڈیا"),          # diacritics in the stored text
    ("تعلیم", "تعـــلیم"),                 # tatweel
    ("زکوٰۃ کا حساب", "زکوة"),             # teh marbuta typed on an Arabic keyboard
    ("جماعۂ اسلامی", "جماعہ"),             # heh with hamza
    ("کہانی", "كهانی"),                    # Arabic heh for heh goal
    ("کھانا پکانا", "كهانا"),               # Arabic heh for do-chashmi
    ("بھی", "بہی"),                        # do-chashmi typed as heh goal
    ("سال ۲۰۲۴ کی رپورٹ", "2024"),         # Urdu digits stored, Western typed
    ("سال 2024 کی رپورٹ", "۲۰۲۴"),         # and the other way
    ("سال ٢٠٢٤", "2024"),                  # Arabic-Indic digits
    ("می\u200cڈیا", "می ڈیا"),              # ZWNJ stored
    ("میڈیا\u200d", "میڈیا"),               # ZWJ stored
    ("talim", "taleem"),                   # Roman Urdu spellings
    ("taleem", "talim"),
    ("taaleem", "talim"),
    ("sehat", "sehat"),
    ("khabar", "khabar"),
    ("zaroori baat", "zaruri"),
    ("fact-check", "fact check"),
    ("Café guide", "cafe"),
    ("\u2067میڈیا\u2069", "میڈیا"),        # isolates pasted from a rendered message
]

# (stored title, query) pairs a search must not find.
SEARCH_MISSES = [
    ("رپورٹ", "رپورٹیں"),                  # a longer word is not a prefix of a shorter one
    ("تقریبات", "تقریر"),
    ("misinformation", "information"),     # prefixes, not infixes
    ("talim", "tamil"),
    ("خوشخبری", "خبر"),
    ("کتاب", "کتب خانہ"),
    ("سال 2024", "2025"),
    ("سال ۲۰۲۴", "۲۰۲۵"),
    ("guide", "guidance manual"),
    ("صحافت", "سیاست"),
    ("مسجد", "مدرسہ"),
    ("taleem", "tilawat"),
]


@pytest.fixture
async def repo(db):
    return SqliteResourceRepository(db)


@pytest.mark.parametrize(("stored", "query"), SEARCH_FINDS)
async def test_search_finds(repo: SqliteResourceRepository, stored: str, query: str) -> None:
    added = await repo.add(new("https://example.org/a", stored, tags=(stored.split()[0],)))
    await repo.add(new("https://example.org/b", "Unrelated entry", description="nothing"))
    assert [h.resource.id for h in await repo.search(community(100), parse_query(query))] == [added.id]


@pytest.mark.parametrize(("stored", "query"), SEARCH_MISSES)
async def test_search_misses(repo: SqliteResourceRepository, stored: str, query: str) -> None:
    await repo.add(new("https://example.org/a", stored))
    assert await repo.search(community(100), parse_query(query)) == []


# Reported texts that are the same text for the duplicate check (exact match key).
SAME_TEXT = [
    ("یہ خبر جھوٹی ہے اسے مت پھیلائیں", "یہ خبر جهوٹی ہے اسے مت پهیلائیں"),   # Arabic heh for ھ
    ("یہ ویڈیو جعلی ہے", "يہ ويڈيو جعلی ہے"),                             # Arabic yeh
    ("کل کی خبر", "كل كی خبر"),                                           # Arabic kaf
    ("خوشخبری سب کے لیے", "خوش خبری سب کے لیے"),                         # compound
    ("قیمت ۵۰۰ روپے", "قیمت 500 روپے"),                                  # digits
    ("پاکستان زندہ باد", "پاکِستان زِندہ باد"),                              # diacritics
    ("ویڈیو", "ویـــڈیو"),                                               # tatweel
    ("Breaking NEWS", "breaking news"),
]
DIFFERENT_TEXT = [
    ("یہ خبر جھوٹی ہے", "یہ خبر سچی ہے"),
    ("قیمت ۵۰۰ روپے", "قیمت 600 روپے"),
]


@pytest.mark.parametrize(("first", "second"), SAME_TEXT)
def test_duplicate_texts_fold_alike(first: str, second: str) -> None:
    assert normalise_text(first) == normalise_text(second)


@pytest.mark.parametrize(("first", "second"), DIFFERENT_TEXT)
def test_different_texts_stay_different(first: str, second: str) -> None:
    assert normalise_text(first) != normalise_text(second)


def test_fold_keeps_text_readable_and_key_compares() -> None:
    assert fold("پاكستاني ۲۰۲۴") == "پاکستانی 2024"
    assert fold("کھانا") == "کھانا"  # the readable fold keeps do-chashmi
    assert match_key("کھانا") == match_key("كهانا") == match_key("کہانا")
    assert roman_key("taaleem") == roman_key("talim") == "talim"
    assert roman_key("bajay") == roman_key("baje")


def test_enough_rows() -> None:
    assert len(SEARCH_FINDS) + len(SAME_TEXT) >= 30 and len(SEARCH_MISSES) + len(DIFFERENT_TEXT) >= 10
