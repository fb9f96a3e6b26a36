"""Contract: the network of communities (invites, joins, sharing, leaving, the audit log)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.errors import DomainError
from bot.domain.identity import DISCORD, TELEGRAM, Community

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
A, B, C = Community(DISCORD, 1), Community(DISCORD, 2), Community(TELEGRAM, 1)


async def test_invite_join_share_leave_and_audit(store) -> None:
    repo = store.network
    assert await repo.membership(A) is None
    network = await repo.create_invite(A, code_hash="h1", actor_id=11, now=NOW, expires_at=NOW + timedelta(days=1))
    await repo.create_invite(A, code_hash="h2", actor_id=11, now=NOW, expires_at=NOW + timedelta(days=1))
    await repo.create_invite(A, code_hash="old", actor_id=11, now=NOW, expires_at=NOW + timedelta(minutes=1))
    mine = await repo.membership(A)
    assert mine.network_id == network and mine.share_factchecks and mine.share_resources

    assert await repo.join(B, code_hash="h1", actor_id=22, now=NOW) == network
    for code, who, key in (("h1", C, "network.bad_code"), ("nope", C, "network.bad_code"),
                           ("h2", B, "network.already_member")):
        with pytest.raises(DomainError) as refused:
            await repo.join(who, code_hash=code, actor_id=33, now=NOW)
        assert refused.value.key == key
    with pytest.raises(DomainError) as refused:         # expired
        await repo.join(C, code_hash="old", actor_id=33, now=NOW + timedelta(minutes=2))
    assert refused.value.key == "network.bad_code"
    assert await repo.membership(C) is None
    assert await repo.join(C, code_hash="h2", actor_id=33, now=NOW) == network   # a Telegram group too
    assert {m.community for m in await repo.members(network)} == {A, B, C}

    shared = await repo.set_sharing(C, factchecks=False, resources=None, actor_id=33, now=NOW)
    assert (shared.share_factchecks, shared.share_resources) == (False, True)
    shared = await repo.set_sharing(C, factchecks=None, resources=False, actor_id=33, now=NOW)
    assert (shared.share_factchecks, shared.share_resources) == (False, False)

    assert await repo.leave(B, actor_id=22, now=NOW + timedelta(hours=1)) == network
    assert await repo.membership(B) is None
    assert {m.community for m in await repo.members(network)} == {A, C}
    with pytest.raises(DomainError) as refused:
        await repo.leave(B, actor_id=22, now=NOW)
    assert refused.value.key == "network.not_member"
    with pytest.raises(DomainError):
        await repo.set_sharing(B, factchecks=True, resources=None, actor_id=22, now=NOW)

    log = await repo.audit(network)
    actions = [(e.community, e.action) for e in log]
    assert actions[:4] == [(A, "join")] + [(A, "invite")] * 3          # the founder joins first
    assert (B, "join") in actions and (C, "join") in actions and (B, "leave") in actions
    assert [a for c, a in actions if c == C].count("share") == 2
    assert all(e.actor_id in (11, 22, 33) for e in log) and log[-1].action == "leave"
