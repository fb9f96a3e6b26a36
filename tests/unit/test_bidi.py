"""Urdu messages render right-to-left with embedded Latin text, user text, times and links isolated,
and Discord's own syntax (mentions, timestamps, code spans, URLs) untouched: tested on rendered output."""

from __future__ import annotations

import re

from bot.i18n import bidi, t

RLM, FSI, PDI = "\u200f", "\u2068", "\u2069"


def test_urdu_message_starting_with_latin_text_is_a_right_to_left_paragraph() -> None:
    text = t("ur", "event.created", title="Fact-check clinic", url="https://discord.com/channels/1/2/3",
             start="<t:1773234000:F>", relative="<t:1773234000:R>", local="2026-03-11 18:00 (Asia/Karachi)")
    lines = text.split("\n")
    # the first line starts with the (isolated) title: it gets RIGHT-TO-LEFT MARK; the second starts
    # with Urdu and is right-to-left already
    assert lines[0].startswith(RLM + "**" + FSI) and lines[1].startswith("وقت")
    # the title, the link and the times are each isolated whole, so they still work in Discord
    assert f"**{FSI}Fact-check clinic{PDI}**" in text
    assert f"{FSI}https://discord.com/channels/1/2/3{PDI}" in text
    assert "<t:1773234000:F>" in text and "<t:1773234000:R>" in text
    # nothing was inserted inside a tag
    assert re.search(r"<t:\d+:F>", text)


def test_mentions_code_spans_and_urdu_user_text_stay_intact() -> None:
    text = t("ur", "reports.card.ping", role="<@&42>", ref="R-0042")
    assert "<@&42>" in text and f"{FSI}R-0042{PDI}" in text
    code = t("ur", "reports.sla.no_card", ref="R-0007")
    assert "`/reports show case:R-0007`" in code
    urdu_title = t("ur", "rsvp.going", title="میڈیا ورکشاپ")
    assert FSI not in urdu_title.replace(PDI, "")  # Urdu user text needs no isolate


def test_arrows_in_change_lines_read_right_to_left() -> None:
    line = t("ur", "event.change_line", field="عنوان", old="Old title", new="New title")
    assert line == f"• عنوان: {FSI}Old title{PDI} ← {FSI}New title{PDI}"


def test_english_is_untouched_and_marking_is_idempotent() -> None:
    assert t("en", "rsvp.going", title="x") == "You're going to **x**. See you there!"
    once = t("ur", "reports.card.ping", role="<@&42>", ref="R-0042")
    assert bidi.apply(once) == once
