"""/factcheck through the real discord.py client against fakediscord: a moderator publishes from a
case (posted in the resources channel, the reporter DMed), a later report of the same link in another
form gets the verdict in its confirmation, and the match notice's button closes that case."""

from __future__ import annotations

import pytest

from tests.conftest import DATABASES
from tests.harness import until

# Run on both drivers: the same behaviour on SQLite and PostgreSQL (issue 12).
pytestmark = pytest.mark.parametrize("database", DATABASES, indirect=True)


async def test_publish_answer_and_close(world) -> None:
    h = world
    w = h.world
    r = await h.fake.slash(w.alice, "report", target="https://example.com/fake-cure?utm_source=wa",
                           category="misinformation")
    assert "R-0001" in r.content and "already been checked" not in r.content
    r = await h.fake.slash(w.alice, "factcheck publish", case="R-0001", verdict="false",
                           summary="No cure exists.", sources="https://who.int/dengue")
    await r.wait_done()
    assert "moderator" in r.messages[-1].content.lower()
    r = await h.fake.slash(w.moderator, "factcheck publish", case="R-0001", verdict="false",
                           summary="No cure exists.", sources="https://who.int/dengue")
    await r.wait_done()
    assert "Published F-1" in r.messages[-1].content
    await until(lambda: any(m.embeds and m.embeds[0]["title"] == "F-1 · False"
                            for m in h.fake.channel_messages(w.resources)))
    # The reporter was told by DM.
    await until(lambda: any("F-1" in m.content for m in h.fake.dms(w.alice)))

    # Later (R-0001 resolved), Bilal reports the same link in another form: the verdict at once.
    card = next(m for m in h.fake.channel_messages(w.moderation) if m.embeds)
    r = await h.fake.slash(w.bob, "report", target="HTTP://EXAMPLE.com/fake-cure/#x", category="misinformation")
    assert "already been checked" in r.content and "F-1" in r.content and "False" in r.content
    await until(lambda: any(m.components and "F-1" in m.content for m in h.fake.channel_messages(w.moderation)))
    notice = next(m for m in h.fake.channel_messages(w.moderation) if m.components and "F-1" in m.content)
    assert str(w.bob.id) not in notice.content and str(w.alice.id) not in notice.content
    r = await h.fake.click(w.alice, notice, "Close: answered by F-1")
    assert "moderator" in r.content.lower()
    r = await h.fake.click(w.moderator, notice, "Close: answered by F-1")
    assert "answered by fact-check F-1" in r.content
    r = await h.fake.slash(w.moderator, "reports stats")
    fields = {f["name"]: f["value"] for f in r.embeds[0]["fields"]}
    assert fields["Answered by fact-check"] == "1 case"
    r = await h.fake.slash(w.bob, "factcheck search", query="cure")
    assert "F-1" in str(r.embeds[0])
    assert card is not None
