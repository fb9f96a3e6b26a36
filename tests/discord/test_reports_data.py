"""`/reports export` (CSV and JSON, parsed back, no reporter identities) and `/reports stats` on a
fixture with exact figures."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.clock import FixedClock
from bot.domain.guild_settings import GuildSettings
from bot.domain.report_status import plan_claim, plan_dismiss, plan_escalate, plan_resolve
from bot.domain.reports import intake_from_target
from bot.domain.roles import Actor
from tests.harness import Harness, until


async def test_export_csv_and_json_without_reporters(world) -> None:
    h = world
    w = h.world
    post = h.fake.post_message(w.bob, w.general, "=cmd|' /C calc'!A0 send money to this account",
                               attachments=[{"filename": "qr.png", "content_type": "image/png", "size": 512}])
    r = await h.fake.context_menu(w.alice, "Report message", post)
    await h.fake.submit_modal(w.alice, r, {"category": ["scam_impersonation"]})
    await h.fake.slash(w.urdu, "report", target="https://example.org/جعلی-خبر", category="misinformation",
                       details="میرے گروپ میں شیئر ہوا")
    await until(lambda: len([m for m in h.fake.channel_messages(w.moderation) if m.embeds]) == 2)
    # The card describes the attachment; it never re-posts it.
    for msg in h.fake.channel_messages(w.moderation):
        assert msg.attachments == [] and all("image" not in e and "thumbnail" not in e for e in msg.embeds)

    r = await h.fake.slash(w.moderator, "reports export", format="csv")
    await r.wait_done()
    file = r.messages[-1].attachments[0]
    assert r.messages[-1].ephemeral and file.filename.endswith(".csv")
    assert file.data.startswith("\ufeff".encode("utf-8"))  # Excel reads the Urdu as UTF-8
    rows = list(csv.DictReader(io.StringIO(file.data.decode("utf-8-sig"))))
    assert [row["reference"] for row in rows] == ["R-0001", "R-0002"]
    first, second = rows
    assert first["content"].startswith("'=cmd")  # neutralised for spreadsheets
    assert first["author_id"] == str(w.bob.id) and first["message_id"] == str(post.id)
    assert json.loads(first["attachments"])[0]["name"] == "qr.png"
    assert second["category"] == "misinformation" and "جعلی" in second["content"]
    assert second["link"].startswith("https://example.org/%D8%AC")
    assert (first["report_count"], first["distinct_reporters"]) == ("1", "1")

    r = await h.fake.slash(w.moderator, "reports export", format="json", since="1d")
    await r.wait_done()
    data = json.loads(r.messages[-1].attachments[0].text)
    assert [c["reference"] for c in data] == ["R-0001", "R-0002"]
    assert data[0]["attachments"][0] == {"name": "qr.png", "content_type": "image/png", "size": 512,
                                         "url": data[0]["attachments"][0]["url"]}
    everything = json.dumps(data, ensure_ascii=False) + file.text
    for reporter in (w.alice, w.urdu):
        assert str(reporter.id) not in everything and reporter.user.name not in everything
    r = await h.fake.slash(w.moderator, "reports export", since="yesterday")
    assert "not a start I can read" in r.content


@pytest.fixture
async def stats_world(tmp_path):
    clock = FixedClock(datetime.now(timezone.utc).replace(microsecond=0))
    h = Harness(tmp_path, clock=clock)
    await h.start()
    await h.setup_guild()
    yield h, clock
    await h.close()


async def test_stats_figures_are_exact(stats_world) -> None:
    h, clock = stats_world
    w = h.world
    repo = h.bot.app.store.reports
    settings = GuildSettings(guild_id=w.guild.id, timezone="Asia/Karachi", language="en",
                             moderator_role=w.moderator_role.id)
    mod = Actor(user_id=w.moderator.id, guild_id=w.guild.id, role_ids=frozenset({w.moderator_role.id}))
    now = clock.now()
    hour = timedelta(hours=1)

    async def case(n: int, category: str, opened: datetime):
        intake = intake_from_target(guild_id=w.guild.id, reporter_id=1000 + n, category=category,
                                    target=f"https://example.org/case/{n}", now=opened)
        return (await repo.submit(intake, now=opened, sla_hours=12)).case_id

    async def step(case_id: int, plan, at: datetime, **kw):
        current = await repo.get(case_id)
        result = plan(current)
        changes = result[0] if isinstance(result, tuple) else result
        await repo.apply(current, changes, actor_id=mod.user_id, now=at, **kw)

    c1 = await case(1, "misinformation", now - 10 * hour)
    await step(c1, lambda c: plan_claim(c, mod, settings), now - 9 * hour)
    await step(c1, lambda c: plan_escalate(c, mod, settings, "facebook", None), now - 8 * hour,
               escalation=("facebook", None))
    await repo.record_platform_outcome(await repo.get(c1), "removed", actor_id=mod.user_id, now=now - 6 * hour)
    await step(c1, lambda c: plan_resolve(c, mod, settings, "actioned", None), now - 5 * hour, outcome="actioned")
    c2 = await case(2, "misinformation", now - 9 * hour)
    await step(c2, lambda c: plan_claim(c, mod, settings), now - 6 * hour)
    await step(c2, lambda c: plan_escalate(c, mod, settings, "facebook", "FB-2"), now - 5 * hour,
               escalation=("facebook", "FB-2"))
    await repo.record_platform_outcome(await repo.get(c2), "no_action", actor_id=mod.user_id, now=now - 3 * hour)
    await step(c2, lambda c: plan_resolve(c, mod, settings, "no_violation", None), now - 2 * hour,
               outcome="no_violation")
    c3 = await case(3, "hate_speech", now - 8 * hour)
    await step(c3, lambda c: plan_dismiss(c, mod, settings, "satire"), now - 6 * hour)
    c4 = await case(4, "child_safety", now - 7 * hour)
    await step(c4, lambda c: plan_escalate(c, mod, settings, "tiktok", None), now - 3 * hour,
               escalation=("tiktok", None))
    await case(5, "other", now - 6 * hour)
    old = await case(6, "misinformation", now - timedelta(days=40))
    await step(old, lambda c: plan_claim(c, mod, settings), now - timedelta(days=40) + 100 * hour)

    r = await h.fake.slash(w.moderator, "reports stats")
    embed = r.embeds[0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert embed["title"] == "Reports in the last 30 days" and embed["description"] == "5 cases opened."
    assert fields["By category"].split("\n") == [
        "Misinformation: **2**", "Hate speech: **1**", "Bullying and harassment: **0**",
        "Violent extremism: **0**", "Child safety: **1**", "Scam or impersonation: **0**", "Other: **1**"]
    assert fields["By status"].split("\n") == [
        "New: **1**", "Triaging: **0**", "Escalated: **1**", "Resolved: **2**", "Dismissed: **1**"]
    # Claims after 1h, 3h, 2h (dismissed straight from new) and 4h (escalated from new): median 2h30.
    assert fields["Median time to first claim"] == "2h 30m"
    # Closed after 5h, 7h and 2h: median 5h.
    assert fields["Median time to resolution"] == "5h"
    assert fields["Platform compliance"].split("\n") == [
        "Facebook: 50% (1 of 2 decided cases; 2 cases escalated)",
        "TikTok: n/a (0 of 0 decided cases; 1 case escalated)"]
    r = await h.fake.slash(w.moderator, "reports stats", days=60)
    assert r.embeds[0]["description"] == "6 cases opened."
    assert {f["name"]: f["value"] for f in r.embeds[0]["fields"]}["Median time to first claim"] == "3h"
