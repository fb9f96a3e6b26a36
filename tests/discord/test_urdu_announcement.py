"""An announcement in an Urdu guild, as Discord receives it: fields in reading order (Start before
End, Going before Maybe before Waitlist) as right-to-left lines of label and value, and buttons short
enough to sit on one row of a phone."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.i18n import bidi
from tests.harness import until

# The widest row of four buttons a phone (360 px) shows without wrapping, in characters of label.
PHONE_ROW = 32


def tomorrow_local(hour: int, zone: str = "Asia/Karachi") -> datetime:
    local = datetime.now(timezone.utc).astimezone(ZoneInfo(zone)) + timedelta(days=1)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


async def test_urdu_announcement_reads_in_order(world) -> None:
    h = world
    await h.fake.slash(h.world.admin, "setup", language="ur")
    result = await h.fake.slash(h.world.organiser, "event create", title="میڈیا خواندگی", when="کل شام 6 بجے",
                                capacity=20, location="Alhamra Hall")
    await result.wait_done()
    assert result.error is None, result.text
    msg = h.fake.channel_messages(h.world.announcements)[-1]
    unix = int(tomorrow_local(18).timestamp())
    fields = msg.embeds[0]["fields"]
    names = [bidi.strip(f["name"]) for f in fields]
    assert names == ["وقت", "مقام", "منتظم", "جوابات"]
    assert all(not f["inline"] for f in fields)  # full width: Discord's left-to-right grid cannot reorder them
    when_lines = fields[0]["value"].split("\n")
    assert [bidi.strip(line) for line in when_lines] == [f"آغاز: <t:{unix}:F> (<t:{unix}:R>)",
                                                         f"اختتام: <t:{unix + 3600}:F>"]
    answers = bidi.strip(fields[3]["value"])
    assert answers == "آ رہے ہیں: 0/20 · شاید: 0 · انتظار کی فہرست: 0"
    # Every line is a right-to-left paragraph (its first strong character is Urdu), so the label
    # stands on the right and its value beside it, whatever the value's script.
    for line in when_lines + [fields[3]["value"]]:
        first = next(ch for ch in line if re.match(r"[A-Za-z\u0600-\u06ff]", ch) or ch == "\u200f")
        assert first == "\u200f" or "\u0600" <= first <= "\u06ff", line
    # The timestamps and the count are isolated, so "0/20" is not read as 20/0.
    assert "\u2068<t:" in fields[0]["value"] and "\u20680/20\u2069" in fields[3]["value"]

    labels = [b["label"] for b in msg.buttons]
    assert labels == ["ہاں، شرکت", "شاید", "معذرت، نہیں", "کیلنڈر"]
    assert sum(len(label) for label in labels) <= PHONE_ROW
    assert not any(word in "".join(labels) for word in ("رہا", "رہی", "سکتا", "سکتی"))  # gender-neutral

    # An answer updates the same line, still in order.
    click = await h.fake.click(h.world.alice, msg, "ہاں، شرکت")
    await click.wait_done()

    def answers_now() -> str:
        return bidi.strip(h.fake.message_by_id(msg.id).embeds[0]["fields"][3]["value"])

    await until(lambda: answers_now().startswith("آ رہے ہیں: 1/20"))
    assert answers_now() == "آ رہے ہیں: 1/20 · شاید: 0 · انتظار کی فہرست: 0"


async def test_english_announcement_keeps_its_grid(world) -> None:
    h = world
    result = await h.fake.slash(h.world.organiser, "event create", title="Clinic", when="tomorrow 6pm")
    await result.wait_done()
    msg = h.fake.channel_messages(h.world.announcements)[-1]
    names = [f["name"] for f in msg.embeds[0]["fields"]]
    assert names == ["Starts", "Ends", "Organiser", "Going", "Maybe", "Waitlist"]
