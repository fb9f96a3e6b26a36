"""Near-identical pasted texts that differ in what matters (a phone number, an amount, a link, an
account handle) are different cases; the same text with different spacing or separators is not."""

from __future__ import annotations

from bot.domain.report_duplicates import Candidate, best_match, identifiers, normalise_text

SCAM = "URGENT: your bank account is blocked. Send Rs. 5,000 to JazzCash 0300-1234567 to unblock it today"


def _match(a: str, b: str) -> bool:
    candidate = Candidate(1, normalise_text(b), identifiers(b))
    return best_match(normalise_text(a), [candidate], keys=identifiers(a)) == 1


def test_identifiers_read_numbers_links_and_handles() -> None:
    found = identifiers("Pay Rs. 5,000 to 0300-1234567 or ۰۳۲۱ 7654321, DM @Real_Bank, see "
                        "https://Example.com/offer?utm_source=wa; mail me at a@b.com")
    assert found == {"number:5000", "number:03001234567", "number:03217654321", "handle:real_bank",
                     "link:example.com/offer"}


def test_texts_differing_in_what_matters_are_not_merged() -> None:
    assert _match(SCAM, SCAM.replace("0300-1234567", "0300 1234567"))  # same number, other spacing
    assert _match(SCAM, SCAM.replace("today", "now!"))                   # wording alone
    assert not _match(SCAM, SCAM.replace("1234567", "1234568"))          # another phone number
    assert not _match(SCAM, SCAM.replace("5,000", "50,000"))             # another amount
    with_link = SCAM + " https://bank-help.example/verify"
    assert not _match(with_link, SCAM + " https://bank-help.example/verify2")
    assert _match(with_link, SCAM + " https://bank-help.example/verify?utm_source=whatsapp")
    with_handle = SCAM + " or message @bank_helpdesk"
    assert not _match(with_handle, SCAM + " or message @bank_helpdesk1")


def test_candidates_without_known_identifiers_still_match() -> None:
    assert best_match(normalise_text(SCAM), [Candidate(7, normalise_text(SCAM))], keys=identifiers(SCAM)) == 7


def test_a_number_missing_from_one_copy_does_not_split() -> None:
    text = "Forwarded: NADRA will block every CNIC not linked to a bank account, send this to ten people"
    assert _match(text, text.replace("ten", "10"))
    with_handle = SCAM + " or message @bank_helpdesk"
    assert _match(with_handle, with_handle.replace(" or message @bank_helpdesk", " or message bank helpdesk"))
