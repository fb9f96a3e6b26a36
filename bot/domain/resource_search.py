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
import unicodedata
from dataclasses import dataclass

from bot.domain.errors import DomainError

MAX_QUERY_LENGTH = 200
MAX_QUERY_TOKENS = 12

# Arabic-script combining marks: harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
_ARABIC_MARKS = dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD),
     *range(0x06DF, 0x06E5), 0x06E7, 0x06E8, *range(0x06EA, 0x06EE)],
    None,
)
# Letters that look alike and are typed interchangeably: Arabic yeh / alef maksura -> Farsi yeh,
# Arabic kaf -> keheh, Arabic heh -> heh goal (as Urdu spells them); tatweel (kashida) is decoration.
_LETTER_FOLDS = {0x064A: "\u06CC", 0x0649: "\u06CC", 0x0643: "\u06A9", 0x0647: "\u06C1", 0x0640: None}
# ZWNJ and ZWJ shape letters inside a word; unicode61 would treat them as separators in one place
# and not another, so they become a plain space on both sides.
_JOINERS = {0x200C: " ", 0x200D: " "}
_FOLDS = {**_ARABIC_MARKS, **_LETTER_FOLDS, **_JOINERS}


def search_text(text: str | None) -> str:
    """`text` as it is stored in and looked up from the full-text index.

    NFKC (so Arabic presentation forms and full-width Latin become ordinary letters), then Urdu
    diacritics removed and look-alike letters folded. Latin case and accents are left to the
    tokenizer (`unicode61 remove_diacritics 2`), so snippets keep them.
    """
    return unicodedata.normalize("NFKC", text or "").translate(_FOLDS)


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN"


@dataclass(frozen=True)
class SearchQuery:
    """A user's query as words to look for, folded like indexed text. Each driver turns the terms into
    its own full-text syntax (the SQLite one quotes each as an FTS5 string, never an operator)."""

    terms: tuple[str, ...]


def parse_query(raw: str | None) -> SearchQuery:
    """The words of a search box entry, folded like indexed text; DomainError when none remain.

    Anything that is not a letter or digit separates words, so `"`, `*`, `AND`, `NEAR(` or unbalanced
    quotes can only ever be searched for as words, never change the query's meaning.
    """
    text = (raw or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise DomainError("resource.search_too_long", limit=MAX_QUERY_LENGTH)
    folded = search_text(text)
    words = "".join(ch if _is_word_char(ch) or unicodedata.category(ch)[0] == "M" else " " for ch in folded)
    terms: list[str] = []
    for word in words.split():
        # A word made of combining marks alone has nothing to look for.
        if any(_is_word_char(ch) for ch in word) and word.lower() not in (t.lower() for t in terms):
            terms.append(word)
    if not terms:
        raise DomainError("resource.search_empty")
    return SearchQuery(tuple(terms[:MAX_QUERY_TOKENS]))


# Snippet markers: control characters that cannot occur in stored text (share strips them), so the
# front end can turn them into bold after escaping the user's own markdown.
MARK_START = "\x02"
MARK_END = "\x03"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """Text without control characters (newlines and tabs kept)."""
    return _CONTROL.sub("", text)
