"""The Telegram renderer and callback data codec, without a network."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.domain.errors import DomainError
from bot.ports.messaging import Button, Card, Field, Message
from routers._common import callbacks
from routers._common.queue import Bucket
from routers._common.render import TEXT_LIMIT, Renderer

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def renderer(lang: str = "en", names=None) -> Renderer:  # type: ignore[no-untyped-def]
    return Renderer(zone="Asia/Karachi", lang=lang, names=(names or {}).get, now=lambda: NOW)


def test_user_text_is_escaped_and_only_the_model_markup_formats() -> None:
    html = renderer().html(Message(text='**Bold** <a href="https://evil.example">x</a> & <b>not</b> '
                                        '[docs](https://example.org/a?b=1&c=2) `code`'))
    assert html.startswith("<b>Bold</b> &lt;a href=\"https://evil.example\"&gt;x&lt;/a&gt; &amp; &lt;b&gt;not&lt;/b&gt;")
    assert '<a href="https://example.org/a?b=1&amp;c=2">docs</a>' in html
    assert "<code>code</code>" in html


def test_mentions_become_names_or_nothing_never_links() -> None:
    html = renderer(names={42: "Ali <script>"}).html(Message(text="by <@42> and <@7> in <#9> for <@&5>"))
    assert html == "by Ali &lt;script&gt; and  in  for "
    assert "tg://" not in html


def test_times_are_written_out_in_the_community_zone() -> None:
    unix = int(datetime(2026, 12, 5, 13, 0, tzinfo=timezone.utc).timestamp())
    r = renderer()
    assert r.html(Message(text=f"<t:{unix}:F>")) == "Saturday 5 December 2026, 18:00 (PKT)"
    assert r.html(Message(text=f"<t:{unix}:R>")) == "in 4 days"
    ur = renderer("ur").html(Message(text=f"<t:{unix}:F>"))
    assert "ہفتہ" in ur and "دسمبر" in ur and "18:00" in ur and ur.startswith("\u2068")


def test_long_text_is_cut_to_the_limit_without_breaking_markup() -> None:
    body = "<i>" + "ا" * 6000
    msg = Message(cards=(Card(title="T" * 100, body=body, fields=(Field("Going", "3/3"),), footer="Event #1"),))
    html = renderer().html(msg)
    import html as htmllib
    import re

    visible = htmllib.unescape(re.sub(r"</?(b|i)>", "", html))
    assert len(visible) <= TEXT_LIMIT
    assert "Going" in html and "3/3" in html and "Event #1" in html  # the body gives way, not the counts
    assert "…" in html and "&lt;i&gt;" in html


def test_callback_data_is_bounded_and_parsed_with_range_checks() -> None:
    callbacks.register("test.thing", "zt")
    data = callbacks.encode(Button("test.thing", (123, "go"), "x"))
    assert data == "zt:123:go"
    intent = callbacks.decode(data)
    assert intent.action == "test.thing" and intent.number(0) == 123 and intent.word(1, ("go",)) == "go"
    for forged in ("zt:99999999999999999999", "zt:-1", "zt:abc", "zz:1", "", "x" * 65):
        with pytest.raises(DomainError):
            callbacks.decode(forged).number(0)
    with pytest.raises(ValueError):
        callbacks.encode(Button("test.thing", (2**62, 2**62, 2**62, 2**62), "x"))  # over 64 bytes
    with pytest.raises(ValueError):
        callbacks.register("other.thing", "zt")


def test_pacing_bucket_allows_a_burst_then_spaces_calls() -> None:
    b = Bucket(1.0, 3)
    waits = [b.reserve(100.0) for _ in range(5)]
    assert waits[:3] == [0.0, 0.0, 0.0] and waits[3] == pytest.approx(1.0, rel=0.1) and waits[4] == pytest.approx(2.0, rel=0.1)
    group = Bucket(20 / 60, 20)
    waits = [group.reserve(0.0) for _ in range(21)]
    assert waits[19] == 0.0 and waits[20] == pytest.approx(3.0, rel=0.1)


def test_a_field_with_nothing_telegram_can_show_is_left_out() -> None:
    """A Discord organiser's `<@id>` has no name on Telegram: the announcement shows no empty
    "Organiser:" line, and the other fields stay."""
    known = {42: "Ayesha"}
    r = Renderer(zone="UTC", lang="en", names=known.get)
    card = Card(title="Meetup", fields=(Field("Organiser", "<@1577577714443878400>", True), Field("Going", "2/5", True)))
    assert r.html(Message(cards=(card,))) == "<b>Meetup</b>\n\n<b>Going</b>: 2/5"
    card = Card(title="Meetup", fields=(Field("Organiser", "<@42>", True), Field("Going", "2/5", True)))
    assert r.html(Message(cards=(card,))) == "<b>Meetup</b>\n\n<b>Organiser</b>: Ayesha\n<b>Going</b>: 2/5"


def test_a_member_of_a_given_platform_is_their_name_or_the_stored_one_as_text() -> None:
    from bot.domain.identity import DISCORD, TELEGRAM, Member
    from bot.ports.messaging import member_ref

    hostile = "<b>x</b> **x** <@123> a\\b > `c` [d](https://e.x) #f -g"
    r = renderer(names={42: "Ali Now"})
    # A Telegram member the front end has seen: their name now; one it has not: the stored name.
    assert r.plain(member_ref(Member(TELEGRAM, 42), "Ali Then"), 500) == "Ali Now"
    assert r.plain(member_ref(Member(TELEGRAM, 43), hostile), 500) == hostile
    # A Discord member: the stored name, never looked up among Telegram's (the ids could meet).
    assert r.plain(member_ref(Member(DISCORD, 42), hostile), 500) == hostile
    html = r.html(Message(text=f"by {member_ref(Member(DISCORD, 42), hostile)}!"))
    assert html == "by &lt;b&gt;x&lt;/b&gt; **x** &lt;@123&gt; a\\b &gt; `c` [d](https://e.x) #f -g!"
    # Folded onto one line, so the reference cannot be broken by a newline in the name.
    assert r.plain(member_ref(Member(DISCORD, 1), "Sara\n  Khan"), 500) == "Sara Khan"


def test_discord_reads_a_member_reference_as_a_mention_or_escaped_text() -> None:
    from bot.domain.identity import DISCORD, TELEGRAM, Member
    from bot.ports.messaging import member_ref
    from cogs._common.render import markup

    assert markup(f"by {member_ref(Member(DISCORD, 42), 'Omar')}") == "by <@42>"
    shown = markup(member_ref(Member(TELEGRAM, 42), "<@123> **x** a\\b >"))
    assert shown == "\\<@123\\> \\*\\*x\\*\\* a\\\\b \\>" and "<@42>" not in shown
    assert markup("plain <@7> and <t:1:F>") == "plain <@7> and <t:1:F>"  # the rest is left as it was
