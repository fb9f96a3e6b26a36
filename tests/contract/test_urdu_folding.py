"""Contract: both drivers fold Urdu, Roman Urdu and English alike. The tricky cases of the normaliser's
own tests (tests/unit/test_urdu_matching.py: Arabic-keyboard letters, diacritics, tatweel, joiners,
Urdu and Arabic-Indic digits, compounds joined or spaced, ھ/ہ, Roman Urdu spellings, accents) find
the same resources in a search, miss the same ones, and make the same reported texts one case, on
SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.identity import DISCORD, Community
from bot.domain.reports import intake_from_target
from bot.domain.resource_search import parse_query
from bot.domain.resources import PUBLISHED, NewResource
from bot.domain.urls import normalise_url, url_key
from tests.unit.test_urdu_matching import SAME_TEXT, SEARCH_FINDS, SEARCH_MISSES

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
HERE = Community(DISCORD, 100)
# Short texts are not matched by their words at all (bot.domain.report_duplicates.is_matchable): each
# pair is reported inside the same longer sentence.
FRAME = "آج واٹس ایپ پر یہ پیغام آیا ہے: {} براہ کرم اسے آگے نہ بھیجیں"


def _resource(n: int, title: str, *, tags: tuple[str, ...] = (), description: str = "") -> NewResource:
    url = f"https://example.org/{n}"
    return NewResource(guild_id=HERE.id, url=normalise_url(url), url_key=url_key(url), title=title,
                       description=description, tags=tags, author_id=1, status=PUBLISHED, created_at=NOW,
                       platform=HERE.platform)


async def _found(store, query: str) -> list[int]:
    return [h.resource.id for h in await store.resources.search(HERE, parse_query(query))]


@pytest.mark.parametrize(("stored", "query"), SEARCH_FINDS)
async def test_searches_find_what_the_normaliser_folds_alike(store, stored: str, query: str) -> None:
    """Each (stored, typed) pair of the normaliser's table: the query finds that resource and not an
    unrelated one, exactly as on the other driver."""
    added = await store.resources.add(_resource(1, stored, tags=(stored.split()[0],)))
    await store.resources.add(_resource(2, "Unrelated entry", description="nothing"))
    assert await _found(store, query) == [added.id]


@pytest.mark.parametrize(("stored", "query"), SEARCH_MISSES)
async def test_searches_miss_what_the_normaliser_keeps_apart(store, stored: str, query: str) -> None:
    await store.resources.add(_resource(1, stored))
    assert await _found(store, query) == []


async def test_urdu_digits_and_arabic_letters_in_descriptions_and_tags(store) -> None:
    a = await store.resources.add(_resource(1, "Zakat guide", tags=("زکوٰۃ",),
                                            description="سال ۲۰۲۴ کی مکمل رہنمائی"))
    for query in ("2024", "٢٠٢٤", "زكوة", "زکوۃ", "رهنمائی", "رہنمائی", "zakat"):
        assert await _found(store, query) == [a.id], query


async def _report(store, reporter: int, text: str, minutes: int):
    at = NOW + timedelta(minutes=minutes)
    intake = intake_from_target(guild_id=HERE.id, reporter_id=reporter, category="misinformation",
                                target=text, now=at)
    return await store.reports.submit(intake, now=at, sla_hours=12)


@pytest.mark.parametrize(("first", "second"), SAME_TEXT)
async def test_reported_texts_folded_alike_join_one_case(store, first: str, second: str) -> None:
    a = await _report(store, 1, FRAME.format(first), 0)
    b = await _report(store, 2, FRAME.format(second), 1)
    assert b.joined and b.case_id == a.case_id


async def test_near_identical_urdu_forward_from_an_arabic_keyboard_joins(store) -> None:
    """Not the same match key (a word dropped, another added), so it is the near-identical prefilter
    of each driver that has to find it: typed with Arabic yeh, kaf and heh, Urdu digits and tatweel."""
    original = ("حکومت نے اعلان کیا ہے کہ کل سے پٹرول کی قیمت 500 روپے فی لیٹر ہو جائے گی "
                "یہ خبر جھوٹی ہے اسے مت پھیلائیں اور اپنے گھر والوں کو بھی بتائیں")
    forward = ("حكومت نے اعلان كيا ہے كہ كل سے پٹرول کی قیـــمت ۵۰۰ روپے فی لیٹر ہو جائے گی "
               "يہ خبر جهوٹی ہے اسے مت پهيلائيں اور اپنے گھر والوں کو فوراً بتائیں")
    a = await _report(store, 1, original, 0)
    b = await _report(store, 2, forward, 1)
    assert b.joined and b.case_id == a.case_id
    c = await _report(store, 3, forward.replace("۵۰۰", "۶۰۰"), 2)  # another amount: another case
    assert not c.joined
