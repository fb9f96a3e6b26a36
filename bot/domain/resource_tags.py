"""Tags on shared resources: up to five, comma-separated, lower case."""

from __future__ import annotations

import re
import unicodedata

from bot.domain.errors import DomainError

MAX_TAGS = 5
MAX_TAG_LENGTH = 30
# Commas in English and Urdu (the Arabic comma), and the ideographic one for pasted text.
_SEPARATORS = re.compile(r"[,\u060C\uFF0C\u3001]")
# Inside a tag: letters, marks, digits, and a few joiners people use ("fact-check", "c++", "#urdu").
_ALLOWED_PUNCTUATION = set(" -_+.&'")


def _clean(tag: str) -> str:
    tag = unicodedata.normalize("NFKC", tag).strip().lstrip("#").strip()
    return " ".join(tag.lower().split())


def _valid(tag: str) -> bool:
    return all(unicodedata.category(ch)[0] in "LMN" or ch in _ALLOWED_PUNCTUATION for ch in tag)


def parse_tags(raw: str | None) -> tuple[str, ...]:
    """Normalised tags from `raw` (`"Fact-Check, URDU , #Guides"` -> `('fact-check', 'urdu', 'guides')`).

    Lower case, surrounding spaces and a leading `#` dropped, repeats removed, order kept. Refuses
    (DomainError) more than five tags, a tag longer than 30 characters, or one with characters other
    than letters, digits, spaces and `- _ + . & '`.
    """
    tags: list[str] = []
    for part in _SEPARATORS.split(raw or ""):
        tag = _clean(part)
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise DomainError("resource.tag_too_long", tag=tag[:MAX_TAG_LENGTH] + "…", limit=MAX_TAG_LENGTH)
        if not _valid(tag):
            raise DomainError("resource.tag_invalid", tag=tag)
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise DomainError("resource.too_many_tags", limit=MAX_TAGS, count=len(tags))
    return tuple(tags)


def parse_tag_filter(raw: str | None) -> str | None:
    """One tag to filter search or top by, normalised like stored tags; None when empty."""
    if raw is None or not raw.strip():
        return None
    tags = parse_tags(raw)
    if len(tags) != 1:
        raise DomainError("resource.one_tag_filter")
    return tags[0]
