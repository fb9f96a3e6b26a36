"""Near-identical text: normalisation, the exact-match hash, prefilter terms and the fuzzy decision.

The database narrows candidates (exact hash index, then an FTS5 query on the rarest terms and a length
window); only that short list reaches rapidfuzz here, so intake never scans every case in Python.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from itertools import combinations
from typing import Iterable, Sequence

from rapidfuzz import fuzz

from bot.domain.errors import DomainError
from bot.domain.urdu_text import match_key
from bot.domain.urls import find_urls, url_key

# A report joins an open case with near-identical text reported within this window.
TEXT_WINDOW = timedelta(days=30)
# rapidfuzz ratio (0-100) at or above which two normalised texts are "near-identical".
SIMILARITY_CUTOFF = 90.0
# Short texts ("this is fake") say too little to be matched by their words alone.
MIN_TEXT_CHARS = 24
MIN_TEXT_TOKENS = 4
# The prefilter takes the text's PREFILTER_TERMS rarest terms and asks the index for texts holding all
# of them but one (near-identical texts share nearly every word, so a changed word is tolerated);
# rapidfuzz then sees at most MAX_CANDIDATES best-ranked rows. AND-ing terms keeps the index work
# proportional to the rare terms' document lists instead of ranking every text with any of them.
PREFILTER_TERMS = 4
MAX_CANDIDATES = 25

_TOKEN = re.compile(r"[^\W_]+")


def _link_token(url: str) -> str:
    try:
        key = url_key(url)
    except DomainError:
        return url
    return " ".join(_TOKEN.findall(key))


def normalise_text(text: str) -> str:
    """Text as compared for duplicates: the Urdu normaliser's match key
    (:func:`bot.domain.urdu_text.match_key`: case, diacritics, Arabic-keyboard letters, tatweel,
    joiners, Urdu digits and joined or spaced compounds do not matter), without punctuation, links
    reduced to their duplicate key (so `utm_` parameters or `http` vs `https` do not matter)."""
    raw = unicodedata.normalize("NFKC", text or "")
    for url in find_urls(raw):
        raw = raw.replace(url, " " + _link_token(url) + " ")
    return match_key(raw)


def text_hash(normalised: str) -> str:
    """The exact-match key of normalised text (indexed in the database)."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:32]


def is_matchable(normalised: str) -> bool:
    """Whether `normalised` is long enough to be matched as near-identical text at all."""
    return len(normalised) >= MIN_TEXT_CHARS and normalised.count(" ") + 1 >= MIN_TEXT_TOKENS


def terms(normalised: str) -> list[str]:
    """Distinct terms of normalised text, in order of first appearance."""
    seen: dict[str, None] = {}
    for token in normalised.split():
        seen.setdefault(token, None)
    return list(seen)


def rarest_terms(document_counts: dict[str, int], limit: int = PREFILTER_TERMS) -> list[str]:
    """The `limit` terms found in the fewest documents (terms never seen are left out: they cannot
    match anything); ties go to the longer term, which is likelier to be distinctive."""
    known = [(count, -len(term), term) for term, count in document_counts.items() if count > 0]
    return [term for _, _, term in sorted(known)[:limit]]


def fts_query(chosen: Iterable[str]) -> str | None:
    """An FTS5 MATCH expression: all of `chosen` but at most one (all of them when there are fewer
    than three)."""
    quoted = ['"' + term.replace('"', '""') + '"' for term in chosen]
    if not quoted:
        return None
    need = len(quoted) - 1 if len(quoted) >= 3 else len(quoted)
    groups = ["(" + " AND ".join(group) + ")" for group in combinations(quoted, need)]
    return " OR ".join(groups)


def length_window(normalised: str, cutoff: float = SIMILARITY_CUTOFF) -> tuple[int, int]:
    """Lengths another text may have and still reach `cutoff`.

    rapidfuzz's ratio is 2*M/(a+b) with M <= min(a, b), so the shorter text must be at least
    cutoff/(200-cutoff) of the longer one.
    """
    n = len(normalised)
    factor = cutoff / (200.0 - cutoff)
    return int(n * factor), int(n / factor) + 1


_HANDLE = re.compile(r"(?<![\w.@])@([^\W][\w.]{1,63})", re.UNICODE)
_NUMBER = re.compile(r"\+?\d(?:[\d\s\-.,/()]*\d)?", re.UNICODE)


def identifiers(text: str) -> frozenset[str]:
    """What tells one scam or rumour from another however alike the wording: the links (by their
    duplicate key), account handles (`@name`) and numbers (phone numbers, amounts, account numbers;
    separators ignored, Urdu and Arabic digits read as digits) in `text`."""
    raw = unicodedata.normalize("NFKC", text or "")
    found: set[str] = set()
    for url in find_urls(raw):
        try:
            found.add("link:" + url_key(url))
        except DomainError:
            found.add("link:" + url.casefold())
        raw = raw.replace(url, " ")
    for match in _HANDLE.finditer(raw):
        found.add("handle:" + match.group(1).rstrip(".").casefold())
    raw = _HANDLE.sub(" ", raw)
    for match in _NUMBER.finditer(raw):
        digits = "".join(str(unicodedata.digit(ch)) for ch in match.group(0) if ch.isdigit())
        if digits:
            found.add("number:" + digits)
    return frozenset(found)


def differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two texts' identifiers tell them apart: both name numbers (or links, or handles) and
    not the same ones. A number written out in one copy ("ten") and in digits in the other, or a
    link dropped from a forward, does not make another case."""
    for kind in ("number:", "link:", "handle:"):
        mine = {x for x in a if x.startswith(kind)}
        theirs = {x for x in b if x.startswith(kind)}
        if mine and theirs and mine != theirs:
            return True
    return False


@dataclass(frozen=True)
class Candidate:
    case_id: int
    normalised: str
    # The candidate's identifiers (`identifiers`); None when unknown, which matches anything.
    identifiers: frozenset[str] | None = None


def best_match(normalised: str, candidates: Sequence[Candidate],
               cutoff: float = SIMILARITY_CUTOFF, *, keys: frozenset[str] | None = None) -> int | None:
    """The case whose text is most similar to `normalised` at or above `cutoff`, or None. Texts that
    differ in a phone number, an amount, a link or an account handle (`keys` against a candidate's
    identifiers) are different cases, however alike the rest of their wording."""
    best: tuple[float, int] | None = None
    for candidate in candidates:
        if keys is not None and candidate.identifiers is not None and differ(keys, candidate.identifiers):
            continue
        score = fuzz.ratio(normalised, candidate.normalised, score_cutoff=cutoff)
        if score and (best is None or score > best[0]):
            best = (score, candidate.case_id)
    return None if best is None else best[1]
