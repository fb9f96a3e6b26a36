"""Formatting helpers shared by every front end: Discord limits, timestamps, safe cutting."""

from __future__ import annotations

import unicodedata
from datetime import datetime

ELLIPSIS = "…"

# Discord's limits, respected by construction wherever text is placed.
CONTENT = 2000
EMBED_TOTAL = 6000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
BUTTON_LABEL = 80
SELECT_LABEL = 100
SELECT_DESCRIPTION = 100
CHOICE_NAME = 100
MODAL_TITLE = 45
TEXT_INPUT_LABEL = 45


def _joins_previous(ch: str) -> bool:
    # Combining marks (Urdu diacritics such as zer/zabar), joiners and variation selectors belong
    # to the character before them: a cut must not separate them.
    return unicodedata.combining(ch) != 0 or ch in "\u200c\u200d" or 0xFE00 <= ord(ch) <= 0xFE0F


def cut(text: str | None, limit: int) -> str:
    """`text` shortened to at most `limit` code points, ending with an ellipsis when cut,
    never splitting a base character from its combining marks."""
    text = text or ""
    if len(text) <= limit:
        return text
    end = max(limit - 1, 0)
    while 0 < end < len(text) and _joins_previous(text[end]):
        end -= 1
    return text[:end].rstrip() + ELLIPSIS


def ts(moment: datetime, style: str = "F") -> str:
    """A Discord timestamp tag, shown to each viewer in their own zone."""
    return f"<t:{int(moment.timestamp())}:{style}>"
