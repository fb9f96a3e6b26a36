"""Fixed choices in Discord's command picker name both languages (Discord has no Urdu locale), as
synced to Discord; the values sent back are unchanged and still work."""

from __future__ import annotations

from bot.domain.report_categories import CATEGORIES, PLATFORM_OUTCOMES, STATUSES
from bot.i18n import catalogue
from bot.i18n.format import CHOICE_NAME


def option_choices(harness, command: str, option: str, sub: str | None = None) -> list[dict]:
    commands = {c["name"]: c for c in harness.fake.registered_commands(harness.world.guild)}
    options = commands[command]["options"]
    if sub is not None:
        options = next(o for o in options if o["name"] == sub)["options"]
    return next(o for o in options if o["name"] == option)["choices"]


def names(choices: list[dict]) -> dict[str, str]:
    return {c["value"]: c["name"] for c in choices}


async def test_report_vocabularies_name_both_languages(harness) -> None:
    report = names(option_choices(harness, "report", "category"))
    assert report["misinformation"] == "Misinformation · غلط معلومات"
    assert report["hate_speech"] == "Hate speech · نفرت انگیز تقریر"
    assert list(report) == list(CATEGORIES)
    queue_category = names(option_choices(harness, "reports", "category", sub="queue"))
    assert queue_category == report
    status = names(option_choices(harness, "reports", "status", sub="queue"))
    assert list(status) == ["open", *STATUSES]
    assert status["open"] == "Open (new, triaging, escalated) · کھلے کیس (نئے، زیرِ جائزہ، آگے بھیجے گئے)"
    assert status["triaging"] == "Triaging · زیرِ جائزہ"
    outcome = names(option_choices(harness, "reports", "result", sub="outcome"))
    assert list(outcome) == list(PLATFORM_OUTCOMES) and outcome["removed"] == "Removed · ہٹا دیا گیا"
    setup = harness.fake.registered_commands(harness.world.guild)
    language = names(option_choices(harness, "setup", "language"))
    assert language == {"en": "English · انگریزی", "ur": "Urdu · اردو"}
    assert names(option_choices(harness, "setup", "resource_approval")) == {"on": "on · آن", "off": "off · آف"}
    every = [c["name"] for cmd in setup for c in _all_choices(cmd)]
    assert every and all(0 < len(n) <= CHOICE_NAME for n in every)
    # No direction marks in the picker (they would show as boxes on some phones); the Urdu part is
    # the catalogue's own text.
    assert not any(ch in n for n in every for ch in "\u200e\u200f\u2066\u2067\u2068\u2069")
    assert catalogue()["reports.category.misinformation"]["ur"] in report["misinformation"]


def _all_choices(node: dict) -> list[dict]:
    found = list(node.get("choices") or [])
    for option in node.get("options") or []:
        found += _all_choices(option)
    return found


async def test_values_are_unchanged(world) -> None:
    harness = world
    w = harness.world
    shown = await harness.fake.slash(w.admin, "setup", language="ur", resource_approval="on")
    assert "ترتیبات محفوظ ہو گئیں" in shown.text
    r = await harness.fake.slash(w.alice, "report", target="https://example.org/fake-cure", category="misinformation")
    await r.wait_done()
    assert "R-0001" in r.text
    q = await harness.fake.slash(w.moderator, "reports queue", status="open", category="misinformation")
    assert "R-0001" in str(q.embeds)


async def test_fact_check_and_network_pickers_name_both_languages(harness) -> None:
    from bot.domain.factchecks import VERDICTS

    on_off = {"on": "on · آن", "off": "off · آف"}
    for sub in ("publish", "correct", "list"):
        verdict = names(option_choices(harness, "factcheck", "verdict", sub=sub))
        assert list(verdict) == list(VERDICTS), sub
        assert verdict["misleading"] == "Misleading · گمراہ کن"
    assert names(option_choices(harness, "network", "factchecks", sub="share")) == on_off
    assert names(option_choices(harness, "network", "resources", sub="share")) == on_off
    assert names(option_choices(harness, "setup", "network_verdicts")) == on_off
