"""The one Urdu normaliser: how text is folded before it is searched, indexed or compared.

Resource search (`bot.domain.resource_search`) and duplicate reports (`bot.domain.report_duplicates`)
both go through here, so the same sentence typed on an Urdu and on an Arabic keyboard, with or without
diacritics, tatweel, zero-width joiners or Urdu digits, is the same text everywhere.

Two levels:
- :func:`fold` keeps text readable (it is what the search index stores, and its snippets are shown):
  NFKC; Arabic-keyboard letters to their Urdu forms (ي/ى→ی, ك→ک, ه/ة/ۃ/ۂ→ہ); diacritics, tatweel,
  zero-width and direction marks removed; ZWNJ (a break inside a compound) becomes a space; Urdu and
  Arabic-Indic digits become Western digits.
- :func:`match_key` is for comparing only: `fold`, case-folded, do-chashmi ھ and ہ made one letter
  (an Arabic keyboard has only ه for both), and the parts of compounds written joined or spaced
  (خوشخبری / خوش خبری) joined.

Search cannot use `match_key` on the index (snippets would show the folded spelling), so the query
side gets :func:`term_variants` instead: the spellings one word may have been stored with.
"""

from __future__ import annotations

import itertools
import unicodedata

# Arabic-script combining marks: harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
_ARABIC_MARKS = dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD),
     *range(0x06DF, 0x06E5), 0x06E7, 0x06E8, *range(0x06EA, 0x06EE)],
    None,
)
_LETTERS = {
    0x064A: "\u06CC",  # ي Arabic yeh -> ی
    0x0649: "\u06CC",  # ى alef maksura -> ی
    0x0643: "\u06A9",  # ك Arabic kaf -> ک
    0x0647: "\u06C1",  # ه Arabic heh -> ہ
    0x0629: "\u06C1",  # ة teh marbuta -> ہ
    0x06C3: "\u06C1",  # ۃ teh marbuta goal -> ہ
    0x06C2: "\u06C1",  # ۂ heh goal with hamza (izafat) -> ہ
    0x0640: None,      # tatweel (kashida) is decoration
}
# Zero-width and direction controls: ZWJ, zero-width space, BOM, LRM/RLM/ALM and the embeddings,
# overrides and isolates (pasted text carries them; rendered Urdu messages add isolates).
_INVISIBLE = dict.fromkeys([0x200B, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF, *range(0x202A, 0x202F),
                            *range(0x2066, 0x206A)], None)
_ZWNJ = {0x200C: " "}
_DIGITS = {**{0x06F0 + i: str(i) for i in range(10)}, **{0x0660 + i: str(i) for i in range(10)}}
_FOLD = {**_ARABIC_MARKS, **_LETTERS, **_INVISIBLE, **_ZWNJ, **_DIGITS}

DO_CHASHMI = "\u06BE"  # ھ
HEH_GOAL = "\u06C1"    # ہ

# First parts of compounds that Urdu writers join or space at will (خوشخبری / خوش خبری,
# غیرقانونی / غیر قانونی, بےروزگار / بے روزگار).
COMPOUND_HEADS = ("خوش", "بد", "بے", "نا", "غیر", "ہم", "لا", "با", "کم", "پر", "بر")
_MIN_COMPOUND_TAIL = 3


def fold(text: str | None) -> str:
    """`text` with Urdu spelling variants folded, still readable (see the module's docstring)."""
    return unicodedata.normalize("NFKC", text or "").translate(_FOLD)


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN"


def words(text: str | None) -> list[str]:
    """The words of folded `text`: runs of letters, digits and their combining marks (anything else
    separates; a run of marks alone is no word)."""
    folded = fold(text)
    runs = "".join(ch if unicodedata.category(ch)[0] in "LNM" else " " for ch in folded).split()
    return [run for run in runs if any(_is_word_char(ch) for ch in run)]


def join_compounds(tokens: list[str]) -> list[str]:
    """Tokens with a compound head joined to the word after it (خوش + خبری -> خوشخبری)."""
    out: list[str] = []
    skip = False
    for i, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        if token in COMPOUND_HEADS and i + 1 < len(tokens) and len(tokens[i + 1]) >= _MIN_COMPOUND_TAIL \
                and not tokens[i + 1].isdigit():
            out.append(token + tokens[i + 1])
            skip = True
        else:
            out.append(token)
    return out


def match_key(text: str | None) -> str:
    """`text` as compared (never shown): folded, case-folded, ھ as ہ, compounds joined, words
    separated by single spaces."""
    tokens = [w.casefold().replace(DO_CHASHMI, HEH_GOAL) for w in words(text)]
    return " ".join(join_compounds(tokens))


# -- Roman Urdu -----------------------------------------------------------------------------------
def _is_latin_word(word: str) -> bool:
    return word.isascii() and word.isalpha()


def roman_key(word: str) -> str:
    """A Roman Urdu word reduced to its spelling skeleton: `taleem`, `taaleem` and `talim` give
    `talim`; `bajay` and `baje` give `baje`; doubled letters count once."""
    w = word.lower()
    for long, short in (("aa", "a"), ("ee", "i"), ("ii", "i"), ("oo", "u"), ("uu", "u")):
        w = w.replace(long, short)
    if w.endswith("ay") and len(w) > 3:
        w = w[:-2] + "e"
    return "".join(ch for ch, _ in itertools.groupby(w))


_LONG = {"a": "aa", "i": "ee", "u": "oo"}
MAX_ROMAN_VARIANTS = 8


def roman_variants(word: str) -> list[str]:
    """Spellings a Roman Urdu word is commonly written with (the word itself first), at most
    MAX_ROMAN_VARIANTS: each short vowel of its skeleton written long or short, a final -e as -ay."""
    key = roman_key(word)
    slots = [i for i, ch in enumerate(key) if ch in _LONG][:4]
    found: list[str] = [word.lower()]
    for n in range(len(slots) + 1):
        for chosen in itertools.combinations(slots, n):
            spelled = "".join(_LONG[ch] if i in chosen else ch for i, ch in enumerate(key))
            for form in (spelled, spelled[:-1] + "ay" if spelled.endswith("e") and len(spelled) > 3 else None):
                if form and form not in found:
                    found.append(form)
    return found[:MAX_ROMAN_VARIANTS]


def term_variants(word: str) -> list[tuple[str, ...]]:
    """The spellings (each a phrase of one or two words) a folded query word may have been stored
    with: itself; ھ/ہ swapped (Arabic keyboards type ه for both); a compound spaced
    (خوشخبری -> خوش خبری); Roman Urdu spellings (taleem -> talim)."""
    out: list[tuple[str, ...]] = []

    def add(*phrase: str) -> None:
        if phrase not in out:
            out.append(phrase)

    add(word)
    if _is_latin_word(word):
        for spelled in roman_variants(word):
            add(spelled)
        return out
    if DO_CHASHMI in word:
        add(word.replace(DO_CHASHMI, HEH_GOAL))
    if HEH_GOAL in word:
        add(word.replace(HEH_GOAL, DO_CHASHMI))
    for head in COMPOUND_HEADS:
        if word.startswith(head) and len(word) - len(head) >= _MIN_COMPOUND_TAIL:
            add(head, word[len(head):])
    return out
