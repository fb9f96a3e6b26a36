"""Fixed choices in Discord's command picker, named in both languages.

Discord's picker is translated by the member's client language, and Discord has no Urdu locale, so
a choice is named `English · اردو` (`Misinformation · غلط معلومات`): every member can read it,
whatever the server's language. Only the name shown changes; the value sent stays the same.
"""

from __future__ import annotations

from typing import Sequence

from discord import app_commands

from bot.i18n import catalogue
from bot.i18n.format import CHOICE_NAME, cut

SEPARATOR = " · "


def bilingual(key: str) -> str:
    """The catalogue entry `key` as `English · اردو` within a choice name's 100 characters (the
    English part kept whole, the Urdu cut if it must be; one language alone when they are the same)."""
    texts = catalogue()[key]
    english, urdu = texts["en"], texts["ur"]
    if urdu == english:
        return cut(english, CHOICE_NAME)
    room = CHOICE_NAME - len(english) - len(SEPARATOR)
    if room < 8:
        return cut(english, CHOICE_NAME)
    return english + SEPARATOR + cut(urdu, room)


def choices(keys_and_values: Sequence[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    """One choice per (catalogue key, value), named in both languages."""
    return [app_commands.Choice(name=bilingual(key), value=value) for key, value in keys_and_values]
