"""Right-to-left done properly for Urdu messages.

Discord (like every Unicode renderer) picks a paragraph's direction from its first strong character:
an Urdu message that starts with a placeholder, a title in Latin script, a URL or a time renders
left-to-right and reorders the sentence. So a rendered Urdu message is marked here:

- each paragraph (line) begins with RIGHT-TO-LEFT MARK (U+200F), which makes it right-to-left;
- every run of Latin text, user text, numbers, times or links inside it is wrapped in
  FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE (U+2068 ... U+2069), so it keeps its own order and
  does not drag the Urdu around it.

Discord's own syntax must keep working, so mentions (`<@1>`, `<#2>`, `<@&3>`), timestamps (`<t:…>`),
custom emoji, code spans and URLs are isolated whole, never split, and nothing is inserted inside
them. `apply` is idempotent: text already marked is returned unchanged.
"""

from __future__ import annotations

import re
import unicodedata

RLM = "\u200f"
FSI = "\u2068"
PDI = "\u2069"
_MARKUP = "*_~|"
_PUNCT = ".,;:!?،۔؛"
_MARKS = re.compile("[\u200e\u200f\u061c\u2066-\u2069]")

# Tokens that must stay whole: code spans, Discord tags, links (markdown or bare).
_PROTECTED = re.compile(
    r"`[^`\n]*`"
    r"|<(?:@[!&]?\d+|#\d+|t:-?\d+(?::[tTdDfFR])?|a?:\w+:\d+|/[^>\n]+:\d+)>"
    r"|\[[^\]\n]*\]\(<?https?://[^\s)>]+>?\)"
    r"|<?https?://[^\s<>]+>?"
)


def _strong(ch: str) -> str | None:
    kind = unicodedata.bidirectional(ch)
    if kind == "L":
        return "L"
    if kind in ("R", "AL"):
        return "R"
    return None


def _isolate_runs(line: str) -> str:
    """`line` with each run that is not right-to-left (Latin words, digits, protected tokens, and
    the neutral characters between them) wrapped in FSI ... PDI."""
    pieces: list[tuple[str, bool]] = []  # (text, is right-to-left)
    pos = 0
    for match in _PROTECTED.finditer(line):
        pieces.extend(_split_plain(line[pos:match.start()]))
        pieces.append((match.group(0), False))
        pos = match.end()
    pieces.extend(_split_plain(line[pos:]))
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            text = "".join(run)
            core = text.strip()
            if core:
                lead = text[: len(text) - len(text.lstrip())]
                tail = text[len(text.rstrip()):]
                # Markdown markers and sentence punctuation stay outside the isolate (so **bold**
                # still parses and a closing bracket pairs with the Urdu text's opening one).
                while core and (core[0] in _MARKUP or (core[0] == "(" and core.count("(") > core.count(")"))):
                    lead, core = lead + core[0], core[1:]
                while core and (core[-1] in _MARKUP + _PUNCT
                                or (core[-1] == ")" and core.count(")") > core.count("("))):
                    core, tail = core[:-1], core[-1] + tail
                out.append(lead + FSI + core + PDI + tail if core else lead + tail)
            else:
                out.append(text)
            run.clear()

    for text, rtl in pieces:
        if rtl:
            flush()
            out.append(text)
        else:
            run.append(text)
    flush()
    return "".join(out)


def _split_plain(text: str) -> list[tuple[str, bool]]:
    """Plain text cut into right-to-left words and everything else; a neutral character sits with
    the right-to-left text unless it is between two left-to-right pieces (so `Fact-check clinic`
    and `6:30 pm` stay one isolate)."""
    if not text:
        return []
    tokens = re.findall(r"\S+|\s+", text)
    pieces: list[tuple[str, bool]] = []
    for token in tokens:
        if token.isspace():
            pieces.append((token, True))
            continue
        strongs = [s for s in map(_strong, token) if s]
        # A plain number keeps its order inside Urdu text without help; digits with Latin letters or
        # separators (`R-0042`, `2026-03-11`, `6:30pm`) are isolated.
        bare_number = bool(re.fullmatch(r"\d+[%]?[،۔.,]?", token))
        has_ltr = "L" in strongs or (any(ch.isdigit() for ch in token) and not bare_number)
        if "R" in strongs and has_ltr:
            # A word mixing scripts (`#urdu`, `R-0042،`): split at the script change.
            for part in re.findall(r"[^\W\d_]+|\d+|\W|_", token):
                kind = {_strong(ch) for ch in part} - {None}
                pieces.append((part, not ("L" in kind or part.isdigit())))
        else:
            pieces.append((token, not has_ltr))
    # Spaces and punctuation between two left-to-right pieces belong to that run.
    merged: list[tuple[str, bool]] = []
    for i, (piece, rtl) in enumerate(pieces):
        # Arrows stay outside isolates: in a right-to-left line `old ← new` reads old, then new.
        if rtl and not any(_strong(ch) == "R" for ch in piece) and not set(piece) & set("←→"):
            before = next((p for p in reversed(pieces[:i]) if p[0].strip() and not _neutral(p[0])), None)
            after = next((p for p in pieces[i + 1:] if p[0].strip() and not _neutral(p[0])), None)
            if before is not None and after is not None and not before[1] and not after[1]:
                rtl = False
        merged.append((piece, rtl))
    return merged


def _neutral(text: str) -> bool:
    return not any(_strong(ch) for ch in text) and not any(ch.isdigit() for ch in text)


def apply(text: str) -> str:
    """`text` (an Urdu message) as right-to-left paragraphs with embedded left-to-right runs
    isolated. Idempotent."""
    if not text:
        return text
    # Already-marked parts (a message built from other messages) are marked again as a whole.
    text = strip(text)
    lines = text.split("\n")
    return "\n".join(_paragraph(line) if line.strip() else line for line in lines)


def _paragraph(line: str) -> str:
    marked = _isolate_runs(line)
    # A line whose first strong character is already Urdu is right-to-left without a mark (button
    # labels stay as written); any other gets RIGHT-TO-LEFT MARK first.
    first = next((_strong(ch) for ch in marked.split(FSI)[0] if _strong(ch)), None)
    return marked if first == "R" and not marked.startswith(FSI) else RLM + marked


def strip(text: str) -> str:
    """`text` without direction marks (for comparing, searching, storing what a member typed)."""
    return _MARKS.sub("", text)
