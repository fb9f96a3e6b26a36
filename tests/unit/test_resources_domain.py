"""Resource library rules: tags, titles, search-query escaping, Urdu folding, who may do what."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.guild_settings import GuildSettings
from bot.domain.identity import DISCORD, Community
from bot.domain.resource_search import parse_query, search_text
from bot.domain.resource_tags import MAX_TAGS, parse_tag_filter, parse_tags
from bot.domain.resources import (PENDING, PUBLISHED, Resource, check_duplicate, check_remove,
                                  check_review, check_vote, clean_description, clean_reason,
                                  clean_title, prepare_share)
from bot.domain.roles import Actor
from bot.i18n import catalogue, placeholders, t
# The FTS5 expression is the SQLite driver's; its escaping of user words is checked here with the rules.
from bot.storage.sqlite.resources import match

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
GUILD = 10
MOD_ROLE = 77
SETTINGS = GuildSettings(guild_id=GUILD, timezone="Asia/Karachi", language="en", moderation_channel=1,
                         resources_channel=2, moderator_role=MOD_ROLE)
ALICE = Actor(user_id=1, guild_id=GUILD)
BOB = Actor(user_id=2, guild_id=GUILD)
MOD = Actor(user_id=3, guild_id=GUILD, role_ids=frozenset({MOD_ROLE}))
ADMIN = Actor(user_id=4, guild_id=GUILD, manage_guild=True)
STRANGER_MOD = Actor(user_id=3, guild_id=999, role_ids=frozenset({MOD_ROLE}))


def resource(status: str = PUBLISHED, author: int = 1, guild: int = GUILD) -> Resource:
    return Resource(id=5, guild_id=guild, url="https://example.org", url_key="example.org", title="T",
                    description="", tags=(), author_id=author, status=status, upvotes=0, created_at=NOW)


def key_of(fn, *args, **kwargs) -> str:
    with pytest.raises(DomainError) as info:
        fn(*args, **kwargs)
    return info.value.key


# -- tags ---------------------------------------------------------------------------------------
def test_tags_normalised_lower_case_deduplicated() -> None:
    assert parse_tags(" Fact-Check, URDU ,#Guides,, urdu ") == ("fact-check", "urdu", "guides")
    assert parse_tags("صحافت، Media  Literacy") == ("صحافت", "media literacy")
    assert parse_tags("") == () and parse_tags(None) == ()


def test_tags_refused_clearly() -> None:
    assert key_of(parse_tags, "a,b,c,d,e,f") == "resource.too_many_tags"
    assert len(parse_tags(",".join("abcde"))) == MAX_TAGS
    assert key_of(parse_tags, "x" * 31) == "resource.tag_too_long"
    assert key_of(parse_tags, "ok, <@&123>") == "resource.tag_invalid"
    assert key_of(parse_tags, "`code`") == "resource.tag_invalid"


def test_tag_filter() -> None:
    assert parse_tag_filter("  #Urdu ") == "urdu"
    assert parse_tag_filter("") is None and parse_tag_filter(None) is None
    assert key_of(parse_tag_filter, "a, b") == "resource.one_tag_filter"


# -- titles, descriptions, reasons --------------------------------------------------------------
def test_text_cleaning() -> None:
    assert clean_title("  Fact\n checking \x02guide ") == "Fact checking guide"
    assert key_of(clean_title, "   ") == "resource.title_empty"
    assert key_of(clean_title, "x" * 201) == "common.too_long"
    assert clean_description(None) == ""
    assert clean_description("line one\nline two\x03") == "line one\nline two"
    assert key_of(clean_description, "x" * 1001) == "common.too_long"
    assert key_of(clean_reason, " ") == "resource.reason_required"
    assert key_of(clean_reason, "x" * 501) == "common.too_long"


# -- sharing ------------------------------------------------------------------------------------
def test_share_published_without_approval() -> None:
    new = prepare_share(ALICE, SETTINGS, url="HTTP://Example.org/g/?utm_source=x", title=" Guide ",
                        tags="A, b", description=None, now=NOW)
    assert (new.url, new.url_key, new.title, new.tags, new.status) == (
        "http://example.org/g", "example.org/g", "Guide", ("a", "b"), PUBLISHED)


def test_share_pending_with_approval() -> None:
    from dataclasses import replace

    new = prepare_share(ALICE, replace(SETTINGS, resource_approval=True), url="example.org", title="G",
                        tags=None, description="", now=NOW)
    assert new.status == PENDING


def test_share_needs_the_channel_it_goes_to() -> None:
    from dataclasses import replace

    no_res = replace(SETTINGS, resources_channel=None)
    assert key_of(prepare_share, ALICE, no_res, url="example.org", title="G", tags=None,
                  description=None, now=NOW) == "resource.no_resources_channel"
    no_mod = replace(SETTINGS, resource_approval=True, moderation_channel=None)
    assert key_of(prepare_share, ALICE, no_mod, url="example.org", title="G", tags=None,
                  description=None, now=NOW) == "resource.no_moderation_channel"


def test_bad_url_is_checked_first() -> None:
    assert key_of(prepare_share, ALICE, SETTINGS, url="javascript:alert(1)", title="", tags="a" * 99,
                  description=None, now=NOW) == "url.bad_scheme"


def test_duplicate_points_to_existing() -> None:
    check_duplicate(None)
    with pytest.raises(DomainError) as info:
        check_duplicate(resource())
    assert info.value.key == "resource.duplicate" and info.value.params["id"] == 5
    assert key_of(check_duplicate, resource(PENDING)) == "resource.duplicate_pending"


# -- who may do what ----------------------------------------------------------------------------
def test_review_needs_a_moderator_of_that_guild() -> None:
    assert check_review(MOD, SETTINGS, resource(PENDING)).id == 5
    assert check_review(ADMIN, SETTINGS, resource(PENDING)).id == 5
    assert key_of(check_review, ALICE, SETTINGS, resource(PENDING)) == "perm.need_moderator"
    assert key_of(check_review, MOD, SETTINGS, resource(PENDING, guild=999)) == "common.not_found"
    assert key_of(check_review, MOD, SETTINGS, resource(PUBLISHED)) == "resource.already_decided.published"
    assert key_of(check_review, MOD, SETTINGS, None) == "resource.not_found"


def test_remove_by_author_or_moderator_only() -> None:
    assert check_remove(ALICE, SETTINGS, resource(author=1)).id == 5
    assert check_remove(MOD, SETTINGS, resource(author=1)).id == 5
    assert check_remove(ALICE, SETTINGS, resource(PENDING, author=1)).id == 5
    assert key_of(check_remove, BOB, SETTINGS, resource(author=1)) == "resource.remove_forbidden"
    assert key_of(check_remove, STRANGER_MOD, SETTINGS, resource()) == "common.not_found"
    assert key_of(check_remove, ALICE, SETTINGS, resource("removed")) == "resource.not_found"


def test_votes_only_on_published() -> None:
    assert check_vote(BOB, resource()).id == 5
    assert key_of(check_vote, BOB, resource(PENDING)) == "resource.not_votable"
    assert key_of(check_vote, STRANGER_MOD, resource()) == "common.not_found"


# -- search text --------------------------------------------------------------------------------
def test_urdu_diacritics_and_letter_variants_fold() -> None:
    assert search_text("مِیڈیا") == search_text("میڈیا") == "میڈیا"
    assert search_text("پاکستانی صحافت") == "پاکستانی صحافت"
    # Arabic yeh and kaf typed on an Arabic keyboard find the Urdu spelling.
    assert search_text("پاكستاني") == "پاکستانی"
    assert search_text("ﻻ") == "لا"  # presentation form -> letters
    assert search_text("Café") == "Café"  # Latin accents are the tokenizer's job


@pytest.mark.parametrize("hostile", ['"', '*', 'AND', 'NEAR(', '"unbalanced', 'a" OR "b', '(((', 'title:x',
                                     '^start', 'NOT', '-', 'x*', '{title}:y', "'; DROP TABLE resources; --"])
def test_hostile_queries_become_quoted_terms(hostile: str) -> None:
    try:
        query = parse_query(hostile)
    except DomainError as exc:
        assert exc.key == "resource.search_empty"
        return
    expression = match(query, Community(DISCORD, GUILD))
    # every user term is inside an FTS string: after removing the strings only our syntax is left
    import re

    skeleton = re.sub(r'"(?:[^"]|"")*"\*?', "S", expression)
    group = r"\(S( OR S)*\)"
    assert re.fullmatch(r"scope : S AND \{title description tags\} : \(" + group + "( AND " + group + ")*\\)",
                        skeleton), skeleton
    assert skeleton.count("(S") == len(query.alternatives())


def test_query_terms() -> None:
    assert parse_query("Fact-check guide").terms == ("Fact", "check", "guide")
    assert parse_query("حقائق کی جانچ").terms == ("حقائق", "کی", "جانچ")
    assert parse_query("guide GUIDE").terms == ("guide",)
    assert match(parse_query('NEAR(fact "check"'), Community(DISCORD, GUILD), any_term=True).endswith(
        '(("NEAR"* OR "near"* OR "neaar"*) OR ("fact"* OR "faact"*) OR ("check"*))')
    assert key_of(parse_query, "   ") == "resource.search_empty"
    assert key_of(parse_query, "x" * 201) == "resource.search_too_long"


def test_resource_messages_complete_in_both_languages() -> None:
    keys = [k for k in catalogue() if k.startswith("resource.")]
    assert len(keys) > 40
    for key in keys:
        assert placeholders(catalogue()[key]["en"]) == placeholders(catalogue()[key]["ur"]), key
    assert "#7" in t("ur", "resource.footer", id=7)
