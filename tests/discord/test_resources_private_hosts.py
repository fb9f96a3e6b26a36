"""/resource share refuses links to loopback, private-network and link-local hosts, clearly, and
nothing is stored or posted."""

from __future__ import annotations

import pytest

from bot.i18n import t


@pytest.mark.parametrize("url", ["http://localhost/admin", "http://192.168.1.1", "http://169.254.169.254/latest"])
async def test_private_host_links_refused(world, url: str) -> None:
    r = await world.fake.slash(world.world.alice, "resource share", url=url, title="Router admin")
    await r.wait_done()
    assert r.ephemeral and r.error is None
    assert t("en", "url.private_host", host="X").split("`")[2].strip()[:30] in r.text
    assert world.fake.channel_messages(world.world.resources) == []
    assert await world.bot.app.store.db.fetchval("SELECT COUNT(*) FROM resources") == 0
