"""The bot speaks of itself in the third person where a first-person Urdu verb would need a gender
(docs/glossary.md, "Writing rules"): `ابھی میں آپ کو پیغام نہیں بھیج سکتا` says the bot is a man. The
glossary's list of ruled-out words catches fixed phrases (`سکتا ہوں`); this catches the forms it
cannot list: a first-person future (`بتاؤں گا`) and a clause whose subject is `میں` ending in a
gendered verb (`میں ... نہیں کر سکا`)."""

from __future__ import annotations

import re

import pytest

from bot.i18n import catalogue

# The moderator speaking on the claim button, chosen by the glossary ("The button reads ...").
CHOSEN = {"reports.button.claim"}

FUTURE = re.compile(r"(?<!ہ)(?:ؤں|وں) گ[اے]")  # بتاؤں گا، بھیجوں گی (not ہوں گی: "they will be")
CLAUSE = re.compile(r"[۔،:؛!؟\n]")
LEADING = {"ابھی", "مگر", "پھر", "اور", "لیکن", "تو", "اب", "یہاں", "وہاں", "معذرت"}
GENDERED = {"سکتا", "سکتی", "سکا", "سکی", "رہا", "رہی", "چکا", "چکی", "گا", "گی", "تھا", "تھی", "گیا", "گئی"}


def first_person(urdu: str) -> list[str]:
    """The gendered first-person phrases of an Urdu text."""
    found = [m.group(0) for m in FUTURE.finditer(urdu)]
    for clause in CLAUSE.split(urdu):
        words = clause.split()
        while words and words[0] in LEADING:
            words = words[1:]
        if words[:1] == ["میں"] and GENDERED & set(words[1:]):
            found.append(clause.strip())
    return found


def test_the_check_finds_what_it_is_for() -> None:
    assert first_person("پہلے مجھے شروع کریں: ابھی میں آپ کو پیغام نہیں بھیج سکتا۔")
    assert first_person("نتیجہ میں آپ کو بتاؤں گا۔")
    assert first_person("مگر میں اسے چینل میں پوسٹ نہیں کر سکا۔")
    assert not first_person("ابھی بیٹھک آپ کو پیغام نہیں بھیج سکتی۔")
    assert not first_person("اس کے بعد تقریبات مشترک ہوں گی۔")
    assert not first_person("**چائے** ({start}) میں جگہ خالی ہوئی اور آپ کی باری آ گئی۔")
    assert not first_person("کیا اس تقریب کا اعلان کر دوں؟")


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_no_gendered_first_person_in_urdu(key: str) -> None:
    if key in CHOSEN:
        return
    assert first_person(catalogue()[key]["ur"]) == [], catalogue()[key]["ur"]
