"""Contract: pasted scam texts that differ only in the phone number, amount, link or handle open
separate cases; the same text with other spacing joins the open case."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.domain.reports import intake_from_target

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
SCAM = ("Assalam o alaikum, your Benazir income support payment of Rs. 25,000 is ready. Send your CNIC "
        "and a fee of Rs. 500 to 0301-7654321 on EasyPaisa to receive it today, or message @bisp_help "
        "https://bisp-payments.example/claim")


async def _submit(store, reporter: int, text: str, minutes: int):
    intake = intake_from_target(guild_id=77, reporter_id=reporter, category="scam_impersonation",
                                target=text, now=NOW + timedelta(minutes=minutes))
    return await store.reports.submit(intake, now=NOW + timedelta(minutes=minutes), sla_hours=12)


async def test_numbers_differ_cases_kept_apart(store) -> None:
    first = await _submit(store, 1, SCAM, 0)
    same = await _submit(store, 2, SCAM.replace("0301-7654321", "0301 7654321").replace("today", "today!!"), 1)
    assert same.joined and same.case_id == first.case_id
    other_number = await _submit(store, 3, SCAM.replace("7654321", "7654329"), 2)
    other_amount = await _submit(store, 4, SCAM.replace("Rs. 500", "Rs. 800"), 3)
    other_handle = await _submit(store, 5, SCAM.replace("@bisp_help", "@bisp_helps"), 4)
    other_link = await _submit(store, 6, SCAM.replace("/claim", "/claims"), 5)
    ids = {first.case_id, other_number.case_id, other_amount.case_id, other_handle.case_id, other_link.case_id}
    assert len(ids) == 5 and not any(r.joined for r in (other_number, other_amount, other_handle, other_link))
