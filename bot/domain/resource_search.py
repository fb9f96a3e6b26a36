"""Search text for the resource library: one folding for what is indexed and what is asked, and the
words of a query (the storage driver turns them into its full-text syntax, never letting user input
become an operator).

SQLite's unicode61 tokenizer splits words at characters it does not know as letters or digits, and
it classes the Arabic-script diacritics Urdu writers sometimes add (zer, zabar, pesh, shadd, ...) as
separators: `مِیڈیا` would be indexed as `م` + `یڈیا`. Its `remove_diacritics 2` option folds Latin
accents only. So both the indexed text and the query go through :func:`search_text`, which drops
those marks and folds letter variants typed on Arabic keyboards to their Urdu forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.urdu_text import fold, join_compounds, term_variants, words

MAX_QUERY_LENGTH = 200
MAX_QUERY_TOKENS = 12

def search_text(text: str | None) -> str:
    """`text` as it is stored in and looked up from the full-text index: the Urdu normaliser's
    readable fold (:func:`bot.domain.urdu_text.fold`). Latin case and accents are left to the
    tokenizer (`unicode61 remove_diacritics 2`), so snippets keep them."""
    return fold(text)


# Words this long or longer are matched as prefixes too (`misinfo` finds "misinformation", رپورٹ
# finds رپورٹیں, تقریب finds تقریبات); shorter ones only whole, or a two-letter word would match
# half the library.
MIN_PREFIX_CHARS = 3


@dataclass(frozen=True)
class Alternative:
    """One way a query word may appear in the index: a phrase of adjacent words, the last one
    possibly only the start of a longer word."""

    words: tuple[str, ...]
    prefix: bool


@dataclass(frozen=True)
class SearchQuery:
    """A user's query as words to look for, folded like indexed text. Each driver turns the terms into
    its own full-text syntax (the SQLite one quotes each as an FTS5 string, never an operator).

    `groups` has one entry per term that must match: the spellings it may have been stored with
    (:func:`bot.domain.urdu_text.term_variants`, joined and spaced compounds), any one of which
    matches. Queries built by hand without groups match their terms exactly."""

    terms: tuple[str, ...]
    groups: tuple[tuple[Alternative, ...], ...] = ()

    def alternatives(self) -> tuple[tuple[Alternative, ...], ...]:
        return self.groups or tuple((Alternative((t,), False),) for t in self.terms)


def _alternative(phrase: tuple[str, ...]) -> Alternative:
    return Alternative(phrase, len(phrase[-1]) >= MIN_PREFIX_CHARS and not phrase[-1].isdigit())


def _group(term: str) -> tuple[Alternative, ...]:
    return tuple(_alternative(p) for p in term_variants(term))


def parse_query(raw: str | None) -> SearchQuery:
    """The words of a search box entry, folded like indexed text; DomainError when none remain.

    Anything that is not a letter or digit separates words, so `"`, `*`, `AND`, `NEAR(` or unbalanced
    quotes can only ever be searched for as words, never change the query's meaning.
    """
    text = (raw or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise DomainError("resource.search_too_long", limit=MAX_QUERY_LENGTH)
    terms: list[str] = []
    for word in words(text):
        if word.lower() not in (t.lower() for t in terms):
            terms.append(word)
    if not terms:
        raise DomainError("resource.search_empty")
    terms = terms[:MAX_QUERY_TOKENS]
    groups: list[tuple[Alternative, ...]] = []
    i = 0
    while i < len(terms):
        term = terms[i]
        following = terms[i + 1] if i + 1 < len(terms) else None
        if following and join_compounds([term, following]) == [term + following]:
            # A spaced compound (خوش خبری) also finds the joined one (خوشخبری), and the other way.
            both = (_alternative((term, following)), *_group(term + following))
            groups.append(tuple(dict.fromkeys(both)))
            i += 2
            continue
        groups.append(_group(term))
        i += 1
    return SearchQuery(tuple(terms), tuple(groups))


# Snippet markers: control characters that cannot occur in stored text (share strips them), so the
# front end can turn them into bold after escaping the user's own markdown.
MARK_START = "\x02"
MARK_END = "\x03"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """Text without control characters (newlines and tabs kept)."""
    return _CONTROL.sub("", text)
