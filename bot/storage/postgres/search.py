"""A search box entry as a PostgreSQL tsquery, term for term what the SQLite driver asks FTS5.

Each term of a `SearchQuery` is matched when any of its spellings is
(`SearchQuery.alternatives()`: the word itself, a prefix when it is long enough, a compound joined or
spaced, ھ/ہ swapped, Roman Urdu spellings): an alternative of several words is a phrase (`<->`), its
last word a prefix (`:*`) when the domain says so. Each alternative is looked up as the index holds
the text, stemmed by `english` and as written by `simple`, after the same `baithak_fold` (unaccent).

User input never becomes an operator: the words are letters, digits and marks only (`parse_query`
split them so) and are quoted as tsquery lexemes besides; they travel as bind parameters.
"""

from __future__ import annotations

from typing import Any

from bot.domain.resource_search import Alternative, SearchQuery


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_text(alternative: Alternative) -> str:
    """One spelling in to_tsquery's syntax: `'a' <-> 'b':*`."""
    words = [_lexeme(w) for w in alternative.words]
    if alternative.prefix:
        words[-1] += ":*"
    return " <-> ".join(words)


def tsquery_sql(query: SearchQuery, *, any_term: bool, first: int) -> tuple[str, list[Any]]:
    """A SQL tsquery expression for `query` whose bind parameters start at `$first`, and those
    parameters: every term must match (`&&`), or with `any_term` at least one (`||`)."""
    params: list[Any] = []
    groups = []
    for group in query.alternatives():
        spellings = []
        for alternative in group:
            params.append(tsquery_text(alternative))
            n = first + len(params) - 1
            spellings.append(f"to_tsquery('english'::regconfig, baithak_fold(${n}::text)) || "
                             f"to_tsquery('simple'::regconfig, baithak_fold(${n}::text))")
        groups.append("(" + " || ".join(spellings) + ")")
    return (" || " if any_term else " && ").join(groups), params
