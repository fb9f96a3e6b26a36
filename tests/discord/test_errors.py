"""One error path: domain errors become localised ephemeral messages; anything else an apology with a
reference that is also in the log, with its traceback."""

from __future__ import annotations

import logging
import re

import pytest

from bot.i18n import t
from tests.harness import Harness


@pytest.fixture
async def failing(tmp_path):
    h = Harness(tmp_path, extensions=("tests.discord.failing_cog",))
    await h.start()
    yield h
    await h.close()


def reference(text: str) -> str:
    match = re.search(r"`([0-9A-F]{6})`", text)
    assert match, text
    return match.group(1)


async def test_unexpected_error_apologises_with_logged_reference(failing, caplog) -> None:
    caplog.set_level(logging.ERROR, logger="baithak.errors")
    result = await failing.fake.slash(failing.world.alice, "crash")
    assert result.ephemeral and "Sorry" in result.text
    ref = reference(result.text)
    logged = [r for r in caplog.records if ref in r.getMessage()]
    assert logged and logged[0].exc_info and "kaboom" in str(logged[0].exc_info[1])


async def test_error_after_defer_is_a_followup(failing) -> None:
    result = await failing.fake.slash(failing.world.alice, "late-crash")
    assert result.type == 5
    await result.wait_done(timeout=5)
    assert any("Sorry" in (m.get("content") or "") for m in result.followups) or "Sorry" in result.text


async def test_domain_error_is_localised(failing) -> None:
    result = await failing.fake.slash(failing.world.alice, "refuse")
    assert result.ephemeral and result.text.strip() == t("en", "perm.need_moderator")
    await failing.fake.slash(failing.world.admin, "setup", language="ur")
    result = await failing.fake.slash(failing.world.alice, "refuse")
    assert result.text.strip() == t("ur", "perm.need_moderator")


async def test_button_error_takes_the_same_path(failing, caplog) -> None:
    caplog.set_level(logging.ERROR, logger="baithak.errors")
    shown = await failing.fake.slash(failing.world.alice, "boom")
    clicked = await failing.fake.click(failing.world.alice, shown.message, "Explode")
    assert clicked.ephemeral and "Sorry" in clicked.text
    assert any(reference(clicked.text) in r.getMessage() for r in caplog.records)


async def test_a_rolled_back_change_is_not_called_safe(failing, caplog) -> None:
    caplog.set_level(logging.ERROR, logger="baithak.errors")
    result = await failing.fake.slash(failing.world.alice, "write-crash")
    assert result.ephemeral and "could not be saved" in result.text and "lost" not in result.text
    assert any(reference(result.text) in r.getMessage() for r in caplog.records)
    # An error with no change attempted may still say nothing was lost.
    assert "Nothing you sent was lost" in (await failing.fake.slash(failing.world.alice, "crash")).text
